// Reach: the reach line from the panel's size and mounting height (see reach.h for the figures).
#include "ui/theme/reach.h"

#include <algorithm>
#include <cmath>

namespace kiosk::ui::reach {

float panel_height_mm(float width, float height) {
  return height > width ? kPanelLongMm : kPanelShortMm;
}

float line_y(float width, float height) {
  if (width <= 0 || height <= 0) return 0;
  const float panel_h = panel_height_mm(width, height);
  // How much of the panel, from its bottom edge up, lies within reach.
  const float reachable = std::clamp(kReachLimitMm - kBottomEdgeMm, 0.0f, panel_h);
  // Rounded up: a pixel row that straddles the line is above it.
  return std::ceil((1.0f - reachable / panel_h) * height);
}

}  // namespace kiosk::ui::reach
