// run_gui: the kiosk's GUI mode (full screen, --windowed, or driven by --script).
// Owns the platform (SDL window, GL context), fonts, App model and screens for the process's life.
#pragma once
#include "kiosk/cli/run_context.h"

namespace kiosk::ui {

// Returns the exit code: 0 normal exit, 1 a failed script, 2 no display / cannot start.
int run_gui(const RunContext& ctx);

}  // namespace kiosk::ui
