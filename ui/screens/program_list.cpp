// Program list: the programs of one category as full-width tiles (picture or icon, title and
// one-line summary), in a drag-to-scroll region. Route::id is the category id.
#include <algorithm>

#include "ui/screens/chrome.h"
#include "ui/screens/screens.h"
#include "ui/theme/icon_font.h"
#include "ui/widgets/picture.h"
#include "ui/widgets/widgets.h"

namespace kiosk::ui {

void draw_program_list(Ui& ui, Rect content) {
  const Metrics& m = ui.m();
  const Category* cat = ui.cat.find_category(ui.app.route().id);
  if (!cat) {  // stale route (content changed): nothing to list, say so instead of a blank screen
    float y = screen_title(ui, ui.t("home.title"), content);
    move_to(ImVec2(content.x + m.pad, y));
    text(ui, ui.str.format(ui.lang(), "list.empty", {{"phone", ui.cat.department.main_phone}}),
         nullptr, ui.p().text, content.w - 2 * m.pad);
    return;
  }
  float y = screen_title(ui, ui.t(cat->title), content);
  move_to(ImVec2(content.x + m.pad, y));
  text(ui, ui.t(cat->summary), nullptr, ui.p().muted, content.w - 2 * m.pad);
  y = ImGui::GetCursorScreenPos().y + m.gap * 0.5f;

  Rect area{content.x + m.pad, y, content.w - 2 * m.pad, content.y + content.h - y};
  begin_scroll(ui, "programs", area);
  float inner = scroll_content_width(ui, area.w);
  auto programs = ui.cat.programs_in(cat->id);
  const float side = std::min(icon_font_size(m) * 1.2f, inner * 0.25f);
  if (programs.empty())
    text(ui, ui.str.format(ui.lang(), "list.empty", {{"phone", ui.cat.department.main_phone}}),
         nullptr, ui.p().text, inner);
  for (const Program* prog : programs) {
    std::vector<Para> body{Para{ui.t(prog->summary), nullptr, ui.p().text}};
    if (picture_tile(ui, ("prog-" + prog->id).c_str(), prog->visual, ui.t(prog->title), body, inner,
                     0, side))
      ui.app.open(Route{Screen::ProgramDetail, prog->id});
    ImGui::Dummy(ImVec2(0, m.gap * 0.5f));
  }
  ImGui::Dummy(ImVec2(inner, m.pad));
  end_scroll(ui);
}

}  // namespace kiosk::ui
