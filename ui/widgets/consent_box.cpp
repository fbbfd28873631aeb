// ConsentBox: a card of the consent text and a check box button.
#include "ui/widgets/consent_box.h"

#include "ui/widgets/choice_button.h"
#include "ui/widgets/widgets.h"

namespace kiosk::ui {

bool consent_box(Ui& ui, const char* id, const std::string& consent_text, const std::string& label,
                 bool agreed, float width, const std::string& help) {
  ImVec2 pos = ImGui::GetCursorScreenPos();
  card(ui, {Para{consent_text, nullptr, ui.p().text}}, width);
  ImGui::SetCursorScreenPos(ImVec2(pos.x, ImGui::GetCursorScreenPos().y + ui.m().gap * 0.5f));
  ChoiceLook look;
  look.selected = agreed;
  look.min_h = ui.m().tap_h * 1.1f;
  look.control = Control::CheckBox;
  look.help = help.empty() ? consent_text : help;  // F1: the text agreed to
  return choice_button(ui, id, label, label, width, look);
}

}  // namespace kiosk::ui
