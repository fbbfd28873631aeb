// Metrics (issue 18): Standard capitals of at least 6 mm on a 21.5" 1080p screen, measured on Noto
// Sans's own 'H' outline at the size ImGui draws body and help text; help text never smaller than
// body text; the three text sizes strictly ordered at every reference size, with tap targets that
// hold a line of body text.
#include <catch2/catch.hpp>

#include <stb/stb_truetype.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

#include "ui/theme/metrics.h"
#include "ui/theme/theme.h"

using namespace kiosk::ui;
using kiosk::TextSize;

namespace {

struct Size {
  float w, h;
};
constexpr Size kSizes[] = {{1920, 1080}, {1280, 800}, {1080, 1920}};
constexpr TextSize kSteps[] = {TextSize::Standard, TextSize::Large, TextSize::ExtraLarge};

// The height in px of 'H' (from baseline to its top) in `font_file` at ImGui size `px`: ImGui
// scales a font with stbtt_ScaleForPixelHeight (ascent minus descent = px).
float cap_height_px(const std::vector<unsigned char>& font_file, float px) {
  stbtt_fontinfo info;
  REQUIRE(
      stbtt_InitFont(&info, font_file.data(), stbtt_GetFontOffsetForIndex(font_file.data(), 0)));
  const float scale = stbtt_ScaleForPixelHeight(&info, px);
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  REQUIRE(stbtt_GetCodepointBox(&info, 'H', &x0, &y0, &x1, &y1));
  return static_cast<float>(y1 - y0) * scale;
}

std::vector<unsigned char> read_all(const char* path) {
  std::ifstream in(path, std::ios::binary);
  return std::vector<unsigned char>(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

TEST_CASE("metrics: Standard capitals are at least 6 mm on a 21.5-inch 1080p screen") {
  REQUIRE(std::filesystem::exists(kFontRegular));  // fonts-noto-core
  const std::vector<unsigned char> font = read_all(kFontRegular);
  REQUIRE(font.size() > 1000);
  // 21.5" 16:9 at 1920x1080: 476.6 mm / 1920 px = 0.2479 mm per pixel.
  constexpr float kPitchMm = 0.2479f;
  const Metrics m = compute_metrics(1920, 1080, TextSize::Standard);
  // The smallest text on screen: help ("small") and body text.
  const float smallest = std::min(m.font_small, m.font_body);
  const float cap_mm = cap_height_px(font, smallest) * kPitchMm;
  INFO("font " << smallest << " px: capitals " << cap_mm << " mm");
  CHECK(cap_mm >= 6.0f);
  // The same holds in portrait on the same panel turned (the text follows the shorter side).
  CHECK(compute_metrics(1080, 1920).font_body == m.font_body);
}

TEST_CASE("metrics: help text is never smaller than body text") {
  for (Size s : kSizes)
    for (TextSize t : kSteps) {
      INFO(s.w << "x" << s.h << " step " << static_cast<int>(t));
      Metrics m = compute_metrics(s.w, s.h, t);
      CHECK(m.font_small >= m.font_body);
      CHECK(m.font_body < m.font_heading);
      CHECK(m.font_heading < m.font_title);
    }
}

TEST_CASE("metrics: Standard < Large < Extra large at every reference size") {
  for (Size s : kSizes) {
    INFO(s.w << "x" << s.h);
    Metrics st = compute_metrics(s.w, s.h, TextSize::Standard);
    Metrics lg = compute_metrics(s.w, s.h, TextSize::Large);
    Metrics xl = compute_metrics(s.w, s.h, TextSize::ExtraLarge);
    CHECK(st.text_size == TextSize::Standard);
    CHECK(xl.text_size == TextSize::ExtraLarge);
    for (auto f : {&Metrics::font_small, &Metrics::font_body, &Metrics::font_heading,
                   &Metrics::font_title}) {
      CHECK(st.*f < lg.*f);
      CHECK(lg.*f < xl.*f);
    }
    // Tap targets and spacing never shrink as text grows, and always hold a line of body text.
    CHECK(st.tap_h <= lg.tap_h);
    CHECK(lg.tap_h <= xl.tap_h);
    CHECK(st.pad <= xl.pad);
    for (const Metrics* m : {&st, &lg, &xl}) {
      CHECK(m->tap_h >= 0.07f * s.h);
      CHECK(m->tap_h >= m->font_body * 1.25f + m->pad - 0.5f);
    }
  }
  CHECK(text_scale(TextSize::Standard) == 1.0f);
  CHECK(text_scale(TextSize::ExtraLarge) == 1.5f);
}
