// Key names: a thin wrapper so the script parser names keys without calling SDL itself.
#include "ui/platform/key_names.h"

#include <SDL2/SDL_keyboard.h>

namespace kiosk::ui {

SDL_Scancode scancode_named(const char* name) { return SDL_GetScancodeFromName(name); }

}  // namespace kiosk::ui
