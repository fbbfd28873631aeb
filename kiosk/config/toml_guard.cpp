// toml_guard: finds non-ASCII bytes outside whole-line comments (see toml_guard.h for why).
#include "kiosk/config/toml_guard.h"

#include <cstddef>

namespace kiosk {

std::optional<std::string> toml_non_ascii_outside_comments(const std::string& text) {
  std::size_t line = 1, line_start = 0;
  bool comment_line = false, blank_so_far = true;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++line;
      line_start = i + 1;
      comment_line = false;
      blank_so_far = true;
      continue;
    }
    if (blank_so_far && c != ' ' && c != '\t') {
      blank_so_far = false;
      comment_line = c == '#';
    }
    if (c >= 0x80 && !comment_line)
      return "line " + std::to_string(line) + ", column " + std::to_string(i - line_start + 1) +
             ": a character outside ASCII; this file takes them only in comments on a line of "
             "their own (in a quoted string, write \\u00e9 for \xC3\xA9)";
  }
  return std::nullopt;
}

}  // namespace kiosk
