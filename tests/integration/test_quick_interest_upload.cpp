// Quick interest records end to end (issue 17): a booth visitor's quick sign-up for two programs,
// saved by the QuickInterest model into a kiosk data dir as the kiosk saves it (sealed to the
// department's key, signed with the kiosk's own key, one transaction), then the real `kiosk`
// binary: --status counts two pending records, --export carries both, --sync-once uploads both
// to the test server like any sign-up, and the department opens each: one per program, the same
// name and contact, "quick_interest": "yes".
#include <catch2/catch.hpp>

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "kiosk/app/quick_interest.h"
#include "kiosk/content/catalogue.h"
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

TEST_CASE("quick interest records are stored, exported and uploaded like any sign-up") {
  ScratchDir d("kiosk-quick-interest");
  const std::string k1 = d / "kiosk1", usb = d / "usb";
  fs::create_directories(usb);
  Run keys = run_kiosk(d, {"--new-department-keys", d / "dept"});
  REQUIRE(keys.code == 0);
  const std::string dept = d / "dept";
  TestServer server(d / "server", {.department_secret_files = {dept + "/department.secret"}});
  const std::string config = write_upload_config(d, server, dept);
  auto dept_key = kiosk::crypto::read_department_public_file(dept + "/department.public");
  REQUIRE(dept_key.ok());

  std::string kiosk_id;
  std::vector<std::string> codes;
  {
    // The booth: the kiosk's own outbox, department key and signing key, as the runner wires them.
    kiosk::VirtualClock clock(kiosk::process_clock().wall());
    kiosk::store::Outbox box(k1, clock);
    kiosk_id = box.kiosk_id();
    auto signing = std::make_shared<const kiosk::crypto::KioskSigningKey>(
        kiosk::crypto::KioskSigningKey::load_or_create(k1));
    server.register_collector(kiosk_id, signing->public_key_base64());
    kiosk::QuickInterest q(
        clock,
        [&box](const std::vector<kiosk::store::NewSubmission>& rows) {
          return kiosk::store_all(box, rows);
        },
        [&] {
          return kiosk::SealingIdentity{*dept_key, signing, kiosk_id};
        });
    q.start(kiosk::bundled_catalogue(), kiosk::Lang::En);
    q.set_focus(std::string(kiosk::kQuickFirstName));
    q.type("Maya");
    q.set_focus(std::string(kiosk::kQuickLastName));
    q.type("Okafor");
    q.set_contact(kiosk::QuickContact::Phone);
    q.set_focus(std::string(kiosk::kQuickPhone));
    q.type("+44 20 7946 0958");
    q.set_agreed(true);
    q.toggle("national-night-out");
    q.toggle("community-cleanup");
    REQUIRE(q.submit("Riverside Festival 2026") == kiosk::QuickInterest::SubmitResult::Saved);
    for (const auto& c : q.codes()) codes.push_back(c.code);
  }
  REQUIRE(codes.size() == 2);

  Run status = run_kiosk(d, {"--data-dir", k1, "--config", config, "--status"});
  INFO(status.out << status.err);
  REQUIRE(status.code == 0);
  CHECK(json::parse(status.out)["counts"]["pending"] == 2);

  Run e = run_kiosk(d, {"--data-dir", k1, "--export", usb});
  INFO(e.out << e.err);
  REQUIRE(e.code == 0);
  CHECK(lines(e.out)[0] == "exported 2 pending record(s)");

  Run up = run_kiosk(d, {"--data-dir", k1, "--config", config, "--sync-once"});
  INFO(up.out << up.err);
  CHECK(up.code == 0);
  auto records = server.records();
  REQUIRE(records.size() == 2);
  std::set<std::string> programs;
  for (const auto& r : records) {
    INFO(r.dump());
    CHECK(r["envelope"]["form_id"] == "signup");
    CHECK(r["envelope"]["event_tag"] == "Riverside Festival 2026");
    const json& opened = r["opened"];
    CHECK(opened["answers"]["quick_interest"] == "yes");
    CHECK(opened["answers"]["first_name"] == "Maya");
    CHECK(opened["answers"]["phone"] == "+442079460958");
    CHECK_FALSE(opened["answers"].contains("email"));
    programs.insert(opened["program_id"].get<std::string>());
  }
  CHECK(programs == std::set<std::string>{"national-night-out", "community-cleanup"});
  kiosk::store::Outbox after(k1);
  CHECK(after.counts().sent == 2);
  CHECK(after.counts().pending == 0);
}
