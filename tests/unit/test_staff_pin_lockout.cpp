// The staff PIN rules of issue 11 on a virtual clock: new PINs have 6 to 12 digits, a shorter PIN
// stored before that rule still opens (and asks to be changed), change_pin, the lockout level that
// decays one step per 24 h without a wrong PIN instead of resetting on a right one, an audit event
// per lockout, settings from before the level existed, and the heartbeat's `pin_lockouts_24h` and
// `heartbeat_minutes`.
#include <sodium.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "kiosk/staff/pin_guard.h"
#include "kiosk/sync/heartbeat.h"
#include "kiosk/sync/pin_lockouts.h"
#include "staff_pin_rig.h"

using namespace kiosk;
using namespace std::chrono_literals;
using staff::PinAttempt;
using staff::PinGuard;
using staff::PinResult;

namespace {

struct Rig : staff_pin_test::PinRig {
  Rig() : PinRig("staff-pin-rules") {}
  // Wrong PINs until a lockout; the lockout's length.
  Clock::Millis lock() {
    for (int i = 1; i <= PinGuard::kFailuresPerLockout; ++i) {
      PinAttempt a = guard->verify("000000");
      if (a.result == PinResult::LockedOut) return a.locked_for;
      REQUIRE(a.result == PinResult::Wrong);
    }
    FAIL("no lockout after 5 wrong PINs");
    return Clock::Millis{0};
  }
  // A PIN hash stored the way PinGuard stored one before the 6-digit rule.
  void store_legacy_pin(const std::string& pin) {
    char hash[crypto_pwhash_STRBYTES];
    REQUIRE(crypto_pwhash_str(hash, pin.data(), pin.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0);
    outbox->set_setting("staff_pin_hash", hash);
  }
};

class RecordingTransport final : public sync::HttpTransport {
 public:
  explicit RecordingTransport(std::vector<std::string>& bodies) : bodies_(bodies) {}
  sync::HttpReply post(const std::string& body, const std::vector<std::string>&) override {
    bodies_.push_back(body);
    sync::HttpReply r;
    r.transport = sync::Transport::Ok;
    r.status = 204;
    return r;
  }
  void cancel() override {}

