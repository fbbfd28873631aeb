// StaffSession, the staff screens' model: its cache changes only on a refresh or an action, the
// actions write their audit events, the event tag reaches its listener, and an export runs on the
// session's own thread and reports Done or Failed with what the manifest says.
#include <catch2/catch.hpp>

#include "kiosk/crypto/seal.h"
#include "tests/support/sealed_rows.h"

#include <filesystem>
#include <string>
#include <vector>

#include "kiosk/app/staff_session.h"
#include "kiosk/crypto/record_signature.h"
#include "kiosk/crypto/seal.h"
#include "offline-cache/uuid.h"
#include "test_outbox_util.h"

using namespace kiosk;
using outbox_test::TempDir;

namespace {

// A sign-up as the kiosk stores it: sealed to the demo key, signed.
store::NewSubmission signup(Clock& clock, const std::string& name) {
  store::NewSubmission s;
  s.form_id = "signup";
  s.program_id = "neighborhood-watch";
  return kiosk::testing::sealed(
      s, R"({"answers":{"first_name":")" + name + R"(","home":{"street":"7 Test Lane"}}})", clock,
      "3f0c6d4e-8a1b-4c2d-9e3f-5a6b7c8d9e0f");
}

// A sign-up as the kiosk saves it since issue 10 (sealed to the demo key, signed with the data
// dir's key): only such records are exported.
store::NewSubmission sealed_signup(store::Outbox& outbox, const std::string& data_dir,
                                   Clock& clock) {
  const auto key = crypto::KioskSigningKey::load_or_create(data_dir);
  crypto::RecordSignedFields f;
  f.id = store::uuid_v4();
  f.form_id = "signup";
  f.form_version = 1;
  f.program_id = "neighborhood-watch";
  f.created_at = format_rfc3339(clock.wall());
  f.collected_by_kiosk_id = f.signer_kiosk_id = outbox.kiosk_id();
  f.sealed_to = crypto::DepartmentPublicKey::demo().key_id();
  f.sealed_payload = crypto::seal(crypto::DepartmentPublicKey::demo(), std::string("{}"));
  store::NewSubmission s;
  s.id = f.id;
  s.created_at = f.created_at;
  s.form_id = f.form_id;
  s.program_id = f.program_id;
  s.sealed_payload = f.sealed_payload;
  s.sealed_to = f.sealed_to;
  s.signer_kiosk_id = f.signer_kiosk_id;
  s.collector_public_key = key.public_key_base64();
  s.signature = *crypto::sign_record(key, f);
  return s;
}

bool has_event(store::Outbox& o, const std::string& kind, const std::string& detail) {
  for (const auto& e : o.events(50))
    if (e.kind == kind && e.detail == detail) return true;
  return false;
}

}  // namespace

TEST_CASE("staff session: lists and counts are a cache, refreshed on request only") {
  TempDir dir("staff-session");
  VirtualClock clock = outbox_test::make_clock();
  store::Outbox outbox(dir.path(), clock);
  const std::string first = outbox.enqueue(signup(clock, "Robin"));
  clock.advance(std::chrono::seconds(5));
  outbox.enqueue(signup(clock, "Alex"));
  StaffSession s(clock, dir.path());
  s.connect(&outbox, nullptr);

  CHECK_FALSE(s.counts().known);  // nothing read yet
  s.refresh_counts();
  CHECK(s.counts().pending == 2);
  s.show_list(StaffList::Pending);
  REQUIRE(s.records().size() == 2);
  CHECK(s.records()[0].id == first);  // oldest first
  CHECK(s.records()[0].sealed);       // metadata only: the answers are sealed

  outbox.enqueue(signup(clock, "Sam"));
  CHECK(s.records().size() == 2);  // no refresh, no change
  CHECK(s.counts().pending == 2);
  sync::SyncSnapshot snap;
  snap.state = sync::EngineState::Offline;
  snap.counts = outbox.counts();
  s.on_snapshot(snap);  // the engine's news refreshes both
  CHECK(s.counts().pending == 3);
  CHECK(s.records().size() == 3);

  s.show_record(first);
  REQUIRE(s.record());
  // Staff see how the record is sealed, never what it says.
  CHECK(s.record()->sealed);
  CHECK(s.record()->has_answers);
  CHECK(s.record()->sealed_to == crypto::DepartmentPublicKey::demo().key_id());
  CHECK(s.record()->sealed_bytes > crypto::kSealOverheadBytes);
  s.show_record("no-such-id");
  CHECK_FALSE(s.record());
  CHECK(s.record_error().empty());  // gone, not failing
}

