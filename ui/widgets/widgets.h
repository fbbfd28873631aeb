// Touch widgets: every one registers what it shows in the WidgetRegistry, is at least
// Metrics::tap_h tall when tappable, wraps its text instead of cutting it, and needs no hover.
// Text is drawn with our own line layout (1.25 line height) for readability.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "ui/widgets/ui.h"

namespace kiosk::ui {

// One run of text inside a card or tile.
struct Para {
  std::string text;
  ImFont* font = nullptr;  // nullptr = body
  Rgb color{0x0A, 0x0A, 0x0A};
};

enum class ButtonKind {
  Primary,    // filled dark blue, white text: the main action
  Secondary,  // white with a thick dark outline
  Bar,        // on the dark top bar: outlined in white
  Alert,      // on the red notice band
};

// ---- layout ----
// Lines of `text` wrapped at `width` px (paragraphs split at '\n').
struct Line {
  const char* begin;
  const char* end;
};
std::vector<Line> wrap_lines(ImFont* font, float size, const std::string& text, float width);
// ImGui 1.86 may end a wrapped line after '.', ',' or ':' even inside a number ("$10." / "00",
// "4:" / "30"). Given a line [p, eol) of a paragraph ending at `nl`, returns where the line should
// end so that no number is split: at the blank before that number, or `eol` when it splits none
// (or when the number is the line's only word, which must break somewhere).
const char* keep_numbers_whole(const char* p, const char* eol, const char* nl);
float line_height(ImFont* font);
float text_height(ImFont* font, const std::string& text, float width);
// The width of the widest word of `text` (words are split at blanks and line breaks; a web
// address is not one): a box narrower than this breaks that word in two.
float widest_word(ImFont* font, const std::string& text);
float text_width(ImFont* font, const std::string& text);  // one line, unwrapped

// ---- text ----
// Wrapped text at the cursor, `width` wide (<= 0: the rest of the line); registered as visible text.
// `control`: its role for speech (Heading for a title, Alert for an error, Code for a code).
// No colour: the palette's text colour (which High contrast changes).
void text(Ui& ui, const std::string& s, ImFont* font = nullptr, std::optional<Rgb> color = {},
          float width = 0, bool centered = false, Control control = Control::None);
// Text drawn at a fixed place (bars, dialogs), registered, not moving the cursor.
void text_at(Ui& ui, ImDrawList* dl, const std::string& s, ImFont* font, Rgb color, Rect box,
             bool centered, Control control = Control::None);

// ---- buttons ----
// A button `width` wide (<= 0: the rest of the line) and at least max(min_h, tap_h) tall; grows
// to fit its wrapped label. Returns true on a tap (never after a drag). Registered with `label`.
bool button(Ui& ui, const char* id, const std::string& label, float width,
            ButtonKind kind = ButtonKind::Primary, float min_h = 0, ImFont* font = nullptr);
float button_height(const Ui& ui, const std::string& label, float width, float min_h = 0,
                    ImFont* font = nullptr);
// A tappable card: a bold title and paragraphs, left-aligned. Label = title.
bool tile(Ui& ui, const char* id, const std::string& title, const std::vector<Para>& body,
          float width, float min_h = 0);
float tile_height(const Ui& ui, const std::string& title, const std::vector<Para>& body,
                  float width);
// A card of paragraphs (not tappable).
void card(Ui& ui, const std::vector<Para>& body, float width);
float card_height(const Ui& ui, const std::vector<Para>& body, float width);

// ---- keypad focus ----
// The keypad side of a tappable widget: `e.id` set (its ImGuiID), `e.focused` filled and the focus
// ring drawn around `e.whole` when the keypad's focus is on it. `on_dark`: the widget sits on the
// dark bar or the red band.
void mark_focus(Ui& ui, WidgetEntry& e, bool on_dark = false);

// ---- scrolling ----
// A region at `area` that scrolls by dragging anywhere inside it, with inertia, and shows a passive
// scroll indicator at its right edge. Content should be at most scroll_content_width() wide.
// In Low reach (issue 18) the region also gets large "Scroll up" / "Scroll down" buttons in a
// column at its right (taken out of `area`), each disabled at its end, so no drag is needed.
void begin_scroll(Ui& ui, const char* id, Rect area);
void end_scroll(Ui& ui);
float scroll_content_width(const Ui& ui, float region_width);

// ---- QR code ----
// The QR code of `text`, drawn as black squares on white with a 4-module quiet zone, at most
// `side` px. Registered as text "QR code: <text>". Returns the side actually used.
float qr_code(Ui& ui, const std::string& text, float side);

}  // namespace kiosk::ui
