// TimePicker: [Hour - 7 +] [Minutes - 05 +] [AM] [PM], on two rows when narrow.
#include "ui/widgets/time_picker.h"

#include <algorithm>
#include <cstdio>

#include "ui/widgets/choice_button.h"
#include "ui/widgets/stepper.h"
#include "ui/widgets/widgets.h"

namespace kiosk::ui {
namespace {

bool one_row(const Ui& ui, float width) { return width >= ui.m().tap_h * 14; }

}  // namespace

float caption_h(const Ui& ui) { return line_height(ui.f().heading) + line_height(ui.f().small); }

float time_picker_height(const Ui& ui, float width) {
  float row = std::max(stepper_height(ui), ui.m().tap_h);
  return caption_h(ui) + (one_row(ui, width) ? row : 2 * row + ui.m().gap);
}

std::optional<forms::TimeOfDay> time_picker(Ui& ui, const char* id,
                                            std::optional<forms::TimeOfDay> value, float width) {
  const Metrics& m = ui.m();
  ImGui::PushID(id);
  forms::TimeOfDay t = value.value_or(forms::TimeOfDay{12, 0});
  int h12 = t.hour % 12 == 0 ? 12 : t.hour % 12;
  bool pm = t.hour >= 12;
  char mm[8];
  std::snprintf(mm, sizeof mm, "%02d", t.minute);
  std::string hour_shown = value ? std::to_string(h12) : "--";
  std::string min_shown = value ? std::string(mm) : "--";

  bool row = one_row(ui, width);
  float group_w = row ? (width - 2 * m.gap) * 0.36f : (width - m.gap) * 0.5f;
  ImVec2 top = ImGui::GetCursorScreenPos();
  // The time as the visitor reads it, then what each stepper sets.
  ImDrawList* dl = ImGui::GetWindowDrawList();
  std::string now = value ? forms::format_time_display(t, ui.lang()) : ui.t("time.not_set");
  text_at(ui, dl, now, ui.f().heading, value ? ui.p().primary : ui.p().muted,
          Rect{top.x, top.y, width, line_height(ui.f().heading)}, false);
  float cy = top.y + line_height(ui.f().heading);
  text_at(ui, dl, ui.t("time.hour"), ui.f().small, ui.p().text,
          Rect{top.x, cy, group_w, line_height(ui.f().small)}, true);
  text_at(ui, dl, ui.t("time.minute"), ui.f().small, ui.p().text,
          Rect{top.x + group_w + m.gap, cy, group_w, line_height(ui.f().small)}, true);
  ImVec2 pos(top.x, top.y + caption_h(ui));
  ImGui::SetCursorScreenPos(pos);
  std::optional<forms::TimeOfDay> out;
  int dh = stepper(ui, "hour", ui.t("time.hour"), hour_shown, group_w);
  if (dh) out = forms::TimeOfDay{((value ? t.hour : 12) + dh + 24) % 24, value ? t.minute : 0};
  ImGui::SetCursorScreenPos(ImVec2(pos.x + group_w + m.gap, pos.y));
  int dm = stepper(ui, "min", ui.t("time.minute"), min_shown, group_w);
  if (dm) {
    int minutes = (value ? t.minute : 0);
    int next = dm > 0 ? (minutes / 5 + 1) * 5 : ((minutes + 4) / 5 - 1) * 5;
    out = forms::TimeOfDay{value ? t.hour : 12, (next + 60) % 60};
  }
  float ampm_y = row ? pos.y : pos.y + stepper_height(ui) + m.gap;
  float ampm_x = row ? pos.x + 2 * (group_w + m.gap) : pos.x;
  float ampm_w = row ? (width - 2 * (group_w + m.gap) - m.gap) * 0.5f : (width - m.gap) * 0.5f;
  ChoiceLook look;
  look.check = false;
  look.min_h = stepper_height(ui);
  ImGui::SetCursorScreenPos(ImVec2(ampm_x, ampm_y));
  look.selected = value && !pm;
  const std::string& am = ui.t("time.am");
  if (choice_button(ui, "am", am, am, ampm_w, look))
    out = forms::TimeOfDay{value ? t.hour % 12 : 0, t.minute};
  ImGui::SetCursorScreenPos(ImVec2(ampm_x + ampm_w + m.gap, ampm_y));
  look.selected = value && pm;
  const std::string& pm_label = ui.t("time.pm");
  if (choice_button(ui, "pm", pm_label, pm_label, ampm_w, look))
    out = forms::TimeOfDay{value ? t.hour % 12 + 12 : 12, t.minute};
  ImGui::SetCursorScreenPos(ImVec2(top.x, top.y + time_picker_height(ui, width)));
  ImGui::Dummy(ImVec2(width, 0));
  ImGui::PopID();
  return out;
}

}  // namespace kiosk::ui
