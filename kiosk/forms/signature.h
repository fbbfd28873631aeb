// Signature: a finger-drawn signature as strokes (polylines of points normalised 0..1 across the
// pad's width and down its height; the pad is 3:1), and its rendering as a small grayscale PNG;
// or, for a visitor who cannot draw (no sight, no steady hand), the full name typed instead.
// One or the other, never both. Storage is secure (zeroed on release): a signature is personal data.
#pragma once
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "kiosk/forms/secure_buffer.h"

namespace kiosk::forms {

struct Point {
  float x = 0, y = 0;
};

inline constexpr int kSignaturePngWidth = 300;  // the pad's 3:1 aspect
inline constexpr int kSignaturePngHeight = 100;
inline constexpr std::size_t kMaxSignaturePoints = 4000;
inline constexpr std::size_t kMaxSignatureStrokes = 100;
// A required signature needs one stroke at least this long, in pad widths (15 px of 300).
inline constexpr double kMinSignatureStrokeLength = 0.05;
// A typed signature is a person's full name: 2 to 200 characters (code points).
inline constexpr int kMinTypedNameLength = 2;
inline constexpr int kMaxTypedNameLength = 200;

class Signature {
 public:
  std::size_t stroke_count() const { return stroke_ends_.size(); }
  std::span<const Point> stroke(std::size_t i) const;
  std::size_t point_count() const { return points_.size(); }
  bool empty() const { return points_.empty() && typed_name_.empty(); }

  // Typed instead of drawn: switching either way wipes what the other way held, so a stored
  // signature is only ever one of the two.
  bool typed() const { return typed_; }
  void set_typed(bool typed);
  // The typed name, edited as a text answer (FormSession's keyboard path).
  const SecureString& typed_name() const { return typed_name_; }
  SecureString& typed_name_slot() { return typed_name_; }

  // Drawing, as the pad reports it. Points are clamped into 0..1; NaN/inf are ignored. Returns
  // false when the point was not kept (limit reached, no stroke begun, not finite, typed mode).
  bool begin_stroke();
  bool add_point(float x, float y);
  void clear();  // the "Clear" button: zeroes the strokes' (and a typed name's) memory

  // Longest stroke's length in pad widths (x spans 1, y spans 1/3).
  double longest_stroke_length() const;

  // Overwrites every byte the strokes and typed name used; keeps capacity; back to drawing.
  void wipe();
  bool all_zero_for_test() const;

 private:
  SecureVector<Point> points_;
  SecureVector<uint32_t> stroke_ends_;  // one past each stroke's last point
  SecureString typed_name_;
  bool typed_ = false;
};

// Renders the strokes black on white, kSignaturePngWidth x kSignaturePngHeight, as PNG bytes.
// Empty on an encoder failure.
SecureString signature_png(const Signature& sig);
// Standard base64 (RFC 4648, padded).
SecureString base64_encode(std::string_view bytes);

}  // namespace kiosk::forms
