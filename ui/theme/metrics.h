// Metrics: every size on screen, derived from the window size so the layout works at 1920x1080,
// 1280x800 and 1080x1920 (portrait). Text sizes follow the shorter side (portrait gets the same
// text as landscape at the same width); tap targets follow the height (>= 0.07 x height).
// Pure arithmetic, unit-tested at the three reference sizes.
#pragma once

namespace kiosk::ui {

struct Metrics {
  float width = 0, height = 0;
  float base = 0;  // min(width, height)
  bool portrait = false;
  float tap_h = 0;  // minimum height of anything tappable
  float pad = 0;    // inner padding of bars, cards and buttons
  float gap = 0;    // space between items
  float rounding = 0;
  float border = 0;       // outline thickness of cards and secondary buttons
  float scrollbar_w = 0;  // the passive scroll indicator
  // Font sizes in px (fixed at start: ImGui 1.86 cannot resize fonts at run time).
  float font_small = 0, font_body = 0, font_heading = 0, font_title = 0;
};

Metrics compute_metrics(float width, float height);

}  // namespace kiosk::ui
