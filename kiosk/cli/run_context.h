// RunContext: what every run mode gets from main(): parsed options, config and resolved paths.
// The headless commands take it whole; the GUI gets its own ui::GuiLaunch, filled by main().
#pragma once
#include <string>
#include <vector>

#include "kiosk/cli/options.h"
#include "kiosk/config/config.h"

namespace kiosk {

struct RunContext {
  Options options;
  Config config;                           // defaults where the config file was invalid
  std::vector<std::string> config_errors;  // non-empty: the GUI shows them (Out of service)
  std::string data_dir;                    // created by main() before any mode runs
  std::string content_dir;                 // --content, else config's content_dir; empty = bundled
  std::string lang;                        // "en" or "es"
};

}  // namespace kiosk
