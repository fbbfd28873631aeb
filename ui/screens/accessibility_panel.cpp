// Accessibility panel: a centred panel over the dimmed screen (nothing behind it can be tapped,
// as under ModalDialog), laid out as a title, a line on how long the choices last, a column of
// rows — one per choice — and Close. Each row is one function with its height (kRows). When the
// rows do not fit (Extra large text on a short screen) the middle scrolls between the title and
// Close, which stay put. A text size or contrast choice takes effect from the next frame: the
// runner rebuilds the fonts and swaps the palette between frames (ImGui 1.86 atlases are fixed).
#include "ui/screens/accessibility_panel.h"

#include <imgui/imgui_internal.h>  // GetItemID (1.86 keeps it internal)

#include <algorithm>
#include <cmath>
#include <cstddef>

#include "ui/screens/chrome.h"
#include "ui/widgets/choice_button.h"
#include "ui/widgets/modal_dialog.h"
#include "ui/widgets/stepper.h"

namespace kiosk::ui {
namespace {

constexpr int kVolumeStep = 10;

// A toggle row's switch, sized from the tap height (not the row, which may grow).
float switch_height(const Ui& ui) { return ui.m().tap_h * 0.65f; }
// Room for the label and the On/Off word: the row less its padding, the switch and a gap.
float toggle_text_width(const Ui& ui, float width) {
  return width - 2 * ui.m().pad - switch_height(ui) * 1.9f - ui.m().gap;
}
// The label and "On"/"Off" side by side when they fit on one line, else the word under the label.
bool toggle_inline(const Ui& ui, const std::string& label, float width) {
  const float state_w = std::max(text_width(ui.f().body_bold, ui.t("a11y.on")),
                                 text_width(ui.f().body_bold, ui.t("a11y.off")));
  return text_width(ui.f().heading, label) + ui.m().gap + state_w <= toggle_text_width(ui, width);
}
float toggle_height(const Ui& ui, const std::string& label, float width) {
  const float base = ui.m().tap_h * 1.3f;
  if (toggle_inline(ui, label, width)) return base;
  return std::max(base, 2 * ui.m().pad +
                            text_height(ui.f().heading, label, toggle_text_width(ui, width)) +
                            line_height(ui.f().body_bold));
}

// A whole-row switch: the label on the left, "On"/"Off" and a switch drawing on the right (the
// word under the label when both do not fit on a line); a tap anywhere on the row flips it.
// Registered as a check box so its state is read aloud.
bool toggle_row(Ui& ui, const char* id, const std::string& label, bool on, float width) {
  const Metrics& m = ui.m();
  const Palette& p = ui.p();
  const float h = toggle_height(ui, label, width);
  ImVec2 pos = ImGui::GetCursorScreenPos();
  bool tapped = ImGui::InvisibleButton(id, ImVec2(width, h));
  const unsigned item = ImGui::GetItemID();
  tapped |= ui.focus.take_activate(item);  // Return or Space on the focused row: as a tap
  bool held = ImGui::IsItemActive();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 max(pos.x + width, pos.y + h);
  dl->AddRectFilled(pos, max, col(held ? p.pressed : p.card), m.rounding);
  dl->AddRect(pos, max, col(held ? p.pressed_text : p.card_border), m.rounding, 0, m.border);
  // The switch: a pill filled when on, its knob at the right end when on, the left when off.
  const float sh = switch_height(ui), sw = sh * 1.9f;
  ImVec2 s0(max.x - m.pad - sw, pos.y + (h - sh) * 0.5f), s1(s0.x + sw, s0.y + sh);
  dl->AddRectFilled(s0, s1, col(on ? p.primary : p.page), sh * 0.5f);
  dl->AddRect(s0, s1, col(p.card_border), sh * 0.5f, 0, m.border);
  const float r = sh * 0.5f - m.border * 1.5f;
  ImVec2 knob(on ? s1.x - sh * 0.5f : s0.x + sh * 0.5f, s0.y + sh * 0.5f);
  dl->AddCircleFilled(knob, r, col(on ? p.primary_text : p.card_border));
  const std::string& state = ui.t(on ? "a11y.on" : "a11y.off");
  const float state_w = text_width(ui.f().body_bold, state);
  const Rgb fg = held ? p.pressed_text : p.text;
  if (toggle_inline(ui, label, width)) {
    text_at(ui, dl, state, ui.f().body_bold, fg, Rect{s0.x - m.gap - state_w, pos.y, state_w, h},
            false);
    text_at(
        ui, dl, label, ui.f().heading, fg,
        Rect{pos.x + m.pad, pos.y, std::max(0.0f, s0.x - 2 * m.gap - state_w - pos.x - m.pad), h},
        false);
  } else {
    const float tw = toggle_text_width(ui, width);
    const float lh = text_height(ui.f().heading, label, tw);
    text_at(ui, dl, label, ui.f().heading, fg, Rect{pos.x + m.pad, pos.y + m.pad, tw, lh}, false);
    text_at(ui, dl, state, ui.f().body_bold, fg,
            Rect{pos.x + m.pad, pos.y + m.pad + lh, tw, line_height(ui.f().body_bold)}, false);
  }
  WidgetEntry e;
  e.label = label;
  e.text = label + " " + state;
  // In the panel's scroll region: only what shows of it is on screen.
  e.whole = Rect{pos.x, pos.y, width, h};
  e.rect = e.whole.intersect(Rect::from_minmax(dl->GetClipRectMin(), dl->GetClipRectMax()));
  e.tappable = true;
  e.control = Control::CheckBox;
  e.checked = on;
  // In the keypad's focus order like every control, and kept (its label only) when scrolled away.
  e.id = item;
  mark_focus(ui, e);
  ui.reg.add(std::move(e));
  return tapped;
}

// The panel's title, centred and wrapped, registered as a Heading: what is read when it opens.
float panel_title(Ui& ui, ImDrawList* dl, const std::string& title, Rect box) {
  ImFont* font = ui.f().title;
  const float lh = line_height(font);
  float y = box.y;
  for (const Line& l : wrap_lines(font, font->FontSize, title, box.w)) {
    const float w = font->CalcTextSizeA(font->FontSize, box.w * 4, 0, l.begin, l.end).x;
    dl->AddText(font, font->FontSize,
                ImVec2(std::floor(box.x + std::max(0.0f, (box.w - w) * 0.5f)),
                       std::floor(y + (lh - font->FontSize) * 0.5f)),
                col(ui.p().primary), l.begin, l.end);
    y += lh;
  }
  WidgetEntry e;
  e.text = title;
  e.rect = Rect{box.x, box.y, box.w, y - box.y};
  e.control = Control::Heading;
  ui.reg.add(std::move(e));
  return y - box.y;
}

// ---- the rows ----

float read_aloud_height(const Ui& ui, float width) {
  return toggle_height(ui, ui.t("a11y.read_aloud"), width);
}
void read_aloud_row(Ui& ui, float width) {
  AccessibilityChoices& a = ui.app.accessibility();
  if (toggle_row(ui, "a11y-read", ui.t("a11y.read_aloud"), a.read_aloud, width)) {
    a.read_aloud = !a.read_aloud;
    if (!a.read_aloud && ui.speaker) ui.speaker->stop();  // off means silent now, not after
  }
}

float volume_height(const Ui& ui, float width) {
  return text_height(ui.f().body_bold, ui.t("a11y.volume"), width) + ui.m().gap * 0.5f +
         stepper_height(ui);
}
void volume_row(Ui& ui, float width) {
  AccessibilityChoices& a = ui.app.accessibility();
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  text(ui, ui.t("a11y.volume"), ui.f().body_bold, ui.p().text, width);
  ImGui::SetCursorScreenPos(ImVec2(
      pos.x,
      pos.y + text_height(ui.f().body_bold, ui.t("a11y.volume"), width) + ui.m().gap * 0.5f));
  const std::string shown =
      ui.str.format(ui.lang(), "a11y.volume_value", {{"n", std::to_string(a.volume_percent)}});
  if (int step = stepper(ui, "a11y-volume", ui.t("a11y.volume"), shown, width)) {
    a.volume_percent = std::clamp(a.volume_percent + step * kVolumeStep, 0, 100);
    if (ui.speaker) ui.speaker->set_volume(a.volume_percent);
  }
}

// ---- issue 18: text size, contrast, reach, time ----

struct SizeStep {
  TextSize size;
  const char* id;
  const char* key;
};
constexpr SizeStep kSizeSteps[] = {
    {TextSize::Standard, "a11y-size-standard", "a11y.text_size.standard"},
    {TextSize::Large, "a11y-size-large", "a11y.text_size.large"},
    {TextSize::ExtraLarge, "a11y-size-extra-large", "a11y.text_size.extra_large"},
};
constexpr int kSizeCount = static_cast<int>(std::size(kSizeSteps));

// The three steps side by side when each label fits on one line, else one above the other.
bool sizes_stacked(const Ui& ui, float width) {
  const float each = (width - (kSizeCount - 1) * ui.m().gap) / kSizeCount;
  ChoiceLook look;
  for (const SizeStep& s : kSizeSteps)
    if (choice_button_height(ui, ui.t(s.key), each, look) > ui.m().tap_h + 0.5f) return true;
  return false;
}

float text_size_height(const Ui& ui, float width) {
  const float label = text_height(ui.f().body_bold, ui.t("a11y.text_size"), width);
  ChoiceLook look;
  if (sizes_stacked(ui, width)) {
    float h = 0;
    for (const SizeStep& s : kSizeSteps)
      h += choice_button_height(ui, ui.t(s.key), width, look) + ui.m().gap * 0.5f;
    return label + ui.m().gap * 0.5f + h - ui.m().gap * 0.5f;
  }
  const float each = (width - (kSizeCount - 1) * ui.m().gap) / kSizeCount;
  float h = 0;
  for (const SizeStep& s : kSizeSteps)
    h = std::max(h, choice_button_height(ui, ui.t(s.key), each, look));
  return label + ui.m().gap * 0.5f + h;
}
void text_size_row(Ui& ui, float width) {
  AccessibilityChoices& a = ui.app.accessibility();
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const std::string& label = ui.t("a11y.text_size");
  text(ui, label, ui.f().body_bold, ui.p().text, width);
  float y = pos.y + text_height(ui.f().body_bold, label, width) + ui.m().gap * 0.5f;
  const bool stacked = sizes_stacked(ui, width);
  const float each = stacked ? width : (width - (kSizeCount - 1) * ui.m().gap) / kSizeCount;
  float x = pos.x;
  for (const SizeStep& s : kSizeSteps) {
    ChoiceLook look;
    look.selected = a.text_size == s.size;
    ImGui::SetCursorScreenPos(ImVec2(x, y));
    // Registered as "Text size: Large" so a script (and speech) names the row with the step.
    if (choice_button(ui, s.id, ui.t(s.key), label + ": " + ui.t(s.key), each, look))
      a.text_size = s.size;
    if (stacked)
      y += choice_button_height(ui, ui.t(s.key), each, look) + ui.m().gap * 0.5f;
    else
      x += each + ui.m().gap;
  }
}

float high_contrast_height(const Ui& ui, float width) {
  return toggle_height(ui, ui.t("a11y.high_contrast"), width);
}
float low_reach_height(const Ui& ui, float width) {
  return toggle_height(ui, ui.t("a11y.low_reach"), width);
}
float extra_time_height(const Ui& ui, float width) {
  return toggle_height(ui, ui.t("a11y.extra_time"), width);
}
void high_contrast_row(Ui& ui, float width) {
  AccessibilityChoices& a = ui.app.accessibility();
  if (toggle_row(ui, "a11y-contrast", ui.t("a11y.high_contrast"), a.high_contrast, width))
    a.high_contrast = !a.high_contrast;
}
void low_reach_row(Ui& ui, float width) {
  AccessibilityChoices& a = ui.app.accessibility();
  if (toggle_row(ui, "a11y-reach", ui.t("a11y.low_reach"), a.low_reach, width))
    a.low_reach = !a.low_reach;
}
void extra_time_row(Ui& ui, float width) {
  AccessibilityChoices& a = ui.app.accessibility();
  if (toggle_row(ui, "a11y-time", ui.t("a11y.extra_time"), a.extra_time, width))
    a.extra_time = !a.extra_time;
}

struct Row {
  float (*height)(const Ui&, float width);
  void (*draw)(Ui&, float width);
};
// Top to bottom.
constexpr Row kRows[] = {
    {read_aloud_height, read_aloud_row}, {volume_height, volume_row},
    {text_size_height, text_size_row},   {high_contrast_height, high_contrast_row},
    {low_reach_height, low_reach_row},   {extra_time_height, extra_time_row},
};

}  // namespace

float accessibility_button_width(const Ui& ui) {
  return std::max(ui.m().base * 0.16f,
                  text_width(ui.f().body_bold, ui.t("a11y.button")) + 2 * ui.m().pad);
}

void accessibility_button(Ui& ui, float width, ButtonKind kind, float min_h) {
  if (button(ui, "a11y-open", ui.t("a11y.button"), width, kind, min_h)) {
    ui.app.accessibility().panel_open = true;
    ui.app.activity();
  }
}

void draw_accessibility_panel(Ui& ui) {
  AccessibilityChoices& a = ui.app.accessibility();
  if (!a.panel_open) return;
  const Metrics& m = ui.m();
  const Palette& p = ui.p();
  begin_modal_layer(ui, "##a11y");  // the screen behind stays visible, dimmed, untappable
  ImDrawList* dl = ImGui::GetWindowDrawList();
  // "Not for emergencies — call 911" stays fully readable, as under the idle dialog.
  dl->AddRectFilled(ImVec2(0, 0), ImVec2(m.width, m.height - bottom_bar_height(ui)),
                    col(p.dim, 0.7f));

  const float dw = std::min(m.width - 4 * m.pad, m.base * 1.2f);
  const float inner = dw - 4 * m.pad;
  const std::string& title = ui.t("a11y.title");
  const std::string& purpose = ui.t("a11y.purpose");
  const std::string& close = ui.t("a11y.close");
  const float title_h = text_height(ui.f().title, title, inner);
  const float close_h = button_height(ui, close, inner, m.tap_h * 1.2f);
  // The middle (purpose and rows) at the width it has inside a scroll region, which it may need.
  const float mid_w = scroll_content_width(ui, inner);
  float mid_h = text_height(ui.f().body, purpose, mid_w) + 2 * m.gap;
  for (const Row& row : kRows) mid_h += row.height(ui, mid_w) + 2 * m.gap;
  mid_h -= 2 * m.gap;
  const float frame_h = 4 * m.pad + title_h + 2 * m.gap + close_h;
  // Down to the screen's height less a margin (and above the emergency band, which stays
  // readable): taller, and the middle scrolls.
  const float room = m.height - bottom_bar_height(ui) - 2 * m.pad;
  const float view_h = std::max(m.tap_h, std::min(mid_h, room - frame_h));
  const float dh = frame_h + view_h;
  float top = std::max(m.pad, (m.height - dh) * 0.5f);
  if (top + dh > room + m.pad) top = std::max(m.pad, room + m.pad - dh);
  ImVec2 d0((m.width - dw) * 0.5f, top);
  dl->AddRectFilled(d0, ImVec2(d0.x + dw, d0.y + dh), col(p.page), m.rounding * 2);
  dl->AddRect(d0, ImVec2(d0.x + dw, d0.y + dh), col(p.primary), m.rounding * 2, 0, m.border * 2);

  const float x = d0.x + 2 * m.pad;
  float y = d0.y + 2 * m.pad;
  y += panel_title(ui, dl, title, Rect{x, y, inner, 0}) + m.gap;
  // The drag is the panel's: the runner kept the screen behind from taking it (it lies on top).
  ui.drag_claimed = false;
  const ImGuiID rows_id = ImGui::GetID("a11y-rows");
  begin_scroll(ui, "a11y-rows", Rect{x, y, inner, view_h});
  {
    const ImVec2 top = ImGui::GetCursorScreenPos();
    float ry = top.y;
    ImGui::SetCursorScreenPos(ImVec2(top.x, ry));
    text(ui, purpose, ui.f().body, p.muted, mid_w, true);
    ry += text_height(ui.f().body, purpose, mid_w) + 2 * m.gap;
    for (const Row& row : kRows) {
      // The text size just changed and everything reflowed: bring its row back into view, so
      // the visitor sees what they chose and the next step beside it.
      // Two frames: the first still scrolls within the old content height (ImGui measures the
      // content a frame late).
      if (ui.theme.m.text_size != ui.panel_text_size) ui.panel_follow_frames = 2;
      if (row.draw == text_size_row && ui.panel_follow_frames > 0) {
        --ui.panel_follow_frames;
        ui.focus_scroll[rows_id] = ry - y - m.gap;
        ui.animating = true;  // the scroll shows from the next frame: draw it
      }
      ImGui::SetCursorScreenPos(ImVec2(top.x, ry));
      row.draw(ui, mid_w);
      ry += row.height(ui, mid_w) + 2 * m.gap;
    }
    ImGui::SetCursorScreenPos(ImVec2(top.x, ry - 2 * m.gap));
    ImGui::Dummy(ImVec2(mid_w, 0));
  }
  ui.panel_text_size = ui.theme.m.text_size;
  end_scroll(ui);
  y += view_h + m.gap;
  ImGui::SetCursorScreenPos(ImVec2(x, y));
  bool closed = button(ui, "a11y-close", close, inner, ButtonKind::Primary, m.tap_h * 1.2f);
  // A tap beside the panel also closes it, as it would any sheet over a page.
  const Rect panel{d0.x, d0.y, dw, dh};
  // (Not the tap that opened it, drawn in this same frame.)
  if (ui.pointer.tap && !ImGui::IsWindowAppearing() && !panel.contains(ui.pointer.tap_pos))
    closed = true;
  if (closed) a.panel_open = false;
  ImGui::End();
}

}  // namespace kiosk::ui