TEST_CASE("staff session: retry, discard, tag, profile and send now, with their audit events") {
  TempDir dir("staff-session");
  VirtualClock clock = outbox_test::make_clock();
  store::Outbox outbox(dir.path(), clock);
  const std::string id = outbox.enqueue(signup(clock, "Robin"));
  REQUIRE(outbox.claim(id));
  outbox.mark_rejected(id, "the server refused it");
  StaffSession s(clock, dir.path());
  s.connect(&outbox, nullptr);
  std::vector<std::string> tags;
  s.on_event_tag([&](const std::string& t) { tags.push_back(t); });

  s.show_record(id);
  REQUIRE(s.record());
  CHECK(s.record()->status == store::Status::Rejected);
  CHECK(s.retry(id) == StaffOutcome::Done);
  REQUIRE(s.record());
  CHECK(s.record()->status == store::Status::Pending);  // the cache follows the action
  CHECK(has_event(outbox, "retry_now", id));

  CHECK(s.discard(id) == StaffOutcome::Done);
  CHECK(s.record()->status == store::Status::Discarded);
  CHECK_FALSE(s.record()->has_answers);
  CHECK(s.discard(id) == StaffOutcome::NotAllowed);
  CHECK(has_event(outbox, "discarded", id));

  CHECK(s.set_event_tag("Community Meeting 2026") == StaffOutcome::Done);
  CHECK(s.event_tag() == "Community Meeting 2026");
  CHECK(outbox.setting("event_tag") == "Community Meeting 2026");
  CHECK(has_event(outbox, "event_tag", "Community Meeting 2026"));
  REQUIRE(!tags.empty());
  CHECK(tags.back() == "Community Meeting 2026");

  App app(clock, AppSettings{});
  CHECK(s.set_profile(app, Profile::Booth) == StaffOutcome::Done);
  CHECK(app.profile() == Profile::Booth);
  CHECK(has_event(outbox, "profile", "booth"));

  CHECK(s.send_now() == StaffOutcome::NotRunning);  // no engine in this process
  sync::SyncSnapshot offline;
  offline.state = sync::EngineState::Offline;
  s.on_snapshot(offline);
  CHECK(s.send_now() == StaffOutcome::NoServer);

  s.connect(nullptr, nullptr);
  CHECK(s.retry(id) == StaffOutcome::NoStore);
}

TEST_CASE("staff session: an export runs on its own thread and reports what it wrote") {
  TempDir dir("staff-session");
  TempDir stick("staff-stick");
  VirtualClock clock = outbox_test::make_clock();
  store::Outbox outbox(dir.path(), clock);
  outbox.enqueue(sealed_signup(outbox, dir.path(), clock));
  outbox.enqueue(sealed_signup(outbox, dir.path(), clock));
  StaffSession s(clock, dir.path());
  s.connect(&outbox, nullptr);

  CHECK(s.export_progress().phase == ExportProgress::Phase::Idle);
  REQUIRE(s.start_export(stick.path()));
  s.wait_for_export();
  CHECK(s.take_export_finished());
  CHECK_FALSE(s.take_export_finished());  // once
  ExportProgress x = s.export_progress();
  REQUIRE(x.phase == ExportProgress::Phase::Done);
  CHECK(x.result.count == 2);
  CHECK(std::filesystem::exists(x.result.jsonl_path));
  CHECK_FALSE(x.manifest_unreadable);
  bool count_line = false;
  for (const auto& [k, v] : x.manifest) count_line = count_line || (k == "count" && v == "2");
  CHECK(count_line);
  for (const auto& r : outbox.list(store::Status::Pending, 10)) CHECK(r.exported_at);

  REQUIRE(s.start_export(stick.file("not-there")));
  s.wait_for_export();
  CHECK(s.take_export_finished());
  x = s.export_progress();
  CHECK(x.phase == ExportProgress::Phase::Failed);
  CHECK_FALSE(x.error.empty());
  s.clear_export();
  CHECK(s.export_progress().phase == ExportProgress::Phase::Idle);
}
