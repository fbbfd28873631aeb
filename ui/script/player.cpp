// ScriptPlayer: one function per command; each leaves behind the frames the real frame loop would
// draw for it (docs/script-harness.md, "Frame model"), so the next `expect` sees the screen a
// person would see after that input.
#include "ui/script/player.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>

#include <imgui/imgui_internal.h>  // ImHashStr: the ImGuiIDs of the navigation buttons

#include "ui/theme/reach.h"
#include "ui/widgets/focus.h"

namespace kiosk::ui {
namespace {

using K = PointerEvent::Kind;
using Kind = Command::Kind;

std::string describe_frame(const ScriptHost& host) {
  ImVec2 s = host.screen_size();
  return "  visible in the last frame (" + std::to_string(static_cast<int>(s.x)) + "x" +
         std::to_string(static_cast<int>(s.y)) + "):\n" +
         WidgetRegistry::describe(host.last_frame());
}

// Finds the one tappable widget labelled `label`; "" or an error.
std::string find_label(const ScriptHost& host, const std::string& label, ImVec2& centre) {
  auto found = WidgetRegistry::tappable_with_label(host.last_frame(), label);
  if (found.empty()) return "no tappable widget labelled \"" + label + "\" is visible";
  if (found.size() > 1)
    return std::to_string(found.size()) + " tappable widgets are labelled \"" + label +
           "\" (ambiguous)";
  centre = found[0]->rect.center();
  return "";
}

std::string check_on_screen(const ScriptHost& host, float x, float y) {
  ImVec2 s = host.screen_size();
  if (x < 0 || y < 0 || x >= s.x || y >= s.y)
    return "point " + std::to_string(static_cast<int>(x)) + "," +
           std::to_string(static_cast<int>(y)) + " is off the " +
           std::to_string(static_cast<int>(s.x)) + "x" + std::to_string(static_cast<int>(s.y)) +
           " screen";
  return "";
}

// A tap queues the press and the release together, as a quick tap or a mouse click reaches the
// kiosk (both in one wake-up of the frame loop): the fewest frames real input gets. A hold lets
// the press settle first.
void press_release(ScriptHost& host, ImVec2 p, int hold_ms) {
  host.pointer(K::Down, p);
  if (hold_ms > 0) {
    host.settle();
    host.pass_time(Clock::Millis(hold_ms));
  }
  host.pointer(K::Up, p);
  host.settle();
}

// Pixel coordinates of a command's points (percentages resolved against the screen).
Command resolve(const Command& in, ImVec2 screen) {
  Command c = in;
  // 100% would be one pixel past the edge: keep it on the screen.
  auto rel = [](float pct, float extent) { return std::min(extent * pct / 100.0f, extent - 1); };
  if (c.rel_x1) c.x1 = rel(c.x1, screen.x);
  if (c.rel_y1) c.y1 = rel(c.y1, screen.y);
  if (c.rel_x2) c.x2 = rel(c.x2, screen.x);
  if (c.rel_y2) c.y2 = rel(c.y2, screen.y);
  return c;
}

void drag(ScriptHost& host, const Command& c) {
  ImVec2 a(c.x1, c.y1), b(c.x2, c.y2);
  host.pointer(K::Down, a);
  host.frames(1);
  int steps = std::max(1, c.ms / kDragStepMs);
  for (int i = 1; i <= steps; ++i) {
    // Time moves first, then the finger: the same order a real touch screen reports them.
    int elapsed = c.ms * i / steps - c.ms * (i - 1) / steps;
    if (elapsed > 0) host.pass_time(Clock::Millis(elapsed));
    float f = static_cast<float>(i) / static_cast<float>(steps);
    host.pointer(K::Move, ImVec2(a.x + (b.x - a.x) * f, a.y + (b.y - a.y) * f));
    host.frames(1);
  }
  host.pointer(K::Up, b);
  host.settle();
}

// scroll-to: drags the View (scrolling list) holding the widget labelled `label` until the widget
// is wholly inside it, as a visitor's finger would: each drag moves at most 0.6 of the view's
// height, slowly, and the finger rests before lifting so the list does not coast. `drags` counts
// the drags made (they are touches). Fails when the widget is drawn nowhere, is in no View, or is
// still not in view after kMaxScrollDrags.
std::string rect_text(const Rect& r);
constexpr int kMaxScrollDrags = 16;
std::string scroll_to(ScriptHost& host, const std::string& label, int& drags) {
  drags = 0;
  float last_top = 0;
  for (;;) {
    // The tappable widget drawn in this frame, else the one scrolled out of view, else any.
    const WidgetEntry* e = nullptr;
    bool in_frame = false;
    for (const auto& w : host.last_frame())
      if (!e && w.role == EntryRole::Widget && w.label == label && w.tappable) e = &w;
    in_frame = e != nullptr;
    for (const auto& w : host.last_offscreen())
      if (!e && w.role == EntryRole::Widget && w.label == label) e = &w;
    for (const auto& w : host.last_frame())
      if (!e && w.role == EntryRole::Widget && w.label == label) e = &w, in_frame = true;
    if (!e) return "nothing labelled \"" + label + "\" is drawn, in view or scrolled out of it";
    const Rect whole = e->whole.empty() ? e->rect : e->whole;
    // What the registry says is visible decides, not the geometry: a clip inside the list (a
    // column, a bar over it) hides what lies within the list's rectangle.
    const bool shown = in_frame && e->rect.h >= 1;
    const bool all_shown = shown && e->rect.h >= whole.h - 1;
    const float cx = whole.x + whole.w * 0.5f;
    const WidgetEntry* view = nullptr;
    // The last View drawn across the widget's column: a panel's list over the page's is on top.
    for (const auto& v : host.last_frame())
      if (v.role == EntryRole::View && cx >= v.rect.x && cx <= v.rect.x + v.rect.w) view = &v;
    if (all_shown) return "";
    if (!view) return shown ? "" : "\"" + label + "\" is in no scrolling list";
    const Rect vr = view->rect;
    const float top = whole.y, bottom = whole.y + whole.h;
    // Shown, and inside the list's rectangle (the list's own padding may trim a pixel or two).
    if (shown && top >= vr.y - 0.5f && bottom <= vr.y + vr.h + 0.5f) return "";
    // Taller than the list: its top in view is as much as it can show.
    if (shown && whole.h > vr.h && top >= vr.y - 0.5f) return "";
    // The last drag moved nothing: the list is at its end. Partly in view is as far as a finger
    // can bring it (a list shorter than the widget, say); nowhere in view is a failure.
    if (drags > 0 && std::abs(top - last_top) < 0.5f) {
      if (shown) return "";
      return "\"" + label + "\" cannot be scrolled into view (the list is at its end)";
    }
    last_top = top;
    if (drags == kMaxScrollDrags)
      return "\"" + label + "\" is still not in view after " + std::to_string(drags) +
             " drags (whole " + rect_text(whole) + ", shown " + rect_text(e->rect) + ", list " +
             rect_text(vr) + ")";
    // Content moves up (finger up) when the widget is below; down when above (or, inside the
    // list's rectangle yet clipped, when its visible part is its bottom).
    const bool above = top < vr.y || (shown && e->rect.y > whole.y + 0.5f && bottom <= vr.y + vr.h);
    // Just far enough, with a margin that never pushes a widget nearly as tall as the list past
    // its other edge (that would only swing it back and forth).
    const float margin = std::clamp((vr.h - whole.h) * 0.5f, 0.0f, vr.h * 0.05f);
    float need =
        above ? (top < vr.y ? vr.y - top : vr.h * 0.3f)
              : (bottom > vr.y + vr.h ? std::min(bottom - (vr.y + vr.h), top - vr.y) : vr.h * 0.3f);
    need = std::min(need + margin, vr.h * 0.6f);
    const float dir = above ? 1.0f : -1.0f;
    const float x = vr.x + vr.w * 0.5f;
    const float y0 = vr.y + vr.h * 0.5f - dir * need * 0.5f;
    ImVec2 a(x, y0), b(x, y0 + dir * need);
    host.pointer(K::Down, a);
    host.frames(1);
    constexpr int kMs = 480;
    const int steps = kMs / kDragStepMs;
    for (int i = 1; i <= steps; ++i) {
      host.pass_time(Clock::Millis(kDragStepMs));
      const float f = static_cast<float>(i) / static_cast<float>(steps);
      host.pointer(K::Move, ImVec2(a.x, a.y + (b.y - a.y) * f));
      host.frames(1);
    }
    for (int i = 0; i < 12; ++i) {  // the finger rests: no velocity left to fling with
      host.pass_time(Clock::Millis(kDragStepMs));
      host.pointer(K::Move, b);
      host.frames(1);
    }
    host.pointer(K::Up, b);
    host.settle();
    ++drags;
    if (host.quitting()) return "";
  }
}

// UTF-8 split into code points (SDL text events carry at most 31 bytes; one code point each is
// what a keyboard sends).
std::vector<std::string> code_points(const std::string& s) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
    out.push_back(s.substr(i, n));
    i += n;
  }
  return out;
}

