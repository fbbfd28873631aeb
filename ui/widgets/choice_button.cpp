// ChoiceButton: drawing, selected and disabled states, registration under its own label.
#include "ui/widgets/choice_button.h"

#include <imgui/imgui_internal.h>  // GetItemID (1.86 keeps it internal)

#include <algorithm>
#include <cfloat>
#include <cmath>

namespace kiosk::ui {
namespace {

float box_side(const Ui& ui) { return std::round(ui.m().tap_h * 0.42f); }

float text_inset(const Ui& ui, const ChoiceLook& look) {
  return look.check ? ui.m().pad * 1.5f + box_side(ui) : ui.m().pad;
}

}  // namespace

float choice_button_height(const Ui& ui, const std::string& text, float width,
                           const ChoiceLook& look) {
  ImFont* font = look.font ? look.font : ui.f().body_bold;
  float inner = width - text_inset(ui, look) - ui.m().pad;
  return std::max({ui.m().tap_h, look.min_h, text_height(font, text, inner) + ui.m().pad});
}

bool choice_button(Ui& ui, const char* id, const std::string& text, const std::string& label,
                   float width, const ChoiceLook& look) {
  const Metrics& m = ui.m();
  const Palette& p = ui.p();
  ImFont* font = look.font ? look.font : ui.f().body_bold;
  if (width <= 0) width = ImGui::GetContentRegionAvail().x;
  float h = choice_button_height(ui, text, width, look);
  ImVec2 pos = ImGui::GetCursorScreenPos();
  bool tapped = false, held = false;
  unsigned item = 0;
  if (look.enabled) {
    tapped = ImGui::InvisibleButton(id, ImVec2(width, h));
    item = ImGui::GetItemID();
    tapped |= ui.focus.take_activate(item);  // Return or Space: the same path as a tap
    held = ImGui::IsItemActive();
  } else {
    ImGui::Dummy(ImVec2(width, h));
  }
  Rgb bg = p.page, fg = p.text, outline = p.card_border;
  if (look.kind == ButtonKind::Primary) bg = p.primary, fg = p.primary_text, outline = p.primary;
  if (look.selected) bg = p.primary, fg = p.primary_text, outline = p.primary;
  if (!look.enabled) bg = p.card, fg = p.muted, outline = p.card;
  if (held) bg = p.pressed, fg = p.pressed_text, outline = p.pressed_text;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 max(pos.x + width, pos.y + h);
  dl->AddRectFilled(pos, max, col(bg), m.rounding);
  dl->AddRect(pos, max, col(outline), m.rounding, 0, m.border);
  float inset = text_inset(ui, look);
  if (look.check) {
    // A check box the size of a fingertip's target inside the button: filled and ticked when chosen.
    float s = box_side(ui);
    ImVec2 b0(pos.x + m.pad, pos.y + (h - s) * 0.5f), b1(b0.x + s, b0.y + s);
    dl->AddRectFilled(b0, b1, col(p.page), m.rounding * 0.5f);
    dl->AddRect(b0, b1,
                col(held            ? p.pressed_text
                    : look.selected ? p.page
                                    : p.card_border),
                m.rounding * 0.5f, 0, m.border);
    if (look.selected) {
      float t = std::max(3.0f, m.border * 1.5f);
      ImVec2 a(b0.x + s * 0.2f, b0.y + s * 0.52f), c(b0.x + s * 0.42f, b0.y + s * 0.75f),
          d(b0.x + s * 0.82f, b0.y + s * 0.25f);
      dl->AddLine(a, c, col(p.primary), t);
      dl->AddLine(c, d, col(p.primary), t);
    }
  }
  float inner = width - inset - m.pad;
  float th = text_height(font, text, inner);
  ImVec2 tp(pos.x + inset, pos.y + (h - th) * 0.5f);
  float lh = line_height(font);
  float y = tp.y;
  for (const Line& l : wrap_lines(font, font->FontSize, text, inner)) {
    float x = tp.x;
    if (!look.check)
      x += std::max(
          0.0f, (inner - font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, l.begin, l.end).x) * 0.5f);
    dl->AddText(font, font->FontSize,
                ImVec2(std::floor(x), std::floor(y + (lh - font->FontSize) * 0.5f)), col(fg),
                l.begin, l.end);
    y += lh;
  }
  Rect clip = Rect::from_minmax(dl->GetClipRectMin(), dl->GetClipRectMax());
  std::string shown = look.selected ? text + " (" + ui.t("form.selected") + ")" : text;
  Rect whole{pos.x, pos.y, width, h};
  WidgetEntry e{label, shown, whole.intersect(clip), look.enabled, whole};
  // With a check box it is an answer (read "chosen" or not); without, a plain button.
  e.control = look.control != Control::None ? look.control
              : look.check                  ? Control::Choice
                                            : Control::Button;
  e.checked = look.selected;
  e.id = item;
  e.help = look.help;
  e.value = look.value;
  mark_focus(ui, e);
  ui.reg.add(std::move(e));
  return tapped;
}

}  // namespace kiosk::ui
