// Digests for files the kiosk writes and checks: SHA-256 as lowercase hex (export manifests),
// and bytes as lowercase hex. libsodium does the work (crypto_hash_sha256, sodium_bin2hex).
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace kiosk {

// Lowercase hex of `n` bytes at `p` (two characters per byte).
std::string hex(const unsigned char* p, std::size_t n);
// SHA-256 of `bytes` as 64 lowercase hex characters.
std::string sha256_hex(std::string_view bytes);

}  // namespace kiosk
