// OnScreenKeyboard: rows of keys sized from the screen, shift and caps shown by colour.
#include "ui/widgets/on_screen_keyboard.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

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

// How a key's words are drawn: the font and its one or two lines.
struct KeyFace {
  ImFont* font = nullptr;
  std::vector<std::string> lines;
  float width = 0;  // the widest line
};

// Letters in the heading font when it fits the key (it stops fitting at Extra large); otherwise
// the bold and then the regular body font, never smaller than body text. Words too wide for the
// key on one line (a long translation at Extra large) break at the space nearest their middle.
KeyFace key_face(const Ui& ui, const Key& k, const std::string& label, float room_w, float kh) {
  KeyFace face{
      k.action == KeyAction::Char && k.text.size() <= 2 ? ui.f().heading : ui.f().body_bold,
      {label},
      0};
  if (face.font == ui.f().heading &&
      (line_height(face.font) > kh || text_width(face.font, label) > room_w))
    face.font = ui.f().body_bold;
  if (text_width(face.font, label) > room_w) face.font = ui.f().body;
  face.width = text_width(face.font, label);
  if (face.width <= room_w || 2 * face.font->FontSize > kh) return face;
  std::size_t best = std::string::npos;
  for (std::size_t i = label.find(' '); i != std::string::npos; i = label.find(' ', i + 1))
    if (best == std::string::npos || std::abs(static_cast<float>(i) - label.size() * 0.5f) <
                                         std::abs(static_cast<float>(best) - label.size() * 0.5f))
      best = i;
  if (best == std::string::npos) return face;
  std::vector<std::string> two{label.substr(0, best), label.substr(best + 1)};
  float wide = std::max(text_width(face.font, two[0]), text_width(face.font, two[1]));
  if (wide < face.width) face.lines = std::move(two), face.width = wide;
  return face;
}

// A key's height: a tap target (0.075 of the screen's height, as every button) and its words'
// line with a little air, but not the full tap_h of Large and Extra large text, which grows with
// the text: five rows of those would leave no room above the keyboard for the field being typed.
// Compact: the words' own height and one key gap of air (at Extra large on a 1280x800 screen, 60
// px instead of 73: the tap target every button has at Standard there).
float key_height(const Ui& ui, bool compact) {
  const Metrics& m = ui.m();
  const float words = compact ? ui.f().body_bold->FontSize : line_height(ui.f().body_bold);
  return std::min(m.tap_h, std::max(std::ceil(0.075f * m.height), std::ceil(words + key_gap(ui))));
}

}  // namespace

float keyboard_height(const Ui& ui, const KeyboardState& kb, bool compact) {
  const auto& rows = keyboard_rows(kb.layout, kb.symbols);
  float n = static_cast<float>(rows.size());
  return n * key_height(ui, compact) + (n - 1) * key_gap(ui) + 2 * key_gap(ui);
}

KeyOutcome on_screen_keyboard(Ui& ui, KeyboardState& kb, TextInput& input, Rect area,
                              bool has_next) {
  const Metrics& m = ui.m();
  const Palette& p = ui.p();
  const auto& rows = keyboard_rows(kb.layout, kb.symbols);
  // The rows share the area (keyboard_height, compact or not, gave it).
  const float nrows = static_cast<float>(rows.size());
  const float kh = std::floor((area.h - (nrows + 1) * key_gap(ui)) / nrows);
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
      KeyFace face = key_face(ui, k, label, w - g, kh);
      for (std::size_t i = 0; i < face.lines.size(); ++i) {
        const std::string& line = face.lines[i];
        const float lw = text_width(face.font, line);
        float top = y + (kh - face.font->FontSize * face.lines.size()) * 0.5f;
        dl->AddText(face.font, face.font->FontSize,
                    ImVec2(std::floor(x + (w - lw) * 0.5f),
                           std::floor(top + face.font->FontSize * static_cast<float>(i))),
                    col(fg), line.c_str());
      }
      WidgetEntry e{label, label, Rect{x, y, w, kh}, true};
      // For expect-layout: the label must fit the key less a gap at each side.
      e.text_box = Rect{x + g * 0.5f, y, w - g, kh};
      e.text_w = face.width;
      e.text_h = face.font->FontSize * face.lines.size();
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
