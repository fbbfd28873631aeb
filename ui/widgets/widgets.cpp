// Touch widgets: text layout, buttons, tiles, cards, drag-to-scroll regions and the QR code.
#include "ui/widgets/widgets.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <optional>

#include <imgui/imgui_internal.h>  // SetNextWindowScroll (1.86 keeps it internal)

namespace kiosk::ui {
namespace {

int utf8_len(unsigned char c) { return c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4; }
bool blank(char c) { return c == ' ' || c == '\t'; }

Rect clip_rect() {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  return Rect::from_minmax(dl->GetClipRectMin(), dl->GetClipRectMax());
}

Rect item_rect(ImVec2 pos, ImVec2 size) { return Rect{pos.x, pos.y, size.x, size.y}; }

float avail_width(float width) { return width > 0 ? width : ImGui::GetContentRegionAvail().x; }

ImFont* or_body(const Ui& ui, ImFont* f) { return f ? f : ui.f().body; }

// Draws wrapped lines from `pos`; returns the height used.
float draw_lines(ImDrawList* dl, ImFont* font, const std::string& s, ImVec2 pos, float width,
                 ImU32 color, bool centered) {
  float lh = line_height(font);
  float y = pos.y;
  for (const Line& l : wrap_lines(font, font->FontSize, s, width)) {
    float x = pos.x;
    if (centered) {
      float w = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, l.begin, l.end).x;
      x += std::max(0.0f, (width - w) * 0.5f);
    }
    if (l.end > l.begin)
      dl->AddText(font, font->FontSize,
                  ImVec2(std::floor(x), std::floor(y + (lh - font->FontSize) * 0.5f)), color,
                  l.begin, l.end);
    y += lh;
  }
  return y - pos.y;
}

// The unclipped size `s` takes wrapped at `width`: its widest line or its widest word, whichever
// is wider (wrapping breaks a word too wide for the box inside it: "Demostrac-ión"; measured whole,
// it shows as wider than the box), and its lines' height. For the harness's layout check
// (WidgetEntry::text_box).
ImVec2 measure_lines(ImFont* font, const std::string& s, float width) {
  float w = 0, n = 0;
  for (const Line& l : wrap_lines(font, font->FontSize, s, width)) {
    w = std::max(w, font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, l.begin, l.end).x);
    n += 1;
  }
  return ImVec2(std::max(w, widest_word(font, s)), n * line_height(font));
}

void set_measure(WidgetEntry& e, Rect box, ImVec2 size) {
  e.text_box = box;
  e.text_w = size.x;
  e.text_h = size.y;
}

std::string joined(const std::string& title, const std::vector<Para>& body) {
  std::string out = title;
  for (const auto& p : body) out += "\n" + p.text;
  return out;
}

}  // namespace

// ---------------------------------------------------------------- layout

float line_height(ImFont* font) { return std::round(font->FontSize * 1.25f); }

std::vector<Line> wrap_lines(ImFont* font, float size, const std::string& text, float width) {
  std::vector<Line> out;
  const char* s = text.data();
  const char* end = s + text.size();
  float scale = size / font->FontSize;
  while (true) {
    const char* nl = std::find(s, end, '\n');
    if (s == nl) out.push_back({s, s});  // empty paragraph = blank line
    const char* p = s;
    while (p < nl) {
      const char* eol = keep_numbers_whole(
          p, font->CalcWordWrapPositionA(scale, p, nl, std::max(width, 1.0f)), nl);
      if (eol <= p)
        eol = std::min(
            nl, p + utf8_len(static_cast<unsigned char>(*p)));  // one glyph wider than the box
      const char* trimmed = eol;
      while (trimmed > p && blank(trimmed[-1])) --trimmed;
      out.push_back({p, trimmed});
      p = eol;
      while (p < nl && blank(*p)) ++p;
    }
    if (nl == end) break;
    s = nl + 1;
  }
  return out;
}

