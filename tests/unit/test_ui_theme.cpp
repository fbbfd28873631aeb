// Theme and registry: tap targets >= 0.07 x screen height and readable text at the three
// reference sizes, 7:1 contrast for every text/background pair, every UI string and every text of
// the bundled content drawable with the font's glyph ranges, and the registry's look-ups.
#include <catch2/catch.hpp>

#include "kiosk/content/catalogue.h"
#include "kiosk/core/strings.h"
#include "ui/theme/glyph_ranges.h"
#include "ui/theme/metrics.h"
#include "ui/theme/palette.h"
#include "ui/widgets/registry.h"

using namespace kiosk::ui;

TEST_CASE("metrics: tap targets and text sizes at 1920x1080, 1280x800 and 1080x1920") {
  struct Size {
    float w, h;
  };
  for (Size s : {Size{1920, 1080}, Size{1280, 800}, Size{1080, 1920}}) {
    INFO(s.w << "x" << s.h);
    Metrics m = compute_metrics(s.w, s.h);
    CHECK(m.tap_h >= 0.07f * s.h);
    CHECK(m.font_body >= 26);
    CHECK(m.font_small >= 24);
    CHECK(m.font_body < m.font_heading);
    CHECK(m.font_heading < m.font_title);
    CHECK(m.portrait == (s.h > s.w));
  }
  CHECK(compute_metrics(1920, 1080).tap_h >= 76);
  // Portrait text is as large as landscape text at the same width.
  CHECK(compute_metrics(1080, 1920).font_body == compute_metrics(1920, 1080).font_body);
}

TEST_CASE("palette: every text colour on its background reaches 7:1 (WCAG AAA)") {
  const Palette& p = palette();
  CHECK(contrast_ratio(Rgb{0, 0, 0}, Rgb{255, 255, 255}) == Approx(21));
  CHECK(contrast_ratio(p.text, p.page) >= 7);
  CHECK(contrast_ratio(p.muted, p.page) >= 7);
  CHECK(contrast_ratio(p.text, p.card) >= 7);
  CHECK(contrast_ratio(p.muted, p.card) >= 7);
  CHECK(contrast_ratio(p.primary, p.page) >= 7);  // headings
  CHECK(contrast_ratio(p.primary, p.card) >= 7);  // tile titles
  CHECK(contrast_ratio(p.bar_text, p.bar) >= 7);
  CHECK(contrast_ratio(p.primary_text, p.primary) >= 7);
  CHECK(contrast_ratio(p.pressed_text, p.pressed) >= 7);
  CHECK(contrast_ratio(p.alert_text, p.alert) >= 7);
  CHECK(contrast_ratio(p.alert, p.page) >= 4.5);  // "Out of service" title, large text
  CHECK(contrast_ratio(p.qr_dark, p.qr_light) >= 15);
}

namespace {
void check_text(const std::string& where, const std::string& text) {
  std::uint32_t missing = first_missing_glyph(text);
  INFO(where << ": " << text);
  CHECK(missing == 0);
}
void check_local(const std::string& where, const kiosk::LocalText& t) {
  check_text(where + " (en)", t.en);
  check_text(where + " (es)", t.es);
}
}  // namespace

TEST_CASE("glyphs: UI strings and the bundled content only use characters the fonts have") {
  CHECK(first_missing_glyph("Año “ñ” — 911 …") == 0);
  CHECK(first_missing_glyph("emoji \xF0\x9F\x98\x80") == 0x1F600);
  CHECK(first_missing_glyph("arrow \xE2\x86\x90") == 0x2190);

  const kiosk::Strings& s = kiosk::Strings::builtin();
  for (const auto& k : s.keys()) {
    check_text(k, s.get(kiosk::Lang::En, k));
    check_text(k, s.get(kiosk::Lang::Es, k));
  }
  kiosk::Catalogue c = kiosk::bundled_catalogue();
  const auto& d = c.department;
  for (const auto* t :
       {&d.name, &d.emergency_notice, &d.not_monitored_notice, &d.privacy_notice, &d.records_info})
    check_local("department", *t);
  for (const auto& h : d.highlights) check_local("highlight", h);
  for (const auto& cat : c.categories)
    check_local(cat.id, cat.title), check_local(cat.id, cat.summary);
  for (const auto& p : c.programs)
    for (const auto* t : {&p.title, &p.summary, &p.description, &p.audience, &p.schedule,
                          &p.location, &p.contact.office})
      check_local(p.id, *t);
  for (const auto& e : c.events)
    for (const auto* t : {&e.title, &e.summary, &e.place}) check_local(e.id, *t);
  for (const auto& cp : c.contacts)
    for (const auto* t : {&cp.title, &cp.summary, &cp.hours, &cp.contact.office})
      check_local(cp.id, *t);
}

TEST_CASE("registry: visible entries, tappable look-ups, covering dialogs, descriptions") {
  WidgetRegistry r;
  r.begin_frame();
  r.add({"Home", "Home", Rect{0, 0, 100, 80}, true});
  r.add({"", "scrolled away", Rect{0, 0, 0, 0}, false});  // nothing visible: not registered
  r.add({"", "How can we help you?", Rect{0, 100, 500, 40}, false});
  REQUIRE(r.current().size() == 2);
  CHECK(WidgetRegistry::shows_text(r.current(), "help you"));
  CHECK_FALSE(WidgetRegistry::shows_text(r.current(), "scrolled away"));
  CHECK(WidgetRegistry::tappable_with_label(r.current(), "Home").size() == 1);
  CHECK(WidgetRegistry::tappable_with_label(r.current(), "Hom").empty());  // labels match exactly
  CHECK(WidgetRegistry::tappable_at(r.current(), ImVec2(50, 40)));
  CHECK_FALSE(WidgetRegistry::tappable_at(r.current(), ImVec2(50, 120)));
  r.cover_all();
  r.add({"More time", "More time", Rect{10, 10, 50, 50}, true});
  CHECK(WidgetRegistry::tappable_with_label(r.current(), "Home").empty());
  CHECK(WidgetRegistry::shows_text(r.current(), "Home"));  // still visible behind the dialog
  std::string d = WidgetRegistry::describe(r.current());
  CHECK(d.find("[covered] \"Home\"  @ 0,0 100x80") != std::string::npos);
  CHECK(d.find("[button] \"More time\"") != std::string::npos);
  CHECK(d.find("[text] \"How can we help you?\"") != std::string::npos);
  r.begin_frame();
  CHECK(r.current().empty());
  CHECK(WidgetRegistry::describe(r.current()) == "  (nothing)\n");
}

TEST_CASE("rect intersection clips to what is visible") {
  Rect a{0, 0, 100, 100};
  Rect b{50, 80, 100, 100};
  Rect i = a.intersect(b);
  CHECK(i.x == 50);
  CHECK(i.y == 80);
  CHECK(i.w == 50);
  CHECK(i.h == 20);
  CHECK(a.intersect(Rect{200, 200, 5, 5}).empty());
  CHECK(i.center().x == 75);
}
