// QR encoding through libqrencode, copied into an owned grid.
#include "kiosk/core/qr.h"

#include <qrencode.h>

namespace kiosk {

std::optional<QrCode> encode_qr(const std::string& text) {
  if (text.empty()) return std::nullopt;
  QRcode* q = QRcode_encodeString8bit(text.c_str(), 0, QR_ECLEVEL_M);
  if (!q) return std::nullopt;
  QrCode out;
  out.size = q->width;
  out.modules.resize(static_cast<size_t>(q->width) * q->width);
  for (size_t i = 0; i < out.modules.size(); ++i) out.modules[i] = q->data[i] & 1;
  QRcode_free(q);
  return out;
}

}  // namespace kiosk
