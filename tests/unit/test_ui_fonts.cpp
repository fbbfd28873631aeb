// Fonts: Noto Sans loads at the theme's fixed sizes with the Spanish letters, quotes and dashes
// the content uses; a missing font file falls back to ImGui's built-in font instead of crashing.
// Needs an ImGui context and the atlas builder only (no display, no GL).
#include <catch2/catch.hpp>

#include <filesystem>

#include "ui/theme/metrics.h"
#include "ui/theme/theme.h"

using namespace kiosk::ui;

namespace {
struct Context {
  Context() { ImGui::CreateContext(); }
  ~Context() { ImGui::DestroyContext(); }
};
}  // namespace

TEST_CASE("Noto Sans at the theme's sizes, with the glyphs Spanish text needs") {
  REQUIRE(std::filesystem::exists(kFontRegular));  // fonts-noto-core, installed by scripts/deps.sh
  Context ctx;
  Metrics m = compute_metrics(1920, 1080);
  Fonts f = load_fonts(m);
  CHECK_FALSE(f.fallback);
  ImGuiIO& io = ImGui::GetIO();
  REQUIRE(io.Fonts->Build());
  for (ImFont* font : {f.small, f.body, f.body_bold, f.heading, f.title}) REQUIRE(font != nullptr);
  CHECK(f.body->FontSize == m.font_body);
  CHECK(f.title->FontSize == m.font_title);
  for (ImWchar c : {ImWchar(u'ñ'), ImWchar(u'¿'), ImWchar(u'é'), ImWchar(u'“'), ImWchar(u'”'),
                    ImWchar(u'—'), ImWchar(u'–'), ImWchar(u'’'), ImWchar(u'…'), ImWchar(u'Ł')}) {
    INFO(static_cast<int>(c));
    CHECK(f.body->FindGlyphNoFallback(c) != nullptr);
    CHECK(f.heading->FindGlyphNoFallback(c) != nullptr);
  }
  CHECK(f.body->FindGlyphNoFallback(0x4E2D) == nullptr);  // not in our ranges
  // The whole atlas stays a modest texture (it is uploaded once, then the CPU copy is freed).
  CHECK(io.Fonts->TexWidth <= 2048);
  CHECK(io.Fonts->TexHeight <= 2048);
}

TEST_CASE("a missing or unreadable font file falls back to ImGui's font, never a crash") {
  Context ctx;
  Metrics m = compute_metrics(1280, 800);
  std::filesystem::path bad = std::filesystem::temp_directory_path() / "kiosk-not-a-font.ttf";
  {
    std::FILE* f = std::fopen(bad.c_str(), "wb");
    REQUIRE(f);
    std::fputs("<html>not a font</html>", f);
    std::fclose(f);
  }
  Fonts f = load_fonts(m, "/nonexistent/NotoSans-Regular.ttf", bad.string());
  std::filesystem::remove(bad);
  CHECK(f.fallback);
  REQUIRE(ImGui::GetIO().Fonts->Build());
  for (ImFont* font : {f.small, f.body, f.body_bold, f.heading, f.title}) REQUIRE(font != nullptr);
  CHECK(f.body->FontSize == m.font_body);  // still large text
  CHECK(f.body->FindGlyphNoFallback('A') != nullptr);
}

TEST_CASE("a text size change rebuilds the atlas with the same fonts at the new sizes, no more") {
  REQUIRE(std::filesystem::exists(kFontRegular));
  Context ctx;
  ImGuiIO& io = ImGui::GetIO();
  Metrics st = compute_metrics(1920, 1080, kiosk::TextSize::Standard);
  Fonts f = load_fonts(st);
  REQUIRE(io.Fonts->Build());
  const int fonts = io.Fonts->Fonts.Size;
  const int config_data = io.Fonts->ConfigData.Size;
  CHECK(f.small == f.body);  // help text is body-sized: one font serves both
  // What the runner does between frames, there and back twice: the count never grows.
  for (kiosk::TextSize step : {kiosk::TextSize::ExtraLarge, kiosk::TextSize::Standard,
                               kiosk::TextSize::Large, kiosk::TextSize::Standard}) {
    Metrics m = compute_metrics(1920, 1080, step);
    io.Fonts->Clear();
    f = load_fonts(m);
    REQUIRE(io.Fonts->Build());
    INFO("step " << static_cast<int>(step));
    CHECK(io.Fonts->Fonts.Size == fonts);
    CHECK(io.Fonts->ConfigData.Size == config_data);
    CHECK(f.body->FontSize == m.font_body);
    CHECK(f.title->FontSize == m.font_title);
    CHECK(f.body->FindGlyphNoFallback(u'ñ') != nullptr);
    CHECK(io.Fonts->Fonts[0] == f.body);  // the first font stays ImGui's default font
  }
  // Extra large still fits a texture the GL driver takes (llvmpipe's limit is 16384).
  io.Fonts->Clear();
  load_fonts(compute_metrics(1920, 1080, kiosk::TextSize::ExtraLarge));
  REQUIRE(io.Fonts->Build());
  CHECK(io.Fonts->TexWidth <= 2048);
  CHECK(io.Fonts->TexHeight <= 4096);
}
