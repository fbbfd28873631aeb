// AccessibilityChoices: what a visitor chose in the Accessibility panel (issue 16; the low-vision
// issue adds text size, contrast, reach and time). They last for the visitor's session only:
// App::end_session() puts them back to these defaults, so the next visitor starts from standard.
#pragma once

namespace kiosk {

// Text size steps (issue 18): Standard has capitals of at least 6 mm on a 21.5" 1080p screen;
// Large and Extra large scale every font (and the layout reflows).
enum class TextSize { Standard, Large, ExtraLarge };

struct AccessibilityChoices {
  bool panel_open = false;       // the Accessibility panel is shown over the current screen
  bool read_aloud = false;       // speech output on
  int volume_percent = 80;       // speech volume, 0..100 (the panel steps it by 10)
  bool key_hint_spoken = false;  // "Press Enter to hear the screen read aloud" said in this visit
  // Issue 18 (low vision, reach, time):
  TextSize text_size = TextSize::Standard;
  bool high_contrast = false;  // the high-contrast palette (text >= 7:1, boundaries >= 3:1)
  bool low_reach = false;      // portrait: everything to touch below the 1.22 m reach line
  bool extra_time = false;     // every timeout x3, double-strike tolerance (300 ms)
  // Any choice a visitor made that changes how keys behave: key repeat is off while it holds.
  bool any_on() const {
    return read_aloud || text_size != TextSize::Standard || high_contrast || low_reach ||
           extra_time;
  }
};

}  // namespace kiosk
