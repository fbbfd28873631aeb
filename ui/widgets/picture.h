// Pictures and icons on screen: a content Visual (a PNG of the bundle, else a Fork Awesome icon)
// drawn fitted into a box, and the tiles that carry one. Textures are made on first draw and kept
// for the process (the catalogue does not change while it runs).
#pragma once
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/content/catalogue.h"
#include "ui/platform/texture.h"
#include "ui/widgets/widgets.h"

namespace kiosk::ui {

// Textures by picture name, each decoded and uploaded once, on first use. A picture that fails
// (not decodable, GL refused) is remembered as failed and logged once, by name only.
class PictureCache {
 public:
  using Upload = std::function<std::optional<Texture>(const Image&)>;
  using Free = std::function<void(Texture&)>;
  PictureCache(Upload upload, Free free) : upload_(std::move(upload)), free_(std::move(free)) {}
  ~PictureCache() { clear(); }
  PictureCache(const PictureCache&) = delete;
  PictureCache& operator=(const PictureCache&) = delete;

  // The texture for `name` from `pictures` (file name -> PNG bytes); nullptr when the name is not
  // there or the picture failed. `max_side`: larger pictures are scaled down first.
  const Texture* get(const std::map<std::string, std::string>& pictures, const std::string& name,
                     int max_side);
  // Frees every texture (needs the GL context that made them).
  void clear();
  std::size_t loaded() const;    // textures held
  std::size_t failures() const;  // pictures that could not be shown

 private:
  Upload upload_;
  Free free_;
  std::map<std::string, std::optional<Texture>> entries_;  // nullopt = failed, not retried
};

// The box `img_w` x `img_h` scaled to fit inside `box` with its aspect kept, centred.
Rect fit_picture(float img_w, float img_h, Rect box);

// Draws `v` in `box`: the picture fitted (rounded corners), or else the icon glyph centred in
// `icon_color`, or nothing. Returns false when nothing was drawn (no visual, or it failed and has
// no icon). Decorative: the words beside it carry the meaning, so nothing is registered.
bool draw_visual(Ui& ui, const Visual& v, Rect box, Rgb icon_color);
// True when draw_visual would draw something for `v` (a picture the bundle has, or a known icon
// with the icon font loaded): layouts leave no empty hole for a visual that would not show.
bool has_visual(const Ui& ui, const Visual& v);

// Frees the process's picture textures: before the GL context goes (the runner's shutdown).
void release_pictures();

enum class TileStyle {
  Card,     // light card with a dark outline, like tile(): the program categories
  Feature,  // filled dark blue with white words: the requests a visitor comes for
};

// tile() with a visual at its left (side `visual_side`, or no room kept when has_visual is false),
// or above the words when the column beside it would break a word: bold title and paragraphs,
// tappable as a whole, registered with the title as its label.
bool picture_tile(Ui& ui, const char* id, const Visual& v, const std::string& title,
                  const std::vector<Para>& body, float width, float min_h, float visual_side,
                  TileStyle style = TileStyle::Card);
float picture_tile_height(const Ui& ui, const Visual& v, const std::string& title,
                          const std::vector<Para>& body, float width, float visual_side);
// The narrowest a picture tile can be without breaking a word of its title or body.
float picture_tile_min_width(const Ui& ui, const std::string& title, const std::vector<Para>& body);

}  // namespace kiosk::ui
