// A strict UTF-8 decoder (RFC 3629) used only for checking, counting and backspace.
#include "kiosk/core/utf8.h"

#include <cstdint>

namespace kiosk::utf8 {
namespace {

// Decodes one code point at s[i]; returns its byte length, or 0 when the sequence is invalid.
std::size_t decode(std::string_view s, std::size_t i, uint32_t& cp) {
  auto b = [&](std::size_t k) { return static_cast<uint8_t>(s[i + k]); };
  uint8_t c = b(0);
  std::size_t n;
  if (c < 0x80) {
    cp = c;
    return 1;
  }
  if ((c & 0xE0) == 0xC0) {
    n = 2;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    n = 3;
    cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    n = 4;
    cp = c & 0x07;
  } else
    return 0;
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((b(k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b(k) & 0x3F);
  }
  static const uint32_t min_for_len[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < min_for_len[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

}  // namespace

std::size_t first_invalid(std::string_view s) {
  uint32_t cp;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t n = decode(s, i, cp);
    if (!n) return i;
    i += n;
  }
  return s.size();
}

bool is_valid(std::string_view s) { return first_invalid(s) == s.size(); }

bool is_bmp_only(std::string_view s) {
  uint32_t cp;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t n = decode(s, i, cp);
    if (!n || cp > 0xFFFF) return false;
    i += n;
  }
  return true;
}

std::size_t length(std::string_view s) {
  std::size_t count = 0;
  for (char c : s)
    if ((static_cast<uint8_t>(c) & 0xC0) != 0x80) ++count;
  return count;
}

void pop_back(std::string& s) {
  while (!s.empty() && (static_cast<uint8_t>(s.back()) & 0xC0) == 0x80) s.pop_back();
  if (!s.empty()) s.pop_back();
}

}  // namespace kiosk::utf8
