// Keypad focus: reading order, Tab movement and the keys aimed at the focused widget.
#include "ui/widgets/focus.h"

#include <algorithm>
#include <map>

#include "ui/theme/theme.h"

namespace kiosk::ui {
namespace {

bool inside(const Rect& inner, const Rect& outer) {
  return inner.x >= outer.x - 0.5f && inner.y >= outer.y - 0.5f &&
         inner.x + inner.w <= outer.x + outer.w + 0.5f &&
         inner.y + inner.h <= outer.y + outer.h + 0.5f;
}

std::vector<Rect> keyboard_areas(const std::vector<WidgetEntry>& frame) {
  std::vector<Rect> out;
  for (const auto& e : frame)
    if (e.role == EntryRole::Keyboard) out.push_back(e.rect);
  return out;
}

// Items with a place, put in rows (tops within `slack` of the row's first top), each row by x.
template <class T, class Place>
void sort_rows(std::vector<T>& items, Place place, float slack) {
  std::stable_sort(items.begin(), items.end(),
                   [&](const T& a, const T& b) { return place(a).y < place(b).y; });
  std::size_t row = 0;
  while (row < items.size()) {
    float top = place(items[row]).y;
    std::size_t end = row + 1;
    while (end < items.size() && place(items[end]).y < top + slack) ++end;
    std::stable_sort(items.begin() + static_cast<std::ptrdiff_t>(row),
                     items.begin() + static_cast<std::ptrdiff_t>(end),
                     [&](const T& a, const T& b) { return place(a).x < place(b).x; });
    row = end;
  }
}

// Widgets of one block in reading order, a group's (one form field's) kept together at the place
// of its top-left widget.
std::vector<const WidgetEntry*> grouped_order(const std::vector<const WidgetEntry*>& items,
                                              float slack) {
  struct Unit {
    Rect place;
    std::vector<const WidgetEntry*> items;
  };
  std::vector<Unit> units;
  std::map<unsigned, std::size_t> unit_of_group;
  for (const WidgetEntry* e : items) {
    if (e->group == 0) {
      units.push_back({e->whole, {e}});
      continue;
    }
    auto [it, fresh] = unit_of_group.emplace(e->group, units.size());
    if (fresh) units.push_back({e->whole, {}});
    Unit& u = units[it->second];
    u.items.push_back(e);
    if (e->whole.y < u.place.y || (e->whole.y == u.place.y && e->whole.x < u.place.x))
      u.place = e->whole;
  }
  for (auto& u : units)
    sort_rows(
        u.items, [](const WidgetEntry* e) { return e->whole; }, slack);
  sort_rows(
      units, [](const Unit& u) { return u.place; }, slack);
  std::vector<const WidgetEntry*> out;
  for (const auto& u : units) out.insert(out.end(), u.items.begin(), u.items.end());
  return out;
}

const WidgetEntry* find(const std::vector<const WidgetEntry*>& order, unsigned id) {
  for (const WidgetEntry* e : order)
    if (e->id == id) return e;
  return nullptr;
}

}  // namespace

bool focusable(const WidgetEntry& e, const std::vector<Rect>& keyboards) {
  if (e.role != EntryRole::Widget || !e.tappable || e.id == 0 || e.control == Control::None ||
      e.label.empty())
    return false;
  for (const Rect& k : keyboards)
    if (inside(e.whole, k)) return false;
  return true;
}

std::vector<const WidgetEntry*> reading_order(const std::vector<WidgetEntry>& visible,
                                              const std::vector<WidgetEntry>& offscreen,
                                              float row_slack) {
  std::vector<Rect> kb = keyboard_areas(visible);
  std::map<unsigned, Rect> views;  // region id -> its view
  for (const auto& e : visible)
    if (e.role == EntryRole::View && e.id != 0) views[e.id] = e.whole;
  // A block: the widgets outside any region, or one region's widgets at the region's place.
  struct Block {
    Rect place;
    std::vector<const WidgetEntry*> items;
  };
  std::vector<Block> blocks(1);  // [0]: outside any region, ordered with the regions below
  std::map<unsigned, std::size_t> block_of_region;
  auto take = [&](const WidgetEntry& e) {
    if (!focusable(e, kb)) return;
    auto view = e.region ? views.find(e.region) : views.end();
    if (view == views.end()) {
      blocks[0].items.push_back(&e);
      return;
    }
    auto [it, fresh] = block_of_region.emplace(e.region, blocks.size());
    if (fresh) blocks.push_back({view->second, {}});
    blocks[it->second].items.push_back(&e);
  };
  for (const auto& e : visible) take(e);
  for (const auto& e : offscreen) take(e);
  // Each region is one widget-sized unit among those outside any region.
  std::vector<WidgetEntry> region_marks;
  region_marks.reserve(blocks.size());
  std::vector<const WidgetEntry*> top = blocks[0].items;
  for (std::size_t i = 1; i < blocks.size(); ++i) {
    WidgetEntry mark;
    mark.whole = blocks[i].place;
    mark.id = static_cast<unsigned>(i);  // block index, told apart by `region` below
    mark.region = ~0u;
    region_marks.push_back(mark);
  }
  for (const auto& m : region_marks) top.push_back(&m);
  std::vector<const WidgetEntry*> out;
  for (const WidgetEntry* e : grouped_order(top, row_slack)) {
    if (e->region != ~0u) {
      out.push_back(e);
      continue;
    }
    auto inner = grouped_order(blocks[e->id].items, row_slack);
    out.insert(out.end(), inner.begin(), inner.end());
  }
  return out;
}

unsigned step_focus(const std::vector<const WidgetEntry*>& order, unsigned current, int dir) {
  if (order.empty()) return 0;
  auto it = std::find_if(order.begin(), order.end(),
                         [&](const WidgetEntry* e) { return e->id == current && current != 0; });
  const auto n = static_cast<std::ptrdiff_t>(order.size());
  if (it == order.end()) return dir >= 0 ? order.front()->id : order.back()->id;
  std::ptrdiff_t i = (it - order.begin() + (dir >= 0 ? 1 : -1) + n) % n;
  return order[static_cast<std::size_t>(i)]->id;
}

void FocusModel::clear() {
  focused_ = 0;
  anchor_ = 0;
  last_in_dialog_ = false;
  moved_ = false;
  activate_ = toggle_ = step_id_ = 0;
  step_ = 0;
  escape_.reset();
  scroll_region_ = 0;
}

void FocusModel::begin_frame(const std::vector<WidgetEntry>& last,
                             const std::vector<WidgetEntry>& offscreen, bool last_covered) {
  moved_ = false;
  activate_ = toggle_ = step_id_ = 0;
  step_ = 0;
  escape_.reset();
  scroll_region_ = 0;
  std::vector<const WidgetEntry*> order = reading_order(last, offscreen);
  const unsigned anchor = anchor_;
  anchor_ = 0;
  auto move = [&](int dir) {
    unsigned to = step_focus(order, focused_ ? focused_ : anchor, dir);
    if (to == 0 || to == focused_) return;
    focused_ = to;
    moved_ = true;
    // A typed box takes the typing as focus reaches it: characters then go into it.
    if (const WidgetEntry* e = find(order, to); e && e->types) activate_ = to;
  };
  for (NavKey k : queued_) {
    const WidgetEntry* cur = find(order, focused_);
    switch (k) {
      case NavKey::Next: move(+1); break;
      case NavKey::Prev: move(-1); break;
      case NavKey::Activate:
        if (cur) activate_ = focused_;
        break;
      case NavKey::Toggle:
        if (cur && (cur->control == Control::Choice || cur->control == Control::CheckBox))
          toggle_ = focused_;
        break;
      case NavKey::Left:
      case NavKey::Right: {
        if (!cur) break;
        int dir = k == NavKey::Left ? -1 : +1;
        if (cur->control == Control::Choice) {
          // A choice group: the neighbouring option, chosen when this one was (one answer moves).
          unsigned to = step_focus(order, focused_, dir);
          const WidgetEntry* next = find(order, to);
          if (next && next->control == Control::Choice && to != focused_) {
            focused_ = to;
            moved_ = true;
            if (cur->checked && !next->checked) activate_ = to;
          }
        } else {
          step_id_ = focused_;  // a stepper takes it; anything else moves focus (end_frame)
          step_ = dir;
        }
        break;
      }
      case NavKey::Escape: escape_ = last_covered; break;
    }
  }
  queued_.clear();
  // The focused widget wholly in view: its region scrolls to it this frame.
  if (const WidgetEntry* e = find(order, focused_); e && e->region != 0) {
    for (const auto& v : last)
      if (v.role == EntryRole::View && v.id == e->region && !inside(e->whole, v.whole)) {
        scroll_region_ = e->region;
        scroll_ = {e->whole, v.whole};
      }
  }
}

void FocusModel::end_frame(const std::vector<WidgetEntry>& frame,
                           const std::vector<WidgetEntry>& offscreen, bool covered) {
  std::vector<const WidgetEntry*> order = reading_order(frame, offscreen);
  if (step_ != 0 && step_id_ != 0) {
    // Left / Right nobody took (a calendar's cells, a button): it moves focus like Shift+Tab / Tab.
    unsigned to = step_focus(order, focused_, step_);
    if (to != 0) focused_ = to;
    step_ = 0;
    step_id_ = 0;
  }
  if (focused_ == 0) return;
  if (const WidgetEntry* e = find(order, focused_)) {
    last_rect_ = e->whole;
    last_in_dialog_ = covered;
    return;
  }
  // The focused widget went. Behind a dialog that just opened: into the dialog, at its first
  // button. A dialog that closed: no focus until the next Tab. Anything else (a calendar's next
  // view, an answer that changed a button): the widget nearest to where it was.
  if (covered && !last_in_dialog_) {
    focused_ = order.empty() ? 0 : order.front()->id;
  } else if (last_in_dialog_ && !covered) {
    focused_ = 0;
  } else {
    focused_ = 0;
    float best = 0;
    for (const WidgetEntry* e : order) {
      float dx = e->whole.x - last_rect_.x, dy = e->whole.y - last_rect_.y;
      float d = dx * dx + dy * dy;
      if (focused_ == 0 || d < best) focused_ = e->id, best = d;
    }
  }
  if (const WidgetEntry* e = find(order, focused_)) last_rect_ = e->whole;
  last_in_dialog_ = covered;
}

bool FocusModel::take_activate(unsigned id) {
  if (id == 0 || (activate_ != id && toggle_ != id)) return false;
  activate_ = toggle_ = 0;
  return true;
}

bool FocusModel::take_toggle(unsigned id) {
  if (id == 0 || toggle_ != id) return false;
  toggle_ = 0;
  return true;
}

int FocusModel::take_step(unsigned id) {
  if (id == 0 || step_id_ != id) return 0;
  int s = step_;
  step_ = 0;
  step_id_ = 0;
  return s;
}

bool FocusModel::take_escape(bool in_dialog) {
  if (!escape_ || *escape_ != in_dialog) return false;
  escape_.reset();
  return true;
}

std::optional<FocusModel::ScrollRequest> FocusModel::take_scroll(unsigned region) {
  if (region == 0 || region != scroll_region_) return std::nullopt;
  scroll_region_ = 0;
  return scroll_;
}

void draw_focus_ring(ImDrawList* dl, const Palette& p, float border, Rect r, bool on_dark) {
  const float gap = std::max(3.0f, border);
  const float thick = std::max(4.0f, border * 1.5f);
  // Drawn over everything of the widget's window (the foreground of its draw list).
  ImVec2 a(r.x - gap * 0.5f, r.y - gap * 0.5f), b(r.x + r.w + gap * 0.5f, r.y + r.h + gap * 0.5f);
  dl->AddRect(a, b, col(on_dark ? p.bar : p.page), 0, 0, gap);
  ImVec2 a2(a.x - gap * 0.5f - thick * 0.5f, a.y - gap * 0.5f - thick * 0.5f),
      b2(b.x + gap * 0.5f + thick * 0.5f, b.y + gap * 0.5f + thick * 0.5f);
  dl->AddRect(a2, b2, col(on_dark ? p.focus_ring_on_dark : p.focus_ring), 0, 0, thick);
}

}  // namespace kiosk::ui
