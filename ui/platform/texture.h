// Textures: PNG bytes decoded to RGBA (stb_image) and uploaded as OpenGL textures for ImGui to draw.
// The only GL texture code outside the ImGui backend; decoding is pure and unit-tested.
#pragma once
#include <imgui/imgui.h>

#include <optional>
#include <string_view>
#include <vector>

namespace kiosk::ui {

// Decoded pixels, 4 bytes per pixel (RGBA), rows top to bottom.
struct Image {
  int w = 0, h = 0;
  std::vector<unsigned char> rgba;
};

// Decodes a PNG (any colour type) to RGBA; nullopt when the bytes are not a PNG stb can read.
// Pictures larger than `max_side` on either side are scaled down (aspect kept): a 2048 px picture
// drawn in a 300 px tile would alias under GL_LINEAR and cost 16 MiB of texture memory.
std::optional<Image> decode_png(std::string_view bytes, int max_side);

// A texture ImGui can draw (ImDrawList::AddImage), with its size in pixels.
struct Texture {
  ImTextureID id = nullptr;
  int w = 0, h = 0;
};

// Uploads `img` (needs the current GL context): linear filtering, clamped edges. nullopt when GL
// refuses (out of memory).
std::optional<Texture> upload_texture(const Image& img);
// Frees the GL texture (needs the same context); `t` becomes empty.
void free_texture(Texture& t);

}  // namespace kiosk::ui
