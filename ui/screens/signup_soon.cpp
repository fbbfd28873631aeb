// "Sign-up coming soon": a placeholder the sign-up form replaces in the next issue. It tells the
// visitor how to sign up today (phone, the program page's QR code). Route::id is the program id.
#include "ui/screens/chrome.h"
#include "ui/screens/screens.h"
#include "ui/widgets/widgets.h"

namespace kiosk::ui {

void draw_signup_soon(Ui& ui, Rect content) {
  const Metrics& m = ui.m();
  const Program* prog = ui.cat.find_program(ui.app.route().id);
  float y = screen_title(ui, ui.t("signup.title"), content);
  float w = std::min(content.w - 2 * m.pad, m.base * 1.4f);
  move_to(ImVec2(content.x + m.pad, y + m.gap));
  ImGui::BeginGroup();
  std::string program = prog ? ui.t(prog->title) : std::string();
  std::string phone =
      prog && !prog->contact.phone.empty() ? prog->contact.phone : ui.cat.department.main_phone;
  card(ui,
       {Para{ui.str.format(ui.lang(), "signup.body", {{"program", program}}), ui.f().heading,
             ui.p().text},
        Para{ui.str.format(ui.lang(), "signup.meanwhile", {{"phone", phone}}), nullptr,
             ui.p().text}},
       w);
  ImGui::EndGroup();
}

}  // namespace kiosk::ui