// expect-in-view: "" when a widget labelled `needle` (or, if none is, one whose text contains it)
// lies wholly inside a View area (the screen when there is none) and clear of every Keyboard
// area; else why not, with the rectangles.
bool inside(const Rect& inner, const Rect& outer) {
  const float eps = 0.5f;  // rounding of layout positions
  return inner.x >= outer.x - eps && inner.y >= outer.y - eps &&
         inner.x + inner.w <= outer.x + outer.w + eps &&
         inner.y + inner.h <= outer.y + outer.h + eps;
}

std::string rect_text(const Rect& r) {
  char buf[96];
  std::snprintf(buf, sizeof buf, "%.0f,%.0f %.0fx%.0f", r.x, r.y, r.w, r.h);
  return buf;
}

std::string in_view(const std::vector<WidgetEntry>& frame, std::string_view needle, ImVec2 screen) {
  std::vector<const WidgetEntry*> found;
  for (const auto& e : frame)
    if (e.role == EntryRole::Widget && !e.label.empty() && e.label == needle) found.push_back(&e);
  if (found.empty())
    for (const auto& e : frame)
      if (e.role == EntryRole::Widget && e.text.find(needle) != std::string::npos)
        found.push_back(&e);
  if (found.empty()) return "nothing labelled or showing \"" + std::string(needle) + "\" is drawn";
  std::vector<Rect> views, keyboards;
  for (const auto& e : frame) {
    if (e.role == EntryRole::View) views.push_back(e.rect);
    if (e.role == EntryRole::Keyboard) keyboards.push_back(e.rect);
  }
  if (views.empty()) views.push_back(Rect{0, 0, screen.x, screen.y});
  std::string why;
  for (const WidgetEntry* e : found) {
    const Rect& whole = e->whole.empty() ? e->rect : e->whole;
    bool in_some_view = false;
    for (const Rect& v : views) in_some_view = in_some_view || inside(whole, v);
    bool under_keyboard = false;
    for (const Rect& k : keyboards) under_keyboard = under_keyboard || !whole.intersect(k).empty();
    if (in_some_view && !under_keyboard) return "";
    why +=
        "\n    " + rect_text(whole) +
        (under_keyboard ? " is under the keyboard" : " is not wholly inside the visible content");
  }
  std::string areas;
  for (const Rect& v : views) areas += "\n    visible content " + rect_text(v);
  for (const Rect& k : keyboards) areas += "\n    keyboard " + rect_text(k);
  return "\"" + std::string(needle) + "\" is not in view:" + why + areas;
}