const char* keep_numbers_whole(const char* p, const char* eol, const char* nl) {
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (eol >= nl || eol - p < 2) return eol;
  const char sep = eol[-1];
  if (!((sep == '.' || sep == ',' || sep == ':') && digit(eol[-2]) && digit(*eol))) return eol;
  const char* b = eol - 1;
  while (b > p && !blank(*b)) --b;
  return b > p ? b + 1 : eol;
}

float text_height(ImFont* font, const std::string& text, float width) {
  return line_height(font) *
         static_cast<float>(wrap_lines(font, font->FontSize, text, width).size());
}

float widest_word(ImFont* font, const std::string& text) {
  float w = 0;
  const char* p = text.data();
  const char* end = p + text.size();
  while (p < end) {
    while (p < end && (blank(*p) || *p == '\n')) ++p;
    const char* b = p;
    while (p < end && !blank(*p) && *p != '\n') ++p;
    // A web address may break anywhere (as browsers break one): it is not a word.
    const std::string_view word(b, static_cast<std::size_t>(p - b));
    if (p > b && word.find("://") == std::string_view::npos)
      w = std::max(w, font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, b, p).x);
  }
  return w;
}

float text_width(ImFont* font, const std::string& text) {
  return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, text.data(), text.data() + text.size()).x;
}

// ---------------------------------------------------------------- text

void text(Ui& ui, const std::string& s, ImFont* font, std::optional<Rgb> color, float width,
          bool centered, Control control) {
  font = or_body(ui, font);
  width = avail_width(width);
  ImVec2 pos = ImGui::GetCursorScreenPos();
  float h = draw_lines(ImGui::GetWindowDrawList(), font, s, pos, width,
                       col(color.value_or(ui.p().text)), centered);
  ImGui::Dummy(ImVec2(width, h));
  Rect whole = item_rect(pos, ImVec2(width, h));
  WidgetEntry e{"", s, whole.intersect(clip_rect()), false, whole};
  e.control = control;
  set_measure(e, whole, measure_lines(font, s, width));
  ui.reg.add(std::move(e));
}

void text_at(Ui& ui, ImDrawList* dl, const std::string& s, ImFont* font, Rgb color, Rect box,
             bool centered, Control control) {
  font = or_body(ui, font);
  float h = text_height(font, s, box.w);
  ImVec2 pos(box.x, box.y + std::max(0.0f, (box.h - h) * 0.5f));
  draw_lines(dl, font, s, pos, box.w, col(color), centered);
  Rect shown{box.x, pos.y, box.w, h};
  WidgetEntry e{
      "", s, shown.intersect(Rect::from_minmax(dl->GetClipRectMin(), dl->GetClipRectMax())), false};
  e.control = control;
  // A box with no height (a title that takes what it needs) is held to its width only.
  set_measure(e, box.h > 0 ? box : Rect{box.x, pos.y, box.w, h}, measure_lines(font, s, box.w));
  ui.reg.add(std::move(e));
}

// ---------------------------------------------------------------- buttons

float button_height(const Ui& ui, const std::string& label, float width, float min_h,
                    ImFont* font) {
  font = font ? font : ui.f().body_bold;
  float text_h = text_height(font, label, width - 2 * ui.m().pad);
  return std::max({ui.m().tap_h, min_h, text_h + ui.m().pad});
}

