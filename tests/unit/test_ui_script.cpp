// Script harness: parsing of every command (and the errors that name line and problem), key
// chords, and the player against a fake host — taps at a label's centre, ambiguity and absence
// reported with what was visible, expect / expect-not, drags in timed steps, quit handling.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "ui/script/player.h"
#include "ui/script/script.h"

using namespace kiosk::ui;
using Kind = Command::Kind;

TEST_CASE("script: every command parses") {
  auto s = parse_script(
      "# a comment\n"
      "\n"
      "tap \"Touch to start\"\n"
      "tap 100 200.5\n"
      "drag 10 20 30 40\n"
      "drag 10 20 30 40 500   # trailing comment\n"
      "type \"María \\\"Mari\\\" O'Neil\"\n"
      "wait 90000\n"
      "expect \"Más tiempo\"\n"
      "expect-not \"# not a comment\"\n"
      "screenshot shots/home.png\n"
      "hold \"Sign up\" 1500\n"
      "hold 5 6 700\n"
      "key alt+f4\n"
      "KEY Escape\n"
      "close\n"
      "quit\n");
  REQUIRE(s.errors.empty());
  REQUIRE(s.commands.size() == 15);
  const auto& c = s.commands;
  CHECK(c[0].kind == Kind::TapLabel);
  CHECK(c[0].text == "Touch to start");
  CHECK(c[0].line == 3);
  CHECK(c[0].source == "tap \"Touch to start\"");
  CHECK(c[1].kind == Kind::TapXY);
  CHECK(c[1].y1 == 200.5f);
  CHECK(c[2].kind == Kind::Drag);
  CHECK(c[2].ms == kDefaultDragMs);
  CHECK(c[3].ms == 500);
  CHECK(c[3].x2 == 30);
  CHECK(c[4].kind == Kind::Type);
  CHECK(c[4].text == "María \"Mari\" O'Neil");
  CHECK(c[5].kind == Kind::Wait);
  CHECK(c[5].ms == 90000);
  CHECK(c[6].text == "Más tiempo");
  CHECK(c[7].kind == Kind::ExpectNot);
  CHECK(c[7].text == "# not a comment");
  CHECK(c[8].kind == Kind::Screenshot);
  CHECK(c[8].text == "shots/home.png");
  CHECK(c[9].kind == Kind::HoldLabel);
  CHECK(c[9].ms == 1500);
  CHECK(c[10].kind == Kind::HoldXY);
  CHECK(c[11].kind == Kind::Key);
  CHECK(c[11].chord.key == SDL_SCANCODE_F4);
  REQUIRE(c[11].chord.modifiers.size() == 1);
  CHECK(c[11].chord.modifiers[0] == SDL_SCANCODE_LALT);
  CHECK((c[11].chord.mod & KMOD_LALT) != 0);
  CHECK(c[12].chord.key == SDL_SCANCODE_ESCAPE);
  CHECK(c[13].kind == Kind::Close);
  CHECK(c[14].kind == Kind::Quit);
}

TEST_CASE("script: errors name the line and what was expected") {
  auto s = parse_script(
      "tap Home\n"               // 1: label not quoted
      "wait soon\n"              // 2
      "wait -5\n"                // 3
      "expect \"unterminated\n"  // 4
      "screenshot shot.jpg\n"    // 5
      "key alt+\n"               // 6
      "key hyper+x\n"            // 7
      "key notakey\n"            // 8
      "drag 1 2 3\n"             // 9
      "fly \"away\"\n"           // 10
      "quit now\n"               // 11
      "hold \"Label\"\n"         // 12
      "expect \"a\"\"b\"\n");    // 13
  REQUIRE(s.errors.size() == 13);
  CHECK(s.errors[0] == "line 1: tap: expected \"Label\" or X Y");
  CHECK(s.errors[1].rfind("line 2: wait: expected MS", 0) == 0);
  CHECK(s.errors[2].rfind("line 3: wait:", 0) == 0);
  CHECK(s.errors[3] == "line 4: unterminated quoted string");
  CHECK(s.errors[4] == "line 5: screenshot: the path must end in .png, got shot.jpg");
  CHECK(s.errors[5].rfind("line 6: key: empty key name", 0) == 0);
  CHECK(s.errors[6].rfind("line 7: key: unknown modifier \"hyper\"", 0) == 0);
  CHECK(s.errors[7].rfind("line 8: key: unknown key \"notakey\"", 0) == 0);
  CHECK(s.errors[8] == "line 9: drag: expected X1 Y1 X2 Y2 [MS]");
  CHECK(s.errors[9].rfind("line 10: unknown command \"fly\"", 0) == 0);
  CHECK(s.errors[10] == "line 11: quit: takes no arguments");
  CHECK(s.errors[11].rfind("line 12: hold:", 0) == 0);
  CHECK(s.errors[12] == "line 13: expected a space after the closing quote");
  CHECK(s.commands.empty());
}