// ---- keypad focus (issue 16) ----

// The label of the widget with keypad focus in the last frame ("" when none has it).
const WidgetEntry* focused_entry(const ScriptHost& host) {
  for (const auto* list : {&host.last_frame(), &host.last_offscreen()})
    for (const auto& e : *list)
      if (e.focused) return &e;
  return nullptr;
}

std::string focused_label(const ScriptHost& host) {
  const WidgetEntry* e = focused_entry(host);
  return e ? "\"" + e->label + "\"" : std::string("nothing");
}

void press_tab(ScriptHost& host) {
  KeyChord tab;
  tab.key = SDL_SCANCODE_TAB;
  host.key(tab);
  host.settle();
}

std::string focus_on(ScriptHost& host, const std::string& label) {
  for (int i = 0; i <= kMaxFocusPresses; ++i) {
    if (const WidgetEntry* e = focused_entry(host); e && e->label == label) return "";
    if (i == kMaxFocusPresses || host.quitting()) break;
    press_tab(host);
  }
  return "focus never reached \"" + label + "\" in " + std::to_string(kMaxFocusPresses) +
         " Tabs (now on " + focused_label(host) + ")";
}

// Tab once per focusable widget: focus must visit them in the reading order of the frame before
// the first Tab, starting after the one focused then (at the first when none is).
std::string focus_order(ScriptHost& host) {
  std::vector<std::string> labels;
  for (const WidgetEntry* e : reading_order(host.last_frame(), host.last_offscreen()))
    labels.push_back(e->label);
  if (labels.empty()) return "nothing on screen takes keypad focus";
  std::size_t start = 0;
  if (const WidgetEntry* f = focused_entry(host)) {
    auto it = std::find(labels.begin(), labels.end(), f->label);
    if (it != labels.end()) start = static_cast<std::size_t>(it - labels.begin()) + 1;
  }
  std::string order;
  for (const auto& l : labels) order += "\n    \"" + l + "\"";
  for (std::size_t k = 0; k <= labels.size(); ++k) {  // once round, and back to the first
    press_tab(host);
    const std::string& want = labels[(start + k) % labels.size()];
    const WidgetEntry* e = focused_entry(host);
    if (!e || e->label != want)
      return "Tab " + std::to_string(k + 1) + " focused " + focused_label(host) +
             ", reading order says \"" + want + "\"; reading order:" + order;
  }
  return "";
}