bool button(Ui& ui, const char* id, const std::string& label, float width, ButtonKind kind,
            float min_h, ImFont* font) {
  font = font ? font : ui.f().body_bold;
  width = avail_width(width);
  const Metrics& m = ui.m();
  const Palette& p = ui.p();
  float h = button_height(ui, label, width, min_h, font);
  ImVec2 pos = ImGui::GetCursorScreenPos();
  bool tapped = ImGui::InvisibleButton(id, ImVec2(width, h));
  const unsigned item = ImGui::GetItemID();
  tapped |= ui.focus.take_activate(item);  // Return: the same path as a tap
  bool held = ImGui::IsItemActive();
  Rgb bg = p.primary, fg = p.primary_text, outline = p.primary;
  switch (kind) {
    case ButtonKind::Primary: break;
    case ButtonKind::Secondary: bg = p.page, fg = p.text, outline = p.card_border; break;
    case ButtonKind::Bar: bg = p.bar, fg = p.bar_text, outline = p.bar_text; break;
    case ButtonKind::Alert: bg = p.alert, fg = p.alert_text, outline = p.alert_text; break;
  }
  if (held) bg = p.pressed, fg = p.pressed_text, outline = p.pressed_text;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 max(pos.x + width, pos.y + h);
  dl->AddRectFilled(pos, max, col(bg), m.rounding);
  if (kind != ButtonKind::Primary || held)
    dl->AddRect(pos, max, col(outline), m.rounding, 0, m.border);
  float inner = width - 2 * m.pad;
  float th = text_height(font, label, inner);
  draw_lines(dl, font, label, ImVec2(pos.x + m.pad, pos.y + (h - th) * 0.5f), inner, col(fg), true);
  Rect whole = item_rect(pos, ImVec2(width, h));
  WidgetEntry e{label, label, whole.intersect(clip_rect()), true, whole};
  e.control = Control::Button;
  e.id = item;
  set_measure(e, Rect{pos.x + m.pad, pos.y, inner, h}, measure_lines(font, label, inner));
  mark_focus(ui, e, kind == ButtonKind::Bar || kind == ButtonKind::Alert);
  ui.reg.add(std::move(e));
  return tapped;
}

float tile_height(const Ui& ui, const std::string& title, const std::vector<Para>& body,
                  float width) {
  const Metrics& m = ui.m();
  float inner = width - 2 * m.pad;
  float h = m.pad * 2 + text_height(ui.f().heading, title, inner);
  for (const auto& para : body)
    h += m.gap * 0.5f + text_height(para.font ? para.font : ui.f().body, para.text, inner);
  return std::max(h, ui.m().tap_h);
}

bool tile(Ui& ui, const char* id, const std::string& title, const std::vector<Para>& body,
          float width, float min_h) {
  width = avail_width(width);
  const Metrics& m = ui.m();
  const Palette& p = ui.p();
  float h = std::max(tile_height(ui, title, body, width), min_h);
  ImVec2 pos = ImGui::GetCursorScreenPos();
  bool tapped = ImGui::InvisibleButton(id, ImVec2(width, h));
  const unsigned item = ImGui::GetItemID();
  tapped |= ui.focus.take_activate(item);
  bool held = ImGui::IsItemActive();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 max(pos.x + width, pos.y + h);
  dl->AddRectFilled(pos, max, col(held ? p.pressed : p.card), m.rounding);
  dl->AddRect(pos, max, col(held ? p.pressed_text : p.card_border), m.rounding, 0, m.border);
  // A bar down the left edge marks tiles as things to touch, not just text.
  dl->AddRectFilled(ImVec2(pos.x, pos.y), ImVec2(pos.x + m.border * 3, max.y),
                    col(held ? p.pressed_text : p.primary), m.rounding,
                    ImDrawFlags_RoundCornersLeft);
  float inner = width - 2 * m.pad;
  float y = pos.y + m.pad;
  y += draw_lines(dl, ui.f().heading, title, ImVec2(pos.x + m.pad, y), inner,
                  col(held ? p.pressed_text : p.primary), false);
  for (const auto& para : body) {
    y += m.gap * 0.5f;
    ImFont* f = para.font ? para.font : ui.f().body;
    y += draw_lines(dl, f, para.text, ImVec2(pos.x + m.pad, y), inner,
                    col(held ? p.pressed_text : para.color), false);
  }
  Rect whole = item_rect(pos, ImVec2(width, h));
  WidgetEntry e{title, joined(title, body), whole.intersect(clip_rect()), true, whole};
  e.control = Control::Button;
  e.id = item;
  float widest = measure_lines(ui.f().heading, title, inner).x;
  for (const auto& para : body)
    widest =
        std::max(widest, measure_lines(para.font ? para.font : ui.f().body, para.text, inner).x);
  set_measure(e, Rect{pos.x + m.pad, pos.y, inner, h}, ImVec2(widest, y + m.pad - pos.y));
  mark_focus(ui, e);
  ui.reg.add(std::move(e));
  return tapped;
}

