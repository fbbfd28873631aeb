// Stepper: two square buttons and the value between them.
#include "ui/widgets/stepper.h"

#include <imgui/imgui_internal.h>  // GetItemID (1.86 keeps it internal)

#include <algorithm>

#include "ui/widgets/choice_button.h"

namespace kiosk::ui {

float stepper_height(const Ui& ui) { return ui.m().tap_h * 1.1f; }

int stepper(Ui& ui, const char* id, const std::string& label, const std::string& shown,
            float width) {
  const Metrics& m = ui.m();
  float h = stepper_height(ui);
  float bw = std::max(m.tap_h * 1.2f, std::min(width * 0.3f, m.tap_h * 1.6f));
  float vw = std::max(width - 2 * bw - 2 * m.gap, m.tap_h);
  ImVec2 pos = ImGui::GetCursorScreenPos();
  ImGui::PushID(id);
  ChoiceLook look;
  look.check = false;
  look.kind = ButtonKind::Primary;
  look.min_h = h;
  look.font = ui.f().heading;
  look.value = shown;
  int r = 0;
  if (choice_button(ui, "minus", "-", label + " -", bw, look)) r = -1;
  const unsigned minus = ImGui::GetItemID();  // the button just submitted
  ImGui::SetCursorScreenPos(ImVec2(pos.x + bw + m.gap, pos.y));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(ImGui::GetCursorScreenPos(), ImVec2(pos.x + bw + m.gap + vw, pos.y + h),
                    col(ui.p().card), m.rounding);
  text_at(ui, dl, shown, ui.f().heading, ui.p().text, Rect{pos.x + bw + m.gap, pos.y, vw, h}, true);
  ImGui::SetCursorScreenPos(ImVec2(pos.x + bw + 2 * m.gap + vw, pos.y));
  if (choice_button(ui, "plus", "+", label + " +", bw, look)) r = 1;
  const unsigned plus = ImGui::GetItemID();
  // Left / Right on either button step the value down / up.
  if (int k = ui.focus.take_step(minus) + ui.focus.take_step(plus)) r = k;
  ImGui::PopID();
  return r;
}

}  // namespace kiosk::ui