// ---- reach (issues 17 and 18) ----

// The navigation buttons of every bar (ui/screens/chrome.cpp, form_screen.cpp draw_form_top_bar,
// staff_pin.cpp draw_staff_top_bar, the Accessibility button and Privacy on the notice band), by
// the ImGui ids they are drawn with at the root of the full-screen window "##screen"
// (app_screen.cpp): their registry entries carry those ImGuiIDs, whatever the language.
bool is_nav(const WidgetEntry& e) {
  static const std::vector<unsigned> ids = [] {
    static const char* const names[] = {"nav-back",   "nav-home",    "nav-lang",
                                        "a11y-open",  "form-home",   "staff-back",
                                        "staff-dash", "staff-leave", "nav-privacy"};
    const ImGuiID window = ImHashStr("##screen");
    std::vector<unsigned> out;
    for (const char* n : names) out.push_back(ImHashStr(n, 0, window));
    return out;
  }();
  return e.tappable && e.id != 0 && std::find(ids.begin(), ids.end(), e.id) != ids.end();
}

std::string entry_text(const WidgetEntry& e) {
  return "\"" + (e.label.empty() ? e.text : e.label) + "\" " + rect_text(e.rect);
}

// expect-below: every widget labelled `c.text` (or every navigation button) starts at or below
// `c.fraction` of the screen's height; at least one must be drawn.
std::string expect_below(const ScriptHost& host, const Command& c) {
  const float line = c.fraction * host.screen_size().y;
  std::vector<const WidgetEntry*> found;
  for (const auto& e : host.last_frame())
    if (e.role == EntryRole::Widget && (c.nav ? is_nav(e) : e.label == c.text)) found.push_back(&e);
  if (found.empty())
    return c.nav ? std::string("no navigation button is drawn")
                 : "nothing labelled \"" + c.text + "\" is drawn";
  std::string above;
  for (const WidgetEntry* e : found)
    if (e->rect.y < line - 0.5f) above += "\n    " + entry_text(*e);
  if (above.empty()) return "";
  return "above y " + std::to_string(static_cast<int>(line)) + ":" + above;
}

