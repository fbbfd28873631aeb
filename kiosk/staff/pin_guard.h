// PinGuard: the staff PIN. Stored only as an Argon2id hash (libsodium crypto_pwhash_str) in the
// outbox's settings table; verified in constant time; wrong guesses lock staff mode out.
//
// Invariants (tested in tests/unit/test_staff_pin.cpp and test_staff_pin_lockout.cpp):
// - The PIN itself is never stored, logged or put in an audit event; copies are wiped.
// - A new PIN has 6 to 12 digits (set_pin, change_pin). verify() does not apply that rule: a
//   shorter PIN set before it still opens, and says so (PinAttempt::needs_change).
// - After every 5th wrong PIN, verify() refuses for the lockout of the current level: 5 minutes,
//   then 10, 20, ... (capped at 24 h). A right PIN clears the count of wrong PINs but not the
//   level; the level falls one step per 24 hours without a wrong PIN (counted from the last wrong
//   PIN or the end of its lockout, whichever is later), so a patient guesser does not get a fresh
//   start from a staff member's login. Each lockout is a pin_locked audit event and is noted for
//   the heartbeat (kiosk/sync/pin_lockouts.h).
// - The lockout is kept in settings, so a restart does not end it; a wall clock set back cannot
//   lengthen it past one lockout length from the moment that is noticed.
// - verify() hashes outside any transaction; its writes are short ones (settings, audit event).
// Settings keys: "staff_pin_hash", "staff_pin_failures" (wrong PINs since the last lockout or
// right PIN), "staff_pin_level" (lockouts in a row, before decay), "staff_pin_last_failure" and
// "staff_pin_locked_until" (ms since the Unix epoch, UTC). Audit event kinds: pin_set, pin_ok,
// pin_wrong, pin_locked, pin_changed.
#pragma once
#include <string>

#include "kiosk/core/clock.h"
#include "offline-cache/outbox.h"

namespace kiosk::staff {

enum class PinResult { Ok, Wrong, LockedOut, NotSet };

struct PinAttempt {
  PinResult result = PinResult::Wrong;
  Clock::Millis locked_for{0};  // > 0 with LockedOut: how long until the next attempt is allowed
  bool needs_change = false;  // Ok: the PIN is shorter than a new PIN may be (set before the rule)
};

// What is wrong with a PIN offered as a new one (the screen words it from the string tables).
enum class NewPinProblem { None, Length, NotDigits };

class PinGuard {
 public:
  PinGuard(store::Outbox& outbox, Clock& clock);  // the caller's connection; keeps references

  bool is_set();
  static NewPinProblem new_pin_problem(const std::string& pin);
  // "" when acceptable, else English words (6 to 12 digits, nothing else).
  static std::string check_new_pin(const std::string& pin);
  // Argon2id (crypto_pwhash_str) into settings; clears failures, level and lockout (whoever runs
  // `kiosk --set-pin` owns the data dir). Throws std::invalid_argument (bad pin: check_new_pin's
  // words) or store::StoreError.
  void set_pin(const std::string& pin);
  // Ok, Wrong, LockedOut (also the result of the wrong PIN that starts a lockout) or NotSet.
  // Records pin_ok / pin_wrong / pin_locked audit events. Throws store::StoreError.
  PinAttempt verify(const std::string& pin);
  // Staff on the screen: `old_pin` is checked exactly as verify() checks it (a wrong one counts
  // towards a lockout); when it is right, `new_pin` replaces it (pin_changed) and the result is
  // Ok. The lockout level stays. Throws std::invalid_argument when `new_pin` breaks the rule
  // (checked first: a bad new PIN costs no guess) or store::StoreError.
  PinAttempt change_pin(const std::string& old_pin, const std::string& new_pin);
  Clock::Millis locked_for();  // 0 when not locked out
  // Wrong PINs left before the next lockout (1 .. kFailuresPerLockout).
  int attempts_left();
  // The lockout level now, after the decay (0: the next lockout lasts kFirstLockout).
  int lockout_level();

  static constexpr std::size_t kMinNewDigits = 6;
  static constexpr std::size_t kMaxDigits = 12;
  static constexpr int kFailuresPerLockout = 5;
  static constexpr Clock::Millis kLevelDecay{24 * 60 * 60 * 1000};
  static constexpr Clock::Millis kFirstLockout{5 * 60 * 1000};
  static constexpr Clock::Millis kMaxLockout{24 * 60 * 60 * 1000};
  // The lockout that the n-th (1-based) lockout in a row lasts: 5 min doubling, at most 24 h.
  static Clock::Millis lockout_length(int nth);

 private:
  PinAttempt attempt(const std::string& pin, bool opening);
  void store_hash(const std::string& pin);
  int failures();
  int stored_level();
  Clock::Millis remaining_from_settings();

  store::Outbox& outbox_;
  Clock& clock_;
  Clock::Mono locked_until_mono_{};  // this process's view: immune to wall-clock jumps
};

}  // namespace kiosk::staff
