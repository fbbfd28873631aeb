// Icon names: the table read from fonts-fork-awesome at build time resolves the names the demo
// content uses, refuses unknown ones, and every code point is one the font really has.
#include <catch2/catch.hpp>
#include <stb/stb_truetype.h>

#include <fstream>
#include <iterator>
#include <string>

#include "kiosk/content/icon_names.h"

using kiosk::content::icon_code;
using kiosk::content::kIconNameCount;
using kiosk::content::kIconNames;

TEST_CASE("icon names resolve to Fork Awesome code points", "[content][icons]") {
  REQUIRE(icon_code("car") == char32_t{0xf1b9});
  REQUIRE(icon_code("users") == char32_t{0xf0c0});
  CHECK_FALSE(icon_code("fa-car").has_value());  // the prefix is not part of the name
  CHECK_FALSE(icon_code("no-such-icon").has_value());
  CHECK_FALSE(icon_code("").has_value());
  CHECK(kIconNameCount > 500);
  for (std::size_t i = 1; i < kIconNameCount; ++i)
    REQUIRE(std::string_view(kIconNames[i - 1].name) < std::string_view(kIconNames[i].name));
}

TEST_CASE("every icon name's code point has a glyph in the installed font", "[content][icons]") {
  std::ifstream in(kiosk::content::kIconFontPath, std::ios::binary);
  REQUIRE(in);
  std::string ttf((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  stbtt_fontinfo font;
  const auto* data = reinterpret_cast<const unsigned char*>(ttf.data());
  REQUIRE(stbtt_InitFont(&font, data, stbtt_GetFontOffsetForIndex(data, 0)) != 0);
  std::size_t missing = 0;
  for (std::size_t i = 0; i < kIconNameCount; ++i)
    if (stbtt_FindGlyphIndex(&font, static_cast<int>(kIconNames[i].code)) == 0) ++missing;
  CHECK(missing == 0);
}
