// toml_guard: finds non-ASCII bytes outside TOML strings and comments (see toml_guard.h for why).
#include "kiosk/config/toml_guard.h"

#include <cstddef>

namespace kiosk {

std::optional<std::string> toml_non_ascii_outside_strings(const std::string& text) {
  const std::size_t n = text.size();
  std::size_t line = 1, line_start = 0;
  auto at = [&](std::size_t i, const char* s) { return text.compare(i, 3, s) == 0; };
  std::size_t i = 0;
  // Skips a string opened at i (quote q, `multi` for a triple quote); returns the index after it.
  // Basic strings (") take backslash escapes; literal strings (') do not. A multi-line string may
  // end with up to two more quotes than its delimiter (TOML 1.0); a one-line string ends at a
  // newline at the latest, so an unterminated one cannot hide the rest of the file.
  auto skip_string = [&](std::size_t j, char q, bool multi) {
    j += multi ? 3 : 1;
    while (j < n) {
      const char c = text[j];
      if (c == '\\' && q == '"') {
        if (j + 1 < n && text[j + 1] == '\n') {
          ++line;
          line_start = j + 2;
        }
        j += 2;
        continue;
      }
      if (c == '\n') {
        if (!multi) return j;
        ++line;
        line_start = j + 1;
      }
      if (c == q && (!multi || at(j, q == '"' ? "\"\"\"" : "'''"))) {
        j += multi ? 3 : 1;
        for (int extra = 0; multi && extra < 2 && j < n && text[j] == q; ++extra) ++j;
        return j;
      }
      ++j;
    }
    return j;
  };
  while (i < n) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '#') {
      while (i < n && text[i] != '\n') ++i;
    } else if (c == '"' || c == '\'') {
      i = skip_string(i, static_cast<char>(c), at(i, c == '"' ? "\"\"\"" : "'''"));
    } else if (c >= 0x80) {
      return "line " + std::to_string(line) + ", column " + std::to_string(i - line_start + 1) +
             ": a character outside ASCII outside a string (keys with such characters must be "
             "quoted: \"clé\" = 1)";
    } else {
      if (c == '\n') {
        ++line;
        line_start = i + 1;
      }
      ++i;
    }
  }
  return std::nullopt;
}

}  // namespace kiosk
