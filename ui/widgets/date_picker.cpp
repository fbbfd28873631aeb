// DatePicker: month heading with arrows, weekday names, a 7-column grid of day buttons.
#include "ui/widgets/date_picker.h"

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "ui/widgets/choice_button.h"
#include "ui/widgets/widgets.h"

namespace kiosk::ui {
namespace {

std::vector<std::string> words(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

int month_index(int year, int month) { return year * 12 + (month - 1); }

}  // namespace

int weekday(const forms::Date& d) { return cal::weekday(d); }

std::optional<forms::Date> date_picker(Ui& ui, const char* id, int& year, int& month,
                                       std::optional<forms::Date> value, forms::Date lo,
                                       forms::Date hi, float width) {
  const Metrics& m = ui.m();
  const Palette& p = ui.p();
  ImGui::PushID(id);
  // Keep the month on show inside the range.
  int shown = std::clamp(month_index(year, month), month_index(lo.year, lo.month),
                         month_index(hi.year, hi.month));
  year = shown / 12;
  month = shown % 12 + 1;
  ImVec2 pos = ImGui::GetCursorScreenPos();
  float cell_gap = std::round(m.gap * 0.5f);
  float cell_w = (width - 6 * cell_gap) / 7;

  // Heading: [Previous month]  March 2026  [Next month]
  float nav_text = std::max(text_width(ui.f().body_bold, "< " + ui.t("date.prev")),
                            text_width(ui.f().body_bold, ui.t("date.next") + " >"));
  float nav_w = std::min(std::max(cell_w * 2 + cell_gap, nav_text + 2 * m.pad), width * 0.34f);
  bool can_prev = shown > month_index(lo.year, lo.month),
       can_next = shown < month_index(hi.year, hi.month);
  ChoiceLook nav;
  nav.check = false;
  nav.enabled = can_prev;
  nav.font = ui.f().body_bold;
  if (choice_button(ui, "prev", "< " + ui.t("date.prev"), ui.t("date.prev"), nav_w, nav) &&
      can_prev)
    --shown;
  float head_h = ImGui::GetCursorScreenPos().y - pos.y;
  ImGui::SetCursorScreenPos(ImVec2(pos.x + width - nav_w, pos.y));
  nav.enabled = can_next;
  if (choice_button(ui, "next", ui.t("date.next") + " >", ui.t("date.next"), nav_w, nav) &&
      can_next)
    ++shown;
  std::string name = cal::month_name(month, ui.lang());
  std::string heading = ui.str.format(ui.lang(), "date.month_year",
                                      {{"month", name}, {"year", std::to_string(year)}});
  text_at(ui, ImGui::GetWindowDrawList(), heading, ui.f().heading, p.primary,
          Rect{pos.x + nav_w, pos.y, width - 2 * nav_w, head_h}, true);
  float y = pos.y + head_h + cell_gap;

  // Weekday names.
  std::vector<std::string> days = words(ui.t("date.weekdays"));
  float wd_h = line_height(ui.f().small);
  for (int c = 0; c < 7 && days.size() == 7; ++c)
    text_at(ui, ImGui::GetWindowDrawList(), days[static_cast<std::size_t>(c)], ui.f().small,
            p.muted, Rect{pos.x + c * (cell_w + cell_gap), y, cell_w, wd_h}, true);
  y += wd_h + cell_gap;

  // The grid: the 1st sits under its weekday.
  std::optional<forms::Date> picked;
  int first = cal::weekday(forms::Date{year, month, 1});
  int n = forms::days_in_month(year, month);
  ChoiceLook day;
  day.check = false;
  day.font = ui.f().body_bold;
  for (int d = 1; d <= n; ++d) {
    int cell = first + d - 1;
    forms::Date date{year, month, d};
    ImGui::SetCursorScreenPos(
        ImVec2(pos.x + (cell % 7) * (cell_w + cell_gap), y + (cell / 7) * (m.tap_h + cell_gap)));
    day.enabled = !(date < lo) && !(hi < date);
    day.selected = value && *value == date;
    ImGui::PushID(d);
    if (choice_button(ui, "day", std::to_string(d), forms::format_date_long(date, ui.lang()),
                      cell_w, day) &&
        day.enabled)
      picked = date;
    ImGui::PopID();
  }
  int rows = (first + n + 6) / 7;
  ImGui::SetCursorScreenPos(ImVec2(pos.x, y + rows * (m.tap_h + cell_gap)));
  ImGui::Dummy(ImVec2(width, 0));
  year = shown / 12;
  month = shown % 12 + 1;
  ImGui::PopID();
  return picked;
}

}  // namespace kiosk::ui