TEST_CASE("script: key chords and aliases") {
  KeyChord k;
  std::string err;
  REQUIRE(parse_chord("ctrl+shift+Tab", k, err));
  CHECK(k.key == SDL_SCANCODE_TAB);
  CHECK(k.modifiers.size() == 2);
  CHECK((k.mod & KMOD_LCTRL) != 0);
  CHECK((k.mod & KMOD_LSHIFT) != 0);
  REQUIRE(parse_chord("enter", k, err));
  CHECK(k.key == SDL_SCANCODE_RETURN);
  REQUIRE(parse_chord("esc", k, err));
  CHECK(k.key == SDL_SCANCODE_ESCAPE);
  CHECK(k.modifiers.empty());
  REQUIRE(parse_chord("a", k, err));
  CHECK(k.key == SDL_SCANCODE_A);
  CHECK_FALSE(parse_chord("", k, err));
}

namespace {

// A host that records what the player asks for, with a scripted frame of widgets.
class FakeHost : public ScriptHost {
 public:
  std::vector<WidgetEntry> frame;
  std::vector<std::string> log;
  int frames_drawn = 0;
  int settles = 0;
  long long ms_passed = 0;
  bool quit_on_close = true;
  bool quit = false;

  const std::vector<WidgetEntry>& last_frame() const override { return frame; }
  ImVec2 screen_size() const override { return ImVec2(1920, 1080); }
  void pointer(PointerEvent::Kind kind, ImVec2 p) override {
    const char* k = kind == PointerEvent::Kind::Down ? "down"
                    : kind == PointerEvent::Kind::Up ? "up"
                                                     : "move";
    log.push_back(std::string(k) + " " + std::to_string(static_cast<int>(p.x)) + "," +
                  std::to_string(static_cast<int>(p.y)) + " @" + std::to_string(ms_passed));
  }
  void text_input(const std::string& piece) override { log.push_back("text " + piece); }
  void key(const KeyChord& c) override { log.push_back("key " + std::to_string(c.key)); }
  void close_request() override {
    log.push_back("close");
    quit = quit_on_close;
  }
  void frames(int n) override { frames_drawn += n; }
  void settle() override { ++settles; }
  void pass_time(kiosk::Clock::Millis ms) override { ms_passed += ms.count(); }
  bool screenshot(const std::string& path, std::string& error) override {
    log.push_back("shot " + path);
    if (path == "fail.png") {
      error = "disk full";
      return false;
    }
    return true;
  }
  bool quitting() const override { return quit; }
};

ScriptResult play(FakeHost& h, const char* text) {
  auto s = parse_script(text);
  REQUIRE(s.ok());
  return run_script(s.commands, h, "t.script");
}

}  // namespace

TEST_CASE("player: tap \"Label\" presses at the centre of the one visible widget") {
  FakeHost h;
  h.frame = {{"Home", "Home", Rect{100, 10, 200, 80}, true},
             {"", "How can we help you?", Rect{0, 120, 800, 50}, false}};
  auto r = play(h, "tap \"Home\"\nexpect \"help you\"\nexpect-not \"Ayuda\"\n");
  CHECK(r.exit_code == 0);
  CHECK(r.message.empty());
  REQUIRE(h.log.size() == 2);
  CHECK(h.log[0] == "down 200,50 @0");
  CHECK(h.log[1] == "up 200,50 @0");
  // The first screen settles, then the press and release go in together and settle once: no
  // frame of the player's own between them (a quick tap reaches the real loop that way).
  CHECK(h.settles == 2);
  CHECK(h.frames_drawn == 0);
}

