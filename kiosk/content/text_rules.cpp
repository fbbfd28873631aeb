// The kiosk font's character set, as code (see text_rules.h for why it is shared).
#include "kiosk/content/text_rules.h"

#include <cstdio>

#include "kiosk/core/utf8.h"

namespace kiosk::text_rules {
namespace {

// Invariant: kept in step with in_font(); a unit test walks every code point and compares them.
const std::uint16_t kRanges[] = {
    0x0020, 0x007E,  // ASCII printable
    0x00A0, 0x017F,  // Latin-1 Supplement + Latin Extended-A
    0x2013, 0x2014,  // en dash, em dash
    0x2018, 0x201E,  // single and double quotes, low-9 quotes
    0x2022, 0x2022,  // bullet
    0x2026, 0x2026,  // ellipsis
    0,
};

}  // namespace

bool in_font(char32_t cp) {
  for (const std::uint16_t* r = kRanges; r[0] != 0; r += 2)
    if (cp >= r[0] && cp <= r[1]) return true;
  return false;
}

const std::uint16_t* font_glyph_ranges() { return kRanges; }

std::optional<BadChar> first_undrawable(std::string_view s, bool multiline) {
  std::size_t pos = 0;
  for (std::size_t i = 0; i < s.size(); ++pos) {
    char32_t cp = utf8::next(s, i);
    if (multiline && cp == U'\n') continue;
    if (!in_font(cp)) return BadChar{cp, pos};
  }
  return std::nullopt;
}

std::string code_point_name(char32_t cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
  return buf;
}

}  // namespace kiosk::text_rules
