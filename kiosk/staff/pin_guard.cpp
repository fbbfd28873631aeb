// The staff PIN: Argon2id hashing, constant-time verification, and the persisted lockout.
#include "kiosk/staff/pin_guard.h"

#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <stdexcept>

#include "kiosk/core/log.h"

namespace kiosk::staff {
namespace {

constexpr const char* kHashKey = "staff_pin_hash";
constexpr const char* kFailuresKey = "staff_pin_failures";
constexpr const char* kLockedUntilKey = "staff_pin_locked_until";

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

std::string PinGuard::check_new_pin(const std::string& pin) {
  if (pin.size() < 4 || pin.size() > 12) return "The PIN must be 4 to 12 digits long.";
  for (char c : pin)
    if (c < '0' || c > '9') return "The PIN must be digits only (0 to 9).";
  return "";
}

void PinGuard::set_pin(const std::string& pin) {
  if (std::string why = check_new_pin(pin); !why.empty()) throw std::invalid_argument(why);
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(hash, pin.data(), pin.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    throw std::runtime_error("not enough memory to hash the PIN");
  }
  outbox_.set_setting(kHashKey, hash);
  outbox_.set_setting(kFailuresKey, "0");
  outbox_.set_setting(kLockedUntilKey, "0");
  locked_until_mono_ = Clock::Mono{};
  outbox_.record_event("pin_set", "staff PIN set");
}

int PinGuard::failures() {
  return static_cast<int>(std::min<int64_t>(parse_int(outbox_.setting(kFailuresKey)), 1 << 20));
}

// The stored lockout, seen from the wall clock. A clock set back would make it look longer than it
// was ever meant to be: it is cut to one lockout length from now and stored that way.
Clock::Millis PinGuard::remaining_from_settings() {
  const int64_t until = parse_int(outbox_.setting(kLockedUntilKey));
  if (until == 0) return Clock::Millis{0};
  const int64_t now = wall_ms(clock_);
  if (until <= now) return Clock::Millis{0};
  const Clock::Millis longest = lockout_length(std::max(1, failures() / kFailuresPerLockout));
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

PinAttempt PinGuard::verify(const std::string& pin_in) {
  WipedString pin{pin_in.size() <= kMaxPinInput ? pin_in : std::string()};
  const bool too_long = pin_in.size() > kMaxPinInput;
  const auto hash = outbox_.setting(kHashKey);
  if (!hash || hash->rfind("$argon2id$", 0) != 0) return {PinResult::NotSet, Clock::Millis{0}};
  if (Clock::Millis left = locked_for(); left.count() > 0) return {PinResult::LockedOut, left};
  // Nothing typed is no guess: it neither opens nor counts.
  if (pin_in.empty()) return {PinResult::Wrong, Clock::Millis{0}};

  const bool ok = !too_long && check_new_pin(pin.s).empty() &&
                  crypto_pwhash_str_verify(hash->c_str(), pin.s.data(), pin.s.size()) == 0;
  if (ok) {
    outbox_.set_setting(kFailuresKey, "0");
    outbox_.set_setting(kLockedUntilKey, "0");
    locked_until_mono_ = Clock::Mono{};
    outbox_.record_event("pin_ok", "staff mode opened");
    return {PinResult::Ok, Clock::Millis{0}};
  }
  const int n = failures() + 1;
  outbox_.record_event("pin_wrong", "wrong PIN (" + std::to_string(n) + " in a row)");
  if (n % kFailuresPerLockout != 0) {
    outbox_.set_setting(kFailuresKey, std::to_string(n));
    return {PinResult::Wrong, Clock::Millis{0}};
  }
  // The lockout is stored before the count, so a crash between the two cannot skip a lockout.
  const Clock::Millis length = lockout_length(n / kFailuresPerLockout);
  outbox_.set_setting(kLockedUntilKey, std::to_string(wall_ms(clock_) + length.count()));
  outbox_.set_setting(kFailuresKey, std::to_string(n));
  locked_until_mono_ = clock_.now() + length;
  outbox_.record_event("pin_locked", "locked for " + std::to_string(length.count() / 1000) +
                                         " s after " + std::to_string(n) + " wrong PINs in a row");
  log::warn("staff: " + std::to_string(n) + " wrong PINs in a row; staff mode locked for " +
            std::to_string(length.count() / 1000) + " s");
  return {PinResult::LockedOut, length};
}

}  // namespace kiosk::staff
