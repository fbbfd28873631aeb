// Home screen. Lobby: the two requests an upset visitor comes for (crash report, police records) in
// their own dark band with their pictures, then one tile per program category with its picture or
// icon, then Upcoming events and Contact and help. Booth: "Quick sign-up" first, then every
// program that takes sign-ups with its QR code (its tile opens the full sign-up), then the rest.
// Everything below the title scrolls by dragging.
#include <algorithm>
#include <functional>

#include "kiosk/forms/form_spec.h"
#include "ui/screens/chrome.h"
#include "ui/screens/screens.h"
#include "ui/theme/icon_font.h"
#include "ui/widgets/picture.h"
#include "ui/widgets/widgets.h"

namespace kiosk::ui {
namespace {

struct TileSpec {
  std::string id;
  Visual visual;
  std::string title;
  std::vector<Para> body;
  std::function<void()> on_tap;
};

// Tiles in rows of `cols`, every tile in a row as tall as the tallest; returns the height used.
float tile_grid(Ui& ui, const std::vector<TileSpec>& tiles, ImVec2 origin, float inner, int cols,
                float visual_side, TileStyle style) {
  const Metrics& m = ui.m();
  // Fewer columns when a tile would be narrower than one of its words (two columns in portrait
  // at Extra large: "Neighborhood" in the heading font).
  float need = 0;
  for (const auto& t : tiles) need = std::max(need, picture_tile_min_width(ui, t.title, t.body));
  auto tile_w = [&](int c) {
    return (inner - m.gap * static_cast<float>(c - 1)) / static_cast<float>(c);
  };
  while (cols > 1 && tile_w(cols) < need) --cols;
  const std::size_t n = static_cast<std::size_t>(cols);
  const float tw = tile_w(cols);
  float row_y = origin.y;
  for (std::size_t row = 0; row * n < tiles.size(); ++row) {
    float row_h = m.tap_h * 2;
    for (std::size_t k = row * n; k < std::min(tiles.size(), (row + 1) * n); ++k)
      row_h = std::max(row_h, picture_tile_height(ui, tiles[k].visual, tiles[k].title,
                                                  tiles[k].body, tw, visual_side));
    for (std::size_t k = row * n; k < std::min(tiles.size(), (row + 1) * n); ++k) {
      move_to(ImVec2(origin.x + static_cast<float>(k - row * n) * (tw + m.gap), row_y));
      if (picture_tile(ui, tiles[k].id.c_str(), tiles[k].visual, tiles[k].title, tiles[k].body, tw,
                       row_h, visual_side, style))
        tiles[k].on_tap();
    }
    row_y += row_h + m.gap;
  }
  return row_y - origin.y;
}

// Booth: each program that takes sign-ups as its tile (the full sign-up) with its QR code beside
// it, so a visitor in a hurry can take the program home on their phone.
float booth_programs(Ui& ui, ImVec2 origin, float inner, int cols, float visual_side) {
  const Metrics& m = ui.m();
  std::vector<const Program*> progs;
  for (const auto& prog : ui.cat.programs)
    if (prog.takes_signups) progs.push_back(&prog);
  const std::size_t n = static_cast<std::size_t>(cols);
  float cell_w = (inner - m.gap * static_cast<float>(cols - 1)) / static_cast<float>(cols);
  float qr_side = std::min(cell_w * 0.3f, m.tap_h * 3);
  float tw = cell_w - qr_side - m.gap;
  float row_y = origin.y;
  for (std::size_t row = 0; row * n < progs.size(); ++row) {
    float row_h = qr_side;
    std::vector<std::vector<Para>> bodies;
    for (std::size_t k = row * n; k < std::min(progs.size(), (row + 1) * n); ++k) {
      bodies.push_back({Para{ui.t(progs[k]->summary), nullptr, ui.p().text},
                        Para{ui.t("detail.sign_up"), ui.f().body_bold, ui.p().primary}});
      row_h = std::max(row_h, picture_tile_height(ui, progs[k]->visual, ui.t(progs[k]->title),
                                                  bodies.back(), tw, visual_side));
    }
    for (std::size_t k = row * n; k < std::min(progs.size(), (row + 1) * n); ++k) {
      const Program& prog = *progs[k];
      float cx = origin.x + static_cast<float>(k - row * n) * (cell_w + m.gap);
      move_to(ImVec2(cx, row_y));
      if (picture_tile(ui, ("signup-" + prog.id).c_str(), prog.visual, ui.t(prog.title),
                       bodies[k - row * n], tw, row_h, visual_side))
        ui.app.open(Route{Screen::Signup, prog.id});
      move_to(ImVec2(cx + tw + m.gap, row_y + (row_h - qr_side) * 0.5f));
      qr_code(ui, prog.url, qr_side);
    }
    row_y += row_h + m.gap;
  }
  return row_y - origin.y;
}

}  // namespace

void draw_home(Ui& ui, Rect content) {
  const Metrics& m = ui.m();
  const Department& dept = ui.cat.department;
  float y = screen_title(ui, ui.t("home.title"), content);
  // At a booth (profile "booth") the visitor has 30 seconds: the quick sign-up and the programs
  // that take sign-ups come first, then the events; the lobby's requests follow.
  const bool booth = ui.app.profile() == Profile::Booth;

  if (booth) {
    move_to(ImVec2(content.x + m.pad, y));
    if (button(ui, "quick-signup", ui.t("welcome.quick_signup"), content.w - 2 * m.pad,
               ButtonKind::Primary, m.tap_h * 1.3f, ui.f().title))
      ui.app.open(Route{Screen::QuickInterest, {}});
    y = ImGui::GetCursorScreenPos().y + m.gap;
  }

  // The two requests an upset visitor comes for: a crash report, police records.
  std::vector<TileSpec> requests;
  const std::pair<const char*, const char*> kRequests[] = {
      {"crash_report", "home.crash_report_summary"}, {"records_request", "home.records_summary"}};
  const Feature kRequestFeature[] = {Feature::CrashReport, Feature::RecordsRequest};
  for (std::size_t i = 0; i < std::size(kRequests); ++i) {
    auto [form_id, summary] = kRequests[i];
    auto form = forms::bundled_forms().find(form_id);
    if (!form) continue;  // a broken form is not offered (the loader logged why)
    std::string id = form_id;
    requests.push_back({"form-" + id,
                        dept.feature(kRequestFeature[i]),
                        ui.t(form->title),
                        {Para{ui.t(summary), nullptr, ui.p().text}},
                        [&ui, id] {
                          ui.app.open(Route{Screen::Form, id});
                        }});
  }
  std::vector<TileSpec> categories;
  for (const auto& c : ui.cat.categories) {
    std::string id = c.id;
    categories.push_back({"cat-" + c.id,
                          c.visual,
                          ui.t(c.title),
                          {Para{ui.t(c.summary), nullptr, ui.p().text}},
                          [&ui, id] {
                            ui.app.open(Route{Screen::ProgramList, id});
                          }});
  }
  TileSpec events{"events",
                  dept.feature(Feature::Events),
                  ui.t("home.events"),
                  {Para{ui.t("home.events_summary"), nullptr, ui.p().text}},
                  [&ui] {
                    ui.app.open(Route{Screen::Events, {}});
                  }};
  TileSpec contact{"contact",
                   Visual{},
                   ui.t("home.contact"),
                   {Para{ui.t("home.contact_summary"), nullptr, ui.p().text}},
                   [&ui] {
                     ui.app.open(Route{Screen::Contact, {}});
                   }};

  Rect area{content.x + m.pad, y, content.w - 2 * m.pad, content.y + content.h - y};
  begin_scroll(ui, "tiles", area);
  float inner = scroll_content_width(ui, area.w);
  int cols = m.portrait ? 2 : (inner > 1500 ? 3 : 2);
  // A visual about an icon's size beside each tile's words; the request band's a little larger.
  float side = std::min(icon_font_size(m) * 1.2f, inner / static_cast<float>(cols) * 0.28f);
  float band_side = std::min(icon_font_size(m) * 1.4f, inner * 0.5f * 0.3f);
  ImVec2 origin = ImGui::GetCursorScreenPos();
  float at = origin.y;
  auto grid = [&](const std::vector<TileSpec>& tiles, int c, float s, TileStyle style) {
    at += tile_grid(ui, tiles, ImVec2(origin.x, at), inner, c, s, style);
  };
  if (booth) {
    at +=
        booth_programs(ui, ImVec2(origin.x, at), inner, m.portrait || inner <= 1500 ? 1 : 2, side);
    grid({events}, 1, side, TileStyle::Card);
    at += m.gap;
  }
  grid(requests, 2, band_side, TileStyle::Feature);
  at += m.gap;  // the band stands apart from the categories
  std::vector<TileSpec> rest = std::move(categories);
  if (!booth) rest.push_back(std::move(events));
  rest.push_back(std::move(contact));
  grid(rest, cols, side, TileStyle::Card);
  move_to(ImVec2(origin.x, at));
  ImGui::Dummy(ImVec2(inner, m.pad));
  end_scroll(ui);
}

}  // namespace kiosk::ui
