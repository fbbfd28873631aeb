// crypto_box_seal / crypto_box_seal_open over the department's keys.
#include "kiosk/crypto/seal.h"

#include "kiosk/crypto/sodium_init.h"

namespace kiosk::crypto {

Bytes seal(const DepartmentPublicKey& to, std::span<const unsigned char> plaintext) {
  ensure_sodium();
  Bytes sealed(plaintext.size() + kSealOverheadBytes);
  if (crypto_box_seal(sealed.data(), plaintext.data(), plaintext.size(), to.bytes().data()) != 0)
    throw CryptoError("could not seal a record to the department key");
  return sealed;
}

Bytes seal(const DepartmentPublicKey& to, std::string_view plaintext) {
  return seal(
      to, std::span(reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size()));
}

std::optional<SecretBytes> open_sealed(const DepartmentPublicKey& public_key,
                                       const DepartmentSecretKey& secret_key,
                                       std::span<const unsigned char> sealed) {
  ensure_sodium();
  if (sealed.size() < kSealOverheadBytes) return std::nullopt;
  SecretBytes plain(sealed.size() - kSealOverheadBytes);
  if (crypto_box_seal_open(plain.data(), sealed.data(), sealed.size(), public_key.bytes().data(),
                           secret_key.bytes().data()) != 0)
    return std::nullopt;
  return plain;
}

}  // namespace kiosk::crypto