TEST_CASE("player: expect-in-view judges the whole widget against the content and the keyboard") {
  using kiosk::ui::EntryRole;
  FakeHost h;
  Rect view{0, 100, 1920, 500}, keyboard{0, 600, 1920, 480};
  h.frame = {{"", "", view, false, view, EntryRole::View},
             {"", "", keyboard, false, keyboard, EntryRole::Keyboard},
             {"Your name", "", Rect{10, 200, 600, 80}, true},
             // Clipped by the region: its visible part is inside, the whole is not.
             {"Phone", "", Rect{10, 560, 600, 40}, true, Rect{10, 560, 600, 80}},
             {"", "Choose a date.", Rect{10, 300, 600, 40}, false}};
  CHECK(play(h, "expect-in-view \"Your name\"\nexpect-in-view \"Choose a date\"\n").exit_code == 0);
  auto r = play(h, "expect-in-view \"Phone\"\n");
  CHECK(r.exit_code == 1);
  CHECK(r.message.find("\"Phone\" is not in view") != std::string::npos);
  CHECK(r.message.find("10,560 600x80 is under the keyboard") != std::string::npos);
  CHECK(r.message.find("[keyboard]") != std::string::npos);
  auto none = play(h, "expect-in-view \"Email\"\n");
  CHECK(none.message.find("nothing labelled or showing \"Email\" is drawn") != std::string::npos);
  // With no scroll region, the screen is the view.
  FakeHost plain;
  plain.frame = {{"", "Hello", Rect{0, 0, 100, 40}, false}};
  CHECK(play(plain, "expect-in-view \"Hello\"\n").exit_code == 0);
}

TEST_CASE(
    "player: an absent, covered or ambiguous label fails with the line and what was visible") {
  FakeHost h;
  h.frame = {{"Back", "Back", Rect{0, 0, 100, 80}, true},
             {"Sign up", "Sign up", Rect{0, 100, 100, 80}, true},
             {"Sign up", "Sign up", Rect{0, 200, 100, 80}, true},
             {"More time", "More time", Rect{0, 300, 100, 80}, false}};
  auto r = play(h, "expect \"Back\"\ntap \"Home\"\n");
  CHECK(r.exit_code == 1);
  CHECK(r.message.find("t.script:2: tap \"Home\"") != std::string::npos);
  CHECK(r.message.find("no tappable widget labelled \"Home\" is visible") != std::string::npos);
  CHECK(r.message.find("[button] \"Back\"") != std::string::npos);  // what was visible
  CHECK(r.message.find("1920x1080") != std::string::npos);
  CHECK(h.log.empty());

  auto amb = play(h, "tap \"Sign up\"\n");
  CHECK(amb.exit_code == 1);
  CHECK(amb.message.find("2 tappable widgets are labelled \"Sign up\" (ambiguous)") !=
        std::string::npos);

  auto covered = play(h, "tap \"More time\"\n");
  CHECK(covered.exit_code == 1);
  CHECK(covered.message.find("[covered] \"More time\"") != std::string::npos);
}

TEST_CASE("player: expect and expect-not fail on the right line") {
  FakeHost h;
  h.frame = {{"", "Not for emergencies — call 911", Rect{0, 1000, 800, 80}, false}};
  CHECK(play(h, "expect \"call 911\"\n").exit_code == 0);
  auto r = play(h, "expect \"call 911\"\nexpect \"Out of service\"\n");
  CHECK(r.exit_code == 1);
  CHECK(r.message.find(
            "t.script:2: expect \"Out of service\"\n  failed: \"Out of service\" is not visible") ==
        0);
  CHECK(r.message.find("[text] \"Not for emergencies — call 911\"") != std::string::npos);
  auto n = play(h, "expect-not \"911\"\n");
  CHECK(n.exit_code == 1);
  CHECK(n.message.find("is visible but should not be") != std::string::npos);
}

TEST_CASE(
    "player: drag moves in timed steps, hold and wait let time pass, type sends code points") {
  FakeHost h;
  auto r = play(h, "drag 100 800 100 200 160\nhold 50 60 1500\nwait 90000\ntype \"Año\"\n");
  REQUIRE(r.exit_code == 0);
  CHECK(h.log.front() == "down 100,800 @0");
  CHECK(h.log[1] == "move 100,740 @16");  // 10 steps of 16 ms, 60 px each
  CHECK(h.log[10] == "move 100,200 @160");
  CHECK(h.log[11] == "up 100,200 @160");
  CHECK(h.log[12] == "down 50,60 @160");
  CHECK(h.log[13] == "up 50,60 @1660");
  CHECK(h.ms_passed == 160 + 1500 + 90000);
  CHECK(h.log[14] == "text A");
  CHECK(h.log[15] == "text ñ");
  CHECK(h.log[16] == "text o");
}

