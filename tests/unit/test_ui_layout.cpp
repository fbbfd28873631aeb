// Layout checks (issue 18): what `expect-layout` reports from a frame's registry — widgets
// outside the screen (scrolled content judged by its visible part), tappable widgets that
// overlap, texts larger than their boxes — and the script commands that go with it.
#include <catch2/catch.hpp>

#include "ui/script/script.h"
#include "ui/widgets/registry.h"

using namespace kiosk::ui;

namespace {
WidgetEntry button(const char* label, Rect r) {
  WidgetEntry e{label, label, r, true, r};
  return e;
}
WidgetEntry text(const char* s, Rect box, float w, float h) {
  WidgetEntry e{"", s, box, false, box};
  e.text_box = box;
  e.text_w = w;
  e.text_h = h;
  return e;
}
bool mentions(const std::vector<std::string>& problems, const std::string& needle) {
  for (const auto& p : problems)
    if (p.find(needle) != std::string::npos) return true;
  return false;
}
}  // namespace

TEST_CASE("layout: a clean frame has no problems") {
  std::vector<WidgetEntry> f{button("Home", Rect{0, 0, 200, 80}),
                             button("Next", Rect{210, 0, 200, 80}),  // touching is not overlapping
                             button("Back", Rect{410, 0, 200, 80}),
                             text("Welcome", Rect{0, 100, 500, 60}, 480, 60)};
  CHECK(WidgetRegistry::layout_problems(f, ImVec2(1920, 1080)).empty());
}

TEST_CASE("layout: each fault is named, with the widgets and their rectangles") {
  std::vector<WidgetEntry> f{
      button("Sign up", Rect{1800, 1000, 200, 100}),  // past the corner
      button("Home", Rect{0, 0, 200, 80}),
      button("Help", Rect{150, 40, 200, 80}),                                  // overlap
      text("A long title that does not fit", Rect{0, 200, 300, 60}, 420, 60),  // too wide
      text("Three lines in a box for one", Rect{0, 300, 300, 60}, 290, 180),   // too tall
  };
  const auto p = WidgetRegistry::layout_problems(f, ImVec2(1920, 1080));
  CHECK(p.size() == 4);
  CHECK(mentions(p, "[button] \"Sign up\" at 1800,1000 200x100 is outside the 0,0 1920x1080"));
  CHECK(mentions(p, "[button] \"Home\" at 0,0 200x80 overlaps [button] \"Help\" at 150,40 200x80"));
  CHECK(mentions(p, "\"A long title that does not fit\" measures 420x60, larger than its box"));
  CHECK(mentions(p, "\"Three lines in a box for one\" measures 290x180"));
}

TEST_CASE("layout: scrolled content and covered widgets are judged as a person sees them") {
  // A list item half scrolled out of its view: its visible part is on screen, which is fine.
  WidgetEntry item = button("Car seats", Rect{0, 900, 400, 180});
  item.whole = Rect{0, 900, 400, 300};
  item.region = 7;
  // The same widget outside any scroll region really is cut off by the screen's edge.
  WidgetEntry cut = button("Done", Rect{600, 900, 400, 180});
  cut.whole = Rect{600, 900, 400, 300};
  // Behind a dialog (covered: not tappable), overlap with the dialog's buttons does not count.
  WidgetEntry behind = button("Next", Rect{1000, 400, 300, 100});
  behind.tappable = false;
  WidgetEntry stay = button("Stay", Rect{1000, 400, 300, 100});
  const auto p = WidgetRegistry::layout_problems({item, cut, behind, stay}, ImVec2(1920, 1080));
  REQUIRE(p.size() == 1);
  CHECK(mentions(p, "\"Done\" at 600,900 400x300 is outside"));
}

TEST_CASE("layout: with the on-screen keyboard up, the box being typed in shows whole") {
  WidgetEntry keys{
      "", "", Rect{0, 240, 1280, 410}, false, Rect{0, 240, 1280, 410}, EntryRole::Keyboard};
  WidgetEntry box = button("First name", Rect{20, 190, 1040, 85});
  box.region = 3;
  box.typing = true;
  SECTION("whole above the keys: fine") {
    CHECK(WidgetRegistry::layout_problems({box, keys}, ImVec2(1280, 800)).empty());
  }
  SECTION("cut by its scroll view, the rest under the keys") {
    box.rect = Rect{20, 190, 1040, 40};
    box.whole = Rect{20, 190, 1040, 85};
    const auto p = WidgetRegistry::layout_problems({box, keys}, ImVec2(1280, 800));
    REQUIRE(p.size() == 1);
    CHECK(mentions(p, "\"First name\", the box being typed in, shows 40 of its 85 px"));
  }
  SECTION("scrolled out of view altogether (the registry drops it)") {
    const auto p = WidgetRegistry::layout_problems({keys}, ImVec2(1280, 800));
    REQUIRE(p.size() == 1);
    CHECK(mentions(p, "the box being typed in is not on screen"));
  }
  SECTION("typing on a physical keyboard: no on-screen keys, nothing to check") {
    CHECK(WidgetRegistry::layout_problems({}, ImVec2(1280, 800)).empty());
  }
}

TEST_CASE("script: expect-layout, text-size and high-contrast parse, bad arguments are refused") {
  ParsedScript s =
      parse_script("text-size extra-large\nhigh-contrast on\nexpect-layout\ntext-size standard\n");
  REQUIRE(s.ok());
  REQUIRE(s.commands.size() == 4);
  CHECK(s.commands[0].kind == Command::Kind::TextSizeSet);
  CHECK(s.commands[0].text == "extra-large");
  CHECK(s.commands[1].kind == Command::Kind::HighContrast);
  CHECK(s.commands[1].text == "on");
  CHECK(s.commands[2].kind == Command::Kind::ExpectLayout);
  CHECK_FALSE(is_input_command(Command::Kind::TextSizeSet));
  ParsedScript k = parse_script("expect-layout known \"Demo\" known \"Next\"\n");
  REQUIRE(k.ok());
  CHECK(k.commands[0].known == std::vector<std::string>{"Demo", "Next"});
  for (const char* bad : {"text-size huge", "text-size", "high-contrast yes", "expect-layout now",
                          "text-size \"large\""}) {
    INFO(bad);
    CHECK_FALSE(parse_script(bad).ok());
  }
}
