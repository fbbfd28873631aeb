// The recent staff PIN lockouts, kept in the outbox's settings: staff::PinGuard notes each one and
// the heartbeat reports how many fell in the last 24 hours (`pin_lockouts_24h`), so a department
// hears of someone guessing at an unwatched kiosk. It lives in kiosk/sync because kiosk_staff
// builds on kiosk_sync, not the reverse.
//
// Setting "staff_pin_lockouts": the wall-clock times (ms since the Unix epoch, UTC) of the lockouts
// of the last 24 hours, comma-separated; older ones are dropped whenever one is noted, so the list
// stays short (at most a few dozen: the lockouts double from 5 minutes).
#pragma once
#include <cstdint>

#include "kiosk/core/clock.h"
#include "offline-cache/outbox.h"

namespace kiosk::sync {

inline constexpr const char* kPinLockoutsSetting = "staff_pin_lockouts";
inline constexpr Clock::Millis kPinLockoutWindow{24 * 60 * 60 * 1000};

// Notes a lockout that began at `at`. Throws store::StoreError.
void note_pin_lockout(store::Outbox& outbox, Clock::Wall at);
// Lockouts that began in (now - 24 h, now]; a time after `now` (a wall clock set back since) counts
// too, so setting the clock back does not hide them. Throws store::StoreError.
int64_t pin_lockouts_24h(store::Outbox& outbox, Clock::Wall now);

}  // namespace kiosk::sync
