// WidgetRegistry: double-buffered per-frame list of visible widgets and their texts.
#include "ui/widgets/registry.h"

#include <sodium.h>

#include <algorithm>
#include <cstdio>

namespace kiosk::ui {

namespace {
void wipe(WidgetEntry& e) {
  sodium_memzero(e.label.data(), e.label.size());
  sodium_memzero(e.text.data(), e.text.size());
  sodium_memzero(e.value.data(), e.value.size());
}
// A short name for a widget in a layout message: its label, or the start of its text.
std::string name_of(const WidgetEntry& e) {
  std::string n = e.label.empty() ? e.text : e.label;
  for (char& c : n)
    if (c == '\n') c = ' ';
  if (n.size() > 60) {
    std::size_t cut = 57;
    while (cut > 0 && (static_cast<unsigned char>(n[cut]) & 0xC0) == 0x80) --cut;
    n = n.substr(0, cut) + "...";
  }
  return (e.tappable ? "[button] \"" : "[text] \"") + n + "\"";
}

std::string rect_text(const Rect& r) {
  char buf[96];
  std::snprintf(buf, sizeof buf, "%.0f,%.0f %.0fx%.0f", r.x, r.y, r.w, r.h);
  return buf;
}
}  // namespace

void WidgetRegistry::begin_frame() {
  for (auto& e : frame_) wipe(e);
  for (auto& e : offscreen_) wipe(e);
  frame_.clear();
  offscreen_.clear();
  regions_.clear();
  langs_.clear();
  group_ = 0;
  covered_ = false;
}

void WidgetRegistry::add(WidgetEntry e) {
  if (e.region == 0 && !regions_.empty()) e.region = regions_.back();
  if (e.group == 0) e.group = group_;
  if (!e.lang && !langs_.empty()) e.lang = langs_.back();
  if (e.rect.empty()) {
    // Out of view: only a focusable widget is kept (its label), never with what it shows.
    if (e.id == 0 || !e.tappable || e.whole.empty()) return;
    sodium_memzero(e.text.data(), e.text.size());
    sodium_memzero(e.value.data(), e.value.size());
    e.text.clear();
    e.value.clear();
    offscreen_.push_back(std::move(e));
    return;
  }
  if (e.whole.empty()) e.whole = e.rect;
  frame_.push_back(std::move(e));
}

void WidgetRegistry::cover_all() {
  for (auto& e : frame_) e.tappable = false;
  for (auto& e : offscreen_) e.tappable = false;
  covered_ = true;
}

void WidgetRegistry::hide_under(const Rect& r) {
  std::vector<WidgetEntry> kept;
  for (auto& e : frame_) {
    if (e.rect.intersect(r).empty()) {
      kept.push_back(std::move(e));
      continue;
    }
    wipe(e);
  }
  frame_ = std::move(kept);
}

std::vector<const WidgetEntry*> WidgetRegistry::tappable_with_label(
    const std::vector<WidgetEntry>& frame, std::string_view label) {
  std::vector<const WidgetEntry*> out;
  for (const auto& e : frame)
    if (e.tappable && e.label == label && e.rect.w >= 1 && e.rect.h >= 1) out.push_back(&e);
  return out;
}

bool WidgetRegistry::shows_text(const std::vector<WidgetEntry>& frame, std::string_view needle) {
  for (const auto& e : frame)
    if (e.text.find(needle) != std::string::npos || e.label.find(needle) != std::string::npos)
      return true;
  return false;
}

bool WidgetRegistry::tappable_at(const std::vector<WidgetEntry>& frame, ImVec2 p) {
  for (const auto& e : frame)
    if (e.tappable && e.rect.contains(p)) return true;
  return false;
}

std::vector<std::string> WidgetRegistry::layout_problems(const std::vector<WidgetEntry>& frame,
                                                         ImVec2 screen) {
  // Layout positions are rounded to whole pixels in places; a pixel of slack is no fault.
  constexpr float eps = 1.0f;
  std::vector<std::string> out;
  const Rect scr{0, 0, screen.x, screen.y};
  for (const auto& e : frame) {
    if (e.role == EntryRole::Keyboard) continue;
    // Scrolled content is clipped to its view on purpose; everything else must fit whole.
    const Rect& r = e.region != 0 ? e.rect : (e.whole.empty() ? e.rect : e.whole);
    if (r.x < scr.x - eps || r.y < scr.y - eps || r.x + r.w > scr.w + eps ||
        r.y + r.h > scr.h + eps)
      out.push_back((e.role == EntryRole::View ? std::string("[view]") : name_of(e)) + " at " +
                    rect_text(r) + " is outside the " + rect_text(scr) + " screen");
  }
  for (std::size_t i = 0; i < frame.size(); ++i) {
    const WidgetEntry& a = frame[i];
    if (!a.tappable || a.role != EntryRole::Widget) continue;
    for (std::size_t j = i + 1; j < frame.size(); ++j) {
      const WidgetEntry& b = frame[j];
      if (!b.tappable || b.role != EntryRole::Widget) continue;
      const Rect o = a.rect.intersect(b.rect);
      if (o.w > eps && o.h > eps)
        out.push_back(name_of(a) + " at " + rect_text(a.rect) + " overlaps " + name_of(b) + " at " +
                      rect_text(b.rect));
    }
  }
  // With the on-screen keyboard up, the box being typed in shows whole: a visitor sees what they
  // type (a short screen at a large text size once hid it under the keys).
  const bool keyboard = std::any_of(frame.begin(), frame.end(), [](const WidgetEntry& e) {
    return e.role == EntryRole::Keyboard;
  });
  if (keyboard) {
    auto box = std::find_if(frame.begin(), frame.end(), [](const WidgetEntry& e) {
      return e.typing && e.role == EntryRole::Widget;
    });
    const float whole_h = box == frame.end() ? 0 : (box->whole.empty() ? box->rect : box->whole).h;
    if (box == frame.end())
      out.push_back("the on-screen keyboard is up but the box being typed in is not on screen");
    else if (box->rect.h < whole_h - eps)
      out.push_back(name_of(*box) + ", the box being typed in, shows " +
                    std::to_string(static_cast<int>(box->rect.h)) + " of its " +
                    std::to_string(static_cast<int>(whole_h)) + " px");
  }
  for (const auto& e : frame) {
    if (e.text_box.empty()) continue;
    if (e.text_w > e.text_box.w + eps || e.text_h > e.text_box.h + eps) {
      char size[64];
      std::snprintf(size, sizeof size, "%.0fx%.0f", e.text_w, e.text_h);
      out.push_back(name_of(e) + " measures " + size + ", larger than its box " +
                    rect_text(e.text_box));
    }
  }
  return out;
}

std::string WidgetRegistry::describe(const std::vector<WidgetEntry>& frame) {
  std::string out;
  for (const auto& e : frame) {
    std::string shown = e.text;
    for (char& c : shown)
      if (c == '\n') c = ' ';
    if (shown.size() > 160) {
      std::size_t cut = 157;
      while (cut > 0 && (static_cast<unsigned char>(shown[cut]) & 0xC0) == 0x80)
        --cut;  // whole UTF-8 characters
      shown = shown.substr(0, cut) + "...";
    }
    char where[96];
    std::snprintf(where, sizeof where, "  @ %.0f,%.0f %.0fx%.0f", e.rect.x, e.rect.y, e.rect.w,
                  e.rect.h);
    if (e.role != EntryRole::Widget)
      out += std::string(e.role == EntryRole::View ? "  [view]" : "  [keyboard]") + where + "\n";
    else if (!e.label.empty())
      out += std::string(e.tappable ? "  [button] \"" : "  [covered] \"") + e.label + "\"" + where +
             "\n";
    else
      out += "  [text] \"" + shown + "\"" + where + "\n";
  }
  if (out.empty()) out = "  (nothing)\n";
  return out;
}

}  // namespace kiosk::ui
