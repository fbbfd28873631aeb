// OnScreenKeyboard: rows of keys sized from the screen, shift and caps shown by colour.
#include "ui/widgets/on_screen_keyboard.h"

#include <algorithm>
#include <cfloat>
#include <cmath>

#include "ui/widgets/widgets.h"

namespace kiosk::ui {
namespace {

float key_gap(const Ui& ui) { return std::max(6.0f, std::round(ui.m().gap * 0.5f)); }

bool keypad(KeyLayout l) {
  return l == KeyLayout::Numeric || l == KeyLayout::Phone || l == KeyLayout::PhoneIntl;
}

std::string key_label(const Ui& ui, const KeyboardState& kb, const Key& k, bool has_next) {
  switch (k.action) {
    case KeyAction::Char: return (kb.shift || kb.caps) ? upper(k.text) : k.text;
    case KeyAction::Shift: return ui.t("kb.shift");
    case KeyAction::Delete: return ui.t("kb.delete");
    case KeyAction::Space: return ui.t("kb.space");
    case KeyAction::Symbols: return ui.t("kb.symbols");
    case KeyAction::Letters: return ui.t("kb.letters");
    case KeyAction::Next: return ui.t(has_next ? "kb.next" : "kb.done");
  }
  return k.text;
}

}  // namespace

// A key's height: a tap target (0.075 of the screen's height, as every button) and its words'
// line with a little air, but not the full tap_h of Large and Extra large text, which grows with
// the text: five rows of those would leave no room above the keyboard for the field being typed.
float key_height(const Ui& ui) {
  const Metrics& m = ui.m();
  return std::min(m.tap_h, std::max(std::ceil(0.075f * m.height),
                                    std::ceil(line_height(ui.f().body_bold) + key_gap(ui))));
}

float keyboard_height(const Ui& ui, const KeyboardState& kb) {
  const auto& rows = keyboard_rows(kb.layout, kb.symbols);
  float n = static_cast<float>(rows.size());
  return n * key_height(ui) + (n - 1) * key_gap(ui) + 2 * key_gap(ui);
}

KeyOutcome on_screen_keyboard(Ui& ui, KeyboardState& kb, TextInput& input, Rect area,
                              bool has_next) {
  const Metrics& m = ui.m();
  const float kh = key_height(ui);
  const Palette& p = ui.p();
  const auto& rows = keyboard_rows(kb.layout, kb.symbols);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(ImVec2(area.x, area.y), ImVec2(area.x + area.w, area.y + area.h), col(p.card));
  dl->AddLine(ImVec2(area.x, area.y), ImVec2(area.x + area.w, area.y), col(p.card_border),
              m.border);
  float g = key_gap(ui);
  float max_units = 0;
  for (const KeyRow& r : rows) {
    float u = 0;
    for (const Key& k : r) u += k.units;
    max_units = std::max(max_units, u);
  }
  // Wide keys, but not wider than a hand can travel comfortably; keypads get bigger keys.
  float unit_cap = keypad(kb.layout) ? m.tap_h * 3.0f : m.tap_h * 1.6f;
  // A key of k units spans k unit widths and the k-1 gaps between them, so rows line up.
  float unit = std::min((area.w - 2 * g - (max_units - 1) * g) / max_units, unit_cap);
  KeyOutcome out = KeyOutcome::None;
  float y = area.y + g;
  ImGui::PushID("keyboard");
  int n = 0;
  for (const KeyRow& r : rows) {
    float units = 0;
    for (const Key& k : r) units += k.units;
    float row_w = units * unit + (units - 1) * g;
    float x = area.x + (area.w - row_w) * 0.5f;
    for (const Key& k : r) {
      float w = k.units * unit + (k.units - 1) * g;
      ImGui::SetCursorScreenPos(ImVec2(x, y));
      ImGui::PushID(n++);
      bool tapped = ImGui::InvisibleButton("key", ImVec2(w, kh));
      bool held = ImGui::IsItemActive();
      // Issue 18 (App::accept_screen_key): with Extra time a double strike of one key (the same
      // place) is ignored; Delete does not repeat while any accessibility choice is on.
      const std::string strike_id = "osk:" + std::to_string(n - 1);
      if (k.action == KeyAction::Delete) {
        if (ImGui::IsItemActivated() && ui.app.accept_screen_key(strike_id))
          delete_pressed(kb, input, ui.now);
        if (held && !ui.app.accessibility().any_on()) {
          delete_tick(kb, input, ui.now);
          ui.animating = true;  // frames keep coming while the key is held: it repeats
        }
        if (ImGui::IsItemDeactivated()) delete_released(kb);
      } else if (tapped && ui.app.accept_screen_key(strike_id)) {
        if (press_key(kb, input, k) == KeyOutcome::Next) out = KeyOutcome::Next;
      }
      bool on = (k.action == KeyAction::Shift && (kb.shift || kb.caps));
      bool action = k.action != KeyAction::Char;
      Rgb bg = held ? p.pressed : on ? p.primary : action ? p.card : p.page;
      Rgb fg = held ? p.pressed_text : on ? p.primary_text : p.text;
      if (k.action == KeyAction::Next && !held) bg = p.primary, fg = p.primary_text;
      ImVec2 a(x, y), b(x + w, y + kh);
      dl->AddRectFilled(a, b, col(bg), m.rounding);
      dl->AddRect(a, b, col(held ? p.pressed_text : p.card_border), m.rounding, 0,
                  kb.caps && on ? m.border * 3 : m.border);
      std::string label = key_label(ui, kb, k, has_next);
      // Letters in the heading font when it fits the key (it stops fitting at Extra large);
      // otherwise the bold and then the regular body font, never smaller than body text.
      ImFont* font =
          k.action == KeyAction::Char && k.text.size() <= 2 ? ui.f().heading : ui.f().body_bold;
      auto width_in = [&](ImFont* f) {
        return f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, label.c_str()).x;
      };
      if (font == ui.f().heading && (line_height(font) > kh || width_in(font) > w - g))
        font = ui.f().body_bold;
      if (width_in(font) > w - g) font = ui.f().body;
      float tw = width_in(font);
      dl->AddText(
          font, font->FontSize,
          ImVec2(std::floor(x + (w - tw) * 0.5f), std::floor(y + (kh - font->FontSize) * 0.5f)),
          col(fg), label.c_str());
      WidgetEntry e{label, label, Rect{x, y, w, kh}, true};
      // For expect-layout: the label must fit the key less a gap at each side.
      e.text_box = Rect{x + g * 0.5f, y, w - g, kh};
      e.text_w = tw;
      e.text_h = font->FontSize;
      ui.reg.add(std::move(e));
      ImGui::PopID();
      x += w + g;
    }
    y += kh + g;
  }
  ImGui::PopID();
  return out;
}

}  // namespace kiosk::ui
