// Palette: the kiosk's high-contrast colours (dark text on white reads best in sunlight) and the
// WCAG contrast ratio used by a unit test to keep every text/background pair at 7:1 or more.
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
};

const Palette& palette();

}  // namespace kiosk::ui
