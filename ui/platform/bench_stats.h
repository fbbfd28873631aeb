// BenchStats: the frame-loop hook `make bench` reads (bench/README.md, "Frame statistics").
// Off unless enable() named a file (kiosk --script ... --bench-stats FILE; bare_window likewise):
// then each drawn frame's wall and process-CPU time is kept in memory and the whole record, with
// the process's own memory (PSS from /proc/self: a non-dumpable process's smaps are closed to
// others), is written to that file at exit. When off, each call is one branch on a cached flag.
#pragma once
#include <string>

namespace kiosk::ui::bench_stats {

// Turns the recorder on, writing to `path` at exit. Call before the first frame.
void enable(const std::string& path);

// Call first thing when a frame starts, and after the frame was presented (SwapWindow returned).
// `moving`: a drag or inertia scrolled content in this frame (the frames the benchmark compares).
void frame_begin();
void frame_end(bool moving);

}  // namespace kiosk::ui::bench_stats
