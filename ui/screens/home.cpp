// Home screen: the two request forms (crash report, police records) first, then one big tile per
// program category, then Upcoming events and Contact and help. In the booth profile, the programs
// that take sign-ups (straight into their forms) and Upcoming events come first.
// Tiles sit in a grid (3 columns on a wide screen, 2 otherwise) inside a drag-to-scroll region.
#include <algorithm>
#include <functional>

#include "kiosk/forms/form_spec.h"
#include "ui/screens/chrome.h"
#include "ui/screens/screens.h"
#include "ui/widgets/widgets.h"

namespace kiosk::ui {
namespace {

struct TileSpec {
  std::string id;
  std::string title;
  std::vector<Para> body;
  std::function<void()> on_tap;
};

}  // namespace

void draw_home(Ui& ui, Rect content) {
  const Metrics& m = ui.m();
  float y = screen_title(ui, ui.t("home.title"), content);

  std::vector<TileSpec> tiles;
  // At a booth (profile "booth") the visitor has 30 seconds: every program that takes sign-ups
  // comes first, straight into its form, then the events; the lobby's requests follow.
  const bool booth = ui.app.profile() == Profile::Booth;
  if (booth) {
    // Quick interest (issue 17): name, one contact, programs ticked — one screen.
    tiles.push_back({"quick", ui.t("quick.open"), {}, [&ui] {
                       ui.app.open(Route{Screen::QuickInterest, {}});
                     }});
    for (const auto& prog : ui.cat.programs) {
      if (!prog.takes_signups) continue;
      std::string id = prog.id;
      tiles.push_back({"signup-" + id,
                       ui.t(prog.title),
                       {Para{ui.t(prog.summary), nullptr, ui.p().text},
                        Para{ui.t("detail.sign_up"), ui.f().body_bold, ui.p().primary}},
                       [&ui, id] {
                         ui.app.open(Route{Screen::Signup, id});
                       }});
    }
    tiles.push_back({"events",
                     ui.t("home.events"),
                     {Para{ui.t("home.events_summary"), nullptr, ui.p().text}},
                     [&ui] {
                       ui.app.open(Route{Screen::Events, {}});
                     }});
  }
  // The two requests an upset visitor comes for, first: a crash report, police records.
  for (auto [form_id, summary] : {std::pair{"crash_report", "home.crash_report_summary"},
                                  std::pair{"records_request", "home.records_summary"}}) {
    auto form = forms::bundled_forms().find(form_id);
    if (!form) continue;  // a broken form is not offered (the loader logged why)
    std::string id = form_id;
    tiles.push_back(
        {"form-" + id, ui.t(form->title), {Para{ui.t(summary), nullptr, ui.p().text}}, [&ui, id] {
           ui.app.open(Route{Screen::Form, id});
         }});
  }
  for (const auto& c : ui.cat.categories) {
    std::string id = c.id;
    tiles.push_back(
        {"cat-" + c.id, ui.t(c.title), {Para{ui.t(c.summary), nullptr, ui.p().text}}, [&ui, id] {
           ui.app.open(Route{Screen::ProgramList, id});
         }});
  }
  if (!booth)
    tiles.push_back({"events",
                     ui.t("home.events"),
                     {Para{ui.t("home.events_summary"), nullptr, ui.p().text}},
                     [&ui] {
                       ui.app.open(Route{Screen::Events, {}});
                     }});
  tiles.push_back({"contact",
                   ui.t("home.contact"),
                   {Para{ui.t("home.contact_summary"), nullptr, ui.p().text}},
                   [&ui] {
                     ui.app.open(Route{Screen::Contact, {}});
                   }});

  Rect area{content.x + m.pad, y, content.w - 2 * m.pad, content.y + content.h - y};
  begin_scroll(ui, "tiles", area);
  float inner = scroll_content_width(ui, area.w);
  int cols = m.portrait ? 2 : (inner > 1500 ? 3 : 2);
  float tw = (inner - m.gap * static_cast<float>(cols - 1)) / static_cast<float>(cols);
  ImVec2 origin = ImGui::GetCursorScreenPos();
  float row_y = origin.y;
  for (std::size_t row = 0; row * cols < tiles.size(); ++row) {
    float row_h = 0;  // every tile in a row is as tall as the tallest
    for (std::size_t k = row * cols; k < std::min(tiles.size(), (row + 1) * cols); ++k)
      row_h = std::max(row_h, tile_height(ui, tiles[k].title, tiles[k].body, tw));
    row_h = std::max(row_h, m.tap_h * 2);
    for (std::size_t k = row * cols; k < std::min(tiles.size(), (row + 1) * cols); ++k) {
      move_to(ImVec2(origin.x + static_cast<float>(k - row * cols) * (tw + m.gap), row_y));
      if (tile(ui, tiles[k].id.c_str(), tiles[k].title, tiles[k].body, tw, row_h))
        tiles[k].on_tap();
    }
    row_y += row_h + m.gap;
  }
  move_to(ImVec2(origin.x, row_y));
  ImGui::Dummy(ImVec2(inner, m.pad));
  end_scroll(ui);
}

}  // namespace kiosk::ui
