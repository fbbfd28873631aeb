// Sealing a record's answers to the department (crypto_box_seal: an ephemeral X25519 key per
// message, so the kiosk that sealed cannot open what it sealed) and opening them with the secret.
//
// Invariants: sealed = plaintext + crypto_box_SEALBYTES (48) bytes; opening fails (nullopt) on any
// changed bit; opened plaintext lives in a SecretBytes (wiped when freed). Callers wipe their own
// plaintext buffers (wipe_buffer) right after sealing.
#pragma once
#include <optional>
#include <span>
#include <string_view>

#include "kiosk/crypto/base64.h"
#include "kiosk/crypto/department_key.h"

namespace kiosk::crypto {

inline constexpr std::size_t kSealOverheadBytes = crypto_box_SEALBYTES;

// Throws CryptoError only when libsodium cannot start or refuses (it does not for valid keys).
Bytes seal(const DepartmentPublicKey& to, std::span<const unsigned char> plaintext);
Bytes seal(const DepartmentPublicKey& to, std::string_view plaintext);

// The plaintext, or nullopt when `sealed` was not sealed to this pair or was altered.
std::optional<SecretBytes> open_sealed(const DepartmentPublicKey& public_key,
                                       const DepartmentSecretKey& secret_key,
                                       std::span<const unsigned char> sealed);

}  // namespace kiosk::crypto
