// The department's X25519 key pair (crypto_box): records are sealed to its public key on the kiosk
// and opened with its secret key only at the department. The bundled demo key's secret is public
// (tests/support/demo-department.secret), so sealing to it is "demo mode", never real protection.
//
// Invariants: a DepartmentPublicKey always holds exactly 32 valid-length bytes; a key id is the
// first 16 hex digits of BLAKE2b-256 of those bytes (the envelope's `sealed_to`); secret key bytes
// live only in zero-on-free buffers and are never logged or printed except into department.secret.
#pragma once
#include <sodium.h>

#include <array>
#include <string>
#include <string_view>

#include "kiosk/crypto/base64.h"
#include "kiosk/crypto/result.h"
#include "kiosk/core/secure_buffer.h"

namespace kiosk::crypto {

inline constexpr std::size_t kDepartmentPublicKeyBytes = crypto_box_PUBLICKEYBYTES;  // 32
inline constexpr std::size_t kDepartmentSecretKeyBytes = crypto_box_SECRETKEYBYTES;  // 32
static_assert(kDepartmentPublicKeyBytes == 32 && kDepartmentSecretKeyBytes == 32);

// Bytes wiped (sodium_memzero) when freed: secret keys and opened plaintext.
using SecretBytes = SecureVector<unsigned char>;

class DepartmentPublicKey {
 public:
  using Raw = std::array<unsigned char, kDepartmentPublicKeyBytes>;
  explicit DepartmentPublicKey(const Raw& bytes) : bytes_(bytes) {}

  // From standard base64 (one line, surrounding spaces and a final newline tolerated, so a
  // department.public file's text can be passed as is). The error is a phrase to follow the
  // key's name ("is not standard base64 ..."); it never repeats the value.
  static Result<DepartmentPublicKey> parse(std::string_view base64);
  // The bundled demo key (assets/keys/demo-department-public-key.txt).
  static DepartmentPublicKey demo();

  const Raw& bytes() const { return bytes_; }
  std::string base64() const;
  std::string key_id() const;  // 16 lower-case hex digits
  bool is_demo() const;
  bool operator==(const DepartmentPublicKey&) const = default;

 private:
  Raw bytes_;
};

// The key id of any 32-byte public key: first 16 hex digits of BLAKE2b-256 (crypto_generichash).
std::string key_id_of(std::span<const unsigned char> public_key_bytes);

class DepartmentSecretKey {
 public:
  // From the base64 text of a department.secret file (a final newline tolerated).
  static Result<DepartmentSecretKey> parse(std::string_view base64);
  const SecretBytes& bytes() const { return bytes_; }
  DepartmentPublicKey public_key() const;  // derived (crypto_scalarmult_base)

 private:
  friend struct DepartmentKeyPair;
  explicit DepartmentSecretKey(SecretBytes bytes) : bytes_(std::move(bytes)) {}
  SecretBytes bytes_;
};

struct DepartmentKeyPair {
  DepartmentPublicKey public_key;
  DepartmentSecretKey secret_key;
  static DepartmentKeyPair generate();  // crypto_box_keypair; throws CryptoError
};

// File names inside the directory `kiosk --new-department-keys DIR` writes.
inline constexpr const char* kDepartmentPublicFile = "department.public";
inline constexpr const char* kDepartmentSecretFile = "department.secret";

// Makes a new pair and writes DIR/department.public (one line of base64, mode 0644) and
// DIR/department.secret (one line of base64, mode 0600), creating DIR (mode 0700) if missing.
// Refuses, writing nothing, when either file exists. Returns the new public key or why it failed.
Result<DepartmentPublicKey> write_new_department_keys(const std::string& dir);

// Reads a department.public / department.secret file. Errors name the file, never its bytes.
Result<DepartmentPublicKey> read_department_public_file(const std::string& path);
Result<DepartmentSecretKey> read_department_secret_file(const std::string& path);

}  // namespace kiosk::crypto
