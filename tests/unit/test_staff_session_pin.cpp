// StaffSession's PIN-rule and offline intents (issues 11 and 14): a short PIN from before the
// 6-digit rule opens and asks to be changed, change_pin's outcomes in order (the new PIN twice
// first, then the old one), offline() from the engine's snapshot, and an export's end on the
// stick (a folder on the kiosk's own disk is flushed, never unmounted).
#include <sodium.h>

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "kiosk/app/staff_session.h"
#include "test_outbox_util.h"

using namespace kiosk;
using namespace std::chrono_literals;
using outbox_test::TempDir;
using PinChange = StaffSession::PinChange;

namespace {

void store_legacy_pin(store::Outbox& outbox, const std::string& pin) {
  char hash[crypto_pwhash_STRBYTES];
  REQUIRE(sodium_init() >= 0);
  REQUIRE(crypto_pwhash_str(hash, pin.data(), pin.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0);
  outbox.set_setting("staff_pin_hash", hash);
}

}  // namespace

TEST_CASE("staff session: a 4-digit PIN opens, the dashboard is asked to change it, change_pin") {
  TempDir dir("staff-session-pin");
  VirtualClock clock = outbox_test::make_clock();
  store::Outbox outbox(dir.path(), clock);
  store_legacy_pin(outbox, "2468");
  StaffSession s(clock, dir.path());
  s.connect(&outbox, nullptr);

  CHECK_FALSE(s.pin_change_advised());
  REQUIRE(s.check_pin("2468").attempt.result == staff::PinResult::Ok);
  CHECK(s.pin_change_advised());

  // The new PIN is checked before the old one: none of these spends a guess.
  CHECK(s.change_pin("2468", "1357", "1357").result == PinChange::BadLength);
  CHECK(s.change_pin("2468", "13579a", "13579a").result == PinChange::NotDigits);
  CHECK(s.change_pin("2468", "135790", "135791").result == PinChange::Mismatch);
  CHECK(s.change_pin("246800", "246800", "246800").result == PinChange::SameAsOld);
  CHECK(s.check_pin("0000").attempts_left == 4);  // only this one counted so far

  StaffSession::PinChangeCheck wrong = s.change_pin("1111", "135790", "135790");
  CHECK(wrong.result == PinChange::WrongOld);
  CHECK(wrong.attempts_left == 3);
  CHECK(s.pin_change_advised());

  CHECK(s.change_pin("2468", "135790", "135790").result == PinChange::Changed);
  CHECK_FALSE(s.pin_change_advised());
  CHECK(s.check_pin("2468").attempt.result == staff::PinResult::Wrong);
  StaffSession::PinCheck ok = s.check_pin("135790");
  CHECK(ok.attempt.result == staff::PinResult::Ok);
  CHECK_FALSE(ok.attempt.needs_change);
  CHECK_FALSE(s.pin_change_advised());
}

TEST_CASE("staff session: change_pin during a lockout says so and changes nothing") {
  TempDir dir("staff-session-pin");
  VirtualClock clock = outbox_test::make_clock();
  store::Outbox outbox(dir.path(), clock);
  StaffSession s(clock, dir.path());
  s.connect(&outbox, nullptr);
  staff::PinGuard(outbox, clock).set_pin("975310");
  for (int i = 0; i < 4; ++i)
    CHECK(s.change_pin("000000", "135790", "135790").result == PinChange::WrongOld);
  StaffSession::PinChangeCheck locked = s.change_pin("000000", "135790", "135790");
  CHECK(locked.result == PinChange::LockedOut);
  CHECK(locked.locked_for == 5min);
  CHECK(s.change_pin("975310", "135790", "135790").result == PinChange::LockedOut);
  clock.advance(5min);
  CHECK(s.check_pin("975310").attempt.result == staff::PinResult::Ok);
}

TEST_CASE("staff session: offline follows the engine's snapshot") {
  TempDir dir("staff-session-pin");
  VirtualClock clock = outbox_test::make_clock();
  StaffSession s(clock, dir.path());
  CHECK_FALSE(s.offline());  // no snapshot yet: nothing known
  sync::SyncSnapshot snap;
  snap.state = sync::EngineState::Offline;
  s.on_snapshot(snap);
  CHECK(s.offline());
  CHECK(s.send_now() == StaffOutcome::NoServer);
  snap.state = sync::EngineState::ConfigFault;
  s.on_snapshot(snap);
  CHECK(s.offline());
  snap.state = sync::EngineState::Idle;
  s.on_snapshot(snap);
  CHECK_FALSE(s.offline());
}

TEST_CASE(
    "staff session: an export into a folder on the kiosk's disk ends flushed, not unmounted") {
  TempDir dir("staff-session-pin");
  TempDir stick("staff-stick");
  VirtualClock clock = outbox_test::make_clock();
  store::Outbox outbox(dir.path(), clock);
  StaffSession s(clock, dir.path());
  s.connect(&outbox, nullptr);
  std::vector<std::vector<std::string>> calls;
  staff::EjectOptions o;
  o.run = [&](const std::vector<std::string>& argv) {
    calls.push_back(argv);
    return 0;
  };
  s.set_eject_options(o);
  REQUIRE(s.start_export(stick.path()));
  s.wait_for_export();
  ExportProgress x = s.export_progress();
  REQUIRE(x.phase == ExportProgress::Phase::Done);
  CHECK_FALSE(x.manifest_unreadable);  // read back before anything could unmount the stick
  CHECK(x.stick == staff::StickState::NotUnmounted);
  CHECK(calls.empty());
}