TEST_CASE("script: coordinates as percentages of the screen") {
  auto s = parse_script("tap 50% 25%\ndrag 50% 90% 50% 10% 200\nhold 100% 0% 10\ntap 101% 5\n");
  REQUIRE(s.errors.size() == 1);
  CHECK(s.errors[0] == "line 4: tap: expected \"Label\" or X Y");
  REQUIRE(s.commands.size() == 3);
  CHECK(s.commands[0].rel_x1);
  CHECK(s.commands[0].x1 == 50);
  FakeHost h;
  s.commands.pop_back();  // hold at 100%: clamped onto the last pixel
  REQUIRE(run_script(s.commands, h, "p.script").exit_code == 0);
  CHECK(h.log[0] == "down 960,270 @0");
  CHECK(h.log[2] == "down 960,972 @0");
  CHECK(h.log.back() == "up 960,108 @200");
  FakeHost edge;
  auto e = parse_script("hold 100% 100% 10\n");
  REQUIRE(run_script(e.commands, edge, "e.script").exit_code == 0);
  CHECK(edge.log[0] == "down 1919,1079 @0");
}

TEST_CASE("player: off-screen points, failed screenshots, quitting early") {
  FakeHost h;
  auto off = play(h, "tap 1920 10\n");
  CHECK(off.exit_code == 1);
  CHECK(off.message.find("is off the 1920x1080 screen") != std::string::npos);

  auto shot = play(h, "screenshot ok.png\nscreenshot fail.png\n");
  CHECK(shot.exit_code == 1);
  CHECK(shot.message.find(
            "t.script:2: screenshot fail.png\n  failed: cannot save the screenshot: disk full") ==
        0);

  FakeHost closing;
  CHECK(play(closing, "close\n").exit_code == 0);  // the kiosk quits and the script ends: fine
  FakeHost early;
  auto r = play(early, "close\nexpect \"Home\"\n");
  CHECK(r.exit_code == 1);
  CHECK(r.message.find("the kiosk quit here, but the script continues at line 2") !=
        std::string::npos);
  FakeHost locked;
  locked.quit_on_close = false;  // a kiosk that refuses to close keeps running the script
  locked.frame = {{"", "Home", Rect{0, 0, 10, 10}, false}};
  CHECK(play(locked, "close\nexpect \"Home\"\n").exit_code == 0);

  FakeHost q;
  CHECK(play(q, "quit\ntap \"Nowhere\"\n").exit_code == 0);  // nothing after quit runs
}

// ---- touch count (issue 17)
TEST_CASE("player: expect-touches-at-most counts taps, holds and drags since reset-touches") {
  auto bad =
      parse_script("expect-touches-at-most\nexpect-touches-at-most \"3\"\nreset-touches 2\n");
  REQUIRE(bad.errors.size() == 3);
  CHECK(bad.errors[0] == "line 1: expect-touches-at-most: expected N, a whole number of touches");
  CHECK(bad.errors[2] == "line 3: reset-touches: takes no arguments");

  FakeHost h;
  h.frame = {{"Home", "Home", Rect{100, 10, 200, 80}, true}};
  // Before the reset: not counted. After: tap, hold, drag count; typing, keys and waits do not.
  const char* script =
      "tap \"Home\"\ntap 5 5\nreset-touches\ntap \"Home\"\ntype \"abc\"\nkey tab\nwait 100\n"
      "hold 5 5 200\ndrag 10 10 10 300\nexpect-touches-at-most 3\n";
  CHECK(play(h, script).exit_code == 0);
  FakeHost over;
  over.frame = h.frame;
  auto r = play(over, (std::string(script) + "tap 5 5\nexpect-touches-at-most 3\n").c_str());
  CHECK(r.exit_code == 1);
  CHECK(r.message.find("t.script:12: expect-touches-at-most 3\n  failed: 4 touches since the last "
                       "reset-touches, expected at most 3") == 0);
}

