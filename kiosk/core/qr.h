// QrCode: a QR symbol (via libqrencode) as a square grid of dark/light modules, for the UI to draw
// and for tests to check. Knows nothing of rendering.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace kiosk {

struct QrCode {
  int size = 0;               // modules per side, without the quiet zone
  std::vector<bool> modules;  // row-major, true = dark
  bool dark(int x, int y) const { return modules[static_cast<size_t>(y) * size + x]; }
};

// Encodes `text` (a URL, a confirmation code) at error-correction level M; nullopt on failure.
std::optional<QrCode> encode_qr(const std::string& text);

}  // namespace kiosk