float card_height(const Ui& ui, const std::vector<Para>& body, float width) {
  const Metrics& m = ui.m();
  float inner = width - 2 * m.pad;
  float h = m.pad * 2;
  for (std::size_t i = 0; i < body.size(); ++i)
    h += (i ? m.gap * 0.5f : 0) +
         text_height(body[i].font ? body[i].font : ui.f().body, body[i].text, inner);
  return h;
}

void card(Ui& ui, const std::vector<Para>& body, float width) {
  width = avail_width(width);
  const Metrics& m = ui.m();
  float h = card_height(ui, body, width);
  ImVec2 pos = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(pos, ImVec2(pos.x + width, pos.y + h), col(ui.p().card), m.rounding);
  float inner = width - 2 * m.pad;
  float y = pos.y + m.pad;
  Rect clip = clip_rect();
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (i) y += m.gap * 0.5f;
    ImFont* f = body[i].font ? body[i].font : ui.f().body;
    float ph =
        draw_lines(dl, f, body[i].text, ImVec2(pos.x + m.pad, y), inner, col(body[i].color), false);
    ui.reg.add({"", body[i].text, Rect{pos.x + m.pad, y, inner, ph}.intersect(clip), false});
    y += ph;
  }
  ImGui::Dummy(ImVec2(width, h));
}

// ---------------------------------------------------------------- keypad focus

void mark_focus(Ui& ui, WidgetEntry& e, bool on_dark) {
  e.focused = ui.focus.is(e.id);
  if (e.focused)
    draw_focus_ring(ImGui::GetWindowDrawList(), ui.p(), ui.m().border,
                    e.whole.empty() ? e.rect : e.whole, on_dark);
}

// ---------------------------------------------------------------- scrolling

namespace {

// Low reach (issue 18): every scrolling list gets a Scroll up and a Scroll down button beside it,
// so nothing needs a drag (a tremor, a reach from a wheelchair).
bool scroll_buttons_on(const Ui& ui) { return ui.app.accessibility().low_reach; }

// The column the two buttons take at the region's right: wide enough for the longer label, never
// more than a fifth of the screen (the label wraps instead).
float scroll_buttons_width(const Ui& ui) {
  const Metrics& m = ui.m();
  float label = std::max(text_width(ui.f().body_bold, ui.t("reach.scroll_up")),
                         text_width(ui.f().body_bold, ui.t("reach.scroll_down")));
  return std::min(std::max(m.tap_h * 1.2f, label + 2 * m.pad), m.width * 0.2f);
}

// One scroll button at the cursor. Disabled at its end of the list: drawn faint, registered as
// text, not tappable, and no keypad stop.
bool scroll_button(Ui& ui, const char* id, const std::string& label, float width, bool enabled) {
  if (enabled) return button(ui, id, label, width, ButtonKind::Secondary);
  const Metrics& m = ui.m();
  const Palette& p = ui.p();
  float h = button_height(ui, label, width);
  ImVec2 pos = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(width, h));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(pos, ImVec2(pos.x + width, pos.y + h), col(p.card), m.rounding);
  float inner = width - 2 * m.pad;
  float th = text_height(ui.f().body_bold, label, inner);
  draw_lines(dl, ui.f().body_bold, label, ImVec2(pos.x + m.pad, pos.y + (h - th) * 0.5f), inner,
             col(p.muted), true);
  Rect whole = item_rect(pos, ImVec2(width, h));
  ui.reg.add({label, label, whole.intersect(clip_rect()), false, whole});
  return false;
}

}  // namespace

float scroll_content_width(const Ui& ui, float region_width) {
  float w = region_width - ui.m().scrollbar_w - ui.m().gap;
  if (scroll_buttons_on(ui)) w -= scroll_buttons_width(ui) + ui.m().gap;
  return w;
}

