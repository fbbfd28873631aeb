// ui_set_pin DATA_DIR DIGITS: stores a staff PIN hash in a fresh test data dir before a staff UI
// script runs (run_script.cmake's "# set-pin:" header). Test-only: a real kiosk gets its PIN from
// `kiosk --set-pin`, which reads it from standard input, never from the command line.
//
// A PIN of 6 to 12 digits goes through PinGuard::set_pin, as in the product. A shorter one (1 to 5
// digits) is a PIN from before the 6-digit rule, which the product can no longer set but must
// still accept: it is hashed and stored here directly, the way PinGuard stored it then, so scripts
// can show what a kiosk with such a PIN does (the dashboard asks to change it).
#include <sodium.h>

#include <cstdio>
#include <exception>
#include <string>

#include "kiosk/staff/pin_guard.h"

namespace {

bool legacy_digits(const std::string& pin) {
  if (pin.empty() || pin.size() >= kiosk::staff::PinGuard::kMinNewDigits) return false;
  for (char c : pin)
    if (c < '0' || c > '9') return false;
  return true;
}

void set_legacy_pin(kiosk::store::Outbox& outbox, const std::string& pin) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(hash, pin.data(), pin.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    throw std::runtime_error("not enough memory to hash the PIN");
  outbox.set_setting("staff_pin_hash", hash);
  outbox.set_setting("staff_pin_failures", "0");
  outbox.set_setting("staff_pin_locked_until", "0");
  outbox.record_event("pin_set", "staff PIN set");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: ui_set_pin DATA_DIR DIGITS\n");
    return 2;
  }
  try {
    kiosk::store::Outbox outbox(argv[1]);
    const std::string pin = argv[2];
    if (legacy_digits(pin)) {
      set_legacy_pin(outbox, pin);
    } else {
      kiosk::staff::PinGuard guard(outbox, kiosk::process_clock());
      guard.set_pin(pin);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "ui_set_pin: %s\n", e.what());
    return 1;
  }
  return 0;
}
