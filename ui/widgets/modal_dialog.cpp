// ModalDialog: one layout for every dialog, so their spacing, dimming and blocking agree (and, in
// Low reach, their buttons' height on the screen).
#include "ui/widgets/modal_dialog.h"

#include <algorithm>

#include "ui/theme/reach.h"
#include "ui/widgets/widgets.h"

namespace kiosk::ui {

void begin_modal_layer(Ui& ui, const char* window_id) {
  const Metrics& m = ui.m();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImVec2(m.width, m.height));
  ImGui::SetNextWindowFocus();  // on top of the screen, and it takes every touch
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0, 0, 0, 0));
  ImGui::Begin(window_id, nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoNav);
  ImGui::PopStyleColor();
  ui.reg.cover_all();  // the screen behind stays visible but cannot be tapped
}

DialogResult modal_dialog(Ui& ui, const ModalDialog& d) {
  const Metrics& m = ui.m();
  const Palette& p = ui.p();
  begin_modal_layer(ui, d.window_id);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  Rect covered{0, 0, m.width, m.height - std::max(0.0f, d.undimmed_bottom)};
  if (d.opaque) {
    // Nothing behind is readable (a visitor's answers): a solid cover, and the registry forgets
    // what it hides.
    ui.reg.hide_under(covered);
    dl->AddRectFilled(ImVec2(0, 0), ImVec2(covered.w, covered.h), col(p.bar));
  } else {
    dl->AddRectFilled(ImVec2(0, 0), ImVec2(covered.w, covered.h), col(p.dim, 0.7f));
  }

  Rgb accent = d.warning ? p.alert : p.primary;
  float primary_min_h = d.tall_primary ? m.tap_h * 1.3f : 0;
  ImFont* primary_font = d.tall_primary ? ui.f().heading : nullptr;
  float dw = std::min(m.width - 4 * m.pad, m.base * 1.1f);
  float inner = dw - 4 * m.pad;
  float title_h = text_height(ui.f().title, d.title, inner);
  float body_h = text_height(ui.f().heading, d.body, inner);
  float primary_h = button_height(ui, d.primary.label, inner, primary_min_h, primary_font);
  float secondary_h = button_height(ui, d.secondary.label, inner);
  // Placed explicitly (not by ImGui's item spacing) so the frame fits its content exactly.
  float dh = 4 * m.pad + title_h + m.gap + body_h + 3 * m.gap + primary_h + m.gap + secondary_h;
  ImVec2 d0((m.width - dw) * 0.5f, (m.height - dh) * 0.5f);
  if (ui.app.accessibility().low_reach) {
    // Low reach (issue 18): the dialog moves down until its buttons start at the 1.22 m reach line
    // (the title and body may stay above it: only words), as far as the screen's bottom allows.
    float above_buttons = 2 * m.pad + title_h + m.gap + body_h + 3 * m.gap;
    float lowest = m.height - std::max(0.0f, d.undimmed_bottom) - m.pad - dh;
    d0.y = std::max(d0.y, std::min(reach::line_y(m.width, m.height) - above_buttons, lowest));
  }
  dl->AddRectFilled(d0, ImVec2(d0.x + dw, d0.y + dh), col(p.page), m.rounding * 2);
  dl->AddRect(d0, ImVec2(d0.x + dw, d0.y + dh), col(accent), m.rounding * 2, 0, m.border * 2);

  float x = d0.x + 2 * m.pad;
  float y = d0.y + 2 * m.pad;
  ImGui::SetCursorScreenPos(ImVec2(x, y));
  text(ui, d.title, ui.f().title, accent, inner, true, Control::Heading);
  y += title_h + m.gap;
  ImGui::SetCursorScreenPos(ImVec2(x, y));
  // A warning's body (the idle countdown) is read as soon as it shows, and again as it changes.
  text(ui, d.body, ui.f().heading, p.text, inner, true,
       d.warning || d.alert ? Control::Alert : Control::None);
  y += body_h + 3 * m.gap;
  DialogResult out = DialogResult::None;
  ImGui::SetCursorScreenPos(ImVec2(x, y));
  if (button(ui, d.primary.id, d.primary.label, inner, ButtonKind::Primary, primary_min_h,
             primary_font))
    out = DialogResult::Primary;
  y += primary_h + m.gap;
  ImGui::SetCursorScreenPos(ImVec2(x, y));
  if (button(ui, d.secondary.id, d.secondary.label, inner, ButtonKind::Secondary))
    out = DialogResult::Secondary;
  if (out == DialogResult::None && ui.focus.take_escape(true))
    out = DialogResult::Primary;  // Escape: the safe choice, which closes the dialog
  if (out == DialogResult::None && ui.pointer.tap &&
      !WidgetRegistry::tappable_at(ui.reg.current(), ui.pointer.tap_pos))
    out = DialogResult::TappedOutside;
  ImGui::End();
  return out;
}

}  // namespace kiosk::ui
