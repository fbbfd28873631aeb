// Reach (issues 17 and 18): the 1.22 m line on a floor-standing 43" panel in px per screen size,
// and the harness commands that check rectangles against it (low-reach, expect-below, expect-reach).
#include <catch2/catch.hpp>

#include <imgui/imgui_internal.h>  // ImHashStr: a navigation button's ImGuiID, as drawn

#include <string>
#include <vector>

#include "ui/script/player.h"
#include "ui/script/script.h"
#include "ui/theme/reach.h"

using namespace kiosk;
using namespace kiosk::ui;

TEST_CASE("portrait 1080x1920: the line is 420 mm above the panel's bottom edge") {
  // 0.80 m bottom edge, 1.22 m reach: 0.42 m of the 0.9522 m panel is within reach.
  CHECK(reach::panel_height_mm(1080, 1920) == Approx(952.2f));
  CHECK(reach::line_y(1080, 1920) == 1074.0f);  // 1073.1 rounded up: that row is partly above
  // Below the middle of the screen: the top half is out of reach.
  CHECK(reach::line_y(1080, 1920) > 960.0f);
}

TEST_CASE("landscape: the same panel turned, its short side upright") {
  CHECK(reach::panel_height_mm(1920, 1080) == Approx(535.6f));
  CHECK(reach::line_y(1920, 1080) == 234.0f);
  CHECK(reach::line_y(1280, 800) == 173.0f);
}

TEST_CASE("the line scales with the screen's pixel height, not its width") {
  // Same portrait panel, half the pixels: the line at the same fraction of the height.
  CHECK(reach::line_y(540, 960) == 537.0f);
  CHECK(reach::line_y(1080, 1920) / 1920.0f ==
        Approx(reach::line_y(540, 960) / 960.0f).epsilon(0.002));
}

TEST_CASE("degenerate sizes give no line") {
  CHECK(reach::line_y(0, 0) == 0.0f);
  CHECK(reach::line_y(1080, 0) == 0.0f);
}

// ---------------------------------------------------------------- harness commands

namespace {

// A portrait screen whose frame the test writes; `low-reach` is recorded.
class ReachHost : public ScriptHost {
 public:
  std::vector<WidgetEntry> frame;
  int low_reach_calls = 0;
  bool low_reach = false;
  bool can_set = true;

  const std::vector<WidgetEntry>& last_frame() const override { return frame; }
  ImVec2 screen_size() const override { return ImVec2(1080, 1920); }
  void pointer(PointerEvent::Kind, ImVec2) override {}
  void text_input(const std::string&) override {}
  void key(const KeyChord&) override {}
  void close_request() override {}
  void frames(int) override {}
  void settle() override {}
  void pass_time(Clock::Millis) override {}
  bool screenshot(const std::string&, std::string&) override { return true; }
  bool quitting() const override { return false; }
  bool set_low_reach(bool on) override {
    ++low_reach_calls;
    low_reach = on;
    return can_set;
  }
};

// A tappable button as the bars draw it: its ImGuiID from its id at the screen window's root.
WidgetEntry nav_button(const char* id, const std::string& label, float y) {
  WidgetEntry e{label, label, Rect{20, y, 170, 144}, true};
  e.control = Control::Button;
  e.id = ImHashStr(id, 0, ImHashStr("##screen"));
  return e;
}

WidgetEntry plain_button(const std::string& label, float y) {
  WidgetEntry e{label, label, Rect{20, y, 500, 144}, true};
  e.control = Control::Button;
  e.id = ImHashStr(label.c_str());
  return e;
}

ScriptResult play(ScriptHost& h, const char* text) {
  auto s = parse_script(text);
  REQUIRE(s.ok());
  return run_script(s.commands, h, "t.script");
}

}  // namespace

