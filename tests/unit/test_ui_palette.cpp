// Palettes (issue 18): for the standard colours and for High contrast, every text colour against
// every surface it is drawn on (7:1; the standard palette's "Out of service" title is large text
// at 4.5:1), every control's boundary against the page (3:1) and the keypad focus ring against
// the surfaces around it (3:1). A failure names the pair and its ratio.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "ui/theme/palette.h"

using namespace kiosk::ui;

namespace {

struct Pair {
  const char* what;
  Rgb a, b;
  double min;
};

void check_pairs(const char* palette_name, const std::vector<Pair>& pairs) {
  for (const Pair& p : pairs) {
    const double r = contrast_ratio(p.a, p.b);
    INFO(palette_name << ": " << p.what << " = " << r << ":1 (needs " << p.min << ":1)");
    CHECK(r >= p.min);
  }
}

// A control's boundary is whichever of its fill and its outline stands out more from `behind`.
double boundary(Rgb fill, Rgb outline, Rgb behind) {
  return std::max(contrast_ratio(fill, behind), contrast_ratio(outline, behind));
}

std::vector<Pair> text_pairs(const Palette& p, double alert_title_min) {
  return {
      {"text on page", p.text, p.page, 7},
      {"text on card", p.text, p.card, 7},
      {"muted on page", p.muted, p.page, 7},
      {"muted on card", p.muted, p.card, 7},
      {"heading (primary) on page", p.primary, p.page, 7},
      {"tile title (primary) on card", p.primary, p.card, 7},
      {"bar text on bar", p.bar_text, p.bar, 7},
      {"button text on primary", p.primary_text, p.primary, 7},
      {"pressed text on pressed", p.pressed_text, p.pressed, 7},
      {"band text on alert", p.alert_text, p.alert, 7},
      {"alert title on page", p.alert, p.page, alert_title_min},
      {"QR dark on light", p.qr_dark, p.qr_light, 15},
  };
}

std::vector<Pair> focus_pairs(const Palette& p) {
  return {
      {"focus ring on page", p.focus_ring, p.page, 3},
      {"focus ring on card", p.focus_ring, p.card, 3},
      {"focus ring on bar", p.focus_ring_on_dark, p.bar, 3},
      {"focus ring on band", p.focus_ring_on_dark, p.alert, 3},
  };
}

void check_boundaries(const Palette& p) {
  // Against the page: primary (filled), secondary (page fill, card_border outline), tiles and
  // cards (card fill, card_border outline), a pressed button (pressed fill, pressed_text outline),
  // the switch when on (primary) and off (page, card_border outline).
  CHECK(boundary(p.primary, p.primary, p.page) >= 3);
  CHECK(boundary(p.page, p.card_border, p.page) >= 3);
  CHECK(boundary(p.card, p.card_border, p.page) >= 3);
  CHECK(boundary(p.pressed, p.pressed_text, p.page) >= 3);
  // On the bar: bar buttons are outlined in bar_text; on the band: alert fill, alert_text outline.
  CHECK(boundary(p.bar, p.bar_text, p.bar) >= 3);
  CHECK(boundary(p.alert, p.alert_text, p.page) >= 3);
  // The focus ring's gap (page colour, bar colour on the dark bar and band) against the widget
  // it surrounds: the ring reads apart from the widget whatever the widget is filled with.
  CHECK(boundary(p.primary, p.primary, p.page) >= 3);
  CHECK(boundary(p.pressed, p.pressed_text, p.page) >= 3);
  CHECK(boundary(p.alert, p.alert_text, p.bar) >= 3);
}

}  // namespace

TEST_CASE("palette: the standard colours — text 7:1, boundaries and focus 3:1") {
  const Palette& p = palette();
  check_pairs("standard", text_pairs(p, 4.5));  // the alert title is large text
  check_pairs("standard", focus_pairs(p));
  check_boundaries(p);
}

TEST_CASE("palette: High contrast — every text 7:1, boundaries and focus 3:1") {
  const Palette& p = high_contrast_palette();
  check_pairs("high contrast", text_pairs(p, 7));
  check_pairs("high contrast", focus_pairs(p));
  check_boundaries(p);
  // It is a different palette (a light page would not be high contrast in the usual sense).
  CHECK(contrast_ratio(p.page, Rgb{0, 0, 0}) < 1.1);
  CHECK(&palette_for(true) == &high_contrast_palette());
  CHECK(&palette_for(false) == &palette());
}
