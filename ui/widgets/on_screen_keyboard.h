// OnScreenKeyboard: the keyboard drawn in ImGui at the bottom of the screen for the focused text
// field (the screen keeps that field visible above it). Keys are a tap target tall (0.075 of the
// screen's height) and their words' line with air; a compact keyboard, for a short screen at a
// large text size, keeps only a little air around the words (never below that tap target). Keys
// type on release (a drag never types), except Delete, which deletes on press and repeats while
// held (on the app clock). Every key registers its label: "a" (or "A" with Shift), "Delete",
// "Space", "123", "Next field" / "Done typing".
#pragma once
#include "ui/widgets/keyboard_layout.h"
#include "ui/widgets/ui.h"

namespace kiosk::ui {

// The keyboard's height; `compact` gives its rows less air (a screen that must show the box being
// typed in above it and otherwise could not).
float keyboard_height(const Ui& ui, const KeyboardState& kb, bool compact = false);
// Draws the keyboard in `area` (its rows share the area's height) and applies its keys to `input` (any text field). `has_next` picks the Next key's
// words ("Next field" or "Done typing"). Returns Next when that key was tapped.
KeyOutcome on_screen_keyboard(Ui& ui, KeyboardState& kb, TextInput& input, Rect area,
                              bool has_next);

}  // namespace kiosk::ui