// expect-reach: every tappable widget of the frame starts at or below the 1.22 m reach line of a
// floor-standing 43" panel of this screen's size (ui/theme/reach.h).
std::string expect_reach(const ScriptHost& host) {
  const ImVec2 s = host.screen_size();
  const float line = reach::line_y(s.x, s.y);
  std::string above;
  int tappable = 0;
  for (const auto& e : host.last_frame()) {
    if (!e.tappable || e.role != EntryRole::Widget) continue;
    ++tappable;
    if (e.rect.y < line - 0.5f) above += "\n    " + entry_text(e);
  }
  if (tappable == 0) return "nothing tappable is drawn";
  if (above.empty()) return "";
  return "out of reach (above the reach line at y " + std::to_string(static_cast<int>(line)) +
         "):" + above;
}

// ---- text size and contrast (issue 18) ----

// A `known` entry that matches nothing is printed (not failed: a sweep runs at three sizes and a
// fault is often known at one), so a fixed fault's entry is seen and removed.
std::string expect_layout(const ScriptHost& host, const Command& c) {
  std::vector<std::string> problems;
  std::vector<bool> used(c.known.size(), false);
  for (auto& p : WidgetRegistry::layout_problems(host.last_frame(), host.screen_size())) {
    bool is_known = false;
    for (std::size_t i = 0; i < c.known.size(); ++i)
      if (p.find(c.known[i]) != std::string::npos) is_known = used[i] = true;
    if (!is_known) problems.push_back(std::move(p));
  }
  const ImVec2 s = host.screen_size();
  for (std::size_t i = 0; i < c.known.size(); ++i)
    if (!used[i])
      std::printf("line %d: known \"%s\" matched no layout problem at %dx%d\n", c.line,
                  c.known[i].c_str(), static_cast<int>(s.x), static_cast<int>(s.y));
  if (problems.empty()) return "";
  std::string out = std::to_string(problems.size()) + " layout problem(s):";
  for (const auto& p : problems) out += "\n    " + p;
  return out;
}

// The choice the panel would make, then one frame drawn with it (the runner applies text size and
// contrast at the start of a frame). A shortcut for sweeps; a script about the panel taps it.
std::string set_choice(ScriptHost& host, const Command& c) {
  AccessibilityChoices* a = host.accessibility();
  if (!a) return "this kiosk has no accessibility choices to set";
  if (c.kind == Kind::HighContrast)
    a->high_contrast = c.text == "on";
  else
    a->text_size = c.text == "extra-large" ? TextSize::ExtraLarge
                   : c.text == "large"     ? TextSize::Large
                                           : TextSize::Standard;
  host.frames(1);
  return "";
}

