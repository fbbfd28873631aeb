// Metrics: every size on screen, derived from the window size and the visitor's text size so the
// layout works at 1920x1080, 1280x800 and 1080x1920 (portrait) at Standard, Large and Extra large.
// Text sizes follow the shorter side (portrait gets the same text as landscape at the same width);
// tap targets follow the height (>= 0.07 x height) and grow with the text. Pure arithmetic,
// unit-tested at the three reference sizes.
#pragma once
#include "kiosk/app/accessibility.h"

namespace kiosk::ui {

struct Metrics {
  float width = 0, height = 0;
  float base = 0;  // min(width, height)
  bool portrait = false;
  TextSize text_size = TextSize::Standard;
  float text_scale = 1;  // 1, 1.25 or 1.5: how much larger than Standard the fonts are
  float tap_h = 0;       // minimum height of anything tappable
  float pad = 0;         // inner padding of bars, cards and buttons
  float gap = 0;         // space between items
  float rounding = 0;
  float border = 0;       // outline thickness of cards and secondary buttons
  float scrollbar_w = 0;  // the passive scroll indicator
  // Font sizes in px, as ImGui sizes fonts (the ascent-to-descent height). ImGui 1.86 atlases are
  // fixed: a change of text size rebuilds the atlas (the runner does, between frames).
  // font_small is never smaller than font_body: help text is read as much as body text.
  float font_small = 0, font_body = 0, font_heading = 0, font_title = 0;
};

// How much larger than Standard each step is.
float text_scale(TextSize size);

Metrics compute_metrics(float width, float height, TextSize size = TextSize::Standard);

}  // namespace kiosk::ui
