// Icon font: Fork Awesome (fonts-fork-awesome) added to the ImGui atlas with only the glyphs the
// content names, at one icon size, for tiles without a picture. One call, so the text-size rebuild
// of the atlas can repeat it.
#pragma once
#include <imgui/imgui.h>

#include <string>
#include <vector>

#include "kiosk/content/catalogue.h"
#include "ui/theme/metrics.h"

namespace kiosk::ui {

// The icon size in px: twice the heading size, so an icon reads as a picture, not a letter.
float icon_font_size(const Metrics& m);

// Adds Fork Awesome with the code points `codes` to io.Fonts (before the atlas is built). Returns
// nullptr when `codes` is empty or the font file is missing (one warning then).
ImFont* add_icon_font(const Metrics& m, const std::vector<char32_t>& codes,
                      const std::string& path = "");

// The code points of every icon the catalogue names (categories, programs, highlights, features),
// sorted, each once. Unknown names are left out (the loader refuses them anyway).
std::vector<char32_t> catalogue_icon_codes(const Catalogue& cat);

// `code` as UTF-8, for ImDrawList::AddText.
std::string utf8(char32_t code);

}  // namespace kiosk::ui
