// make_demo_pictures: draws the demo bundle's pictures (assets/content/pictures/*.png), flat
// pictograms without words (words stay in the string tables), so the demo ships pictures we made
// ourselves (CC0-1.0, assets/content/pictures/LICENSE.md). Run: make demo-pictures.
#include <stb/stb_image_write.h>  // declarations only: libstb provides the code

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace {

struct Rgb {
  double r, g, b;
};

constexpr Rgb hex(std::uint32_t v) {
  return {((v >> 16) & 0xFF) / 255.0, ((v >> 8) & 0xFF) / 255.0, (v & 0xFF) / 255.0};
}

// One palette for every picture: the kiosk's navy with warm accents on a pale page.
constexpr Rgb kNavy = hex(0x0B3D91), kNavyDark = hex(0x072A66), kAmber = hex(0xF5A623),
              kCoral = hex(0xE8603C), kCream = hex(0xFFF8EC), kSky = hex(0xBFD4F2),
              kGreen = hex(0x4CAF7A), kGrey = hex(0x9AA7BD), kPage = hex(0xEAF1FB),
              kStage = hex(0xFDE7C4);

struct Point {
  double x, y;
};

// An RGBA canvas; every shape is drawn with 4x4 supersampling so its edges are anti-aliased.
class Canvas {
 public:
  Canvas(int w, int h) : w_(w), h_(h), px_(static_cast<std::size_t>(w * h) * 4, 0.0) {}

  // Fills the pixels inside [x0,x1)x[y0,y1) where `inside` holds, weighted by covered subsamples.
  void fill(const std::function<bool(double, double)>& inside, double x0, double y0, double x1,
            double y1, Rgb c, double alpha = 1.0) {
    constexpr int kSub = 4;
    int ix0 = std::max(0, static_cast<int>(std::floor(x0))),
        iy0 = std::max(0, static_cast<int>(std::floor(y0)));
    int ix1 = std::min(w_, static_cast<int>(std::ceil(x1)) + 1),
        iy1 = std::min(h_, static_cast<int>(std::ceil(y1)) + 1);
    for (int y = iy0; y < iy1; ++y)
      for (int x = ix0; x < ix1; ++x) {
        int hits = 0;
        for (int sy = 0; sy < kSub; ++sy)
          for (int sx = 0; sx < kSub; ++sx)
            hits += inside(x + (sx + 0.5) / kSub, y + (sy + 0.5) / kSub) ? 1 : 0;
        if (hits) blend(x, y, c, alpha * hits / (kSub * kSub));
      }
  }

  void rect(double x0, double y0, double x1, double y1, double r, Rgb c) {
    fill(
        [=](double x, double y) {
          double dx = std::max({x0 + r - x, 0.0, x - (x1 - r)});
          double dy = std::max({y0 + r - y, 0.0, y - (y1 - r)});
          return x >= x0 && x <= x1 && y >= y0 && y <= y1 && dx * dx + dy * dy <= r * r;
        },
        x0, y0, x1, y1, c);
  }

  void circle(double cx, double cy, double r, Rgb c) { ring(cx, cy, r, 0, c); }

  void ring(double cx, double cy, double r_out, double r_in, Rgb c) {
    fill(
        [=](double x, double y) {
          double d = (x - cx) * (x - cx) + (y - cy) * (y - cy);
          return d <= r_out * r_out && d >= r_in * r_in;
        },
        cx - r_out, cy - r_out, cx + r_out, cy + r_out, c);
  }

  // The part of a ring between two angles (degrees, clockwise from 3 o'clock).
  void ring_sector(double cx, double cy, double r_out, double r_in, double from, double to, Rgb c) {
    fill(
        [=](double x, double y) {
          double d = (x - cx) * (x - cx) + (y - cy) * (y - cy);
          double a = std::atan2(y - cy, x - cx) * 180.0 / M_PI;
          if (a < 0) a += 360.0;
          return d <= r_out * r_out && d >= r_in * r_in && a >= from && a <= to;
        },
        cx - r_out, cy - r_out, cx + r_out, cy + r_out, c);
  }

  void polygon(const std::vector<Point>& pts, Rgb c, double alpha = 1.0) {
    double x0 = 1e9, y0 = 1e9, x1 = -1e9, y1 = -1e9;
    for (const auto& p : pts)
      x0 = std::min(x0, p.x), y0 = std::min(y0, p.y), x1 = std::max(x1, p.x),
      y1 = std::max(y1, p.y);
    fill(
        [&pts](double x, double y) {
          bool in = false;  // even-odd rule
          for (std::size_t i = 0, j = pts.size() - 1; i < pts.size(); j = i++)
            if ((pts[i].y > y) != (pts[j].y > y) &&
                x < (pts[j].x - pts[i].x) * (y - pts[i].y) / (pts[j].y - pts[i].y) + pts[i].x)
              in = !in;
          return in;
        },
        x0, y0, x1, y1, c, alpha);
  }

  // A thick line with round ends.
  void line(double ax, double ay, double bx, double by, double width, Rgb c) {
    double h = width / 2;
    fill(
        [=](double x, double y) {
          double vx = bx - ax, vy = by - ay;
          double t = std::clamp(((x - ax) * vx + (y - ay) * vy) / (vx * vx + vy * vy), 0.0, 1.0);
          double dx = x - (ax + t * vx), dy = y - (ay + t * vy);
          return dx * dx + dy * dy <= h * h;
        },
        std::min(ax, bx) - h, std::min(ay, by) - h, std::max(ax, bx) + h, std::max(ay, by) + h, c);
  }

  void star(double cx, double cy, double r_out, double r_in, int points, Rgb c) {
    std::vector<Point> pts;
    for (int i = 0; i < points * 2; ++i) {
      double a = -M_PI / 2 + i * M_PI / points;
      double r = i % 2 ? r_in : r_out;
      pts.push_back({cx + r * std::cos(a), cy + r * std::sin(a)});
    }
    polygon(pts, c);
  }

  bool write(const std::string& path, bool with_alpha) const {
    std::vector<unsigned char> out;
    for (int i = 0; i < w_ * h_; ++i)
      for (int ch = 0; ch < (with_alpha ? 4 : 3); ++ch)
        out.push_back(static_cast<unsigned char>(std::lround(px_[i * 4 + ch] * 255.0)));
    int comp = with_alpha ? 4 : 3;
    return stbi_write_png(path.c_str(), w_, h_, comp, out.data(), w_ * comp) != 0;
  }

 private:
  // "Over" compositing, colours kept non-premultiplied.
  void blend(int x, int y, Rgb c, double a) {
    double* p = &px_[(static_cast<std::size_t>(y) * w_ + x) * 4];
    double out_a = a + p[3] * (1 - a);
    if (out_a <= 0) return;
    const double src[3] = {c.r, c.g, c.b};
    for (int i = 0; i < 3; ++i) p[i] = (src[i] * a + p[i] * p[3] * (1 - a)) / out_a;
    p[3] = out_a;
  }

  int w_, h_;
  std::vector<double> px_;
};

constexpr int kW = 480, kH = 360;

// The page every scene stands on: a pale blue field and a warm disc behind the pictogram.
Canvas scene() {
  Canvas c(kW, kH);
  c.rect(0, 0, kW, kH, 0, kPage);
  c.circle(240, 185, 155, kStage);
  return c;
}

void heart(Canvas& c, double cx, double cy, double s, Rgb col) {
  c.circle(cx - s * 0.5, cy, s * 0.55, col);
  c.circle(cx + s * 0.5, cy, s * 0.55, col);
  c.polygon({{cx - s * 1.02, cy + s * 0.2}, {cx + s * 1.02, cy + s * 0.2}, {cx, cy + s * 1.35}},
            col);
}

// A person seen from the front: a head over rounded shoulders.
void person(Canvas& c, double cx, double top, double scale, Rgb col) {
  c.circle(cx, top + 32 * scale, 32 * scale, col);
  c.rect(cx - 58 * scale, top + 74 * scale, cx + 58 * scale, top + 200 * scale, 50 * scale, col);
}

// A car seen from the side, between x0 and x1, facing right when `right`.
void car(Canvas& c, double x0, double x1, bool right, Rgb body) {
  double front = right ? x1 : x0, back = right ? x0 : x1, dir = right ? 1 : -1;
  c.rect(x0, 196, x1, 254, 18, body);
  c.polygon({{back + dir * 22, 200},
             {back + dir * 42, 148},
             {front - dir * 66, 148},
             {front - dir * 24, 200}},
            body);
  c.polygon({{back + dir * 46, 156},
             {back + dir * 80, 156},
             {back + dir * 80, 194},
             {back + dir * 18, 194}},
            kSky);
  c.polygon({{back + dir * 90, 156},
             {front - dir * 70, 156},
             {front - dir * 38, 194},
             {back + dir * 90, 194}},
            kSky);
  c.rect(front - dir * 14 - 7, 208, front - dir * 14 + 7, 222, 4, kAmber);  // headlight
  for (double wx : {x0 + 44, x1 - 44}) {
    c.circle(wx, 256, 25, kNavyDark);
    c.circle(wx, 256, 10, kGrey);
  }
}

Canvas neighborhood_safety() {
  Canvas c = scene();
  c.rect(60, 282, 420, 296, 7, kGreen);
  c.rect(112, 172, 248, 284, 3, kNavy);
  c.polygon({{92, 180}, {180, 98}, {268, 180}}, kCoral);
  c.rect(164, 222, 196, 284, 4, kAmber);
  c.rect(126, 192, 154, 216, 3, kSky);
  c.rect(206, 192, 234, 216, 3, kSky);
  c.rect(270, 206, 364, 284, 3, kAmber);
  c.polygon({{256, 212}, {317, 154}, {378, 212}}, kNavy);
  c.rect(300, 228, 336, 256, 3, kCream);
  c.rect(394, 236, 406, 286, 3, kNavyDark);
  c.circle(400, 218, 30, kGreen);
  return c;
}

Canvas seniors_families() {
  Canvas c = scene();
  person(c, 190, 92, 1.0, kNavy);
  person(c, 310, 158, 0.68, kCoral);
  heart(c, 262, 92, 22, kAmber);
  return c;
}

Canvas youth_schools() {
  Canvas c = scene();
  c.rect(130, 172, 350, 292, 3, kNavy);
  c.polygon({{112, 180}, {240, 104}, {368, 180}}, kCoral);
  c.circle(240, 150, 18, kCream);
  c.line(240, 150, 240, 138, 4, kNavy);
  c.line(240, 150, 249, 155, 4, kNavy);
  c.line(240, 104, 240, 58, 5, kNavyDark);
  c.polygon({{242, 58}, {284, 70}, {242, 82}}, kAmber);
  c.rect(220, 226, 260, 292, 6, kAmber);
  for (double x : {150.0, 290.0})
    for (double y : {192.0, 240.0}) c.rect(x, y, x + 40, y + 32, 3, kSky);
  return c;
}

Canvas visit_learn() {
  Canvas c = scene();
  c.polygon({{88, 206}, {240, 190}, {392, 206}, {392, 312}, {240, 300}, {88, 312}}, kNavy);
  c.polygon({{100, 198}, {235, 184}, {235, 290}, {100, 300}}, kCream);
  c.polygon({{245, 184}, {380, 198}, {380, 300}, {245, 290}}, kCream);
  for (int i = 0; i < 4; ++i) {
    double y = 212 + i * 20;
    c.line(118, y + 2, 215, y - 8, 5, kGrey);
    c.line(265, y - 8, 362, y + 2, 5, kGrey);
  }
  c.circle(240, 106, 40, kAmber);
  c.rect(222, 138, 258, 168, 6, kGrey);
  c.line(226, 152, 254, 152, 3, kCream);
  for (double a : {-150.0, -120.0, -90.0, -60.0, -30.0}) {
    double r = a * M_PI / 180;
    c.line(240 + 52 * std::cos(r), 106 + 52 * std::sin(r), 240 + 70 * std::cos(r),
           106 + 70 * std::sin(r), 6, kAmber);
  }
  return c;
}

Canvas business_events() {
  Canvas c = scene();
  c.rect(122, 170, 358, 292, 3, kNavy);
  c.rect(140, 196, 256, 268, 4, kSky);
  c.rect(278, 200, 338, 292, 4, kAmber);
  for (int i = 0; i < 8; ++i) {
    double x0 = 108 + i * 33;
    Rgb col = i % 2 ? kCream : kCoral;
    c.rect(x0, 128, x0 + 33, 172, 0, col);
    c.circle(x0 + 16.5, 172, 16.5, col);
  }
  c.rect(104, 116, 376, 132, 6, kNavyDark);
  c.line(404, 134, 396, 206, 3, kNavyDark);
  c.circle(404, 108, 26, kCoral);
  c.line(70, 140, 76, 210, 3, kNavyDark);
  c.circle(70, 116, 24, kAmber);
  return c;
}

Canvas police_community() {
  Canvas c = scene();
  c.rect(84, 92, 300, 214, 32, kNavy);
  c.polygon({{122, 206}, {112, 256}, {176, 206}}, kNavy);
  for (double x : {148.0, 192.0, 236.0}) c.circle(x, 153, 12, kCream);
  c.rect(194, 170, 406, 294, 36, kCream);  // a gap between the two bubbles
  c.rect(200, 176, 400, 288, 30, kAmber);
  c.polygon({{340, 280}, {372, 324}, {368, 280}}, kAmber);
  heart(c, 300, 218, 24, kCoral);
  return c;
}

Canvas help_report() {
  Canvas c = scene();
  c.ring(240, 185, 118, 58, kNavy);
  c.ring(240, 185, 110, 64, kCream);
  for (double a : {20.0, 110.0, 200.0, 290.0}) c.ring_sector(240, 185, 110, 64, a, a + 50, kCoral);
  c.ring(240, 185, 90, 84, kNavyDark);  // the rope
  return c;
}

Canvas crash_report() {
  Canvas c = scene();
  c.rect(40, 280, 440, 290, 5, kGrey);
  car(c, 36, 232, true, kNavy);
  car(c, 248, 444, false, kCoral);
  c.star(240, 150, 38, 16, 8, kAmber);
  c.star(240, 150, 18, 8, 8, kCream);
  return c;
}

Canvas records_request() {
  Canvas c = scene();
  c.rect(142, 56, 338, 312, 14, kNavy);
  c.rect(152, 66, 328, 302, 8, kCream);
  const double widths[] = {140, 120, 146, 100, 130};
  for (int i = 0; i < 5; ++i) c.line(176, 100 + i * 30, 176 + widths[i], 100 + i * 30, 9, kGrey);
  c.polygon({{282, 262}, {262, 336}, {284, 322}, {300, 340}, {310, 266}}, kCoral);
  c.polygon({{330, 262}, {350, 336}, {328, 322}, {312, 340}, {302, 266}}, kCoral);
  c.circle(306, 250, 46, kCoral);
  c.ring(306, 250, 38, 34, kCream);
  c.star(306, 250, 24, 11, 5, kCream);
  return c;
}

Canvas programs() {
  Canvas c = scene();
  person(c, 140, 118, 0.78, kAmber);
  person(c, 340, 118, 0.78, kCoral);
  person(c, 240, 80, 1.0 + 5.0 / 58, kStage);  // an outline in the disc's colour
  person(c, 240, 84, 1.0, kNavy);
  return c;
}

Canvas events() {
  Canvas c = scene();
  c.rect(114, 82, 366, 304, 18, kNavy);
  c.rect(126, 146, 354, 292, 8, kCream);
  for (double x : {176.0, 304.0}) c.rect(x - 9, 58, x + 9, 108, 9, kAmber);
  for (int row = 0; row < 3; ++row)
    for (int col = 0; col < 4; ++col) {
      double x = 146 + col * 52, y = 160 + row * 44;
      c.rect(x, y, x + 36, y + 32, 5, row == 1 && col == 2 ? kCoral : kSky);
    }
  return c;
}

// The department's badge: a navy shield with an amber rim and a star, on a transparent ground.
Canvas department_logo() {
  Canvas c(400, 400);
  auto shield = [](double inset) {
    std::vector<Point> pts;
    double l = 60 + inset, r = 340 - inset, top = 40 + inset, side = 200;
    pts.push_back({l, top + 18});
    pts.push_back({200, top});
    pts.push_back({r, top + 18});
    pts.push_back({r, side});
    for (int i = 1; i < 40; ++i) {  // the lower edge: two curves meeting in a point
      double t = i / 40.0;
      double bx = (1 - t) * (1 - t) * r + 2 * (1 - t) * t * r + t * t * 200;
      double by = (1 - t) * (1 - t) * side + 2 * (1 - t) * t * (300 - inset * 0.4) +
                  t * t * (370 - inset * 1.6);
      pts.push_back({bx, by});
    }
    pts.push_back({200, 370 - inset * 1.6});
    for (int i = 39; i >= 1; --i) {
      double t = i / 40.0;
      double bx = (1 - t) * (1 - t) * l + 2 * (1 - t) * t * l + t * t * 200;
      double by = (1 - t) * (1 - t) * side + 2 * (1 - t) * t * (300 - inset * 0.4) +
                  t * t * (370 - inset * 1.6);
      pts.push_back({bx, by});
    }
    pts.push_back({l, side});
    return pts;
  };
  c.polygon(shield(0), kNavyDark);
  c.polygon(shield(10), kAmber);
  c.polygon(shield(22), kNavy);
  c.star(200, 190, 96, 40, 5, kAmber);
  c.star(200, 190, 74, 31, 5, kCream);
  c.circle(200, 190, 20, kNavy);
  return c;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s OUTPUT_DIR (assets/content/pictures)\n", argv[0]);
    return 2;
  }
  const std::string dir = argv[1];
  stbi_write_png_compression_level = 9;
  const std::vector<std::pair<const char*, Canvas (*)()>> pictures = {
      {"neighborhood-safety", neighborhood_safety},
      {"seniors-families", seniors_families},
      {"youth-schools", youth_schools},
      {"visit-learn", visit_learn},
      {"business-events", business_events},
      {"police-community", police_community},
      {"help-report", help_report},
      {"crash-report", crash_report},
      {"records-request", records_request},
      {"programs", programs},
      {"events", events},
  };
  for (const auto& [name, draw] : pictures) {
    std::string path = dir + "/" + name + ".png";
    if (!draw().write(path, false)) {
      std::fprintf(stderr, "cannot write %s\n", path.c_str());
      return 1;
    }
  }
  if (!department_logo().write(dir + "/department-logo.png", true)) {
    std::fprintf(stderr, "cannot write %s/department-logo.png\n", dir.c_str());
    return 1;
  }
  return 0;
}