void begin_scroll(Ui& ui, const char* id, Rect area) {
  // The scroll buttons' column comes out of the region's right side.
  if (scroll_buttons_on(ui)) area.w -= scroll_buttons_width(ui) + ui.m().gap;
  ImGuiID gid = ImGui::GetID(id);
  ui.scroll_stack.push_back(gid);
  if (ui.screen_entered) {
    // A screen always opens at its top, even when the same region (e.g. another category's list)
    // was scrolled before: ImGui keeps a child window's scroll across frames otherwise.
    ImGui::SetNextWindowScroll(ImVec2(0, 0));
    ui.scrolls[gid].stop();
  }
  // The visible content, for the harness's expect-in-view (and keypad focus: its region id).
  WidgetEntry view{"", "", area.intersect(clip_rect()), false, area, EntryRole::View};
  view.id = gid;
  ui.reg.add(std::move(view));
  ui.reg.push_region(gid);
  if (auto want = ui.focus.take_scroll(gid)) {
    // Keypad focus went to a widget not wholly in view: scroll by as much as brings it in (its
    // top first when it is taller than the view).
    const Rect& w = want->whole;
    const Rect& v = want->view;
    float dy = 0;
    if (w.y < v.y || w.h > v.h)
      dy = w.y - v.y - ui.m().gap * 0.5f;
    else if (w.y + w.h > v.y + v.h)
      dy = w.y + w.h - (v.y + v.h) + ui.m().gap * 0.5f;
    ui.focus_scroll[gid] = dy;
  }
  ImGui::SetCursorScreenPos(ImVec2(area.x, area.y));
  ImGui::BeginChild(id, ImVec2(area.w, area.h), false,
                    ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoSavedSettings);
}

void end_scroll(Ui& ui) {
  ImGuiID id = ui.scroll_stack.back();
  ui.scroll_stack.pop_back();
  ui.reg.pop_region();
  ImVec2 wp = ImGui::GetWindowPos();
  ImVec2 ws = ImGui::GetWindowSize();
  Rect region{wp.x, wp.y, ws.x, ws.y};
  ScrollPhysics& ph = ui.scrolls[id];
  const PointerFrame& pf = ui.pointer;
  float y = ImGui::GetScrollY();
  float max_y = ImGui::GetScrollMaxY();
  float target = y;
  if (pf.pressed && region.contains(pf.press_pos))
    ph.stop();  // a finger on a coasting list stops it
  if (pf.dragging && !ui.drag_claimed && region.contains(pf.drag_origin)) {
    ui.drag_claimed =
        true;  // inner regions end first, so the innermost region under the finger wins
    target = y - pf.drag_delta.y;
    if (pf.drag_released) ph.fling(pf.release_velocity.y, ui.now);
  } else if (ph.moving()) {
    target = y - static_cast<float>(ph.step(ui.now));
  }
  if (auto it = ui.focus_scroll.find(id); it != ui.focus_scroll.end()) {
    ph.stop();
    target = y + it->second;
    ui.focus_scroll.erase(it);
  }
  float clamped = std::clamp(target, 0.0f, std::max(0.0f, max_y));
  if (clamped != target) ph.stop();  // hit the top or bottom
  if (clamped != y) ImGui::SetScrollY(clamped);
  if (ph.moving()) ui.animating = true;

  if (max_y > 0.5f) {
    // Passive indicator: where we are and that there is more. Not a control (nothing to aim at).
    const Metrics& m = ui.m();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float x0 = wp.x + ws.x - m.scrollbar_w;
    float visible = ws.y / (ws.y + max_y);
    float thumb_h = std::max(ws.y * visible, m.tap_h * 0.5f);
    float thumb_y = wp.y + (ws.y - thumb_h) * (clamped / max_y);
    dl->AddRectFilled(ImVec2(x0, wp.y), ImVec2(x0 + m.scrollbar_w, wp.y + ws.y), col(ui.p().card),
                      m.scrollbar_w * 0.5f);
    dl->AddRectFilled(ImVec2(x0, thumb_y), ImVec2(x0 + m.scrollbar_w, thumb_y + thumb_h),
                      col(ui.p().muted), m.scrollbar_w * 0.5f);
  }
  ImGuiWindow* child = ImGui::GetCurrentWindow();
  // How far this frame's content scrolls: ImGui's ScrollMaxY is last frame's (0 on a list's first
  // frame), and the buttons must be right on the first frame a person sees. Whole pixels, as ImGui
  // floors its content size.
  const float end_y =
      std::max(0.0f, std::floor(child->DC.CursorMaxPos.y - child->DC.CursorStartPos.y) - ws.y);
  ImGui::EndChild();
  if (!scroll_buttons_on(ui) || end_y <= 0.5f) return;  // nothing to scroll: no buttons to press

  // A page per press (a little less, so the line last seen stays in sight), to the very end.
  const Metrics& m = ui.m();
  const ImVec2 after = ImGui::GetCursorScreenPos();  // the caller's layout goes on from here
  const float bw = scroll_buttons_width(ui);
  const float bx = wp.x + ws.x + m.gap;
  const std::string& up = ui.t("reach.scroll_up");
  const std::string& down = ui.t("reach.scroll_down");
  const float down_h = button_height(ui, down, bw);
  const float page = std::max(ws.y * 0.8f, m.tap_h);
  float to = clamped;
  ImGui::PushID(static_cast<int>(id));
  ImGui::SetCursorScreenPos(ImVec2(bx, wp.y));
  if (scroll_button(ui, "scroll-up", up, bw, clamped > 0.5f)) to = clamped - page;
  float up_bottom = ImGui::GetCursorScreenPos().y;
  // Scroll down at the bottom of the list, where the eye goes for "more".
  ImGui::SetCursorScreenPos(ImVec2(bx, std::max(up_bottom + m.gap, wp.y + ws.y - down_h)));
  if (scroll_button(ui, "scroll-down", down, bw, clamped < end_y - 0.5f)) to = clamped + page;
  ImGui::PopID();
  ImGui::SetCursorScreenPos(after);
  if (to != clamped) {
    ph.stop();
    ImGui::SetScrollY(child, std::clamp(to, 0.0f, end_y));  // shown from the next frame
  }
}

