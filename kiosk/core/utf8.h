// UTF-8 checks shared by the content loader and field validation. ImGui 1.86 draws only the Basic
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

}  // namespace kiosk::utf8
