// Key names: SDL's name → scancode table, for the script harness's "key alt+f4" (ui/script). Static
// data in SDL, usable before SDL_Init and in unit tests; here so only ui/platform/ calls SDL.
#pragma once
#include <SDL2/SDL_scancode.h>

namespace kiosk::ui {

// SDL_SCANCODE_UNKNOWN when SDL has no key of that name (case-insensitive: "Escape", "f4", "a").
SDL_Scancode scancode_named(const char* name);

}  // namespace kiosk::ui
