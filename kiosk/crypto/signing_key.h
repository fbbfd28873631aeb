// The kiosk's Ed25519 signing key: made once per data dir (file `signing-key` beside `kiosk-id`,
// mode 0600), it signs every record this kiosk collects or migrates; the department registers its
// public key with the kiosk id ("collector_public_key"), which is what makes a signature mean
// something. Also the free verify() every checker (import, test server, intake) uses.
//
// Invariants: the file holds one line, the base64 of the 32-byte Ed25519 seed; the secret is never
// logged, exported or printed; an existing file is never replaced (a damaged one is an error that
// names the file, so a registered key is never silently swapped for a new one).
#pragma once
#include <sodium.h>

#include <array>
#include <span>
#include <string>
#include <string_view>

#include "kiosk/crypto/base64.h"
#include "kiosk/crypto/department_key.h"  // SecretBytes
#include "kiosk/crypto/result.h"

namespace kiosk::crypto {

inline constexpr std::size_t kCollectorPublicKeyBytes = crypto_sign_PUBLICKEYBYTES;  // 32
inline constexpr std::size_t kSignatureBytes = crypto_sign_BYTES;                    // 64
inline constexpr const char* kSigningKeyFile = "signing-key";

using Signature = std::array<unsigned char, kSignatureBytes>;

// A kiosk's Ed25519 public key as the protocol names it (collector_public_key).
class CollectorPublicKey {
 public:
  using Raw = std::array<unsigned char, kCollectorPublicKeyBytes>;
  explicit CollectorPublicKey(const Raw& bytes) : bytes_(bytes) {}
  // From standard base64 (exactly 32 bytes). The error is a phrase to follow the key's name.
  static Result<CollectorPublicKey> parse(std::string_view base64);
  const Raw& bytes() const { return bytes_; }
  std::string base64() const { return to_base64(bytes_); }
  bool operator==(const CollectorPublicKey&) const = default;

 private:
  Raw bytes_;
};

class KioskSigningKey {
 public:
  // <data_dir>/signing-key: read, or made (mode 0600) if absent. Two processes starting at once
  // end up with the same key (the file is linked into place exclusively; the loser reads it).
  // Throws CryptoError naming the file on a damaged or unreadable key or an unwritable data dir.
  static KioskSigningKey load_or_create(const std::string& data_dir);
  // A fresh key held only in memory (tests, tools).
  static KioskSigningKey generate();

  const CollectorPublicKey& public_key() const { return public_key_; }
  std::string public_key_base64() const { return public_key_.base64(); }
  Signature sign(std::span<const unsigned char> message) const;
  Signature sign(std::string_view message) const;

 private:
  explicit KioskSigningKey(SecretBytes secret);  // the 64-byte libsodium secret key
  SecretBytes secret_;
  CollectorPublicKey public_key_;
};

std::string signing_key_path(const std::string& data_dir);

// True when `signature` is `public_key`'s Ed25519 signature of exactly `message`.
bool verify(const CollectorPublicKey& public_key, std::string_view message,
            std::span<const unsigned char> signature);
// As above with the key in base64; false also when the key is not 32 bytes of base64.
bool verify(std::string_view public_key_base64, std::string_view message,
            std::span<const unsigned char> signature);

}  // namespace kiosk::crypto
