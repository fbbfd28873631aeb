// Textures: stb_image decoding (and stb_image_resize scaling) of content pictures, and their GL
// upload. libstb carries the implementations: only the headers are included here.
#include "ui/platform/texture.h"

#include <GL/gl.h>
#include <SDL2/SDL_video.h>
#include <stb/stb_image.h>
#include <stb/stb_image_resize.h>

#include <algorithm>
#include <cstdint>
#include <memory>

namespace kiosk::ui {

std::optional<Image> decode_png(std::string_view bytes, int max_side) {
  // stb_image reads other formats too; the content is PNG by contract (the loader checked it),
  // so anything else is refused here rather than drawn.
  static constexpr unsigned char kPngMagic[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  if (bytes.size() < 8 ||
      !std::equal(kPngMagic, kPngMagic + 8, reinterpret_cast<const unsigned char*>(bytes.data())))
    return std::nullopt;
  if (bytes.size() > static_cast<std::size_t>(INT32_MAX)) return std::nullopt;
  int w = 0, h = 0, channels = 0;
  std::unique_ptr<unsigned char, void (*)(void*)> px(
      stbi_load_from_memory(reinterpret_cast<const stbi_uc*>(bytes.data()),
                            static_cast<int>(bytes.size()), &w, &h, &channels, 4),
      stbi_image_free);
  if (!px || w <= 0 || h <= 0) return std::nullopt;
  Image img;
  if (max_side > 0 && std::max(w, h) > max_side) {
    float scale = static_cast<float>(max_side) / static_cast<float>(std::max(w, h));
    img.w = std::max(1, static_cast<int>(static_cast<float>(w) * scale + 0.5f));
    img.h = std::max(1, static_cast<int>(static_cast<float>(h) * scale + 0.5f));
    img.rgba.resize(static_cast<std::size_t>(img.w) * static_cast<std::size_t>(img.h) * 4);
    if (!stbir_resize_uint8(px.get(), w, h, 0, img.rgba.data(), img.w, img.h, 0, 4))
      return std::nullopt;
  } else {
    img.w = w;
    img.h = h;
    img.rgba.assign(px.get(),
                    px.get() + static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 4);
  }
  return img;
}

std::optional<Texture> upload_texture(const Image& img) {
  if (img.w <= 0 || img.h <= 0 || img.rgba.size() < static_cast<std::size_t>(img.w) * img.h * 4)
    return std::nullopt;
  // Headless (unit tests drawing screens without a window): no context, so no texture; the caller
  // falls back to the icon.
  if (!SDL_GL_GetCurrentContext()) return std::nullopt;
  // The ImGui backend restores its own bindings when it renders; leave the caller's as found.
  GLint previous = 0;
  glGetIntegerv(GL_TEXTURE_BINDING_2D, &previous);
  GLuint id = 0;
  glGenTextures(1, &id);
  if (id == 0) return std::nullopt;
  glBindTexture(GL_TEXTURE_2D, id);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, img.w, img.h, 0, GL_RGBA, GL_UNSIGNED_BYTE,
               img.rgba.data());
  bool ok = glGetError() == GL_NO_ERROR;
  glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(previous));
  if (!ok) {
    glDeleteTextures(1, &id);
    return std::nullopt;
  }
  return Texture{reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(id)), img.w, img.h};
}

void free_texture(Texture& t) {
  if (t.id) {
    GLuint id = static_cast<GLuint>(reinterpret_cast<std::intptr_t>(t.id));
    glDeleteTextures(1, &id);
  }
  t = Texture{};
}

}  // namespace kiosk::ui
