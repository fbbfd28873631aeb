// CliWorld: one integration test's world for the kiosk's form commands — its own config home,
// data dir and answers file — with the runs the form tests make in it (`--submit`,
// `--answers-example`) and the records they leave in the outbox. Shared by test_cli_forms,
// test_cli_reqforms and test_cli_event_signup so a change to how the binary is run is made once.
#pragma once
#include <catch2/catch.hpp>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "offline-cache/outbox.h"
#include "tests/support/kiosk_cli.h"
#include "tests/support/test_server.h"

namespace kiosk::test_cli {

class CliWorld {
 public:
  explicit CliWorld(const std::string& prefix) : home(prefix) {}

  test_upload::ScratchDir home;
  std::filesystem::path data() const { return home / "data"; }
  std::filesystem::path file(const std::string& name) const { return home / name; }

  // The kiosk with these arguments, after `--data-dir DATA` unless `with_data_dir` is false.
  Run run(const std::vector<std::string>& args, bool with_data_dir = true) const {
    std::vector<std::string> all;
    if (with_data_dir) all = {"--data-dir", data().string()};
    all.insert(all.end(), args.begin(), args.end());
    return run_kiosk(all,
                     {.work = home.path(), .cwd = home.path(), .config_home = home / "config"});
  }

  // `--answers-example FORM EXTRA...`, required to succeed, as JSON.
  nlohmann::json example(const std::string& form, const std::vector<std::string>& extra = {},
                         bool with_data_dir = true) const {
    std::vector<std::string> args = {"--answers-example", form};
    args.insert(args.end(), extra.begin(), extra.end());
    Run r = run(args, with_data_dir);
    INFO(r.err);
    REQUIRE(r.code == 0);
    return nlohmann::json::parse(r.out);
  }

  // `--submit FORM --answers FILE EXTRA...` with `answers` written to FILE.
  Run submit(const std::string& form, const nlohmann::json& answers,
             const std::vector<std::string>& extra = {}) const {
    write_file(file("answers.json"), answers.dump(2));
    std::vector<std::string> args = {"--submit", form, "--answers", file("answers.json").string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return run(args);
  }

  // The records waiting in the outbox (none when the data dir holds no store yet).
  std::vector<store::Submission> stored() const {
    if (!std::filesystem::exists(data() / "kiosk.db")) return {};
    return store::Outbox(data().string()).list(store::Status::Pending, 1000);
  }
};

}  // namespace kiosk::test_cli
