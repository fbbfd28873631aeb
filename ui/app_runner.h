// run_gui: the kiosk's GUI mode (full screen, --windowed, or driven by --script).
// Owns the platform (SDL window, GL context), fonts, App model and screens for the process's life.
// main.cpp (the composition root) fills GuiLaunch from the command line and config: the UI never
// sees the CLI's own types (docs/architecture.md, "Include direction").
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "kiosk/app/app.h"
#include "kiosk/config/config.h"

namespace kiosk::ui {

struct GuiLaunch {
  Config config;                           // defaults where the config file was invalid
  std::vector<std::string> config_errors;  // non-empty: the Out of service screen lists these
  // A rejected department bundle: set by run_gui from choose_content (main leaves it empty).
  ContentProblem content_problem;
  std::string data_dir;                         // exists already (main creates it)
  std::string content_dir;                      // empty = the bundled content
  std::string lang;                             // "en" or "es": the attract screen's language
  std::optional<std::pair<int, int>> windowed;  // a development window instead of full screen
  std::string script_path;  // non-empty: a test script drives the GUI (kiosk --script)
  // Test hooks, set only with a script (kiosk/cli/options.h):
  std::string bench_stats_path;  // --bench-stats FILE: frame statistics and PSS written at exit
  std::string screenshot_dir;    // --screenshots DIR: besides the data dir, where shots may go
};

// Returns the exit code: 0 normal exit, 1 a failed script, 2 no display / cannot start.
int run_gui(const GuiLaunch& launch);

}  // namespace kiosk::ui
