// toml_guard: a check run before toml++ parses a config, for a bug in the toml++ Debian 12 ships.
// toml++ 3.3.0 reaches __builtin_unreachable() (undefined behaviour) when it tests some non-ASCII
// characters for whitespace (U+00A1-U+0499, U+2D3E-U+3137: marzer/tomlplusplus#295, fixed upstream
// by #305), which it does while scanning keys, values and the text after a value. So a config may
// hold non-ASCII bytes only on whole-line comments; inside a quoted string, \u escapes say the same
// ("Vest\u00edbulo"). A stricter rule than TOML's, but one whose safety needs no second parser:
// the config harness (tests/fuzz) found inputs where any finer rule and toml++ disagreed.
#pragma once

#include <optional>
#include <string>

namespace kiosk {

// "line L, column C: ..." for the first byte >= 0x80 that is not on a line whose first non-blank
// character is '#'; nullopt if there is none.
std::optional<std::string> toml_non_ascii_outside_comments(const std::string& text);

}  // namespace kiosk