TEST_CASE("reach commands parse, and bad arguments are reported") {
  auto s = parse_script(
      "low-reach on\nlow-reach OFF\nexpect-below 0.5 nav\n"
      "expect-below 0.55 \"Scroll up\"\nexpect-reach\n");
  REQUIRE(s.ok());
  REQUIRE(s.commands.size() == 5);
  CHECK(s.commands[0].kind == Command::Kind::LowReach);
  CHECK(s.commands[0].on);
  CHECK_FALSE(s.commands[1].on);
  CHECK(s.commands[2].kind == Command::Kind::ExpectBelow);
  CHECK(s.commands[2].nav);
  CHECK(s.commands[2].fraction == Approx(0.5f));
  CHECK_FALSE(s.commands[3].nav);
  CHECK(s.commands[3].text == "Scroll up");
  CHECK(s.commands[4].kind == Command::Kind::ExpectReach);
  for (const char* bad : {"low-reach", "low-reach yes", "low-reach \"on\"", "expect-below nav",
                          "expect-below 1.5 nav", "expect-below -0.1 nav", "expect-below 0.5 Home",
                          "expect-below 0.5 \"\"", "expect-reach 1"}) {
    INFO(bad);
    CHECK_FALSE(parse_script(bad).ok());
  }
  CHECK_FALSE(is_input_command(Command::Kind::ExpectReach));
}

TEST_CASE("low-reach sets the choice through the host, and fails on a host without one") {
  ReachHost h;
  CHECK(play(h, "low-reach on\n").exit_code == 0);
  CHECK(h.low_reach);
  CHECK(play(h, "low-reach off\n").exit_code == 0);
  CHECK_FALSE(h.low_reach);
  ReachHost none;
  none.can_set = false;
  ScriptResult r = play(none, "low-reach on\n");
  CHECK(r.exit_code == 1);
  CHECK(r.message.find("cannot set Low reach") != std::string::npos);
}

TEST_CASE("expect-below nav: every navigation button, found by id in any language") {
  ReachHost h;
  h.frame = {plain_button("Neighborhood safety", 200), nav_button("nav-back", "Atrás", 1600),
             nav_button("nav-home", "Inicio", 1600), nav_button("nav-privacy", "Privacidad", 1770)};
  // A tile high up is not navigation.
  CHECK(play(h, "expect-below 0.5 nav\n").exit_code == 0);
  // One navigation button in the top half fails, and is named.
  h.frame.push_back(nav_button("a11y-open", "Accesibilidad", 10));
  ScriptResult r = play(h, "expect-below 0.5 nav\n");
  CHECK(r.exit_code == 1);
  CHECK(r.message.find("\"Accesibilidad\" 20,10") != std::string::npos);
  CHECK(r.message.find("\"Inicio\" 20,1600") == std::string::npos);
  // No navigation at all is a failure, not a pass.
  h.frame = {plain_button("Neighborhood safety", 1500)};
  CHECK(play(h, "expect-below 0.5 nav\n").exit_code == 1);
}

TEST_CASE("expect-below \"Label\": every widget with that label, at the given fraction") {
  ReachHost h;
  h.frame = {plain_button("Scroll up", 1074), plain_button("Scroll down", 1444)};
  CHECK(play(h, "expect-below 0.55 \"Scroll up\"\n").exit_code == 0);  // 1056 px
  CHECK(play(h, "expect-below 0.56 \"Scroll up\"\n").exit_code == 1);  // 1075 px
  CHECK(play(h, "expect-below 0.5 \"Scroll\"\n").exit_code == 1);      // exact labels only
}

TEST_CASE("expect-reach: every tappable widget at or below the line (1074 of 1920)") {
  ReachHost h;
  h.frame = {plain_button("Sign up", 1074), nav_button("nav-home", "Home", 1600)};
  WidgetEntry title{"", "Neighborhood Watch", Rect{20, 20, 1000, 64}, false};
  h.frame.push_back(title);  // words above the line are fine
  WidgetEntry covered = plain_button("Edit", 300);
  covered.tappable = false;  // what a dialog covers is not tappable
  h.frame.push_back(covered);
  CHECK(play(h, "expect-reach\n").exit_code == 0);
  h.frame.push_back(plain_button("Next", 1073));  // one pixel row above
  ScriptResult r = play(h, "expect-reach\n");
  CHECK(r.exit_code == 1);
  CHECK(r.message.find("\"Next\"") != std::string::npos);
  CHECK(r.message.find("1074") != std::string::npos);
  // Nothing tappable: nothing was checked, which is a failure.
  h.frame = {title};
  CHECK(play(h, "expect-reach\n").exit_code == 1);
}
