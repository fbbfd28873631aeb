// DatePicker: the heading of each view and its grid of big cells (decades, years, months, days).
#include "ui/widgets/date_picker.h"

#include <imgui/imgui_internal.h>  // GetItemID (1.86 keeps it internal)

#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "ui/widgets/choice_button.h"
#include "ui/widgets/widgets.h"

namespace kiosk::ui {
namespace {

using forms::Date;
using forms::DateView;

// Low contrast on purpose: a day that cannot be chosen must not look like one that can.
constexpr Rgb kDisabledText{0x9A, 0x9A, 0x9A};
constexpr int kGridRows = 6;  // a month's days take at most six weeks; every view gets that room

std::vector<std::string> words(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

struct CellLook {
  bool selected = false;
  bool disabled = false;
  bool today = false;
};

// One cell of a grid: tappable even when disabled (the caller explains). Registered with `label`
// and its text, plus "(selected)", "(today)" or "(not available)".
bool cell(Ui& ui, const char* id, const std::string& shown, const std::string& label, Rect r,
          const CellLook& look) {
  const Metrics& m = ui.m();
  const Palette& p = ui.p();
  ImGui::SetCursorScreenPos(ImVec2(r.x, r.y));
  bool tapped = ImGui::InvisibleButton(id, ImVec2(r.w, r.h));
  const unsigned item = ImGui::GetItemID();
  tapped |= ui.focus.take_activate(item);
  bool held = ImGui::IsItemActive();
  Rgb bg = p.page, fg = p.text;
  bool border = true;
  if (look.selected) bg = p.primary, fg = p.primary_text;
  if (look.disabled) fg = kDisabledText, border = false;
  if (held) bg = p.pressed, fg = p.pressed_text;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 a(r.x, r.y), b(r.x + r.w, r.y + r.h);
  dl->AddRectFilled(a, b, col(bg), m.rounding);
  if (border)
    dl->AddRect(a, b, col(look.selected ? p.primary : p.card_border), m.rounding, 0, m.border);
  ImFont* font = look.disabled ? ui.f().body : ui.f().body_bold;
  float tw = text_width(font, shown);
  float lh = line_height(font);
  dl->AddText(font, font->FontSize,
              ImVec2(std::floor(r.x + (r.w - tw) * 0.5f),
                     std::floor(r.y + (r.h - lh) * 0.5f + (lh - font->FontSize) * 0.5f)),
              col(fg), shown.c_str());
  if (look.today) {
    // Today: a bar under the number, in the selected colour's opposite when it is selected.
    float bw = std::max(tw, r.w * 0.4f), bh = std::max(3.0f, m.border * 1.5f);
    float by = std::min(r.y + r.h - bh - 2, r.y + (r.h + lh) * 0.5f);
    dl->AddRectFilled(ImVec2(r.x + (r.w - bw) * 0.5f, by), ImVec2(r.x + (r.w + bw) * 0.5f, by + bh),
                      col(look.selected ? p.primary_text : p.primary));
  }
  std::string text = shown;
  if (look.selected) text += " (" + ui.t("form.selected") + ")";
  if (look.today) text += " (" + ui.t("journey.date_today") + ")";
  if (look.disabled) text += " (" + ui.t("journey.date_not_available") + ")";
  Rect clip = Rect::from_minmax(dl->GetClipRectMin(), dl->GetClipRectMax());
  WidgetEntry e{label, text, r.intersect(clip), true, r};
  // A day or month to choose is a choice (read "chosen" when it is the answer).
  e.control = Control::Choice;
  e.checked = look.selected;
  e.id = item;
  mark_focus(ui, e);
  ui.reg.add(std::move(e));
  return tapped;
}

float cell_gap(const Ui& ui) { return std::round(ui.m().gap * 0.5f); }
float grid_h(const Ui& ui) {
  return line_height(ui.f().small) + cell_gap(ui) + kGridRows * (ui.m().tap_h + cell_gap(ui));
}

std::string month_year(const Ui& ui, int y, int mo) {
  return ui.str.format(ui.lang(), "date.month_year",
                       {{"month", cal::month_name(mo, ui.lang())}, {"year", std::to_string(y)}});
}

ChoiceLook nav_look(const Ui& ui) {
  ChoiceLook nav;
  nav.check = false;
  nav.font = ui.f().body_bold;
  return nav;
}
ChoiceLook title_look(const Ui& ui) {
  ChoiceLook t;
  t.check = false;
  t.font = ui.f().heading;
  return t;
}

// The heading's geometry, the same in every view and for every month, so the grid below never
// moves under a finger and date_picker_height() is known before anything is drawn. One row —
// side buttons, title between — when every text fits on one line there; otherwise (a narrow
// column, Large or Extra large text) the title has a row of its own and the side buttons share
// the row below it, half the width each, rather than wrapping into tall narrow buttons.
struct HeadingGeometry {
  bool two_rows = false;
  float nav_w = 0, nav_y = 0;      // side buttons: width, top relative to the heading
  float title_w = 0, title_x = 0;  // the title, relative to the heading's left
  float row_h = 0, h = 0;          // one row's height, the whole heading's
};
HeadingGeometry heading_geometry(const Ui& ui, float width) {
  const Metrics& m = ui.m();
  float cg = cell_gap(ui);
  float cell_w = (width - 6 * cg) / 7;
  const std::string navs[] = {"< " + ui.t("date.prev"), ui.t("date.next") + " >",
                              "< " + ui.t("journey.date_all_decades"),
                              "< " + ui.t("journey.date_other_years")};
  float nav_text = 0;
  for (const auto& t : navs) nav_text = std::max(nav_text, text_width(ui.f().body_bold, t));
  float title_text = text_width(ui.f().heading, ui.t("journey.date_pick_decade"));
  for (int mo = 1; mo <= 12; ++mo)
    title_text = std::max(title_text, text_width(ui.f().heading, month_year(ui, 2026, mo)));
  HeadingGeometry g;
  g.nav_w = std::max(cell_w * 2 + cg, nav_text + 2 * m.pad);
  g.title_w = width - 2 * (g.nav_w + cg);
  g.two_rows = g.title_w < title_text + 2 * m.pad;
  if (g.two_rows) {
    g.title_x = 0;
    g.title_w = width;
    g.nav_w = (width - cg) * 0.5f;
  } else {
    g.title_x = g.nav_w + cg;
  }
  // A text that still does not fit wraps; the row grows to hold it.
  g.row_h = m.tap_h;
  for (const auto& t : navs)
    g.row_h = std::max(g.row_h, choice_button_height(ui, t, g.nav_w, nav_look(ui)));
  for (int mo = 1; mo <= 12; ++mo)
    g.row_h = std::max(
        g.row_h, choice_button_height(ui, month_year(ui, 2026, mo), g.title_w, title_look(ui)));
  g.row_h = std::ceil(g.row_h);
  g.nav_y = g.two_rows ? g.row_h + cg : 0;
  g.h = g.two_rows ? 2 * g.row_h + cg : g.row_h;
  return g;
}

// The heading: an optional button on the left ("< Previous month", "< Other years"), the title in
// the middle (a button in the days view), an optional button on the right.
struct Heading {
  std::string left_text, left_label;
  bool left_enabled = true;
  std::string title;
  bool title_is_button = false;
  std::string right_text, right_label;
  bool right_enabled = true;
};
enum class HeadingTap { None, Left, Title, Right };

HeadingTap heading(Ui& ui, const Heading& h, ImVec2 pos, float width) {
  const HeadingGeometry g = heading_geometry(ui, width);
  HeadingTap r = HeadingTap::None;
  ChoiceLook nav = nav_look(ui);
  nav.min_h = g.row_h;
  if (!h.left_text.empty()) {
    ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + g.nav_y));
    nav.enabled = h.left_enabled;
    if (choice_button(ui, "left", h.left_text, h.left_label, g.nav_w, nav) && h.left_enabled)
      r = HeadingTap::Left;
  }
  if (!h.right_text.empty()) {
    ImGui::SetCursorScreenPos(ImVec2(pos.x + width - g.nav_w, pos.y + g.nav_y));
    nav.enabled = h.right_enabled;
    if (choice_button(ui, "right", h.right_text, h.right_label, g.nav_w, nav) && h.right_enabled)
      r = HeadingTap::Right;
  }
  Rect mid{pos.x + g.title_x, pos.y, g.title_w, g.row_h};
  if (h.title_is_button) {
    ChoiceLook t = title_look(ui);
    t.min_h = g.row_h;
    ImGui::SetCursorScreenPos(ImVec2(mid.x, mid.y));
    if (choice_button(ui, "title", h.title, h.title, mid.w, t)) r = HeadingTap::Title;
  } else {
    text_at(ui, ImGui::GetWindowDrawList(), h.title, ui.f().heading, ui.p().primary, mid, true);
  }
  return r;
}

std::string decade_text(int first_year) {
  return std::to_string(first_year) + "\xE2\x80\x93" + std::to_string(first_year + 9);  // en dash
}

// A grid of `n` cells in `cols` columns filling the grid area below the heading.
Rect grid_cell(ImVec2 origin, float width, float height, int cols, int rows, int i, float gap) {
  float w = (width - static_cast<float>(cols - 1) * gap) / static_cast<float>(cols);
  float h = (height - static_cast<float>(rows - 1) * gap) / static_cast<float>(rows);
  int r = i / cols, c = i % cols;
  return Rect{origin.x + static_cast<float>(c) * (w + gap),
              origin.y + static_cast<float>(r) * (h + gap), w, h};
}

}  // namespace

