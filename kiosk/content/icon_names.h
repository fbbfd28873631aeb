// Icon names: the Fork Awesome icons content may name ("car", "users"), each with its code point in
// the font (fonts-fork-awesome). The table is generated at build time from the installed package
// (cmake/icon_names.cmake), so the names a bundle may use are exactly the ones the kiosk can draw.
#pragma once
#include <cstddef>
#include <optional>
#include <string_view>

namespace kiosk::content {

// The font file the code points belong to (Debian package fonts-fork-awesome).
inline constexpr const char* kIconFontPath =
    "/usr/share/fonts/truetype/fork-awesome/forkawesome-webfont.ttf";

struct IconName {
  const char* name;  // without the "fa-" prefix
  char32_t code;     // in the font's private use area (U+F000..)
};

// Sorted by name (generated).
extern const IconName kIconNames[];
extern const std::size_t kIconNameCount;

// The code point of `name`, or nullopt when the font has no such icon.
std::optional<char32_t> icon_code(std::string_view name);

}  // namespace kiosk::content
