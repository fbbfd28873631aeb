// Pictures on screen without a display: PNG decoding and scaling, fitting a picture into a box, the
// texture cache (lazy, once per name, a broken picture remembered and never retried, everything
// freed), the icon code points taken from the catalogue, and a headless attract frame drawing a
// catalogue's icons with both languages' call to action in the registry.
#include <catch2/catch.hpp>

#include <stb/stb_image_write.h>  // declarations only: libstb provides the code

#include <algorithm>
#include <string>
#include <vector>

#include "kiosk/app/app.h"
#include "kiosk/content/icon_names.h"
#include "kiosk/core/strings.h"
#include "ui/platform/texture.h"
#include "ui/screens/screens.h"
#include "ui/theme/icon_font.h"
#include "ui/theme/metrics.h"
#include "ui/theme/theme.h"
#include "ui/widgets/picture.h"
#include "ui/widgets/registry.h"
#include "ui/widgets/ui.h"

using namespace kiosk;
using namespace kiosk::ui;

namespace {

void append_bytes(void* ctx, void* data, int size) {
  static_cast<std::string*>(ctx)->append(static_cast<const char*>(data),
                                         static_cast<std::size_t>(size));
}

// A w x h PNG with `channels` channels: red left half, blue right half (alpha 255 where present).
std::string make_png(int w, int h, int channels = 4) {
  std::vector<unsigned char> px(static_cast<std::size_t>(w * h * channels));
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      unsigned char* p = &px[static_cast<std::size_t>((y * w + x) * channels)];
      bool left = x < w / 2;
      p[0] = left ? 255 : 0;
      if (channels >= 3) {
        p[1] = 0;
        p[2] = left ? 0 : 255;
      }
      if (channels == 4) p[3] = 255;
    }
  std::string out;
  REQUIRE(stbi_write_png_to_func(append_bytes, &out, w, h, channels, px.data(), w * channels));
  return out;
}

bool same_rect(Rect a, Rect b) {
  return a.x == Approx(b.x) && a.y == Approx(b.y) && a.w == Approx(b.w) && a.h == Approx(b.h);
}

struct FakeGpu {
  int uploads = 0, frees = 0;
  PictureCache cache{
      [this](const Image& img) -> std::optional<Texture> {
        ++uploads;
        return Texture{reinterpret_cast<ImTextureID>(std::intptr_t{uploads}), img.w, img.h};
      },
      [this](Texture&) { ++frees; }};
};

}  // namespace

TEST_CASE("A PNG decodes to RGBA at its size, a large one is scaled down with its aspect kept") {
  auto img = decode_png(make_png(40, 20), 512);
  REQUIRE(img);
  CHECK(img->w == 40);
  CHECK(img->h == 20);
  REQUIRE(img->rgba.size() == 40u * 20u * 4u);
  CHECK(img->rgba[0] == 255);  // red at the left
  CHECK(img->rgba[2] == 0);
  CHECK(img->rgba[(39) * 4 + 2] == 255);  // blue at the right
  CHECK(img->rgba[3] == 255);             // opaque

  auto grey = decode_png(make_png(8, 8, 1), 512);  // a grey PNG still comes out as RGBA
  REQUIRE(grey);
  CHECK(grey->rgba.size() == 8u * 8u * 4u);

  auto big = decode_png(make_png(600, 300), 150);
  REQUIRE(big);
  CHECK(big->w == 150);
  CHECK(big->h == 75);
  CHECK(big->rgba.size() == 150u * 75u * 4u);
}

TEST_CASE("Bytes that are not a readable PNG decode to nothing") {
  CHECK_FALSE(decode_png("", 512));
  CHECK_FALSE(decode_png("not a picture at all", 512));
  CHECK_FALSE(decode_png("GIF89a\x01\x00\x01\x00", 512));  // stb reads GIFs; content is PNG only
  std::string png = make_png(32, 32);
  CHECK_FALSE(decode_png(png.substr(0, png.size() / 2), 512));  // cut short
}

TEST_CASE("A picture is fitted into its box, aspect kept and centred") {
  CHECK(same_rect(fit_picture(200, 100, Rect{10, 20, 100, 100}), Rect{10, 45, 100, 50}));
  CHECK(same_rect(fit_picture(100, 200, Rect{0, 0, 100, 100}), Rect{25, 0, 50, 100}));
  CHECK(same_rect(fit_picture(50, 50, Rect{0, 0, 300, 100}), Rect{100, 0, 100, 100}));
  CHECK(fit_picture(0, 50, Rect{0, 0, 100, 100}).empty());
  CHECK(fit_picture(50, 50, Rect{0, 0, 0, 100}).empty());
}

TEST_CASE("The picture cache uploads each picture once, on first use, and frees them all") {
  FakeGpu gpu;
  std::map<std::string, std::string> pictures{{"a.png", make_png(10, 10)},
                                              {"b.png", make_png(30, 10)}};
  CHECK(gpu.uploads == 0);  // nothing before the first draw
  const Texture* a = gpu.cache.get(pictures, "a.png", 512);
  REQUIRE(a);
  CHECK(a->w == 10);
  CHECK(gpu.cache.get(pictures, "a.png", 512) == a);
  CHECK(gpu.uploads == 1);
  const Texture* b = gpu.cache.get(pictures, "b.png", 512);
  REQUIRE(b);
  CHECK(b->w == 30);
  CHECK(gpu.uploads == 2);
  CHECK(gpu.cache.get(pictures, "", 512) == nullptr);
  CHECK(gpu.cache.get(pictures, "missing.png", 512) == nullptr);
  CHECK(gpu.cache.loaded() == 2);
  CHECK(gpu.cache.failures() == 0);
  gpu.cache.clear();
  CHECK(gpu.frees == 2);
  CHECK(gpu.cache.loaded() == 0);
}

