// PinGuard: the staff PIN. Stored only as an Argon2id hash (libsodium crypto_pwhash_str) in the
// outbox's settings table; verified in constant time; wrong guesses lock staff mode out.
//
// Invariants (tested in tests/unit/test_staff_pin.cpp):
// - The PIN itself is never stored, logged or put in an audit event; copies are wiped.
// - After every 5th wrong PIN in a row, verify() refuses for 5 minutes, then 10, 20, ... (capped at
//   24 h). The lockout is kept in settings, so a restart does not end it; a wall clock set back
//   cannot lengthen it past one lockout length from the moment that is noticed.
// - verify() hashes outside any transaction; its writes are short ones (settings, audit event).
// Settings keys: "staff_pin_hash", "staff_pin_failures", "staff_pin_locked_until" (ms since the
// Unix epoch, UTC). Audit event kinds: pin_set, pin_ok, pin_wrong, pin_locked.
#pragma once
#include <string>

#include "kiosk/core/clock.h"
#include "offline-cache/outbox.h"

namespace kiosk::staff {

enum class PinResult { Ok, Wrong, LockedOut, NotSet };

struct PinAttempt {
  PinResult result = PinResult::Wrong;
  Clock::Millis locked_for{0};  // > 0 with LockedOut: how long until the next attempt is allowed
};

class PinGuard {
 public:
  PinGuard(store::Outbox& outbox, Clock& clock);  // the caller's connection; keeps references

  bool is_set();
  // "" when acceptable, else English words (4 to 12 digits, nothing else).
  static std::string check_new_pin(const std::string& pin);
  // Argon2id (crypto_pwhash_str) into settings; clears failures and lockout. Throws
  // std::invalid_argument (bad pin: check_new_pin's words) or store::StoreError.
  void set_pin(const std::string& pin);
  // Ok, Wrong, LockedOut (also the result of the wrong PIN that starts a lockout) or NotSet.
  // Records pin_ok / pin_wrong / pin_locked audit events. Throws store::StoreError.
  PinAttempt verify(const std::string& pin);
  Clock::Millis locked_for();  // 0 when not locked out

  static constexpr int kFailuresPerLockout = 5;
  static constexpr Clock::Millis kFirstLockout{5 * 60 * 1000};
  static constexpr Clock::Millis kMaxLockout{24 * 60 * 60 * 1000};
  // The lockout that the n-th (1-based) lockout in a row lasts: 5 min doubling, at most 24 h.
  static Clock::Millis lockout_length(int nth);

 private:
  int failures();
  Clock::Millis remaining_from_settings();

  store::Outbox& outbox_;
  Clock& clock_;
  Clock::Mono locked_until_mono_{};  // this process's view: immune to wall-clock jumps
};

}  // namespace kiosk::staff
