// The one UTF-8 module: validity (overlongs, surrogates, truncation), code-point walks, counting,
// clipping without splitting a character, and backspace.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "kiosk/core/utf8.h"

namespace utf8 = kiosk::utf8;

TEST_CASE("utf8: valid and invalid sequences") {
  CHECK(utf8::is_valid(""));
  CHECK(utf8::is_valid("Peña, año 2026 – “ok” ✓"));
  CHECK(utf8::is_valid("\xF0\x9F\x98\x80"));        // U+1F600
  CHECK_FALSE(utf8::is_valid("\xC0\xAF"));          // overlong "/"
  CHECK_FALSE(utf8::is_valid("\xED\xA0\x80"));      // surrogate U+D800
  CHECK_FALSE(utf8::is_valid("\xF4\x90\x80\x80"));  // above U+10FFFF
  CHECK_FALSE(utf8::is_valid("a\xC3"));             // truncated
  CHECK_FALSE(utf8::is_valid("\x80"));              // stray continuation
  CHECK(utf8::first_invalid("ab\xFF"
                            "c") == 2);
  CHECK(utf8::is_bmp_only("ñ€"));
  CHECK_FALSE(utf8::is_bmp_only("\xF0\x9F\x98\x80"));
}

TEST_CASE("utf8: walking code points, invalid bytes as U+FFFD") {
  std::vector<char32_t> cps;
  utf8::for_each_code_point("añ€\xF0\x9F\x98\x80", [&](char32_t cp) { cps.push_back(cp); });
  CHECK(cps == std::vector<char32_t>{U'a', 0xF1, 0x20AC, 0x1F600});
  cps.clear();
  utf8::for_each_code_point("a\xFF\xC3", [&](char32_t cp) { cps.push_back(cp); });
  CHECK(cps == std::vector<char32_t>{U'a', utf8::kReplacement, utf8::kReplacement});
  std::size_t i = 1;
  CHECK(utf8::next("añ", i) == 0xF1);
  CHECK(i == 3);
}

TEST_CASE("utf8: length, clipping and backspace never split a character") {
  CHECK(utf8::length("año") == 3);
  CHECK(utf8::length("\xF0\x9F\x98\x80!") == 2);
  CHECK(utf8::prefix_bytes("añb", 2) == "a");  // "ñ" is 2 bytes at offset 1
  CHECK(utf8::prefix_bytes("añb", 3) == "añ");
  CHECK(utf8::prefix_bytes("ab", 5) == "ab");
  CHECK(utf8::suffix_bytes("a€", 2) == "");  // "€" is 3 bytes
  CHECK(utf8::suffix_bytes("a€", 3) == "€");
  CHECK(utf8::last_code_point_start("") == 0);
  CHECK(utf8::last_code_point_start("a€") == 1);
  std::string s = "año€";
  utf8::pop_back(s);
  CHECK(s == "año");
  utf8::pop_back(s);
  CHECK(s == "añ");
  utf8::pop_back(s);
  utf8::pop_back(s);
  utf8::pop_back(s);
  CHECK(s.empty());
}
