// A PinGuard on its own outbox and virtual clock, restartable, for the staff PIN tests
// (test_staff_pin.cpp, test_staff_pin_lockout.cpp).
#pragma once

#include <memory>
#include <string>

#include "kiosk/core/clock.h"
#include "kiosk/staff/pin_guard.h"
#include "test_outbox_util.h"

namespace staff_pin_test {

struct PinRig {
  explicit PinRig(const char* name) : dir(name) {}
  outbox_test::TempDir dir;
  kiosk::VirtualClock clock;
  std::unique_ptr<kiosk::store::Outbox> outbox =
      std::make_unique<kiosk::store::Outbox>(dir.path(), clock);
  std::unique_ptr<kiosk::staff::PinGuard> guard =
      std::make_unique<kiosk::staff::PinGuard>(*outbox, clock);

  // A restart: a new connection and a new guard on the same data dir (same clock).
  void restart() {
    guard.reset();
    outbox = std::make_unique<kiosk::store::Outbox>(dir.path(), clock);
    guard = std::make_unique<kiosk::staff::PinGuard>(*outbox, clock);
  }
  int events_of(const std::string& kind) {
    int n = 0;
    for (const auto& e : outbox->events(1000)) n += e.kind == kind;
    return n;
  }
};

}  // namespace staff_pin_test
