// BenchStats: the frame-loop hook `make bench` reads (bench/README.md, "Frame statistics").
// Off unless the environment variable KIOSK_BENCH_STATS names a file: then each drawn frame's wall
// and process-CPU time is kept in memory and the whole record is written to that file at exit.
// When off, each call is one branch on a cached flag; nothing is allocated or written.
#pragma once

namespace kiosk::ui::bench_stats {

// Call first thing when a frame starts, and after the frame was presented (SwapWindow returned).
// `moving`: a drag or inertia scrolled content in this frame (the frames the benchmark compares).
void frame_begin();
void frame_end(bool moving);

}  // namespace kiosk::ui::bench_stats
