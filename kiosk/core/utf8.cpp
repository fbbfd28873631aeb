// A strict UTF-8 decoder (RFC 3629); every walk over code points in the kiosk goes through it.
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

bool is_continuation(char c) { return (static_cast<uint8_t>(c) & 0xC0) == 0x80; }

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
    if (!is_continuation(c)) ++count;
  return count;
}

char32_t next(std::string_view s, std::size_t& i) {
  uint32_t cp;
  std::size_t n = decode(s, i, cp);
  if (!n) {
    ++i;
    return kReplacement;
  }
  i += n;
  return cp;
}

std::string_view prefix_bytes(std::string_view s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  std::size_t cut = max_bytes;
  while (cut > 0 && is_continuation(s[cut])) --cut;
  return s.substr(0, cut);
}

std::string_view suffix_bytes(std::string_view s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  std::size_t cut = s.size() - max_bytes;
  while (cut < s.size() && is_continuation(s[cut])) ++cut;
  return s.substr(cut);
}

std::size_t last_code_point_start(std::string_view s) {
  if (s.empty()) return 0;
  std::size_t n = s.size() - 1;
  while (n > 0 && is_continuation(s[n])) --n;
  return n;
}

void pop_back(std::string& s) { s.resize(last_code_point_start(s)); }

}  // namespace kiosk::utf8
