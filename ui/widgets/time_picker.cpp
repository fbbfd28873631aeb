// TimePicker: hour grid, quarter-hour row and AM / PM (see time_picker.h).
#include "ui/widgets/time_picker.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "ui/widgets/choice_button.h"
#include "ui/widgets/widgets.h"

namespace kiosk::ui {
namespace {

constexpr int kQuarters[] = {0, 15, 30, 45};

// Hours in 6 columns when there is room for big cells, else 4.
int hour_cols(const Ui& ui, float width) { return width >= ui.m().tap_h * 9 ? 6 : 4; }

float gap(const Ui& ui) { return std::round(ui.m().gap * 0.5f); }

float caption_h(const Ui& ui) { return line_height(ui.f().heading); }
float label_h(const Ui& ui) { return line_height(ui.f().small); }
// One row of buttons: a tap target, or taller when the heading font's digits need it (Large and
// Extra large text), so that rows never overlap.
float cell_h(const Ui& ui) {
  return std::max(ui.m().tap_h, std::ceil(line_height(ui.f().heading) + ui.m().pad));
}

}  // namespace

float time_picker_height(const Ui& ui, float width) {
  const Metrics& m = ui.m();
  int rows = 12 / hour_cols(ui, width);
  bool one_row = width >= m.tap_h * 12;  // minutes and AM/PM side by side
  float hours = label_h(ui) + rows * (cell_h(ui) + gap(ui));
  float rest = label_h(ui) + (one_row ? cell_h(ui) : 2 * cell_h(ui) + gap(ui));
  return caption_h(ui) + hours + gap(ui) + rest;
}

std::optional<forms::TimeOfDay> time_picker(Ui& ui, const char* id,
                                            std::optional<forms::TimeOfDay> value, float width,
                                            const std::string& owner) {
  const Metrics& m = ui.m();
  const Palette& p = ui.p();
  ImGui::PushID(id);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 top = ImGui::GetCursorScreenPos();
  float g = gap(ui);
  // From no answer: the afternoon, on the hour.
  forms::TimeOfDay t = value.value_or(forms::TimeOfDay{12, 0});
  int h12 = t.hour % 12 == 0 ? 12 : t.hour % 12;
  bool pm = t.hour >= 12;
  std::optional<forms::TimeOfDay> out;
  // Two pickers on one screen would register the same "Hour 2": the owner's name tells them apart
  // (as a choice repeated on a step is qualified with its question).
  auto named = [&](const std::string& part) { return owner.empty() ? part : owner + ": " + part; };

  std::string now = value ? forms::format_time_display(t, ui.lang()) : ui.t("time.not_set");
  text_at(ui, dl, now, ui.f().heading, value ? p.primary : p.muted,
          Rect{top.x, top.y, width, caption_h(ui)}, false);
  float y = top.y + caption_h(ui);

  // Hours 1..12.
  const std::string& hour_word = ui.t("time.hour");
  text_at(ui, dl, hour_word, ui.f().small, p.text, Rect{top.x, y, width, label_h(ui)}, false);
  y += label_h(ui);
  int cols = hour_cols(ui, width);
  float cw = (width - static_cast<float>(cols - 1) * g) / static_cast<float>(cols);
  ChoiceLook look;
  look.check = false;
  look.font = ui.f().heading;
  look.min_h = cell_h(ui);
  const float row_h = look.min_h;
  for (int h = 1; h <= 12; ++h) {
    int i = h - 1;
    ImGui::SetCursorScreenPos(ImVec2(top.x + static_cast<float>(i % cols) * (cw + g),
                                     y + static_cast<float>(i / cols) * (row_h + g)));
    look.selected = value && h12 == h;
    ImGui::PushID(h);
    if (choice_button(ui, "hour", std::to_string(h), named(hour_word + " " + std::to_string(h)), cw,
                      look))
      out = forms::TimeOfDay{h % 12 + (pm ? 12 : 0), value ? t.minute : 0};
    ImGui::PopID();
  }
  y += static_cast<float>(12 / cols) * (row_h + g) + g;

  // Quarter hours, then AM / PM (beside them when wide).
  bool one_row = width >= m.tap_h * 12;
  float mw = one_row ? (width - 2 * g) * 0.64f : width;
  const std::string& min_word = ui.t("time.minute");
  text_at(ui, dl, min_word, ui.f().small, p.text, Rect{top.x, y, mw, label_h(ui)}, false);
  y += label_h(ui);
  float qw = (mw - 3 * g) / 4;
  for (int k = 0; k < 4; ++k) {
    char mm[8];
    std::snprintf(mm, sizeof mm, ":%02d", kQuarters[k]);
    ImGui::SetCursorScreenPos(ImVec2(top.x + static_cast<float>(k) * (qw + g), y));
    look.selected = value && t.minute == kQuarters[k];
    ImGui::PushID(k);
    if (choice_button(ui, "min", mm, named(min_word + " " + mm), qw, look))
      out = forms::TimeOfDay{value ? t.hour : 12, kQuarters[k]};
    ImGui::PopID();
  }
  float ax = one_row ? top.x + mw + 2 * g : top.x;
  float ay = one_row ? y : y + row_h + g;
  float aw = ((one_row ? width - mw - 2 * g : width) - g) * 0.5f;
  look.font = ui.f().body_bold;
  ImGui::SetCursorScreenPos(ImVec2(ax, ay));
  look.selected = value && !pm;
  const std::string& am = ui.t("time.am");
  if (choice_button(ui, "am", am, named(am), aw, look))
    out = forms::TimeOfDay{t.hour % 12, value ? t.minute : 0};
  ImGui::SetCursorScreenPos(ImVec2(ax + aw + g, ay));
  look.selected = value && pm;
  const std::string& pm_label = ui.t("time.pm");
  if (choice_button(ui, "pm", pm_label, named(pm_label), aw, look))
    out = forms::TimeOfDay{t.hour % 12 + 12, value ? t.minute : 0};

  ImGui::SetCursorScreenPos(ImVec2(top.x, top.y + time_picker_height(ui, width)));
  ImGui::Dummy(ImVec2(width, 0));
  ImGui::PopID();
  return out;
}

}  // namespace kiosk::ui
