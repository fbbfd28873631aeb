// libsodium start-up for the crypto library.
#include "kiosk/crypto/sodium_init.h"

#include <sodium.h>

namespace kiosk::crypto {

void ensure_sodium() {
  if (sodium_init() < 0)
    throw CryptoError("the crypto library (libsodium) could not start: no usable random source");
}

}  // namespace kiosk::crypto
