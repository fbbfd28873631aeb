// UUIDv4 from randombytes_buf (getrandom on Linux): 122 random bits, so ids never collide in practice.
#include "offline-cache/uuid.h"

#include <sodium.h>

#include <cstdint>

#include "offline-cache/outbox.h"

namespace kiosk::store {

std::string uuid_v4() {
  static const bool ready =
      sodium_init() >= 0;  // thread-safe, idempotent; -1 only if it cannot start
  if (!ready)
    throw StoreError(StoreErrorKind::Other, "libsodium could not initialise its random generator");
  uint8_t b[16];
  randombytes_buf(b, sizeof b);
  b[6] = static_cast<uint8_t>((b[6] & 0x0f) | 0x40);  // version 4
  b[8] = static_cast<uint8_t>((b[8] & 0x3f) | 0x80);  // RFC 4122 variant
  static const char hex[] = "0123456789abcdef";
  std::string s;
  s.reserve(36);
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) s += '-';
    s += hex[b[i] >> 4];
    s += hex[b[i] & 15];
  }
  return s;
}

bool is_uuid_v4(const std::string& s) {
  if (s.size() != 36) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return false;
    }
  }
  return s[14] == '4' && (s[19] == '8' || s[19] == '9' || s[19] == 'a' || s[19] == 'b');
}

}  // namespace kiosk::store