int weekday(const forms::Date& d) { return cal::weekday(d); }

float date_picker_height(const Ui& ui, float width) {
  return heading_geometry(ui, width).h + cell_gap(ui) + grid_h(ui);
}

DateTap date_picker(Ui& ui, const char* id, forms::DatePickerState& st, std::optional<Date> value,
                    Date lo, Date hi, Date today, float width, const cal::DateSchedule& schedule) {
  const Metrics& m = ui.m();
  const Palette& p = ui.p();
  ImGui::PushID(id);
  ImGui::PushID(static_cast<int>(st.view));
  ImVec2 pos = ImGui::GetCursorScreenPos();
  float cg = cell_gap(ui);
  ImVec2 grid(pos.x, pos.y + heading_geometry(ui, width).h + cg);
  float gh = grid_h(ui);
  DateTap out;
  auto label_month = [&](int y, int mo) { return month_year(ui, y, mo); };

  switch (st.view) {
    case DateView::Decades: {
      Heading h;
      h.title = ui.t("journey.date_pick_decade");
      heading(ui, h, pos, width);
      std::vector<int> decades = forms::decades_in_range(lo, hi);
      int cols = 4, rows = std::max(4, (static_cast<int>(decades.size()) + cols - 1) / cols);
      for (std::size_t i = 0; i < decades.size(); ++i) {
        int d = decades[i];
        CellLook look;
        look.selected = value && value->year / 10 * 10 == d;
        look.today = today.year / 10 * 10 == d;
        look.disabled = !forms::decade_in_range(d, lo, hi);
        ImGui::PushID(d);
        Rect r = grid_cell(grid, width, gh, cols, rows, static_cast<int>(i), cg);
        if (cell(ui, "decade", decade_text(d), decade_text(d), r, look) && !look.disabled)
          forms::choose_decade(st, d);
        ImGui::PopID();
      }
      break;
    }
    case DateView::Years: {
      int first = st.year / 10 * 10;
      Heading h;
      h.left_text = "< " + ui.t("journey.date_all_decades");
      h.left_label = ui.t("journey.date_all_decades");
      h.title = decade_text(first);
      if (heading(ui, h, pos, width) == HeadingTap::Left) forms::go_up(st);
      for (int i = 0; i < 10; ++i) {
        int y = first + i;
        CellLook look;
        look.selected = value && value->year == y;
        look.today = today.year == y;
        look.disabled = !forms::year_in_range(y, lo, hi);
        ImGui::PushID(y);
        Rect r = grid_cell(grid, width, gh, 4, 3, i, cg);
        if (cell(ui, "year", std::to_string(y), std::to_string(y), r, look) && !look.disabled)
          forms::choose_year(st, y);
        ImGui::PopID();
      }
      break;
    }
    case DateView::Months: {
      Heading h;
      h.left_text = "< " + ui.t("journey.date_other_years");
      h.left_label = ui.t("journey.date_other_years");
      h.title = std::to_string(st.year);
      if (heading(ui, h, pos, width) == HeadingTap::Left) forms::go_up(st);
      for (int mo = 1; mo <= 12; ++mo) {
        CellLook look;
        look.selected = value && value->year == st.year && value->month == mo;
        look.today = today.year == st.year && today.month == mo;
        look.disabled = !forms::month_offered(st.year, mo, lo, hi, schedule, today);
        ImGui::PushID(mo);
        Rect r = grid_cell(grid, width, gh, 3, 4, mo - 1, cg);
        if (cell(ui, "month", cal::month_name(mo, ui.lang()), label_month(st.year, mo), r, look) &&
            !look.disabled)
          forms::choose_month(st, st.year, mo);
        ImGui::PopID();
      }
      break;
    }
    case DateView::Days: {
      forms::clamp_month(st, lo, hi);
      Heading h;
      h.left_text = "< " + ui.t("date.prev");
      h.left_label = ui.t("date.prev");
      h.left_enabled = Date{st.year, st.month, 1} > lo;
      h.right_text = ui.t("date.next") + " >";
      h.right_label = ui.t("date.next");
      h.right_enabled = Date{st.year, st.month, forms::days_in_month(st.year, st.month)} < hi;
      h.title = label_month(st.year, st.month);
      h.title_is_button = true;
      switch (heading(ui, h, pos, width)) {
        case HeadingTap::Left: forms::step_month(st, -1, lo, hi); break;
        case HeadingTap::Right: forms::step_month(st, 1, lo, hi); break;
        case HeadingTap::Title: forms::go_up(st); break;
        case HeadingTap::None: break;
      }
      float cell_w = (width - 6 * cg) / 7;
      std::vector<std::string> days = words(ui.t("date.weekdays"));
      float wd_h = line_height(ui.f().small);
      for (int c = 0; c < 7 && days.size() == 7; ++c)
        text_at(ui, ImGui::GetWindowDrawList(), days[static_cast<std::size_t>(c)], ui.f().small,
                p.muted, Rect{grid.x + c * (cell_w + cg), grid.y, cell_w, wd_h}, true);
      float y = grid.y + wd_h + cg;
      int first = cal::weekday(Date{st.year, st.month, 1});
      int n = forms::days_in_month(st.year, st.month);
      for (int d = 1; d <= n; ++d) {
        int c = first + d - 1;
        Date date{st.year, st.month, d};
        CellLook look;
        look.disabled = !forms::day_offered(date, lo, hi, schedule, today);
        look.selected = value && *value == date;
        look.today = date == today;
        ImGui::PushID(d);
        Rect r{grid.x + (c % 7) * (cell_w + cg), y + (c / 7) * (m.tap_h + cg), cell_w, m.tap_h};
        if (cell(ui, "day", std::to_string(d), forms::format_date_long(date, ui.lang()), r, look)) {
          if (look.disabled) {
            st.refused = date;
            out.refused = date;
          } else {
            st.refused.reset();
            out.picked = date;
          }
        }
        ImGui::PopID();
      }
      break;
    }
  }
  ImGui::SetCursorScreenPos(ImVec2(pos.x, grid.y + gh));
  ImGui::Dummy(ImVec2(width, 0));
  ImGui::PopID();
  ImGui::PopID();
  return out;
}

}  // namespace kiosk::ui
