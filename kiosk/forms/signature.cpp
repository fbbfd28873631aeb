// Signature strokes and their PNG rendering (a round brush stamped along each segment; stb writes
// the PNG through libstb, so no implementation macro here).
#include "kiosk/forms/signature.h"

#include <sodium.h>
#include <stb/stb_image_write.h>  // declarations only: libstb provides the code

#include <algorithm>
#include <cmath>

namespace kiosk::forms {
namespace {

constexpr float kBrushRadius = 1.6f;  // pixels: a 3-px pen at 300 px wide

void stamp(SecureVector<uint8_t>& img, float cx, float cy) {
  int x0 = static_cast<int>(std::floor(cx - kBrushRadius)),
      x1 = static_cast<int>(std::ceil(cx + kBrushRadius));
  int y0 = static_cast<int>(std::floor(cy - kBrushRadius)),
      y1 = static_cast<int>(std::ceil(cy + kBrushRadius));
  for (int y = std::max(y0, 0); y <= std::min(y1, kSignaturePngHeight - 1); ++y)
    for (int x = std::max(x0, 0); x <= std::min(x1, kSignaturePngWidth - 1); ++x) {
      float dx = static_cast<float>(x) - cx, dy = static_cast<float>(y) - cy;
      if (dx * dx + dy * dy <= kBrushRadius * kBrushRadius)
        img[static_cast<std::size_t>(y) * kSignaturePngWidth + x] = 0;
    }
}

void append_bytes(void* context, void* data, int size) {
  auto* out = static_cast<SecureString*>(context);
  out->append(static_cast<const char*>(data), static_cast<std::size_t>(size));
}

}  // namespace

std::span<const Point> Signature::stroke(std::size_t i) const {
  std::size_t begin = i == 0 ? 0 : stroke_ends_[i - 1];
  return std::span<const Point>(points_.data() + begin, stroke_ends_[i] - begin);
}

void Signature::set_typed(bool typed) {
  if (typed == typed_) return;
  wipe();
  typed_ = typed;
  // Room for the longest name (3 bytes a code point) so typing never reallocates unzeroed memory.
  if (typed_) typed_name_.reserve(static_cast<std::size_t>(kMaxTypedNameLength) * 3);
}

bool Signature::begin_stroke() {
  if (typed_ || stroke_ends_.size() >= kMaxSignatureStrokes ||
      points_.size() >= kMaxSignaturePoints)
    return false;
  stroke_ends_.push_back(static_cast<uint32_t>(points_.size()));
  return true;
}

bool Signature::add_point(float x, float y) {
  if (typed_ || stroke_ends_.empty() || !std::isfinite(x) || !std::isfinite(y) ||
      points_.size() >= kMaxSignaturePoints)
    return false;
  Point p{std::clamp(x, 0.0f, 1.0f), std::clamp(y, 0.0f, 1.0f)};
  points_.push_back(p);
  stroke_ends_.back() = static_cast<uint32_t>(points_.size());
  return true;
}

void Signature::clear() {
  bool was_typed = typed_;
  wipe();
  typed_ = was_typed;
}

double Signature::longest_stroke_length() const {
  double best = 0;
  for (std::size_t s = 0; s < stroke_count(); ++s) {
    auto pts = stroke(s);
    double len = 0;
    for (std::size_t i = 1; i < pts.size(); ++i) {
      double dx = pts[i].x - pts[i - 1].x, dy = (pts[i].y - pts[i - 1].y) / 3.0;
      len += std::sqrt(dx * dx + dy * dy);
    }
    best = std::max(best, len);
  }
  return best;
}

void Signature::wipe() {
  wipe_buffer(points_);
  wipe_buffer(stroke_ends_);
  wipe_buffer(typed_name_);
  typed_ = false;
}

bool Signature::all_zero_for_test() const {
  return points_.empty() && stroke_ends_.empty() && typed_name_.empty() && !typed_ &&
         buffer_is_zero(points_) && buffer_is_zero(stroke_ends_) && buffer_is_zero(typed_name_);
}

SecureString signature_png(const Signature& sig) {
  SecureVector<uint8_t> img(static_cast<std::size_t>(kSignaturePngWidth) * kSignaturePngHeight,
                            255);
  const float w = kSignaturePngWidth - 1, h = kSignaturePngHeight - 1;
  for (std::size_t s = 0; s < sig.stroke_count(); ++s) {
    auto pts = sig.stroke(s);
    for (std::size_t i = 0; i < pts.size(); ++i) {
      float x1 = pts[i].x * w, y1 = pts[i].y * h;
      if (i == 0) {
        stamp(img, x1, y1);
        continue;
      }
      float x0 = pts[i - 1].x * w, y0 = pts[i - 1].y * h;
      float dist = std::hypot(x1 - x0, y1 - y0);
      int steps = std::max(1, static_cast<int>(std::ceil(dist / 0.75f)));
      for (int k = 1; k <= steps; ++k) {
        float t = static_cast<float>(k) / static_cast<float>(steps);
        stamp(img, x0 + (x1 - x0) * t, y0 + (y1 - y0) * t);
      }
    }
  }
  SecureString png;
  if (!stbi_write_png_to_func(append_bytes, &png, kSignaturePngWidth, kSignaturePngHeight, 1,
                              img.data(), kSignaturePngWidth))
    wipe_buffer(png);
  return png;
}

SecureString base64_encode(std::string_view bytes) {
  const int variant = sodium_base64_VARIANT_ORIGINAL;
  SecureString out(sodium_base64_encoded_len(bytes.size(), variant), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), variant);
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

}  // namespace kiosk::forms
