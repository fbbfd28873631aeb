// Metrics: proportions chosen by looking at the screens at the three reference sizes.
#include "ui/theme/metrics.h"

#include <algorithm>
#include <cmath>

namespace kiosk::ui {

Metrics compute_metrics(float width, float height) {
  Metrics m;
  m.width = width;
  m.height = height;
  m.base = std::min(width, height);
  m.portrait = height > width;
  // 0.075 x height: above the 0.07 minimum (81 px at 1080p, 60 at 800, 144 in portrait).
  m.tap_h = std::ceil(0.075f * height);
  m.pad = std::round(0.02f * m.base);
  m.gap = std::round(0.016f * m.base);
  m.rounding = std::round(0.01f * m.base);
  m.border = std::max(2.0f, std::round(0.003f * m.base));
  m.scrollbar_w = std::max(8.0f, std::round(0.012f * m.base));
  // Never below 24 px even on a small screen: the visitor may have poor sight.
  m.font_small = std::max(24.0f, std::round(0.029f * m.base));
  m.font_body = std::max(26.0f, std::round(0.035f * m.base));
  m.font_heading = std::max(32.0f, std::round(0.047f * m.base));
  m.font_title = std::max(40.0f, std::round(0.066f * m.base));
  return m;
}

}  // namespace kiosk::ui
