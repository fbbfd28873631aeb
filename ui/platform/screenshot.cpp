// Screenshot: glReadPixels of the back buffer, rows flipped (GL's origin is bottom-left), PNG via
// libstb's stbi_write_png (the implementation lives in libstb, so no STB_*_IMPLEMENTATION here).
#include <GL/gl.h>
#include <stb/stb_image_write.h>

#include <algorithm>
#include <filesystem>
#include <vector>

#include "ui/platform/platform.h"

namespace kiosk::ui {

bool write_screenshot(const std::string& path, int w, int h, std::string& error) {
  if (w <= 0 || h <= 0) {
    error = "nothing drawn yet";
    return false;
  }
  std::filesystem::path p(path);
  std::error_code ec;
  if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path(), ec);
  const std::size_t row = static_cast<std::size_t>(w) * 3;
  std::vector<unsigned char> pixels(row * static_cast<std::size_t>(h));
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, w, h, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
  if (GLenum e = glGetError(); e != GL_NO_ERROR) {
    error = "glReadPixels failed (GL error " + std::to_string(e) + ")";
    return false;
  }
  std::vector<unsigned char> flipped(pixels.size());
  for (int y = 0; y < h; ++y)
    std::copy_n(pixels.data() + static_cast<std::size_t>(h - 1 - y) * row, row,
                flipped.data() + static_cast<std::size_t>(y) * row);
  if (!stbi_write_png(path.c_str(), w, h, 3, flipped.data(), static_cast<int>(row))) {
    error = "cannot write " + path +
            (ec ? " (" + ec.message() + ")"
                : std::string(" (check the directory exists and is writable)"));
    return false;
  }
  return true;
}

}  // namespace kiosk::ui
