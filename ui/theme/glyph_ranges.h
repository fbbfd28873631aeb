// The characters the UI fonts contain: Latin-1, Latin Extended-A, typographic quotes, dashes,
// bullet, ellipsis and the euro sign. A unit test checks every UI string and the bundled content
// against this list, so no visitor ever sees a "?" box.
#pragma once
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace kiosk::ui {

// Inclusive code point ranges.
const std::vector<std::pair<std::uint32_t, std::uint32_t>>& ui_glyph_ranges();
bool ui_font_has(std::uint32_t code_point);
// The first code point of valid UTF-8 `text` the fonts lack, or 0 when all are covered.
std::uint32_t first_missing_glyph(std::string_view text);

}  // namespace kiosk::ui
