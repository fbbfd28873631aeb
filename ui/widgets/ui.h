// Ui: what every screen and widget draws with — the App model (state + intents), the content,
// the strings, the theme, this frame's pointer facts and the widget registry — plus the small
// UI-only state that must be cleared with the session (scroll positions, inertia).
#pragma once
#include <imgui/imgui.h>

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/app/app.h"
#include "kiosk/content/catalogue.h"
#include "kiosk/core/clock.h"
#include "kiosk/core/qr.h"
#include "kiosk/core/strings.h"
#include "kiosk/speech/speaker.h"
#include "kiosk/speech/speech_log.h"
#include "ui/platform/scroll_physics.h"
#include "ui/platform/touch_input.h"
#include "ui/theme/theme.h"
#include "ui/widgets/focus.h"
#include "ui/widgets/registry.h"

namespace kiosk {
class QuickInterest;  // kiosk/app/quick_interest.h
}  // namespace kiosk

namespace kiosk::ui {

struct FormUi;  // ui/screens/form_ui.h
class StaffUi;  // ui/screens/staff_ui.h

class Ui {
 public:
  Ui(App& app, const Catalogue& catalogue, const Strings& strings, Theme& theme,
     WidgetRegistry& registry, const Clock& clock)
      : app(app), cat(catalogue), str(strings), theme(theme), reg(registry), clock(clock) {}

  App& app;
  const Catalogue& cat;
  const Strings& str;
  // The runner's: it changes between frames when the visitor picks a text size or high contrast
  // (fonts rebuilt, palette swapped); widgets read it afresh every frame and keep no copies.
  Theme& theme;
  WidgetRegistry& reg;
  const Clock& clock;
  FocusModel focus;  // keypad focus (the runner feeds it keys; widgets ask it while drawing)

  // ---- per frame (begin_frame resets) ----
  PointerFrame pointer;         // this frame's gesture facts (from TouchInput)
  Clock::Mono now{};            // app clock at the start of the frame
  bool animating = false;       // a widget moves by itself: the platform draws another frame soon
  bool drag_claimed = false;    // a scroll region took this frame's drag
  bool screen_entered = false;  // first frame of this screen: scroll regions start at the top
  unsigned seen_nav_serial = ~0u;
  std::vector<Rect> raw_zones;            // presses here stay raw next frame (signature pad)
  std::map<ImGuiID, float> focus_scroll;  // scroll regions to move by px: keypad focus into view

  // ---- per session (reset() clears) ----
  std::map<ImGuiID, ScrollPhysics> scrolls;
  std::vector<ImGuiID> scroll_stack;
  // The text size the Accessibility panel last drew with: a change scrolls its Text size row
  // back into view after the reflow.
  TextSize panel_text_size = TextSize::Standard;
  int panel_follow_frames = 0;             // frames left to keep that row in view
  std::map<std::string, QrCode> qr_cache;  // by text; not personal data (program URLs)
  FormUi* form = nullptr;                  // the form screens' state (the runner owns it)
  StaffUi* staff = nullptr;        // the staff screens' state and store access (the runner owns it)
  QuickInterest* quick = nullptr;  // the booth's quick interest screen (the runner owns it)
  // Speech (issue 16; the runner owns both): the Accessibility panel sets the volume and stops
  // speech when Read aloud goes off; the log is what `expect-spoken` reads in a script run.
  Speaker* speaker = nullptr;
  SpeechLog* speech_log = nullptr;

  Lang lang() const { return app.lang(); }
  const Metrics& m() const { return theme.m; }
  const Palette& p() const { return theme.p; }
  const Fonts& f() const { return theme.f; }
  const std::string& t(std::string_view key) const { return str.get(app.lang(), key); }
  const std::string& t(const LocalText& text) const { return text.get(app.lang()); }

  void begin_frame(const PointerFrame& pf, Clock::Mono t) {
    pointer = pf;
    now = t;
    animating = false;
    drag_claimed = false;
    raw_zones.clear();
    focus_scroll.clear();
  }
  // Session reset. May run in the middle of drawing (a "Start over" tap): scroll_stack belongs to
  // the frame, not the session, so it is left alone.
  void reset() { scrolls.clear(); }
};

}  // namespace kiosk::ui
