// Metrics: proportions chosen by looking at the screens at the three reference sizes and text
// sizes. Standard body text is 0.0435 x the shorter side: 47 px at 1080p, whose capitals (Noto
// Sans caps are ~0.524 of the pixel size) are 24.6 px = 6.1 mm on a 21.5" 1080p panel (0.2479 mm
// pixel pitch), the ~6 mm EN 301 549 5.1.4 asks for at 500 mm (test_ui_metrics checks it with
// the font's own outline).
#include "ui/theme/metrics.h"

#include <algorithm>
#include <cmath>

namespace kiosk::ui {

float text_scale(TextSize size) {
  switch (size) {
    case TextSize::Standard: return 1.0f;
    case TextSize::Large: return 1.25f;
    case TextSize::ExtraLarge: return 1.5f;
  }
  return 1.0f;
}

Metrics compute_metrics(float width, float height, TextSize size) {
  Metrics m;
  m.width = width;
  m.height = height;
  m.base = std::min(width, height);
  m.portrait = height > width;
  m.text_size = size;
  const float k = text_scale(size);
  m.text_scale = k;
  // Spacing grows half as fast as the text: enough air around larger letters without pushing
  // content off a screen that has no more room than before.
  const float space = 1.0f + (k - 1.0f) * 0.5f;
  m.pad = std::round(0.02f * m.base * space);
  m.gap = std::round(0.016f * m.base * space);
  m.rounding = std::round(0.01f * m.base);
  m.border = std::max(2.0f, std::round(0.003f * m.base));
  m.scrollbar_w = std::max(8.0f, std::round(0.012f * m.base));
  // Never below 30 px even on a small screen: the visitor may have poor sight.
  m.font_body = std::round(std::max(30.0f, 0.0435f * m.base) * k);
  m.font_small = m.font_body;
  m.font_heading = std::round(std::max(38.0f, 0.056f * m.base) * k);
  m.font_title = std::round(std::max(48.0f, 0.075f * m.base) * k);
  // 0.075 x height (81 px at 1080p, 60 at 800, 144 in portrait), and always room for one line of
  // body text (1.25 line height) with padding above and below, which decides at the larger sizes.
  m.tap_h = std::ceil(std::max(0.075f * height, std::round(m.font_body * 1.25f) + m.pad));
  return m;
}

}  // namespace kiosk::ui
