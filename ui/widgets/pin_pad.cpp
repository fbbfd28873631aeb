// PinPad: a 3x4 keypad of big keys under a row of dots, and Cancel below.
#include "ui/widgets/pin_pad.h"

#include <algorithm>
#include <string>

#include "ui/widgets/widgets.h"

namespace kiosk::ui {
namespace {

float dots_height(const Ui& ui) { return ui.m().tap_h; }

// Every key is as tall as the tallest label needs (digits use the title font): rows never overlap.
float key_height(const Ui& ui, float key_h) {
  return std::max(key_h, button_height(ui, "0", key_h * 2, key_h, ui.f().title));
}

}  // namespace

float pin_pad_height(const Ui& ui, float key_h) {
  const Metrics& m = ui.m();
  return dots_height(ui) + m.gap + 4 * key_height(ui, key_h) + 3 * m.gap + m.gap + m.tap_h;
}

PinPadAction pin_pad(Ui& ui, PinPadState& st, Rect area, float key_h) {
  const Metrics& m = ui.m();
  const Palette& p = ui.p();
  key_h = key_height(ui, key_h);
  float key_w = std::min((area.w - 2 * m.gap) / 3, key_h * 2.0f);
  float pad_w = 3 * key_w + 2 * m.gap;
  float x0 = area.x + (area.w - pad_w) * 0.5f;
  float y = area.y;
  ImDrawList* dl = ImGui::GetWindowDrawList();

  // The entry: one dot per digit in a box; the digits themselves are never drawn.
  float dh = dots_height(ui);
  dl->AddRectFilled(ImVec2(x0, y), ImVec2(x0 + pad_w, y + dh), col(p.card), m.rounding);
  dl->AddRect(ImVec2(x0, y), ImVec2(x0 + pad_w, y + dh), col(p.card_border), m.rounding, 0,
              m.border);
  float r = dh * 0.14f;
  float n = static_cast<float>(st.digits.size());
  float span = n * r * 3;
  for (std::size_t i = 0; i < st.digits.size(); ++i)
    dl->AddCircleFilled(
        ImVec2(x0 + (pad_w - span) * 0.5f + r * 1.5f + static_cast<float>(i) * r * 3,
               y + dh * 0.5f),
        r, col(p.text));
  std::string shown =
      st.digits.size() == 1
          ? ui.t("staff.pin.one_digit")
          : ui.str.format(ui.lang(), "staff.pin.digits", {{"n", std::to_string(st.digits.size())}});
  ui.reg.add({"", shown, Rect{x0, y, pad_w, dh}, false});
  y += dh + m.gap;

  // Keys 9 and 11 are Clear and OK (their words from the string tables); the rest are digits.
  static const char* const kKeys[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "", "0", ""};
  PinPadAction out = PinPadAction::None;
  for (int i = 0; i < 12; ++i) {
    const bool clear_key = i == 9, ok_key = i == 11;
    std::string label = clear_key ? ui.t("staff.pin.clear") : ok_key ? ui.t("staff.ok") : kKeys[i];
    ImGui::SetCursorScreenPos(ImVec2(x0 + static_cast<float>(i % 3) * (key_w + m.gap),
                                     y + static_cast<float>(i / 3) * (key_h + m.gap)));
    bool digit = !clear_key && !ok_key;
    ImGui::PushID(i);
    bool tapped =
        button(ui, "pin-key", label, key_w, ok_key ? ButtonKind::Primary : ButtonKind::Secondary,
               key_h, digit ? ui.f().title : ui.f().heading);
    ImGui::PopID();
    if (!tapped) continue;
    if (digit && st.digits.size() < kPinPadMaxDigits)
      st.digits.push_back(kKeys[i][0]);
    else if (clear_key)
      st.clear();
    else if (ok_key)
      out = PinPadAction::Ok;
  }
  y += 4 * key_h + 3 * m.gap + m.gap;
  ImGui::SetCursorScreenPos(ImVec2(x0, y));
  if (button(ui, "pin-cancel", ui.t("staff.pin.cancel"), pad_w, ButtonKind::Secondary))
    out = PinPadAction::Cancel;
  return out;
}

}  // namespace kiosk::ui
