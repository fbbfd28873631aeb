// Starting libsodium once before any crypto call, and the error every crypto failure that is not
// the caller's input (no random source, a file that cannot be written) is reported with.
#pragma once
#include <stdexcept>
#include <string>

namespace kiosk::crypto {

class CryptoError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Calls sodium_init() (idempotent and thread-safe). Throws CryptoError when libsodium cannot start
// (no usable random source): nothing may be sealed or signed then.
void ensure_sodium();

}  // namespace kiosk::crypto
