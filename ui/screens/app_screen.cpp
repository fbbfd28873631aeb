// draw_app: the full-screen window, the bars, the current screen and the idle dialog. The content
// fills what the bars leave: below the navigation bar in landscape, above it (and from the very
// top) when it sits at the bottom, in portrait and in Low reach.
#include "ui/screens/accessibility_panel.h"
#include "ui/screens/chrome.h"
#include "ui/screens/form_screens.h"
#include "ui/screens/screens.h"
#include "ui/screens/staff_screens.h"

namespace kiosk::ui {

void draw_app(Ui& ui) {
  const Metrics& m = ui.m();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImVec2(m.width, m.height));
  ImGui::Begin("##screen", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                   ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoNav);
  ui.screen_entered = ui.app.nav_serial() != ui.seen_nav_serial;
  ui.seen_nav_serial = ui.app.nav_serial();
  if (ui.screen_entered) ui.focus.clear();  // a new screen: focus starts again at the first Tab
  form_guard(ui);  // a form the visitor left is wiped before anything else is drawn
  Screen screen = ui.app.screen();
  bool top = screen != Screen::Attract;
  float top_h = top ? top_bar_height(ui) : 0;
  float bottom_h = bottom_bar_height(ui);
  const bool low_nav = nav_at_bottom(ui);
  // The navigation bar: at the top, or just above the notice band (which always stays last).
  Rect nav_bar{0, low_nav ? m.height - bottom_h - top_h : 0, m.width, top_h};
  Rect content{0, low_nav ? 0 : top_h, m.width, m.height - top_h - bottom_h};
  // Each screen gets its own ID scope, so widget ids never collide across screens.
  ImGui::PushID(static_cast<int>(screen));
  switch (screen) {
    case Screen::Attract: draw_attract(ui, content); break;
    case Screen::Home: draw_home(ui, content); break;
    case Screen::ProgramList: draw_program_list(ui, content); break;
    case Screen::ProgramDetail: draw_program_detail(ui, content); break;
    case Screen::Signup:
    case Screen::Form: draw_form(ui, content); break;
    case Screen::FormDone: draw_form_done(ui, content); break;
    case Screen::Events: draw_events(ui, content); break;
    case Screen::Contact: draw_contact(ui, content); break;
    case Screen::QuickInterest: draw_quick_interest(ui, content); break;
    case Screen::Privacy: draw_privacy(ui, content); break;
    case Screen::OutOfService: draw_out_of_service(ui, content); break;
    case Screen::StaffPin: draw_staff_pin(ui, content); break;
    case Screen::StaffNoPin: draw_staff_no_pin(ui, content); break;
    case Screen::StaffHome: draw_staff_home(ui, content); break;
    case Screen::StaffRecords: draw_staff_records(ui, content); break;
    case Screen::StaffRecord: draw_staff_record(ui, content); break;
    case Screen::StaffEvent: draw_staff_event(ui, content); break;
    case Screen::StaffExport: draw_staff_export(ui, content); break;
    case Screen::StaffNewPin: draw_staff_change_pin(ui, content); break;
  }
  ImGui::PopID();
  // Bars after the screen, so a screen change during drawing still gets the right bars next frame.
  bool form = screen == Screen::Form || screen == Screen::Signup;
  if (top && form)
    draw_form_top_bar(ui, nav_bar);
  else if (is_staff_screen(screen))
    draw_staff_top_bar(ui, nav_bar);
  else if (top)
    draw_top_bar(ui, nav_bar, screen != Screen::OutOfService);
  draw_bottom_bar(ui, Rect{0, m.height - bottom_h, m.width, bottom_h});
  ImGui::End();
  draw_form_dialogs(ui);
  draw_form_done_dialog(ui);
  draw_staff_dialogs(ui);
  draw_accessibility_panel(ui);
  draw_idle_prompt(ui);
}

}  // namespace kiosk::ui
