// BenchStats: records frame times in memory once enable()d (--bench-stats); writes them at exit.
// File format (text, one record per line; times from CLOCK_MONOTONIC and CLOCK_PROCESS_CPUTIME_ID):
//   first_frame_mono_ns N          CLOCK_MONOTONIC when the first frame had been presented
//   first_frame_cpu_ns N           the process's CPU time (all threads) by then
//   frame START_US WALL_US CPU_US MOVING
//                                  per frame: CLOCK_MONOTONIC at its start, its wall time and its
//                                  process CPU time (all threads, so llvmpipe's rasterizer threads
//                                  count), MOVING 0/1
//   pss_kib N                      Pss of /proc/self/smaps_rollup at exit
//   private_dirty_kib N            its Private_Dirty
// The benchmark subtracts the launch instant it took just before exec from first_frame_mono_ns.
#include "ui/platform/bench_stats.h"

#include <time.h>

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

namespace kiosk::ui::bench_stats {
namespace {

int64_t ns(clockid_t id) {
  timespec ts{};
  clock_gettime(id, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

struct Frame {
  int64_t start_ns, wall_ns, cpu_ns;
  bool moving;
};

// Lives until static destruction, which writes the file (normal exit, script `quit`, SIGTERM via
// SDL_QUIT). A crash or kill -9 writes nothing: the benchmark then reports the run as failed.
class Recorder {
 public:
  void enable(const std::string& path) {
    path_ = path;
    if (on()) frames_.reserve(1 << 16);
  }
  ~Recorder() {
    if (!on()) return;
    std::FILE* f = std::fopen(path_.c_str(), "w");
    if (!f)
      return;  // the benchmark notices the missing file; the kiosk's exit is not the place to fail
    std::fprintf(f, "first_frame_mono_ns %lld\n", static_cast<long long>(first_frame_));
    std::fprintf(f, "first_frame_cpu_ns %lld\n", static_cast<long long>(first_cpu_));
    for (const Frame& fr : frames_)
      std::fprintf(f, "frame %lld %lld %lld %d\n", static_cast<long long>(fr.start_ns / 1000),
                   static_cast<long long>(fr.wall_ns / 1000),
                   static_cast<long long>(fr.cpu_ns / 1000), fr.moving ? 1 : 0);
    // Our own /proc/self is readable whatever PR_SET_DUMPABLE says; the benchmark's reading of
    // /proc/PID/smaps_rollup is not once the kiosk is non-dumpable (unless it runs as root).
    std::ifstream smaps("/proc/self/smaps_rollup");
    for (std::string line; std::getline(smaps, line);) {
      long long kib = 0;
      if (std::sscanf(line.c_str(), "Pss: %lld kB", &kib) == 1)
        std::fprintf(f, "pss_kib %lld\n", kib);
      else if (std::sscanf(line.c_str(), "Private_Dirty: %lld kB", &kib) == 1)
        std::fprintf(f, "private_dirty_kib %lld\n", kib);
    }
    std::fclose(f);
  }
  bool on() const { return !path_.empty(); }
  void begin() {
    wall0_ = ns(CLOCK_MONOTONIC);
    cpu0_ = ns(CLOCK_PROCESS_CPUTIME_ID);
  }
  void end(bool moving) {
    int64_t wall = ns(CLOCK_MONOTONIC), cpu = ns(CLOCK_PROCESS_CPUTIME_ID);
    if (first_frame_ == 0) {
      first_frame_ = wall;
      first_cpu_ = cpu;
    }
    frames_.push_back(Frame{wall0_, wall - wall0_, cpu - cpu0_, moving});
  }

 private:
  std::string path_;
  std::vector<Frame> frames_;
  int64_t first_frame_ = 0, first_cpu_ = 0, wall0_ = 0, cpu0_ = 0;
};

Recorder& recorder() {
  static Recorder r;
  return r;
}

}  // namespace

void enable(const std::string& path) { recorder().enable(path); }

void frame_begin() {
  if (recorder().on()) recorder().begin();
}

void frame_end(bool moving) {
  if (recorder().on()) recorder().end(moving);
}

}  // namespace kiosk::ui::bench_stats
