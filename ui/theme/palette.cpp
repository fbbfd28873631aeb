// Palette: the one colour set and the WCAG relative-luminance contrast formula.
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

}  // namespace kiosk::ui
