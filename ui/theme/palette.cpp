// Palette: the two colour sets and the WCAG relative-luminance contrast formula.
#include "ui/theme/palette.h"

#include <algorithm>
#include <cmath>

namespace kiosk::ui {
namespace {
double channel(std::uint8_t c) {
  double s = c / 255.0;
  return s <= 0.03928 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
}
double luminance(Rgb c) {
  return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}
}  // namespace

double contrast_ratio(Rgb a, Rgb b) {
  double la = luminance(a), lb = luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

const Palette& palette() {
  static const Palette p;
  return p;
}

const Palette& high_contrast_palette() {
  static const Palette p = [] {
    Palette h;
    h.page = {0x00, 0x00, 0x00};
    h.text = {0xFF, 0xFF, 0xFF};
    h.muted = {0xE0, 0xE0, 0xE0};
    h.card = {0x1A, 0x1A, 0x1A};
    h.card_border = {0xFF, 0xE1, 0x4D};
    h.bar = {0x00, 0x00, 0x00};
    h.bar_text = {0xFF, 0xFF, 0xFF};
    h.primary = {0xFF, 0xE1, 0x4D};  // yellow buttons with black text; yellow headings
    h.primary_text = {0x00, 0x00, 0x00};
    h.pressed = {0xFF, 0xFF, 0xFF};  // white while pressed: unlike anything else on screen
    h.pressed_text = {0x00, 0x00, 0x00};
    // A light red: dark enough to read as red, light enough for black text on it and for use as
    // text on the black page ("Out of service"). A dark red could not be both.
    h.alert = {0xFF, 0xB3, 0xB3};
    h.alert_text = {0x00, 0x00, 0x00};
    h.dim = {0x00, 0x00, 0x00};
    h.qr_dark = {0x00, 0x00, 0x00};  // scanners want dark modules on light: unchanged
    h.qr_light = {0xFF, 0xFF, 0xFF};
    h.focus_ring = {0x00, 0xFF, 0xFF};
    // Between the black bar and the light band: the one kind of colour 3:1 from both.
    h.focus_ring_on_dark = {0xB0, 0x00, 0xB0};
    return h;
  }();
  return p;
}

const Palette& palette_for(bool high_contrast) {
  return high_contrast ? high_contrast_palette() : palette();
}

}  // namespace kiosk::ui
