// Palette: the kiosk's colours — the standard set (dark text on white reads best in sunlight) and
// the visitor's High contrast choice (issue 18: white and yellow on black, the colours of
// low-vision display settings) — and the WCAG contrast ratio a unit test keeps every text pair at
// 7:1 or more with, and every control boundary and focus ring at 3:1 or more.
#pragma once
#include <cstdint>

namespace kiosk::ui {

struct Rgb {
  std::uint8_t r, g, b;
};

// WCAG 2.x contrast ratio between two colours, 1..21.
double contrast_ratio(Rgb a, Rgb b);

struct Palette {
  Rgb page{0xFF, 0xFF, 0xFF};   // screen background
  Rgb text{0x0A, 0x0A, 0x0A};   // body text on page/card
  Rgb muted{0x2E, 0x2E, 0x2E};  // secondary text on page/card
  Rgb card{0xEE, 0xF2, 0xF8};   // text cards and tiles
  Rgb card_border{0x1F, 0x3A, 0x68};
  Rgb bar{0x0B, 0x2A, 0x5B};  // top bar background
  Rgb bar_text{0xFF, 0xFF, 0xFF};
  Rgb primary{0x0B, 0x3D, 0x91};  // main buttons
  Rgb primary_text{0xFF, 0xFF, 0xFF};
  Rgb pressed{0xFF, 0xD2, 0x3F};  // any button while pressed: impossible to miss
  Rgb pressed_text{0x0A, 0x0A, 0x0A};
  Rgb alert{0xA3, 0x00, 0x15};  // "Not for emergencies — call 911" band
  Rgb alert_text{0xFF, 0xFF, 0xFF};
  Rgb dim{0x00, 0x00, 0x00};  // behind the "Still there?" dialog (drawn translucent)
  Rgb qr_dark{0x00, 0x00, 0x00};
  Rgb qr_light{0xFF, 0xFF, 0xFF};
  // Keypad focus ring: dark magenta on light surfaces (page, cards), yellow on the dark bar and
  // the red band; a gap of the surface's own colour separates it from the widget, so it reads
  // against whatever the widget is filled with (test_palette checks every pair at 3:1 or more).
  Rgb focus_ring{0x8A, 0x00, 0x57};
  Rgb focus_ring_on_dark{0xFF, 0xD2, 0x3F};
};

// The standard colours.
const Palette& palette();
// High contrast: black page, white text, yellow controls and headings, a light red band with
// black text; the focus ring cyan on the page and magenta on the bar and band.
const Palette& high_contrast_palette();
// The palette for the visitor's choice.
const Palette& palette_for(bool high_contrast);

}  // namespace kiosk::ui
