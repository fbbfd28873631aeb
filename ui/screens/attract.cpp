// Attract screen: what a passer-by sees — the department, one highlight at a time (it changes every
// attract_rotate_s seconds: one redraw, no animation), "Touch to start" and the language choice.
// A tap anywhere on it starts; a language button starts in that language.
#include <algorithm>

#include "kiosk/app/event_text.h"

#include "ui/screens/accessibility_panel.h"
#include "ui/screens/chrome.h"
#include "ui/screens/screens.h"
#include "ui/screens/staff_screens.h"
#include "ui/widgets/widgets.h"

namespace kiosk::ui {

void draw_attract(Ui& ui, Rect content) {
  const Metrics& m = ui.m();
  const Palette& p = ui.p();
  const Department& dept = ui.cat.department;
  // Highlights whose `until` has passed are left out by the catalogue, not here.
  const std::vector<const Highlight*> highlights =
      ui.cat.current_highlights(local_date(ui.clock.wall()));
  float w = content.w - 4 * m.pad;
  float card_w = std::min(w, m.base * 1.3f);
  float start_w = std::min(w, m.base * 0.85f);
  float lang_w = std::min((w - m.gap) * 0.5f, m.base * 0.42f);

  // The highlight box is as tall as the tallest highlight, so nothing jumps when it changes.
  float hl_h = 0;
  for (const Highlight* h : highlights)
    hl_h = std::max(hl_h, text_height(ui.f().heading, ui.t(*h), card_w - 2 * m.pad));
  hl_h += 2 * m.pad;
  const std::string& name = ui.t(dept.name);
  float name_h = text_height(ui.f().title, name, w);
  float start_h =
      button_height(ui, ui.t("attract.touch_to_start"), start_w, m.tap_h * 1.6f, ui.f().title);
  float choose_h = text_height(ui.f().body, ui.t("attract.choose_language"), w);
  float total = name_h + m.gap * 3 + (highlights.empty() ? 0 : hl_h + m.gap * 4) + start_h +
                m.gap * 4 + choose_h + m.gap + m.tap_h * 1.2f + m.gap * 2 + m.tap_h;
  float y = content.y + std::max(m.pad, (content.h - total) * 0.5f);
  float x = content.x + 2 * m.pad;

  move_to(ImVec2(x, y));
  text(ui, name, ui.f().title, p.primary, w, true, Control::Heading);
  // The department name is also staff mode's hidden entry (hold 3 s); a short tap starts, as anywhere.
  float name_w = std::min(w, text_width(ui.f().title, name));
  if (staff_hold_zone(ui, "staff-hold", name, Rect{x + (w - name_w) * 0.5f, y, name_w, name_h}))
    ui.app.start();
  y = ImGui::GetCursorScreenPos().y + m.gap * 3;

  if (!highlights.empty()) {
    std::size_t i = ui.app.highlight_index() % highlights.size();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float cx = content.x + (content.w - card_w) * 0.5f;
    dl->AddRectFilled(ImVec2(cx, y), ImVec2(cx + card_w, y + hl_h), col(p.card), m.rounding);
    text_at(ui, dl, ui.t(*highlights[i]), ui.f().heading, p.text,
            Rect{cx + m.pad, y, card_w - 2 * m.pad, hl_h}, true);
    // Which highlight of how many: dots under the box (the current one filled).
    float r = m.gap * 0.45f;
    float dots_w = static_cast<float>(highlights.size()) * r * 3;
    for (std::size_t k = 0; k < highlights.size(); ++k) {
      ImVec2 c(content.x + (content.w - dots_w) * 0.5f + r * 1.5f + static_cast<float>(k) * r * 3,
               y + hl_h + m.gap * 1.5f);
      if (k == i)
        dl->AddCircleFilled(c, r, col(p.primary));
      else
        dl->AddCircle(c, r, col(p.primary), 0, m.border * 0.75f);
    }
    y += hl_h + m.gap * 4;
  }

  move_to(ImVec2(content.x + (content.w - start_w) * 0.5f, y));
  if (button(ui, "start", ui.t("attract.touch_to_start"), start_w, ButtonKind::Primary,
             m.tap_h * 1.6f, ui.f().title))
    ui.app.start();
  y = ImGui::GetCursorScreenPos().y + m.gap * 4;

  move_to(ImVec2(x, y));
  text(ui, ui.t("attract.choose_language"), ui.f().body, p.text, w, true);
  y = ImGui::GetCursorScreenPos().y + m.gap;
  float lx = content.x + (content.w - (2 * lang_w + m.gap)) * 0.5f;
  move_to(ImVec2(lx, y));
  if (button(ui, "lang-en", ui.str.get(Lang::En, "lang.en"), lang_w, ButtonKind::Secondary,
             m.tap_h * 1.2f)) {
    ui.app.set_lang(Lang::En);
    ui.app.start();
  }
  move_to(ImVec2(lx + lang_w + m.gap, y));
  if (button(ui, "lang-es", ui.str.get(Lang::Es, "lang.es"), lang_w, ButtonKind::Secondary,
             m.tap_h * 1.2f)) {
    ui.app.set_lang(Lang::Es);
    ui.app.start();
  }
  y = ImGui::GetCursorScreenPos().y + m.gap * 2;

  // Accessibility, under the language choice: opens its panel here, before starting.
  const float aw = std::max(lang_w, accessibility_button_width(ui));
  move_to(ImVec2(content.x + (content.w - aw) * 0.5f, y));
  accessibility_button(ui, aw, ButtonKind::Secondary);

  // Anywhere else on the screen (not the notice band) also starts — unless the Accessibility panel
  // is open over it: that tap is the panel's.
  if (ui.app.screen() == Screen::Attract && ui.pointer.tap && !ui.app.accessibility().panel_open &&
      content.contains(ui.pointer.tap_pos) &&
      !WidgetRegistry::tappable_at(ui.reg.current(), ui.pointer.tap_pos))
    ui.app.start();
}

}  // namespace kiosk::ui