TEST_CASE("A picture that cannot be decoded fails once and is not retried") {
  FakeGpu gpu;
  std::map<std::string, std::string> pictures{{"broken.png", "\x89PNG\r\n\x1a\n garbage"}};
  CHECK(gpu.cache.get(pictures, "broken.png", 512) == nullptr);
  CHECK(gpu.cache.get(pictures, "broken.png", 512) == nullptr);
  CHECK(gpu.cache.failures() == 1);
  CHECK(gpu.uploads == 0);
  gpu.cache.clear();
  CHECK(gpu.frees == 0);
}

TEST_CASE("The icon font gets exactly the code points the catalogue names") {
  Catalogue cat;
  cat.categories.push_back(Category{"c1", {}, {}, Visual{"", "car"}});
  cat.categories.push_back(Category{"c2", {}, {}, Visual{"c2.png", ""}});
  Program p;
  p.visual = Visual{"", "users"};
  cat.programs.push_back(p);
  p.visual = Visual{"", "car"};  // twice: once in the atlas
  cat.programs.push_back(p);
  Highlight h;
  h.visual = Visual{"", "no-such-icon-anywhere"};
  cat.department.highlights.push_back(h);
  cat.department.features[static_cast<int>(Feature::Events)] = Visual{"", "calendar"};

  auto codes = catalogue_icon_codes(cat);
  std::vector<char32_t> want{*content::icon_code("car"), *content::icon_code("users"),
                             *content::icon_code("calendar")};
  std::sort(want.begin(), want.end());
  CHECK(codes == want);
  CHECK(catalogue_icon_codes(Catalogue{}).empty());
}

TEST_CASE("Code points become UTF-8") {
  CHECK(utf8(U'A') == "A");
  CHECK(utf8(U'ñ') == "\xC3\xB1");
  CHECK(utf8(0xF1B9) == "\xEF\x86\xB9");
  CHECK(utf8(0x1F600) == "\xF0\x9F\x98\x80");
}

TEST_CASE("Headless attract: icons drawn from the icon font, both calls to action registered") {
  ImGui::CreateContext();
  Theme theme;
  theme.m = compute_metrics(1920, 1080);
  theme.f = load_fonts(theme.m);
  Catalogue cat = bundled_catalogue();
  cat.pictures.clear();  // no GL context here: icons only (a missing picture falls back to them)
  for (Visual& v : cat.department.features) v = Visual{"", "car"};
  theme.f.icons = add_icon_font(theme.m, catalogue_icon_codes(cat));
  REQUIRE(theme.f.icons);
  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);  // builds the atlas
  ImGui::GetIO().DisplaySize = ImVec2(1920, 1080);
  ImGui::GetIO().IniFilename = nullptr;

  VirtualClock clock;
  WidgetRegistry reg;
  App app(clock, AppSettings{});
  Ui ui(app, cat, Strings::builtin(), theme, reg, clock);
  CHECK(has_visual(ui, Visual{"", "car"}));
  // An icon the font has but the catalogue never names is not in the atlas.
  const auto named = catalogue_icon_codes(cat);
  const content::IconName* unnamed = nullptr;
  for (std::size_t i = 0; i < content::kIconNameCount && !unnamed; ++i)
    if (std::find(named.begin(), named.end(), content::kIconNames[i].code) == named.end())
      unnamed = &content::kIconNames[i];
  REQUIRE(unnamed);
  CHECK_FALSE(has_visual(ui, Visual{"", unnamed->name}));
  CHECK_FALSE(has_visual(ui, Visual{"absent.png", ""}));  // not in the bundle
  CHECK_FALSE(has_visual(ui, Visual{}));

  ImGui::GetIO().DeltaTime = 1.0f / 60;
  ImGui::NewFrame();
  reg.begin_frame();
  ui.begin_frame(PointerFrame{}, clock.now());
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImVec2(1920, 1080));
  ImGui::Begin("screen", nullptr, ImGuiWindowFlags_NoDecoration);
  const int before = ImGui::GetWindowDrawList()->VtxBuffer.Size;
  draw_attract(ui, Rect{0, 0, 1920, 980});
  const int after = ImGui::GetWindowDrawList()->VtxBuffer.Size;
  ImGui::End();
  ImGui::Render();
  CHECK(after > before);
  auto has = [&reg](const std::string& s) {
    for (const auto& e : reg.current())
      if (e.text.find(s) != std::string::npos || e.label == s) return true;
    return false;
  };
  CHECK(has("Touch to start"));
  CHECK(has("Toque para comenzar"));
  CHECK(has("Crash reports"));
  CHECK(has("Informes de choque"));
  CHECK(has("Demo City Police Department"));
  CHECK(has("Welcome"));
  CHECK(has("Le damos la bienvenida"));
  ImGui::DestroyContext();
}
