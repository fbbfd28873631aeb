// WidgetRegistry: double-buffered per-frame list of visible widgets and their texts.
#include "ui/widgets/registry.h"

#include <sodium.h>

#include <cstdio>

namespace kiosk::ui {

namespace {
void wipe(WidgetEntry& e) {
  sodium_memzero(e.label.data(), e.label.size());
  sodium_memzero(e.text.data(), e.text.size());
  sodium_memzero(e.value.data(), e.value.size());
}
}  // namespace

void WidgetRegistry::begin_frame() {
  for (auto& e : frame_) wipe(e);
  for (auto& e : offscreen_) wipe(e);
  frame_.clear();
  offscreen_.clear();
  regions_.clear();
  group_ = 0;
  covered_ = false;
}

void WidgetRegistry::add(WidgetEntry e) {
  if (e.region == 0 && !regions_.empty()) e.region = regions_.back();
  if (e.group == 0) e.group = group_;
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
    if (e.tappable && e.label == label) out.push_back(&e);
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