// Runs one command; "" or the reason it failed.
std::string run_one(const Command& command, ScriptHost& host) {
  const Command c = resolve(command, host.screen_size());
  ImVec2 p;
  std::string err;
  switch (c.kind) {
    case Kind::TapLabel:
      if (!(err = find_label(host, c.text, p)).empty()) return err;
      press_release(host, p, 0);
      return "";
    case Kind::TapXY:
      if (!(err = check_on_screen(host, c.x1, c.y1)).empty()) return err;
      press_release(host, ImVec2(c.x1, c.y1), 0);
      return "";
    case Kind::HoldLabel:
      if (!(err = find_label(host, c.text, p)).empty()) return err;
      press_release(host, p, c.ms);
      return "";
    case Kind::HoldXY:
      if (!(err = check_on_screen(host, c.x1, c.y1)).empty()) return err;
      press_release(host, ImVec2(c.x1, c.y1), c.ms);
      return "";
    case Kind::DragIn: {
      ImVec2 centre;
      if (auto miss = find_label(host, c.text, centre); !miss.empty()) return miss;
      const Rect r = WidgetRegistry::tappable_with_label(host.last_frame(), c.text)[0]->rect;
      Command d = c;
      d.x1 = r.x + r.w * c.x1 / 100.0f;
      d.y1 = r.y + r.h * c.y1 / 100.0f;
      d.x2 = r.x + r.w * c.x2 / 100.0f;
      d.y2 = r.y + r.h * c.y2 / 100.0f;
      drag(host, d);
      return "";
    }
    case Kind::Drag:
      if (!(err = check_on_screen(host, c.x1, c.y1)).empty()) return err;
      if (!(err = check_on_screen(host, c.x2, c.y2)).empty()) return err;
      drag(host, c);
      return "";
    case Kind::Type:
      for (const auto& piece : code_points(c.text)) {
        host.text_input(piece);
        host.settle();
      }
      return "";
    case Kind::Wait:
      // Only the frames that time produces (no extra one at the end): the frame loop itself must
      // draw at each deadline — the idle prompt, its countdown — or `expect` sees a stale screen.
      host.pass_time(Clock::Millis(c.ms));
      return "";
    case Kind::Expect:
      if (!WidgetRegistry::shows_text(host.last_frame(), c.text))
        return "\"" + c.text + "\" is not visible";
      return "";
    case Kind::ExpectNot:
      if (WidgetRegistry::shows_text(host.last_frame(), c.text))
        return "\"" + c.text + "\" is visible but should not be";
      return "";
    case Kind::ExpectInView: return in_view(host.last_frame(), c.text, host.screen_size());
    case Kind::Screenshot:
      if (!host.screenshot(c.text, err)) return "cannot save the screenshot: " + err;
      return "";
    case Kind::Key:
      host.key(c.chord);
      host.settle();
      return "";
    case Kind::Close:
      host.close_request();
      host.settle();
      return "";
    case Kind::Quit: return "";
    // ---- keypad focus (issue 16) ----
    case Kind::Focus: return focus_on(host, c.text);
    case Kind::ExpectFocus:
      if (const WidgetEntry* e = focused_entry(host); e && e->label == c.text) return "";
      return "focus is on " + focused_label(host) + ", not \"" + c.text + "\"";
    case Kind::ExpectFocusOrder: return focus_order(host);
    case Kind::ExpectSpoken:
      break;  // run_script: it needs the input command's mark
    // ---- reach (issues 17 and 18) ----
    case Kind::LowReach:
      if (!host.set_low_reach(c.on)) return "this kiosk cannot set Low reach";
      // A choice made in the panel redraws the screen: one frame shows the new layout.
      host.frames(1);
      host.settle();
      return "";
    case Kind::ExpectBelow: return expect_below(host, c);
    case Kind::ExpectReach: return expect_reach(host);
    // ---- touch count (issue 17): run_script keeps the count ----
    case Kind::ResetTouches:
    case Kind::ExpectTouchesAtMost:
    case Kind::ScrollTo: break;
    // ---- text size and contrast (issue 18) ----
    case Kind::ExpectLayout: return expect_layout(host, c);
    case Kind::TextSizeSet:
    case Kind::HighContrast: return set_choice(host, c);
    // ---- extra time (issue 18) ----
    case Kind::ExtraTime:
      if (!host.set_extra_time(c.ms != 0)) return "this kiosk cannot set Extra time";
      host.settle();
      return "";
  }
  return "unknown command";
}

