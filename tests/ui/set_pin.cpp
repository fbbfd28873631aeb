// ui_set_pin DATA_DIR DIGITS: stores a staff PIN hash in a fresh test data dir before a staff UI
// script runs (run_script.cmake's "# set-pin:" header). Test-only: a real kiosk gets its PIN from
// `kiosk --set-pin`, which reads it from standard input, never from the command line.
#include <cstdio>
#include <exception>

#include "kiosk/staff/pin_guard.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: ui_set_pin DATA_DIR DIGITS\n");
    return 2;
  }
  try {
    kiosk::store::Outbox outbox(argv[1]);
    kiosk::staff::PinGuard guard(outbox, kiosk::process_clock());
    guard.set_pin(argv[2]);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "ui_set_pin: %s\n", e.what());
    return 1;
  }
  return 0;
}