 private:
  std::vector<std::string>& bodies_;
};

}  // namespace

TEST_CASE("new PINs: 6 to 12 digits - set_pin and change_pin refuse anything else") {
  CHECK(PinGuard::check_new_pin("123456").empty());
  CHECK(PinGuard::check_new_pin("123456789012").empty());
  CHECK(PinGuard::new_pin_problem("12345") == staff::NewPinProblem::Length);
  CHECK(PinGuard::new_pin_problem("1234567890123") == staff::NewPinProblem::Length);
  CHECK(PinGuard::new_pin_problem("12345a") == staff::NewPinProblem::NotDigits);
  CHECK(PinGuard::check_new_pin("2468").find("6 to 12") != std::string::npos);

  Rig r;
  CHECK_THROWS_AS(r.guard->set_pin("2468"), std::invalid_argument);
  CHECK_THROWS_AS(r.guard->set_pin("24680"), std::invalid_argument);
  CHECK_FALSE(r.guard->is_set());
  r.guard->set_pin("246813");
  CHECK(r.guard->verify("246813").result == PinResult::Ok);
  CHECK_FALSE(r.guard->verify("246813").needs_change);
  // A short new PIN is refused before the old one is checked: no guess is spent on it.
  CHECK_THROWS_AS(r.guard->change_pin("246813", "1357"), std::invalid_argument);
  CHECK(r.guard->attempts_left() == PinGuard::kFailuresPerLockout);
  CHECK(r.guard->verify("246813").result == PinResult::Ok);
}

TEST_CASE("a 4-digit PIN stored before the rule still opens, and asks to be changed") {
  Rig r;
  r.store_legacy_pin("2468");
  REQUIRE(r.guard->is_set());
  PinAttempt a = r.guard->verify("2468");
  CHECK(a.result == PinResult::Ok);
  CHECK(a.needs_change);
  CHECK(r.guard->verify("1357").result == PinResult::Wrong);

  // Changing it: a wrong old PIN counts as a wrong PIN; the right one replaces it.
  PinAttempt wrong = r.guard->change_pin("1111", "97531864");
  CHECK(wrong.result == PinResult::Wrong);
  CHECK(r.guard->attempts_left() == PinGuard::kFailuresPerLockout - 2);
  PinAttempt changed = r.guard->change_pin("2468", "97531864");
  CHECK(changed.result == PinResult::Ok);
  CHECK_FALSE(changed.needs_change);
  CHECK(r.events_of("pin_changed") == 1);
  CHECK(r.guard->verify("2468").result == PinResult::Wrong);
  PinAttempt now = r.guard->verify("97531864");
  CHECK(now.result == PinResult::Ok);
  CHECK_FALSE(now.needs_change);
}

TEST_CASE("lockout: a right PIN does not reset the level - it decays one step per 24 h") {
  Rig r;
  r.guard->set_pin("246813");
  CHECK(r.lock() == 5min);
  r.clock.advance(5min);
  CHECK(r.guard->verify("246813").result == PinResult::Ok);
  // The right PIN cleared the count of wrong PINs, not the level: the next lockout is longer.
  CHECK(r.guard->attempts_left() == 5);
  CHECK(r.lock() == 10min);
  CHECK(r.guard->lockout_level() == 2);
  r.clock.advance(10min);
  CHECK(r.guard->verify("246813").result == PinResult::Ok);
  CHECK(r.lock() == 20min);
  CHECK(r.guard->lockout_level() == 3);

  SECTION("24 h without a wrong PIN after the lockout ends: one step down") {
    r.clock.advance(20min + 24h - 1s);
    CHECK(r.guard->lockout_level() == 3);
    r.clock.advance(1s);
    CHECK(r.guard->lockout_level() == 2);
    CHECK(r.lock() == 20min);  // level 2 + 1: the third length again, not the fourth
  }
  SECTION("three quiet days: back to the first length, and across a restart") {
    r.clock.advance(20min + 72h);
    r.restart();
    CHECK(r.guard->lockout_level() == 0);
    CHECK(r.lock() == 5min);
  }
  SECTION("a wrong PIN within the 24 h starts the quiet time again") {
    r.clock.advance(20min + 23h);
    CHECK(r.guard->verify("000000").result == PinResult::Wrong);
    r.clock.advance(23h);
    CHECK(r.guard->lockout_level() == 3);
    r.clock.advance(1h);
    CHECK(r.guard->lockout_level() == 2);
  }
  SECTION("a wall clock set back gives no decay") {
    r.clock.advance(20min);
    r.clock.jump_wall(-48h);
    r.clock.advance(24h);
    CHECK(r.guard->lockout_level() == 3);
  }
}

TEST_CASE("lockout: every lockout is a pin_locked audit event, without the PIN") {
  Rig r;
  r.guard->set_pin("246813");
  for (int i = 1; i <= 4; ++i) {
    const Clock::Millis len = r.lock();
    CHECK(r.events_of("pin_locked") == i);
    r.clock.advance(len);
  }
  for (const auto& e : r.outbox->events(1000)) {
    INFO(e.kind << ": " << e.detail);
    CHECK(e.detail.find("246813") == std::string::npos);
    CHECK(e.detail.find("000000") == std::string::npos);
  }
  bool level_named = false;
  for (const auto& e : r.outbox->events(1000))
    level_named = level_named ||
                  (e.kind == "pin_locked" && e.detail.find("lockout level 4") != std::string::npos);
  CHECK(level_named);
}

TEST_CASE("lockout: settings written before the level existed keep their lockouts") {
  Rig r;
  r.store_legacy_pin("246813");
  // Seven wrong PINs in a row under the old scheme: one lockout served, two wrong since (no level
  // and no time of the last wrong PIN were stored then).
  r.outbox->set_setting("staff_pin_failures", "7");
  r.restart();
  CHECK(r.guard->attempts_left() == 3);
  CHECK(r.guard->lockout_level() == 1);
  SECTION("a right PIN keeps the level the old count implied") {
    CHECK(r.guard->verify("246813").result == PinResult::Ok);
    CHECK(r.guard->lockout_level() == 1);
    CHECK(r.lock() == 10min);
  }
  SECTION("three more wrong PINs make the second lockout") {
    CHECK(r.guard->verify("000000").result == PinResult::Wrong);
    CHECK(r.guard->verify("000000").result == PinResult::Wrong);
    PinAttempt third = r.guard->verify("000000");
    CHECK(third.result == PinResult::LockedOut);
    CHECK(third.locked_for == 10min);
  }
}

TEST_CASE("heartbeat: pin_lockouts_24h counts the lockouts of the last 24 h") {
  Rig r;
  r.guard->set_pin("246813");
  std::vector<std::string> bodies;
  sync::Heartbeat hb(std::make_unique<RecordingTransport>(bodies), r.clock, 15min, "1.0");

  hb.run_if_due(*r.outbox);
  REQUIRE(bodies.size() == 1);
  auto j = nlohmann::json::parse(bodies.back());
  CHECK(j.at("pin_lockouts_24h") == 0);
  CHECK(j.at("heartbeat_minutes") == 15);

  r.clock.advance(r.lock());  // 5 min
  r.clock.advance(r.lock());  // 10 min
  r.clock.advance(15min);
  hb.run_if_due(*r.outbox);
  REQUIRE(bodies.size() == 2);
  j = nlohmann::json::parse(bodies.back());
  CHECK(j.at("pin_lockouts_24h") == 2);
  CHECK(sync::pin_lockouts_24h(*r.outbox, r.clock.wall()) == 2);

  // A day after the first one, only the second is left; a day after that, none.
  r.clock.advance(24h - 30min + 1s);
  CHECK(sync::pin_lockouts_24h(*r.outbox, r.clock.wall()) == 1);
  r.clock.advance(1h);
  hb.run_if_due(*r.outbox);
  j = nlohmann::json::parse(bodies.back());
  CHECK(j.at("pin_lockouts_24h") == 0);
  // Nothing personal, nothing of the PIN.
  CHECK(bodies.back().find("246813") == std::string::npos);
}

TEST_CASE("pin lockout log: damaged entries are skipped and old ones dropped") {
  outbox_test::TempDir dir{"pin-lockout-log"};
  VirtualClock clock;
  store::Outbox outbox(dir.path(), clock);
  CHECK(sync::pin_lockouts_24h(outbox, clock.wall()) == 0);
  outbox.set_setting(sync::kPinLockoutsSetting, "x,,99999999999999999999999,12");
  CHECK(sync::pin_lockouts_24h(outbox, clock.wall()) == 0);
  sync::note_pin_lockout(outbox, clock.wall());
  CHECK(sync::pin_lockouts_24h(outbox, clock.wall()) == 1);
  CHECK(outbox.setting(sync::kPinLockoutsSetting)->find("12,") == std::string::npos);
}
