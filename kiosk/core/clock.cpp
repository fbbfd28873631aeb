// Real and virtual clocks, and the process-wide clock chosen from KIOSK_VIRTUAL_CLOCK.
#include "kiosk/core/clock.h"

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <memory>

namespace kiosk {

using namespace std::chrono;

bool RealClock::wait_until(std::unique_lock<std::mutex>& lock, std::condition_variable& cv,
                           Mono deadline, const std::function<bool()>& done) {
  return cv.wait_until(lock, deadline, done);
}

VirtualClock::VirtualClock(Wall wall_start) : wall_start_(wall_start) {}

Clock::Mono VirtualClock::now() const { return Mono{} + nanoseconds(mono_ns_.load()) + hours(1); }

Clock::Wall VirtualClock::wall() const {
  return wall_start_ + duration_cast<system_clock::duration>(
                           nanoseconds(mono_ns_.load() + wall_offset_ns_.load()));
}

void VirtualClock::advance(Millis d) { mono_ns_ += duration_cast<nanoseconds>(d).count(); }
void VirtualClock::jump_wall(Millis d) { wall_offset_ns_ += duration_cast<nanoseconds>(d).count(); }

bool VirtualClock::wait_until(std::unique_lock<std::mutex>& lock, std::condition_variable& cv,
                              Mono deadline, const std::function<bool()>& done) {
  while (!done() && now() < deadline) cv.wait_for(lock, milliseconds(5));
  return done();
}

namespace {
std::atomic<bool> g_virtual_allowed{true};

const char* virtual_clock_env() {
  const char* v = std::getenv("KIOSK_VIRTUAL_CLOCK");
  return v && *v ? v : nullptr;
}

std::unique_ptr<Clock> make_process_clock() {
  const char* v = virtual_clock_env();
  if (!v || !g_virtual_allowed) return std::make_unique<RealClock>();
  Clock::Wall start;
  if (std::string(v) != "1" && parse_rfc3339(v, start))
    return std::make_unique<VirtualClock>(start);
  return std::make_unique<VirtualClock>(
      time_point_cast<system_clock::duration>(system_clock::now()));
}
}  // namespace

Clock& process_clock() {
  static std::unique_ptr<Clock> clock = make_process_clock();
  return *clock;
}

bool allow_virtual_clock(bool allowed) {
  g_virtual_allowed = allowed;
  return !allowed && virtual_clock_env() != nullptr;
}

VirtualClock* process_virtual_clock() { return dynamic_cast<VirtualClock*>(&process_clock()); }

int64_t wall_minus_mono_ns(const Clock& c) {
  using std::chrono::duration_cast;
  using std::chrono::nanoseconds;
  return duration_cast<nanoseconds>(c.wall().time_since_epoch()).count() -
         duration_cast<nanoseconds>(c.now().time_since_epoch()).count();
}

std::string format_rfc3339(Clock::Wall t) {
  std::time_t s = system_clock::to_time_t(time_point_cast<seconds>(t));
  std::tm tm{};
  gmtime_r(&s, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

bool parse_rfc3339(const std::string& s, Clock::Wall& out) {
  int y, mo, d, h, mi, se;
  char z = 0;
  if (std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c", &y, &mo, &d, &h, &mi, &se, &z) != 7 ||
      z != 'Z')
    return false;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60) return false;
  // system_clock counts nanoseconds (1677 to 2262): a year past that overflowed from_time_t
  // (found by tests/fuzz in an imported record's created_at). 2200 is the sender's "never".
  if (y < 1900 || y > 2261) return false;
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = se;
  out = system_clock::from_time_t(timegm(&tm));
  return true;
}

}  // namespace kiosk
