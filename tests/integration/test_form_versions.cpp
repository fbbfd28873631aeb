// Form versions end to end with the real `kiosk` binary: a crash report made with released
// version 1 (its US-only phone field) sits pending in kiosk 1 beside a current (version 3) one
// with a UK phone; after the upgrade both --export, --import into a fresh kiosk 2 (which knows version 1
// from assets/forms/crash_report.v1.json) and --sync-once to the test server, each arriving once
// with its own form version.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <set>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "kiosk/crypto/department_key.h"
#include "kiosk/crypto/signing_key.h"
#include "offline-cache/outbox.h"
#include "tests/support/kiosk_cli.h"
#include "tests/support/test_server.h"
#include "tests/support/upload_config.h"

using nlohmann::json;
namespace fs = std::filesystem;
using namespace kiosk::test_cli;  // Run, read_file, write_file, lines
using kiosk::test_upload::ScratchDir;
using kiosk::test_upload::TestServer;

namespace {

Run run_kiosk(const ScratchDir& dir, const std::vector<std::string>& args) {
  return kiosk::test_cli::run_kiosk(
      args, {.work = dir.path(), .config_home = dir / "xdg", .timeout_s = 60});
}

}  // namespace

TEST_CASE("a version 1 crash report still exports, imports and uploads after the upgrade") {
  ScratchDir d("kiosk-form-versions");
  const std::string k1 = d / "kiosk1", k2 = d / "kiosk2", usb = d / "usb";
  fs::create_directories(usb);
  Run keys = run_kiosk(d, {"--new-department-keys", d / "dept"});
  REQUIRE(keys.code == 0);
  const std::string dept = d / "dept";
  TestServer server(d / "server", {.department_secret_files = {dept + "/department.secret"}});
  const std::string config = write_upload_config(d, server, dept);

  // Version 1 as it was released: its example and its refusal of a non-US number.
  Run ex1 = run_kiosk(d, {"--answers-example", "crash_report.v1"});
  INFO(ex1.err);
  REQUIRE(ex1.code == 0);
  json v1 = json::parse(ex1.out);
  CHECK(v1.at("requester_phone") == "(555) 555-0123");
  v1["requester_phone"] = "+44 20 7946 0958";
  write_file(d / "v1.json", v1.dump());
  Run refused = run_kiosk(d, {"--data-dir", k1, "--config", config, "--submit", "crash_report.v1",
                              "--answers", d / "v1.json"});
  CHECK(refused.code == 1);
  CHECK(refused.out == "requester_phone: Enter a 10-digit US phone number, like (555) 555-0123.\n");
  v1["requester_phone"] = "(555) 555-0123";
  write_file(d / "v1.json", v1.dump());
  Run s1 = run_kiosk(d, {"--data-dir", k1, "--config", config, "--submit", "crash_report.v1",
                         "--answers", d / "v1.json"});
  INFO(s1.err);
  REQUIRE(s1.code == 0);

  // The current version (3) beside it, with a UK phone.
  Run ex2 = run_kiosk(d, {"--answers-example", "crash_report"});
  REQUIRE(ex2.code == 0);
  write_file(d / "v2.json", ex2.out);
  Run s2 = run_kiosk(d, {"--data-dir", k1, "--config", config, "--submit", "crash_report",
                         "--answers", d / "v2.json"});
  INFO(s2.err);
  REQUIRE(s2.code == 0);

  std::map<std::string, int> version_of;
  {
    kiosk::store::Outbox box(k1);
    for (const auto& s : box.list(kiosk::store::Status::Pending, 10))
      version_of[s.id] = s.form_version;
    server.register_collector(
        box.kiosk_id(), kiosk::crypto::KioskSigningKey::load_or_create(k1).public_key_base64());
  }
  REQUIRE(version_of.size() == 2);
  std::multiset<int> versions;
  for (const auto& [id, v] : version_of) versions.insert(v);
  CHECK(versions == std::multiset<int>{1, 3});

  Run e = run_kiosk(d, {"--data-dir", k1, "--export", usb});
  INFO(e.out << e.err);
  REQUIRE(e.code == 0);
  REQUIRE(lines(e.out).size() == 3);
  CHECK(lines(e.out)[0] == "exported 2 pending record(s)");
  Run i = run_kiosk(d, {"--data-dir", k2, "--import", lines(e.out)[1]});
  INFO(i.out << i.err);
  REQUIRE(i.code == 0);
  CHECK(i.out == "imported: 2 added, 0 already present\n");

  Run up = run_kiosk(d, {"--data-dir", k2, "--config", config, "--sync-once"});
  INFO(up.out << up.err);
  CHECK(up.code == 0);
  auto records = server.records();
  REQUIRE(records.size() == 2);
  for (const auto& r : records) {
    const std::string id = r["envelope"]["id"];
    REQUIRE(version_of.count(id) == 1);
    CHECK(r["envelope"]["form_version"] == version_of[id]);
    INFO(r["opened"].dump());
    const std::string phone = r["opened"].dump();
    CHECK(phone.find(version_of[id] == 1 ? "\"+15555550123\"" : "\"+442079460958\"") !=
          std::string::npos);
  }
  kiosk::store::Outbox two(k2);
  CHECK(two.counts().sent == 2);
}