namespace {

// A list in a View from y 100 to 700; a drag moves its one widget "Far" by the finger's travel,
// as ImGui scrolls with the finger; out of the view it is kept as an off-screen entry.
class ScrollHost : public FakeHost {
 public:
  std::vector<WidgetEntry> off;
  float far_y = 1500;
  bool scrolls = true;
  float down_y = 0;
  float max_drag = 0;
  ScrollHost() { place(); }
  const std::vector<WidgetEntry>& last_offscreen() const override { return off; }
  void pointer(PointerEvent::Kind kind, ImVec2 p) override {
    FakeHost::pointer(kind, p);
    if (kind == PointerEvent::Kind::Down) down_y = p.y;
    if (kind != PointerEvent::Kind::Up) return;
    max_drag = std::max(max_drag, std::abs(p.y - down_y));
    if (scrolls) far_y += p.y - down_y;
    place();
  }
  void place() {
    WidgetEntry view{"", "", Rect{0, 100, 1920, 600}, false};
    view.role = EntryRole::View;
    WidgetEntry far{"Far", "Far", Rect{100, far_y, 400, 80}, true};
    far.whole = far.rect;
    far.id = 7;
    frame = {view};
    off.clear();
    if (far_y >= 100 && far_y + 80 <= 700)
      frame.push_back(far);
    else
      off.push_back(far);
  }
};

}  // namespace

TEST_CASE("player: scroll-to drags the list like a finger until the widget is in view") {
  auto bad = parse_script("scroll-to\nscroll-to Far\n");
  REQUIRE(bad.errors.size() == 2);
  CHECK(bad.errors[0] == "line 1: scroll-to: expected \"Label\"");
  CHECK(is_input_command(Command::Kind::ScrollTo));

  ScrollHost h;
  auto r = play(h, "reset-touches\nscroll-to \"Far\"\ntap \"Far\"\nexpect-touches-at-most 5\n");
  CHECK(r.exit_code == 0);
  CHECK(r.message.empty());
  CHECK(h.far_y >= 100);
  CHECK(h.far_y + 80 <= 700);
  CHECK(h.max_drag <= 0.6f * 600 + 0.5f);  // never more than 0.6 of the view per drag
  CHECK(h.max_drag > 0);

  // Above the view: dragged the other way; already in view: no drag at all.
  ScrollHost above;
  above.far_y = -900;
  above.place();
  CHECK(play(above, "scroll-to \"Far\"\n").exit_code == 0);
  CHECK(above.far_y >= 100);
  ScrollHost there;
  there.far_y = 300;
  there.place();
  CHECK(play(there, "reset-touches\nscroll-to \"Far\"\nexpect-touches-at-most 0\n").exit_code == 0);

  ScrollHost stuck;
  stuck.scrolls = false;
  auto s = play(stuck, "scroll-to \"Far\"\n");
  CHECK(s.exit_code == 1);
  // One drag that moves nothing: the list is at its end, and "Far" is nowhere in view.
  CHECK(s.message.find("\"Far\" cannot be scrolled into view (the list is at its end)") !=
        std::string::npos);
  CHECK(stuck.max_drag > 0);
  ScrollHost none;
  auto n = play(none, "scroll-to \"Near\"\n");
  CHECK(n.exit_code == 1);
  CHECK(n.message.find("nothing labelled \"Near\" is drawn") != std::string::npos);
}

TEST_CASE("player: drag-in strokes inside a widget wherever it is drawn") {
  auto bad = parse_script("drag-in \"Pad\" 10 10 120 10\ndrag-in 10 10 20 20\n");
  REQUIRE(bad.errors.size() == 2);
  CHECK(
      bad.errors[0] ==
      "line 1: drag-in: expected \"Label\" X1 Y1 X2 Y2 [MS] (percentages of the widget, 0 to 100)");
  FakeHost h;
  h.frame = {{"Pad", "Pad", Rect{100, 200, 800, 400}, true}};
  auto r = play(h, "reset-touches\ndrag-in \"Pad\" 10 50 90 25 160\nexpect-touches-at-most 1\n");
  CHECK(r.exit_code == 0);
  REQUIRE(h.log.size() >= 3);
  CHECK(h.log.front() == "down 180,400 @0");
  CHECK(h.log.back() == "up 820,300 @160");
  FakeHost none;
  CHECK(play(none, "drag-in \"Pad\" 10 10 20 20\n").exit_code == 1);
}
