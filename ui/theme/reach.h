// Reach: where the 1.22 m forward-reach line (ADA 308.2.1: 380–1220 mm above the floor) falls on
// the kiosk's screen, for the Low reach mode (issue 18). The display the kiosk is designed for is a
// floor-standing 43" 16:9 panel; everything a visitor must touch goes below this line. Pure
// arithmetic, unit-tested (tests/unit/test_ui_reach.cpp).
#pragma once

namespace kiosk::ui::reach {

// A 43" 16:9 panel's active area (the lit part), in mm: 952.2 × 535.6.
inline constexpr float kPanelLongMm = 952.2f;
inline constexpr float kPanelShortMm = 535.6f;
// The active area's bottom edge above the floor, in mm, on the floor stand (portrait: its top at
// 0.80 + 0.95 = 1.75 m). It is above the 380 mm low end of the reach range, so only the high end
// limits what can be touched.
inline constexpr float kBottomEdgeMm = 800.0f;
// The highest point a visitor in a wheelchair reaches forward without an obstruction.
inline constexpr float kReachLimitMm = 1220.0f;

// The physical height of the active area for a screen of `width` × `height` px: the long side when
// the panel stands in portrait, the short side in landscape (the same panel turned).
float panel_height_mm(float width, float height);

// The y (px from the top) of the reach line on a `width` × `height` px screen: anything whose top
// is at or below it can be reached. Portrait 1080x1920: 420 mm of the panel's 952.2 mm lie within
// reach, so the line is at (1 - 420/952.2) x 1920 = 1073.1, rounded up to 1074 px. Landscape
// 1920x1080: (1 - 420/535.6) x 1080 = 233.1 -> 234 px. 0 when the whole panel is within reach.
float line_y(float width, float height);

}  // namespace kiosk::ui::reach
