// toml_guard: a check run before toml++ parses a config, for a bug in the toml++ Debian 12 ships.
// toml++ 3.3.0 reaches __builtin_unreachable() (undefined behaviour) on some non-ASCII characters
// outside strings and comments ("é = 1"; marzer/tomlplusplus#295, fixed upstream by #305). Valid
// TOML has non-ASCII text only inside strings (quoted keys included) and comments, so such a
// character is refused here, with its line and column, before the parser ever sees it.
#pragma once

#include <optional>
#include <string>

namespace kiosk {

// "line L, column C: ..." for the first byte >= 0x80 outside a string or comment; nullopt if none.
// Never refuses valid TOML; an unterminated string simply runs to its end (the parser reports it).
std::optional<std::string> toml_non_ascii_outside_strings(const std::string& text);

}  // namespace kiosk
