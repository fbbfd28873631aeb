// TextField: box, value (tail of one line, or wrapped lines), caret, placeholder, registration.
#include "ui/widgets/text_field.h"

#include <imgui/imgui_internal.h>  // GetItemID (1.86 keeps it internal)

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <vector>

#include "ui/widgets/widgets.h"

namespace kiosk::ui {
namespace {

struct Span {
  const char* b;
  const char* e;
};

// Wrapped lines of `s` (paragraphs at '\n'), straight from the caller's buffer: no copy of the answer.
std::vector<Span> wrap(ImFont* font, std::string_view s, float width) {
  std::vector<Span> out;
  const char* p = s.data();
  const char* end = p + s.size();
  while (true) {
    const char* nl = std::find(p, end, '\n');
    if (p == nl) out.push_back({p, p});
    while (p < nl) {
      const char* eol = font->CalcWordWrapPositionA(1.0f, p, nl, std::max(width, 1.0f));
      if (eol <= p) eol = p + 1;
      while (eol < nl && (static_cast<unsigned char>(*eol) & 0xC0) == 0x80)
        ++eol;  // whole code points
      out.push_back({p, eol});
      p = eol;
      while (p < nl && *p == ' ') ++p;
    }
    if (nl == end) break;
    p = nl + 1;
  }
  return out;
}

// What a visitor types, as large as the box holds: the heading size where the box is tall enough
// (a portrait screen's tall boxes), else body size. Typed text small inside a tall box was hard to
// check at a glance (issue 18).
ImFont* typed_font(const Ui& ui, float box_h) {
  ImFont* big = ui.f().heading;
  return line_height(big) + ui.m().pad <= box_h ? big : ui.f().body;
}

}  // namespace

float text_field_height(const Ui& ui, bool multiline) {
  float one = std::max(ui.m().tap_h, line_height(ui.f().body) + ui.m().pad);
  return multiline ? std::round(one + 2 * line_height(ui.f().body)) : one;
}

bool text_field(Ui& ui, const char* id, const std::string& label, std::string_view value,
                float width, const TextFieldLook& look, unsigned* item_out) {
  const Metrics& m = ui.m();
  const Palette& p = ui.p();
  ImFont* font = ui.f().body;
  float h = text_field_height(ui, look.multiline);
  ImVec2 pos = ImGui::GetCursorScreenPos();
  bool tapped = ImGui::InvisibleButton(id, ImVec2(width, h));
  const unsigned item = ImGui::GetItemID();
  if (item_out) *item_out = item;
  tapped |= ui.focus.take_activate(item);  // keypad focus reaching it gives it the typing
  bool held = ImGui::IsItemActive();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 max(pos.x + width, pos.y + h);
  dl->AddRectFilled(pos, max, col(held ? p.pressed : p.page), m.rounding);
  Rgb outline = look.error ? p.alert : look.focused ? p.primary : p.card_border;
  float thick = look.focused || look.error ? m.border * 2.5f : m.border;
  dl->AddRect(pos, max, col(outline), m.rounding, 0, thick);

  float inner_w = width - 2 * m.pad;
  float lh = line_height(font);
  ImVec2 clip0(pos.x + m.pad * 0.5f, pos.y), clip1(max.x - m.pad * 0.5f, max.y);
  dl->PushClipRect(clip0, clip1, true);
  float caret_x = pos.x + m.pad, caret_y = pos.y + (h - lh) * 0.5f;
  if (value.empty()) {
    if (!look.focused) {
      const std::string& hint = ui.t("form.tap_to_type");
      dl->AddText(
          font, font->FontSize,
          ImVec2(pos.x + m.pad,
                 pos.y + (std::min(h, text_field_height(ui, false)) - font->FontSize) * 0.5f),
          col(p.muted), hint.data(), hint.data() + hint.size());
    }
    if (look.multiline) caret_y = pos.y + m.pad * 0.5f;
  } else if (!look.multiline) {
    // One line: when too long, shift left so the end (and the caret) stay in view.
    font = typed_font(ui, h);
    lh = line_height(font);
    caret_y = pos.y + (h - lh) * 0.5f;
    float w =
        font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, value.data(), value.data() + value.size())
            .x;
    float x = pos.x + m.pad - std::max(0.0f, w - (inner_w - m.pad));
    float y = pos.y + (h - font->FontSize) * 0.5f;
    dl->AddText(font, font->FontSize, ImVec2(std::floor(x), std::floor(y)), col(p.text),
                value.data(), value.data() + value.size());
    caret_x = x + w + 2;
  } else {
    std::vector<Span> lines = wrap(font, value, inner_w - m.pad);
    // Show the last lines that fit: the end is where the visitor types.
    int fit = std::max(1, static_cast<int>((h - m.pad * 0.5f) / lh));
    std::size_t first = lines.size() > static_cast<std::size_t>(fit)
                            ? lines.size() - static_cast<std::size_t>(fit)
                            : 0;
    float y = pos.y + m.pad * 0.5f;
    for (std::size_t i = first; i < lines.size(); ++i) {
      dl->AddText(font, font->FontSize,
                  ImVec2(pos.x + m.pad, std::floor(y + (lh - font->FontSize) * 0.5f)), col(p.text),
                  lines[i].b, lines[i].e);
      caret_x = pos.x + m.pad +
                font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, lines[i].b, lines[i].e).x + 2;
      caret_y = y;
      y += lh;
    }
  }
  if (look.focused)
    dl->AddRectFilled(ImVec2(caret_x, caret_y + lh * 0.1f),
                      ImVec2(caret_x + std::max(3.0f, m.border), caret_y + lh * 0.9f),
                      col(p.primary));
  dl->PopClipRect();
  Rect clip = Rect::from_minmax(dl->GetClipRectMin(), dl->GetClipRectMax());
  std::string shown =
      value.empty() && !look.focused ? ui.t("form.tap_to_type") : std::string(value);
  Rect whole{pos.x, pos.y, width, h};
  WidgetEntry e{label, std::move(shown), whole.intersect(clip), true, whole};
  if (value.empty() && !look.focused) {
    // The hint is one line: expect-layout reports a box too narrow for it.
    const std::string& hint = ui.t("form.tap_to_type");
    e.text_box = Rect{pos.x + m.pad, pos.y, inner_w, h};
    e.text_w =
        font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, hint.data(), hint.data() + hint.size()).x;
    e.text_h = font->FontSize;
  }
  e.control = Control::Field;
  e.secret = look.secret;
  if (!look.secret) e.value = std::string(value);
  e.help = look.help;
  e.types = true;
  e.typing = look.focused;
  e.id = item;
  mark_focus(ui, e);
  ui.reg.add(std::move(e));
  return tapped;
}

}  // namespace kiosk::ui
