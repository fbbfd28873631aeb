// SHA-256 and hex through libsodium (see digest.h).
#include "kiosk/core/digest.h"

#include <sodium.h>

namespace kiosk {

std::string hex(const unsigned char* p, std::size_t n) {
  std::string out(n * 2 + 1, '\0');  // sodium_bin2hex writes a terminating NUL
  sodium_bin2hex(out.data(), out.size(), p, n);
  out.pop_back();
  return out;
}

std::string sha256_hex(std::string_view bytes) {
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  return hex(h, sizeof h);
}

}  // namespace kiosk
