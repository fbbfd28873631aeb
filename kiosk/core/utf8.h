// UTF-8: the one decoder the kiosk has (checks, counting, code-point walks, clipping, backspace),
// shared by the content loader, field validation and the UI. ImGui 1.86 draws only the Basic
// Multilingual Plane (16-bit glyphs), so text shown back to a visitor must stay inside it.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace kiosk::utf8 {

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool is_valid(std::string_view s);
// True when `s` is valid UTF-8 and every code point is in the BMP (U+0000..U+FFFF).
bool is_bmp_only(std::string_view s);
// Number of code points in valid UTF-8 (what "max length" counts).
std::size_t length(std::string_view s);
// Byte offset where the first invalid sequence starts, or s.size() when valid.
std::size_t first_invalid(std::string_view s);
// Removes the last code point (backspace on the on-screen keyboard).
void pop_back(std::string& s);

// U+FFFD, what next() yields for a byte that does not start a valid sequence.
inline constexpr char32_t kReplacement = 0xFFFD;
// The code point starting at s[i], advancing `i` past it. An invalid sequence yields kReplacement
// and advances one byte, so a walk over any bytes always ends. Requires i < s.size().
char32_t next(std::string_view s, std::size_t& i);
// Calls f(cp) for each code point of `s`, in order (invalid bytes as kReplacement).
template <typename F>
void for_each_code_point(std::string_view s, F&& f) {
  for (std::size_t i = 0; i < s.size();) f(next(s, i));
}
// The longest prefix of `s` of at most `max_bytes` bytes that does not split a sequence.
std::string_view prefix_bytes(std::string_view s, std::size_t max_bytes);
// The longest suffix of `s` of at most `max_bytes` bytes that does not start inside a sequence.
std::string_view suffix_bytes(std::string_view s, std::size_t max_bytes);
// Byte offset where the last code point of `s` starts (0 when empty): what backspace keeps.
std::size_t last_code_point_start(std::string_view s);

}  // namespace kiosk::utf8
