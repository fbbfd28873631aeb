// AccessibilityChoices: what a visitor chose in the Accessibility panel (issue 16; the low-vision
// issue adds text size, contrast, reach and time). They last for the visitor's session only:
// App::end_session() puts them back to these defaults, so the next visitor starts from standard.
#pragma once

namespace kiosk {

struct AccessibilityChoices {
  bool panel_open = false;       // the Accessibility panel is shown over the current screen
  bool read_aloud = false;       // speech output on
  int volume_percent = 80;       // speech volume, 0..100 (the panel steps it by 10)
  bool key_hint_spoken = false;  // "Press Enter to hear the screen read aloud" said in this visit
};

}  // namespace kiosk
