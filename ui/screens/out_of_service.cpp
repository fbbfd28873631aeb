// Out of service: shown instead of everything else when the configuration is invalid, or when the
// department's content bundle is rejected with no last good copy to use. Visitors read that the
// kiosk is not working and where to go; staff read whether the configuration or the content is at
// fault and exactly which setting or content file is wrong (App::config_errors,
// AppSettings::content_problem). Never a black screen, never an exit.
#include <algorithm>

#include "ui/screens/chrome.h"
#include "ui/screens/screens.h"
#include "ui/widgets/widgets.h"

namespace kiosk::ui {

void draw_out_of_service(Ui& ui, Rect content) {
  const Metrics& m = ui.m();
  begin_scroll(
      ui, "oos",
      Rect{content.x + m.pad, content.y + m.pad, content.w - 2 * m.pad, content.h - 2 * m.pad});
  float inner = scroll_content_width(ui, content.w - 2 * m.pad);
  text(ui, ui.t("oos.title"), ui.f().title, ui.p().alert, inner, true, Control::Heading);
  ImGui::Dummy(ImVec2(0, m.gap));
  text(ui, ui.t("oos.body"), ui.f().heading, ui.p().text, inner, true, Control::Alert);
  // Without content there is no department phone number to give (and never the demo's).
  if (!ui.cat.department.main_phone.empty())
    text(ui, ui.cat.department.main_phone, ui.f().heading, ui.p().text, inner, true);
  ImGui::Dummy(ImVec2(0, m.gap * 2));
  // Each cause in its own words: a configuration problem is fixed in the config file, a content
  // problem in the department's bundle, and staff need to know which one to open.
  std::vector<Para> staff;
  auto problem = [&](const char* intro, const std::vector<std::string>& errors) {
    staff.push_back(Para{ui.t(intro), ui.f().body_bold, ui.p().text});
    staff.push_back(Para{ui.t("oos.problem"), ui.f().body_bold, ui.p().text});
    for (const auto& e : errors) staff.push_back(Para{e, ui.f().small, ui.p().text});
  };
  if (!ui.app.config_errors().empty()) problem("oos.staff", ui.app.config_errors());
  const ContentProblem& content_problem = ui.app.settings().content_problem;
  if (content_problem.out_of_service()) problem("contentproblem.oos_staff", content_problem.errors);
  card(ui, staff, inner);
  end_scroll(ui);
}

}  // namespace kiosk::ui
