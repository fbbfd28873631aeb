// Text rules for visitor-facing content: which characters the kiosk font can draw and how long a
// title or summary may be in large type. Shared by the content loader, its tests and the UI's font
// atlas (font_glyph_ranges), so "passes validation" and "is drawable" mean the same thing.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk::text_rules {

// Length limits in code points (the UI lays these out in its largest type).
inline constexpr std::size_t kTitleMax = 40;
inline constexpr std::size_t kSummaryMax = 90;

// True for a code point the kiosk font atlas holds: printable Latin-1 (U+0020..U+007E,
// U+00A0..U+00FF), Latin Extended-A (U+0100..U+017F) and typographic punctuation (U+2013 en dash,
// U+2014 em dash, U+2018..U+201E quotes, U+2022 bullet, U+2026 ellipsis). No control characters.
bool in_font(char32_t cp);

// Zero-terminated pairs of inclusive ranges, in ImGui's glyph-range format (ImWchar is 16-bit in
// Debian's 1.86 build), covering exactly the code points in_font() accepts.
const std::uint16_t* font_glyph_ranges();

// The first code point in `s` that in_font() rejects (newline allowed when `multiline`), with its
// 0-based code-point position; nullopt when every character is drawable. `s` must be valid UTF-8.
struct BadChar {
  char32_t cp;
  std::size_t position;
};
std::optional<BadChar> first_undrawable(std::string_view s, bool multiline);

// "U+1F600" for messages.
std::string code_point_name(char32_t cp);

}  // namespace kiosk::text_rules
