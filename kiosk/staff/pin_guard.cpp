// The staff PIN: Argon2id hashing, constant-time verification, and the persisted lockout.
#include "kiosk/staff/pin_guard.h"

#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <stdexcept>

#include "kiosk/core/log.h"
#include "kiosk/sync/pin_lockouts.h"

namespace kiosk::staff {
namespace {

constexpr const char* kHashKey = "staff_pin_hash";
constexpr const char* kFailuresKey = "staff_pin_failures";
constexpr const char* kLockedUntilKey = "staff_pin_locked_until";
constexpr const char* kLevelKey = "staff_pin_level";
constexpr const char* kLastFailureKey = "staff_pin_last_failure";
// A level past this is 24 h anyway; the cap keeps hand-edited values from overflowing anything.
constexpr int kMaxLevel = 1000;

// A longer input cannot be a PIN: refused before hashing, so 10 kB of input costs nothing.
constexpr std::size_t kMaxPinInput = 64;

void init_sodium() {
  // sodium_init is idempotent and thread-safe; < 0 means no usable random source.
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
}

int64_t wall_ms(const Clock& clock) {
  return std::chrono::duration_cast<Clock::Millis>(clock.wall().time_since_epoch()).count();
}

int64_t parse_int(const std::optional<std::string>& s) {
  if (!s || s->empty() || s->size() > 18) return 0;
  int64_t v = 0;
  for (char c : *s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return 0;  // hand-edited: treat as none
    v = v * 10 + (c - '0');
  }
  return v;
}

// What verify() will hash: digits only, at most kMaxDigits. Deliberately not the new-PIN rule, so
// a PIN set before that rule still opens.
bool could_be_pin(const std::string& pin) {
  if (pin.empty() || pin.size() > PinGuard::kMaxDigits) return false;
  for (char c : pin)
    if (c < '0' || c > '9') return false;
  return true;
}

// A copy of the PIN that is wiped when it goes out of scope.
struct WipedString {
  std::string s;
  ~WipedString() {
    if (!s.empty()) sodium_memzero(s.data(), s.size());
  }
};

}  // namespace

PinGuard::PinGuard(store::Outbox& outbox, Clock& clock) : outbox_(outbox), clock_(clock) {
  init_sodium();
}

Clock::Millis PinGuard::lockout_length(int nth) {
  if (nth < 1) return Clock::Millis{0};
  Clock::Millis d = kFirstLockout;
  for (int i = 1; i < nth && d < kMaxLockout; ++i) d *= 2;
  return std::min(d, kMaxLockout);
}

bool PinGuard::is_set() {
  const auto hash = outbox_.setting(kHashKey);
  return hash && hash->rfind("$argon2id$", 0) == 0;
}

NewPinProblem PinGuard::new_pin_problem(const std::string& pin) {
  if (pin.size() < kMinNewDigits || pin.size() > kMaxDigits) return NewPinProblem::Length;
  for (char c : pin)
    if (c < '0' || c > '9') return NewPinProblem::NotDigits;
  return NewPinProblem::None;
}

std::string PinGuard::check_new_pin(const std::string& pin) {
  switch (new_pin_problem(pin)) {
    case NewPinProblem::None: return "";
    case NewPinProblem::Length: return "The PIN must be 6 to 12 digits long.";
    case NewPinProblem::NotDigits: return "The PIN must be digits only (0 to 9).";
  }
  return "The PIN is not acceptable.";
}

void PinGuard::store_hash(const std::string& pin) {
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(hash, pin.data(), pin.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    throw std::runtime_error("not enough memory to hash the PIN");
  }
  outbox_.set_setting(kHashKey, hash);
}

void PinGuard::set_pin(const std::string& pin) {
  if (std::string why = check_new_pin(pin); !why.empty()) throw std::invalid_argument(why);
  store_hash(pin);
  outbox_.set_setting(kFailuresKey, "0");
  outbox_.set_setting(kLevelKey, "0");
  outbox_.set_setting(kLockedUntilKey, "0");
  locked_until_mono_ = Clock::Mono{};
  outbox_.record_event("pin_set", "staff PIN set");
}

// Settings from before the level existed held every wrong PIN in a row in "staff_pin_failures":
// the remainder is the count since the last lockout, and the quotient the level.
int PinGuard::failures() {
  const int64_t raw = std::min<int64_t>(parse_int(outbox_.setting(kFailuresKey)), 1 << 20);
  return static_cast<int>(raw % kFailuresPerLockout);
}

int PinGuard::stored_level() {
  const auto level = outbox_.setting(kLevelKey);
  const int64_t v =
      level ? parse_int(level) : parse_int(outbox_.setting(kFailuresKey)) / kFailuresPerLockout;
  return static_cast<int>(std::min<int64_t>(v, kMaxLevel));
}

int PinGuard::lockout_level() {
  const int level = stored_level();
  if (level == 0) return 0;
  // Quiet time starts at the last wrong PIN, or at the end of its lockout (no guess can fail
  // while locked, so the lockout itself is not quiet time).
  const int64_t since = std::max(parse_int(outbox_.setting(kLastFailureKey)),
                                 parse_int(outbox_.setting(kLockedUntilKey)));
  // No time to count from (settings from before the level existed): no decay until the next
  // wrong PIN stores one.
  if (since == 0) return level;
  const int64_t now = wall_ms(clock_);
  if (now <= since) return level;  // includes a wall clock set back: no decay
  const int64_t steps = (now - since) / kLevelDecay.count();
  return static_cast<int>(std::max<int64_t>(0, level - steps));
}

int PinGuard::attempts_left() { return kFailuresPerLockout - failures(); }

// The stored lockout, seen from the wall clock. A clock set back would make it look longer than it
// was ever meant to be: it is cut to one lockout length from now and stored that way.
Clock::Millis PinGuard::remaining_from_settings() {
  const int64_t until = parse_int(outbox_.setting(kLockedUntilKey));
  if (until == 0) return Clock::Millis{0};
  const int64_t now = wall_ms(clock_);
  if (until <= now) return Clock::Millis{0};
  const Clock::Millis longest = lockout_length(std::max(1, stored_level()));
  Clock::Millis left{until - now};
  if (left > longest) {
    left = longest;
    outbox_.set_setting(kLockedUntilKey, std::to_string(now + longest.count()));
    log::warn("staff: the PIN lockout ended later than possible (wall clock set back?); cut to " +
              std::to_string(longest.count() / 1000) + " s");
  }
  return left;
}

Clock::Millis PinGuard::locked_for() {
  const Clock::Mono now = clock_.now();
  const Clock::Millis mono_left =
      locked_until_mono_ > now ? std::chrono::duration_cast<Clock::Millis>(locked_until_mono_ - now)
                               : Clock::Millis{0};
  return std::max(mono_left, remaining_from_settings());
}

PinAttempt PinGuard::verify(const std::string& pin) { return attempt(pin, true); }

PinAttempt PinGuard::change_pin(const std::string& old_pin, const std::string& new_pin) {
  if (std::string why = check_new_pin(new_pin); !why.empty()) throw std::invalid_argument(why);
  PinAttempt a = attempt(old_pin, false);
  if (a.result != PinResult::Ok) return a;
  store_hash(new_pin);
  outbox_.record_event("pin_changed", "staff PIN changed on the kiosk screen");
  a.needs_change = false;
  return a;
}

PinAttempt PinGuard::attempt(const std::string& pin_in, bool opening) {
  WipedString pin{pin_in.size() <= kMaxPinInput ? pin_in : std::string()};
  const bool too_long = pin_in.size() > kMaxPinInput;
  const auto hash = outbox_.setting(kHashKey);
  if (!hash || hash->rfind("$argon2id$", 0) != 0) return {PinResult::NotSet, Clock::Millis{0}};
  if (Clock::Millis left = locked_for(); left.count() > 0) return {PinResult::LockedOut, left};
  // Nothing typed is no guess: it neither opens nor counts.
  if (pin_in.empty()) return {PinResult::Wrong, Clock::Millis{0}};

  const bool ok = !too_long && could_be_pin(pin.s) &&
                  crypto_pwhash_str_verify(hash->c_str(), pin.s.data(), pin.s.size()) == 0;
  if (ok) {
    // The count of wrong PINs starts afresh; the level does not (it decays with time only). It is
    // stored first: settings from before the level existed derive it from the count.
    outbox_.set_setting(kLevelKey, std::to_string(stored_level()));
    outbox_.set_setting(kFailuresKey, "0");
    locked_until_mono_ = Clock::Mono{};
    if (opening) outbox_.record_event("pin_ok", "staff mode opened");
    PinAttempt a{PinResult::Ok, Clock::Millis{0}};
    a.needs_change = pin.s.size() < kMinNewDigits;
    return a;
  }
  const int level = lockout_level();  // decayed up to now; stored below with the new reference
  const int n = failures() + 1;
  const int64_t now = wall_ms(clock_);
  outbox_.record_event("pin_wrong", "wrong PIN (" + std::to_string(n) + " in a row)");
  if (n < kFailuresPerLockout) {
    outbox_.set_setting(kLevelKey, std::to_string(level));
    outbox_.set_setting(kLastFailureKey, std::to_string(now));
    outbox_.set_setting(kFailuresKey, std::to_string(n));
    return {PinResult::Wrong, Clock::Millis{0}};
  }
  // The lockout is stored before the count, so a crash between the two cannot skip a lockout.
  const int next_level = std::min(level + 1, kMaxLevel);
  const Clock::Millis length = lockout_length(next_level);
  outbox_.set_setting(kLockedUntilKey, std::to_string(now + length.count()));
  outbox_.set_setting(kLevelKey, std::to_string(next_level));
  outbox_.set_setting(kLastFailureKey, std::to_string(now));
  outbox_.set_setting(kFailuresKey, "0");
  locked_until_mono_ = clock_.now() + length;
  outbox_.record_event("pin_locked", "locked for " + std::to_string(length.count() / 1000) +
                                         " s after " + std::to_string(n) +
                                         " wrong PINs in a row (lockout level " +
                                         std::to_string(next_level) + ")");
  sync::note_pin_lockout(outbox_, clock_.wall());
  log::warn("staff: " + std::to_string(n) + " wrong PINs in a row; staff mode locked for " +
            std::to_string(length.count() / 1000) + " s");
  return {PinResult::LockedOut, length};
}

}  // namespace kiosk::staff
