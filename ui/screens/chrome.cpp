// Chrome: navigation bar, notice band, idle dialog and the layout helpers shared by the screens.
#include "ui/screens/chrome.h"

#include <algorithm>
#include <utility>

#include "ui/screens/accessibility_panel.h"
#include "ui/screens/staff_screens.h"
#include "ui/theme/reach.h"
#include "ui/widgets/modal_dialog.h"
#include "ui/widgets/widgets.h"

namespace kiosk::ui {
namespace {

float bar_button_width(const Ui& ui, const std::string& label) {
  return std::max(ui.m().base * 0.16f, text_width(ui.f().body_bold, label) + 2 * ui.m().pad);
}

const std::string& other_language_label(const Ui& ui) {
  return ui.str.get(ui.lang(), ui.lang() == Lang::En ? "lang.es" : "lang.en");
}

float privacy_width(const Ui& ui) { return bar_button_width(ui, ui.t("nav.privacy")); }

}  // namespace

void move_to(ImVec2 p) { ImGui::SetCursorScreenPos(p); }

float top_bar_height(const Ui& ui) { return ui.m().tap_h + ui.m().pad; }

bool low_reach(const Ui& ui) { return ui.app.accessibility().low_reach; }

bool nav_at_bottom(const Ui& ui) { return ui.m().portrait || low_reach(ui); }

float reach_top(const Ui& ui) {
  return low_reach(ui) ? reach::line_y(ui.m().width, ui.m().height) : 0.0f;
}

// The notice band's two texts side by side: the emergency notice, and in demo mode the demo
// marker at most 0.4 of the room. One function for its height and its drawing, so a text that
// wraps at Large or Extra large makes the band taller rather than spilling out of it. Neither
// column is narrower than its longest word (which would break in two): where both cannot have
// that (portrait at Extra large, in Spanish), the demo marker goes under the notice.
struct BandWidths {
  float notice = 0, demo = 0;  // demo 0: not in demo mode
  bool stacked = false;        // the demo marker under the notice, both as wide as the notice
};
BandWidths band_widths(const Ui& ui, float bar_w) {
  const Metrics& m = ui.m();
  BandWidths b;
  const float room = bar_w - 3 * m.pad - privacy_width(ui);
  b.notice = room;
  if (ui.app.settings().demo) {
    const std::string& marker = ui.t("seal.demo_marker");
    b.demo = std::max(std::min(text_width(ui.f().small, marker) + m.pad, room * 0.4f),
                      widest_word(ui.f().small, marker) + m.pad);
    b.notice = room - b.demo - m.gap;
    if (b.notice < widest_word(ui.f().body_bold, ui.t(ui.cat.department.emergency_notice))) {
      b.stacked = true;
      b.notice = b.demo = room;
    }
  }
  return b;
}

// The two texts' heights in the band (demo 0 outside demo mode).
std::pair<float, float> band_text_heights(const Ui& ui, const BandWidths& b) {
  const float notice =
      text_height(ui.f().body_bold, ui.t(ui.cat.department.emergency_notice), b.notice);
  const float demo = b.demo > 0 ? text_height(ui.f().small, ui.t("seal.demo_marker"), b.demo) : 0;
  return {notice, demo};
}

float bottom_bar_height(const Ui& ui) {
  const Metrics& m = ui.m();
  const BandWidths b = band_widths(ui, m.width);
  const auto [notice_h, demo_h] = band_text_heights(ui, b);
  const float th = b.stacked ? notice_h + demo_h : std::max(notice_h, demo_h);
  return std::max(m.tap_h, th) + m.pad;
}

void draw_top_bar(Ui& ui, Rect bar, bool nav) {
  const Metrics& m = ui.m();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(ImVec2(bar.x, bar.y), ImVec2(bar.x + bar.w, bar.y + bar.h), col(ui.p().bar));
  float y = bar.y + m.pad * 0.5f;
  float left = bar.x + m.pad;
  // Widths first: on a narrow bar (portrait at Extra large) the gaps between the buttons shrink,
  // down to a sliver, rather than the buttons overlap (a narrower button would wrap its words).
  const std::string& back = ui.t("nav.back");
  const std::string& home = ui.t("nav.home");
  const std::string& lang = other_language_label(ui);
  const float bw = bar_button_width(ui, back), hw = bar_button_width(ui, home);
  const float aw = accessibility_button_width(ui), lw = bar_button_width(ui, lang);
  const int gaps = nav ? 3 : 1;
  const float spare = bar.w - 2 * m.pad - ((nav ? bw + hw : 0) + aw + lw);
  const float g = std::clamp(spare / gaps, std::min(4.0f, m.gap), m.gap);
  if (nav) {
    move_to(ImVec2(left, y));
    // Escape is Back too — except on Home, where Back would end the visit.
    bool escape = ui.app.screen() != Screen::Home && ui.focus.take_escape(false);
    if (button(ui, "nav-back", back, bw, ButtonKind::Bar) || escape) ui.app.back();
    left += bw + g;
    move_to(ImVec2(left, y));
    if (button(ui, "nav-home", home, hw, ButtonKind::Bar)) ui.app.home();
    left += hw + g;
  }
  // Accessibility: on every visitor screen, Out of service included (it must be heard too).
  move_to(ImVec2(left, y));
  accessibility_button(ui, aw, ButtonKind::Bar);
  left += aw + g;
  float right = bar.x + bar.w - m.pad - lw;
  move_to(ImVec2(right, y));
  // "Español" is a Spanish word on an English screen: read in a Spanish voice (WCAG 3.1.2).
  const Lang other = ui.lang() == Lang::En ? Lang::Es : Lang::En;
  ui.reg.push_lang(other);
  const bool switched = button(ui, "nav-lang", lang, lw, ButtonKind::Bar);
  ui.reg.pop_lang();
  if (switched) ui.app.set_lang(other);
  // The department's name in the middle, when it fits on one line.
  const std::string& name = ui.t(ui.cat.department.name);
  float space = right - m.gap - left;
  float name_w = text_width(ui.f().body_bold, name);
  if (name_w <= space - 2 * m.gap) {
    text_at(ui, dl, name, ui.f().body_bold, ui.p().bar_text,
            Rect{left + m.gap, bar.y, space - 2 * m.gap, bar.h}, true);
    // On home, the name is staff mode's hidden entry (hold 3 s).
    if (ui.app.screen() == Screen::Home)
      staff_hold_zone(
          ui, "staff-hold", name,
          Rect{left + m.gap + (space - 2 * m.gap - name_w) * 0.5f, bar.y, name_w, bar.h});
  }
}

void draw_bottom_bar(Ui& ui, Rect bar) {
  const Metrics& m = ui.m();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(ImVec2(bar.x, bar.y), ImVec2(bar.x + bar.w, bar.y + bar.h), col(ui.p().alert));
  float pw = privacy_width(ui);
  const BandWidths b = band_widths(ui, bar.w);
  Rect notice{bar.x + m.pad, bar.y, b.notice, bar.h};
  Rect demo{notice.x + notice.w + m.gap, bar.y, b.demo, bar.h};
  if (b.stacked) {
    const auto [notice_h, demo_h] = band_text_heights(ui, b);
    notice = Rect{notice.x, bar.y + (bar.h - notice_h - demo_h) * 0.5f, b.notice, notice_h};
    demo = Rect{notice.x, notice.y + notice_h, b.demo, demo_h};
  }
  // Demo mode (records sealed to the bundled demo key, whose secret is public): said on every
  // visitor screen, beside the privacy button, so nobody mistakes a demo kiosk for a real one.
  if (b.demo > 0)
    text_at(ui, dl, ui.t("seal.demo_marker"), ui.f().small, ui.p().alert_text, demo, !b.stacked);
  text_at(ui, dl, ui.t(ui.cat.department.emergency_notice), ui.f().body_bold, ui.p().alert_text,
          notice, false);
  move_to(ImVec2(bar.x + bar.w - m.pad - pw, bar.y + (bar.h - m.tap_h) * 0.5f));
  if (button(ui, "nav-privacy", ui.t("nav.privacy"), pw, ButtonKind::Alert))
    ui.app.open(Route{Screen::Privacy, {}});
}

void draw_idle_prompt(Ui& ui) {
  if (ui.app.idle_phase() != IdleTimer::Phase::Prompt) return;
  int n = ui.app.idle_seconds_left();
  ModalDialog d;
  d.window_id = "##idle";
  d.title = ui.t("idle.title");
  d.body = n == 1 ? ui.t("idle.countdown_one")
                  : ui.str.format(ui.lang(), "idle.countdown", {{"n", std::to_string(n)}});
  d.primary = {"idle-more", ui.t("idle.more_time")};
  d.secondary = {"idle-over", ui.t("idle.start_over")};
  d.tall_primary = true;
  // "Not for emergencies — call 911" stays fully readable under the dialog.
  d.undimmed_bottom = bottom_bar_height(ui);
  // The answers of whoever walked away are not for the next person to read: cover, not dim.
  d.opaque = true;
  d.alert = true;  // "Still there?" and its countdown are read aloud as they change
  switch (modal_dialog(ui, d)) {
    case DialogResult::Primary:
    case DialogResult::TappedOutside:  // a tap anywhere else also means "I'm still here"
      ui.app.more_time();
      break;
    case DialogResult::Secondary: ui.app.end_session(); break;
    case DialogResult::None: break;
  }
}

float screen_title(Ui& ui, const std::string& title, Rect content) {
  const Metrics& m = ui.m();
  move_to(ImVec2(content.x + m.pad, content.y + m.pad));
  text(ui, title, ui.f().heading, ui.p().primary, content.w - 2 * m.pad, false, Control::Heading);
  return std::max(ImGui::GetCursorScreenPos().y + m.gap * 0.5f, reach_top(ui));
}

void section(Ui& ui, const std::string& heading, const std::string& body, float width) {
  if (body.empty()) return;
  float x = ImGui::GetCursorScreenPos().x;
  text(ui, heading, ui.f().body_bold, ui.p().primary, width);
  ImGui::SetCursorScreenPos(ImVec2(x, ImGui::GetCursorScreenPos().y));
  text(ui, body, ui.f().body, ui.p().text, width);
  ImGui::Dummy(ImVec2(0, ui.m().gap));
}

}  // namespace kiosk::ui