// ---------------------------------------------------------------- QR code

float qr_code(Ui& ui, const std::string& data, float side) {
  auto it = ui.qr_cache.find(data);
  if (it == ui.qr_cache.end())
    it = ui.qr_cache.emplace(data, encode_qr(data).value_or(QrCode{})).first;
  const QrCode& q = it->second;
  ImVec2 pos = ImGui::GetCursorScreenPos();
  if (q.size == 0) {  // encoding failed (empty or too long): say so instead of a blank square
    text(ui, ui.t("qr.unavailable"), ui.f().small, ui.p().muted, side);
    return side;
  }
  const int quiet = 4;
  const int n = q.size + 2 * quiet;
  float module =
      std::max(1.0f, std::floor(side / static_cast<float>(n)));  // whole pixels: crisp edges
  float used = module * static_cast<float>(n);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(pos, ImVec2(pos.x + used, pos.y + used), col(ui.p().qr_light));
  for (int y = 0; y < q.size; ++y) {
    int x = 0;
    while (x < q.size) {
      if (!q.dark(x, y)) {
        ++x;
        continue;
      }
      int run = x;
      while (run < q.size && q.dark(run, y)) ++run;  // one rectangle per horizontal run
      ImVec2 a(pos.x + (quiet + x) * module, pos.y + (quiet + y) * module);
      dl->AddRectFilled(a, ImVec2(pos.x + (quiet + run) * module, a.y + module),
                        col(ui.p().qr_dark));
      x = run;
    }
  }
  ImGui::Dummy(ImVec2(used, used));
  ui.reg.add(
      {"", "QR code: " + data, Rect{pos.x, pos.y, used, used}.intersect(clip_rect()), false});
  return used;
}

}  // namespace kiosk::ui