// ---- speech (issue 16) ----
// expect-spoken: some utterance queued since `mark` contains `needle`. The failure lists what was
// said since then: scripted test data, never a visitor's.
// With `lang` ("en" / "es"), only an utterance spoken in that language's voice counts.
std::string expect_spoken(const ScriptHost& host, std::size_t mark, const std::string& needle,
                          const std::string& lang) {
  const SpeechLog* log = host.speech_log();
  if (!log) return "this kiosk records no speech";
  const std::vector<Utterance> said = log->since(mark);
  auto lang_name = [](Lang l) { return l == Lang::Es ? std::string("es") : std::string("en"); };
  for (const auto& u : said)
    if (u.text.find(needle) != std::string::npos && (lang.empty() || lang_name(u.lang) == lang))
      return "";
  std::string out = "\"" + needle + "\" was not spoken" + (lang.empty() ? "" : " in " + lang) +
                    " since the last input command";
  if (said.empty()) return out + " (nothing was)";
  out += "; spoken since then:";
  for (const auto& u : said) out += "\n    \"" + u.text + "\" (" + lang_name(u.lang) + ")";
  return out;
}

}  // namespace

ScriptResult run_script(const std::vector<Command>& commands, ScriptHost& host,
                        const std::string& script_name) {
  ScriptResult r;
  // Speech since the script began counts until the first input command.
  std::size_t spoken_mark = host.speech_log() ? host.speech_log()->mark() : 0;
  int touches = 0;  // taps, holds and drags since the start or the last reset-touches
  host.settle();    // the first screen, drawn and registered
  for (std::size_t i = 0; i < commands.size(); ++i) {
    const Command& c = commands[i];
    if (c.kind == Kind::Quit) return r;
    if (is_input_command(c.kind) && host.speech_log()) spoken_mark = host.speech_log()->mark();
    std::string err;
    if (c.kind == Kind::ExpectSpoken) {
      err = expect_spoken(host, spoken_mark, c.text, c.lang);
    } else if (c.kind == Kind::ResetTouches) {
      touches = 0;
    } else if (c.kind == Kind::ExpectTouchesAtMost) {
      if (touches > c.count)
        err = std::to_string(touches) + " touches since the last reset-touches, expected at most " +
              std::to_string(c.count);
      else
        std::printf("%s:%d: %d touches (at most %d)\n", script_name.c_str(), c.line, touches,
                    c.count);
    } else if (c.kind == Kind::ScrollTo) {
      int drags = 0;
      err = scroll_to(host, c.text, drags);
      touches += drags;
    } else {
      if (is_touch_command(c.kind)) ++touches;
      err = run_one(c, host);
    }
    if (!err.empty()) {
      r.exit_code = 1;
      r.message = script_name + ":" + std::to_string(c.line) + ": " + c.source +
                  "\n  failed: " + err + "\n" + describe_frame(host);
      return r;
    }
    if (host.quitting()) {
      if (i + 1 < commands.size() && commands[i + 1].kind != Kind::Quit) {
        r.exit_code = 1;
        r.message = script_name + ":" + std::to_string(c.line) + ": " + c.source +
                    "\n  failed: the kiosk quit here, but the script continues at line " +
                    std::to_string(commands[i + 1].line);
      }
      return r;
    }
  }
  return r;
}

std::string confine_screenshot_path(const std::string& requested,
                                    const std::vector<std::string>& roots, std::string& error) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (roots.empty()) {
    error = "no directory is allowed for screenshots";
    return "";
  }
  fs::path p(requested);
  if (p.is_relative()) p = fs::path(roots.front()) / p;
  // weakly_canonical resolves "..", "." and the symbolic links of the parts that exist, so a link
  // inside an allowed dir that points elsewhere is seen for where it leads.
  const fs::path target = fs::weakly_canonical(fs::absolute(p, ec), ec);
  if (!ec) {
    for (const auto& root : roots) {
      const fs::path r = fs::weakly_canonical(fs::absolute(root, ec), ec);
      if (ec) continue;
      auto rel = target.lexically_relative(r);
      if (!rel.empty() && *rel.begin() != ".." && rel != ".") return target.string();
    }
  }
  std::string where;
  for (const auto& root : roots) where += (where.empty() ? "" : " or ") + root;
  error = requested + " is outside the directories screenshots may go to (" + where +
          "; name another with --screenshots DIR)";
  return "";
}

}  // namespace kiosk::ui
