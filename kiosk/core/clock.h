// Clock: the one source of time for idle timeouts, lockouts, backoff and retention.
// RealClock reads the OS; VirtualClock only moves when told to, so tests advance time instead of
// sleeping. A process runs on a virtual clock when KIOSK_VIRTUAL_CLOCK is set and its run mode
// allows it (see process_clock() and allow_virtual_clock()).
#pragma once
#include <atomic>
#include <chrono>
#include <cstdint>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>

namespace kiosk {

class Clock {
 public:
  using Mono = std::chrono::steady_clock::time_point;
  using Wall = std::chrono::system_clock::time_point;
  using Millis = std::chrono::milliseconds;

  virtual ~Clock() = default;
  // Monotonic time: never jumps. Use it for every duration (timeouts, backoff).
  virtual Mono now() const = 0;
  // Wall-clock (UTC) time: may jump on a booth without time sync. Use it only for timestamps.
  virtual Wall wall() const = 0;
  virtual bool is_virtual() const { return false; }

  // Blocks until now() >= deadline or `done()` is true, waking on `cv`. Returns done().
  // The caller holds `lock` (the mutex `cv` is used with). A virtual clock re-checks every few
  // real milliseconds, so a thread sleeping on it wakes soon after another thread advances it.
  virtual bool wait_until(std::unique_lock<std::mutex>& lock, std::condition_variable& cv,
                          Mono deadline, const std::function<bool()>& done) = 0;
};

class RealClock final : public Clock {
 public:
  Mono now() const override { return std::chrono::steady_clock::now(); }
  Wall wall() const override { return std::chrono::system_clock::now(); }
  bool wait_until(std::unique_lock<std::mutex>& lock, std::condition_variable& cv, Mono deadline,
                  const std::function<bool()>& done) override;
};

class VirtualClock final : public Clock {
 public:
  // Starts at `wall_start` (UTC); monotonic time starts at an arbitrary fixed origin.
  explicit VirtualClock(Wall wall_start = Wall{} + std::chrono::hours(24 * 365 * 56));
  Mono now() const override;
  Wall wall() const override;
  bool is_virtual() const override { return true; }
  bool wait_until(std::unique_lock<std::mutex>& lock, std::condition_variable& cv, Mono deadline,
                  const std::function<bool()>& done) override;

  void advance(Millis d);
  // Moves only the wall clock (a booth's clock being set or jumping); monotonic time is unaffected.
  void jump_wall(Millis d);

 private:
  std::atomic<int64_t> mono_ns_{0};
  std::atomic<int64_t> wall_offset_ns_{0};
  Wall wall_start_;
};

// The clock this process runs on: a VirtualClock when KIOSK_VIRTUAL_CLOCK is set in the environment
// (value "1" or an RFC 3339 UTC start time such as "2026-08-04T18:00:00Z") and the process allows
// it (allow_virtual_clock), else a RealClock.
Clock& process_clock();

// A virtual clock is a test hook: it freezes every timer, the idle wipe included. main() calls this
// before anything reads the clock: `allowed` false makes process_clock() real whatever the
// environment says. Returns true when KIOSK_VIRTUAL_CLOCK is set and is being ignored (the caller
// logs it once). Without a call (unit tests, tools) the variable is honoured.
bool allow_virtual_clock(bool allowed);
// The process clock as a VirtualClock, or nullptr when the process runs on real time.
VirtualClock* process_virtual_clock();

// "2026-11-21T23:49:06Z" (UTC, seconds precision) and back. parse returns false on bad input.
std::string format_rfc3339(Clock::Wall t);
bool parse_rfc3339(const std::string& s, Clock::Wall& out);

// Wall time minus monotonic time (ns): constant while nobody sets the clock, so a change between
// two readings is how far the wall clock jumped (positive: forward).
int64_t wall_minus_mono_ns(const Clock& c);

}  // namespace kiosk
