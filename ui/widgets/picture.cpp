// Pictures and icons on screen: the per-process texture cache, fitting, and tiles with a visual.
#include "ui/widgets/picture.h"

#include <algorithm>
#include <cfloat>
#include <cmath>

#include <imgui/imgui_internal.h>  // GetItemID (1.86 keeps it internal)

#include "kiosk/content/icon_names.h"
#include "kiosk/core/log.h"
#include "ui/theme/icon_font.h"

namespace kiosk::ui {
namespace {

PictureCache& process_cache() {
  static PictureCache cache(upload_texture, free_texture);
  return cache;
}

// Pictures are drawn at most about half the shorter screen side: no texture needs more pixels.
int picture_max_side(const Metrics& m) { return static_cast<int>(std::ceil(m.base * 0.5f)); }

Rect clip_rect() {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  return Rect::from_minmax(dl->GetClipRectMin(), dl->GetClipRectMax());
}

// Wrapped lines from `pos` (the same 1.25 line height as every widget); returns the height used.
float draw_wrapped(ImDrawList* dl, ImFont* font, const std::string& s, ImVec2 pos, float width,
                   ImU32 color) {
  float lh = line_height(font);
  float y = pos.y;
  for (const Line& l : wrap_lines(font, font->FontSize, s, width)) {
    if (l.end > l.begin)
      dl->AddText(font, font->FontSize,
                  ImVec2(std::floor(pos.x), std::floor(y + (lh - font->FontSize) * 0.5f)), color,
                  l.begin, l.end);
    y += lh;
  }
  return y - pos.y;
}

std::string joined(const std::string& title, const std::vector<Para>& body) {
  std::string out = title;
  for (const auto& p : body) out += "\n" + p.text;
  return out;
}

const ImFontGlyph* icon_glyph(const Ui& ui, const Visual& v) {
  if (v.icon.empty() || !ui.f().icons) return nullptr;
  auto code = content::icon_code(v.icon);
  if (!code || *code > 0xFFFF) return nullptr;
  return ui.f().icons->FindGlyphNoFallback(static_cast<ImWchar>(*code));
}

}  // namespace

const Texture* PictureCache::get(const std::map<std::string, std::string>& pictures,
                                 const std::string& name, int max_side) {
  if (name.empty()) return nullptr;
  auto it = entries_.find(name);
  if (it != entries_.end()) return it->second ? &*it->second : nullptr;
  auto bytes = pictures.find(name);
  if (bytes == pictures.end()) return nullptr;  // not in the bundle: nothing to remember
  std::optional<Texture> tex;
  if (auto img = decode_png(bytes->second, max_side)) tex = upload_(*img);
  if (!tex) log::warn("picture " + name + " cannot be shown (not a readable PNG or no GPU memory)");
  auto [pos, inserted] = entries_.emplace(name, tex);
  (void)inserted;
  return pos->second ? &*pos->second : nullptr;
}

void PictureCache::clear() {
  for (auto& [name, tex] : entries_)
    if (tex && free_) free_(*tex);
  entries_.clear();
}

std::size_t PictureCache::loaded() const {
  return static_cast<std::size_t>(std::count_if(
      entries_.begin(), entries_.end(), [](const auto& e) { return e.second.has_value(); }));
}

std::size_t PictureCache::failures() const { return entries_.size() - loaded(); }

Rect fit_picture(float img_w, float img_h, Rect box) {
  if (img_w <= 0 || img_h <= 0 || box.empty()) return Rect{box.x, box.y, 0, 0};
  float scale = std::min(box.w / img_w, box.h / img_h);
  float w = img_w * scale, h = img_h * scale;
  return Rect{box.x + (box.w - w) * 0.5f, box.y + (box.h - h) * 0.5f, w, h};
}

bool has_visual(const Ui& ui, const Visual& v) {
  if (!v.picture.empty() && ui.cat.pictures.count(v.picture)) return true;
  return icon_glyph(ui, v) != nullptr;
}

bool draw_visual(Ui& ui, const Visual& v, Rect box, Rgb icon_color) {
  if (box.empty()) return false;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  if (const Texture* t =
          process_cache().get(ui.cat.pictures, v.picture, picture_max_side(ui.m()))) {
    Rect r = fit_picture(static_cast<float>(t->w), static_cast<float>(t->h), box);
    dl->AddImageRounded(t->id, ImVec2(r.x, r.y), ImVec2(r.x + r.w, r.y + r.h), ImVec2(0, 0),
                        ImVec2(1, 1), IM_COL32_WHITE, ui.m().rounding);
    return true;
  }
  const ImFontGlyph* g = icon_glyph(ui, v);
  if (!g) return false;
  // The glyph scaled to the box (never past 1.25x the atlas size: it would blur), centred on its
  // own ink rather than its advance, since icons are not all the same width.
  ImFont* font = ui.f().icons;
  float gw = g->X1 - g->X0, gh = g->Y1 - g->Y0;
  if (gw <= 0 || gh <= 0) return false;
  float size = font->FontSize * std::min(1.25f, std::min(box.w / gw, box.h / gh) * 0.85f);
  float s = size / font->FontSize;
  ImVec2 pos(std::floor(box.x + (box.w - gw * s) * 0.5f - g->X0 * s),
             std::floor(box.y + (box.h - gh * s) * 0.5f - g->Y0 * s));
  dl->AddText(font, size, pos, col(icon_color), utf8(static_cast<char32_t>(g->Codepoint)).c_str());
  return true;
}

void release_pictures() { process_cache().clear(); }

namespace {

// Where a picture tile's visual goes: beside its words, or above them when the column left beside
// it would be narrower than the longest word (two tiles side by side in portrait at Extra large:
// "Reques-t" broke in two), so that no word is ever broken.
struct TileLayout {
  bool pic = false;
  bool stacked = false;  // the visual above the words
  float words_w = 0;     // the words' column
  float widest = 0;      // the longest word of title and body, in its font
};

TileLayout tile_layout(const Ui& ui, const Visual& v, const std::string& title,
                       const std::vector<Para>& body, float width, float visual_side) {
  const Metrics& m = ui.m();
  TileLayout t;
  t.pic = has_visual(ui, v);
  t.widest = widest_word(ui.f().heading, title);
  for (const auto& p : body)
    t.widest = std::max(t.widest, widest_word(p.font ? p.font : ui.f().body, p.text));
  t.words_w = width - 2 * m.pad - (t.pic ? visual_side + m.pad : 0);
  if (t.pic && t.words_w < t.widest) {
    t.stacked = true;
    t.words_w = width - 2 * m.pad;
  }
  return t;
}

float words_height(const Ui& ui, const std::string& title, const std::vector<Para>& body,
                   float width) {
  float h = text_height(ui.f().heading, title, width);
  for (const auto& p : body)
    h += ui.m().gap * 0.5f + text_height(p.font ? p.font : ui.f().body, p.text, width);
  return h;
}

}  // namespace

float picture_tile_min_width(const Ui& ui, const std::string& title,
                             const std::vector<Para>& body) {
  return tile_layout(ui, Visual{}, title, body, 0, 0).widest + 2 * ui.m().pad;
}

namespace {

// The tile's height for a layout whose words are `words` tall.
float tile_height(const Ui& ui, const TileLayout& t, float words, float visual_side) {
  const Metrics& m = ui.m();
  if (t.stacked) return m.pad * 2 + visual_side + m.pad + words;
  return std::max(m.pad * 2 + words, t.pic ? visual_side + 2 * m.pad : 0.0f);
}

}  // namespace

float picture_tile_height(const Ui& ui, const Visual& v, const std::string& title,
                          const std::vector<Para>& body, float width, float visual_side) {
  const TileLayout t = tile_layout(ui, v, title, body, width, visual_side);
  return tile_height(ui, t, words_height(ui, title, body, t.words_w), visual_side);
}

bool picture_tile(Ui& ui, const char* id, const Visual& v, const std::string& title,
                  const std::vector<Para>& body, float width, float min_h, float visual_side,
                  TileStyle style) {
  const Metrics& m = ui.m();
  const Palette& p = ui.p();
  if (width <= 0) width = ImGui::GetContentRegionAvail().x;
  const TileLayout t = tile_layout(ui, v, title, body, width, visual_side);
  const float words_h = words_height(ui, title, body, t.words_w);
  float h = std::max(tile_height(ui, t, words_h, visual_side), min_h);
  ImVec2 pos = ImGui::GetCursorScreenPos();
  bool tapped = ImGui::InvisibleButton(id, ImVec2(width, h));
  const unsigned item = ImGui::GetItemID();
  tapped |= ui.focus.take_activate(item);
  bool held = ImGui::IsItemActive();
  const bool feature = style == TileStyle::Feature;
  Rgb bg = held ? p.pressed : feature ? p.primary : p.card;
  Rgb fg_title = held ? p.pressed_text : feature ? p.primary_text : p.primary;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 max(pos.x + width, pos.y + h);
  dl->AddRectFilled(pos, max, col(bg), m.rounding);
  if (!feature) {
    dl->AddRect(pos, max, col(held ? p.pressed_text : p.card_border), m.rounding, 0, m.border);
    // The same left bar as tile(): a thing to touch, not just text.
    dl->AddRectFilled(pos, ImVec2(pos.x + m.border * 3, max.y),
                      col(held ? p.pressed_text : p.primary), m.rounding,
                      ImDrawFlags_RoundCornersLeft);
  }
  float x = pos.x + m.pad;
  float y = pos.y + m.pad;
  if (t.stacked) {
    draw_visual(ui, v, Rect{pos.x + (width - visual_side) * 0.5f, y, visual_side, visual_side},
                fg_title);
    y += visual_side + m.pad;
  } else if (t.pic) {
    draw_visual(ui, v, Rect{x, pos.y + (h - visual_side) * 0.5f, visual_side, visual_side},
                fg_title);
    x += visual_side + m.pad;
  }
  const float inner = t.words_w;
  const float words_top = y;
  y += draw_wrapped(dl, ui.f().heading, title, ImVec2(x, y), inner, col(fg_title));
  for (const auto& para : body) {
    y += m.gap * 0.5f;
    Rgb c = held ? p.pressed_text : feature ? p.primary_text : para.color;
    y += draw_wrapped(dl, para.font ? para.font : ui.f().body, para.text, ImVec2(x, y), inner,
                      col(c));
  }
  Rect whole{pos.x, pos.y, width, h};
  WidgetEntry e{title, joined(title, body), whole.intersect(clip_rect()), true, whole};
  // For expect-layout: the words' column, their height, and no word wider than the column.
  e.text_box = Rect{x, words_top, inner, pos.y + h - m.pad - words_top};
  e.text_w = t.widest;
  e.text_h = words_h;
  e.control = Control::Button;
  e.id = item;
  mark_focus(ui, e);
  ui.reg.add(std::move(e));
  return tapped;
}

}  // namespace kiosk::ui
