// Base64 as the protocol writes it: the standard alphabet with '=' padding (RFC 4648 section 4),
// via libsodium's ORIGINAL variant. Keys, sealed payloads and signatures travel in this form.
//
// Invariant: decoding is strict: no whitespace, no missing or extra padding, no non-zero spare bits,
// so every byte string has exactly one accepted text (a signed text cannot be re-encoded).
#pragma once
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/crypto/result.h"

namespace kiosk::crypto {

using Bytes = std::vector<unsigned char>;

std::string to_base64(std::span<const unsigned char> bytes);
std::string to_base64(std::string_view bytes);

// The bytes of `text`, or why it is not canonical standard base64. Errors are phrases to follow
// the value's name ("is not standard base64 (...)", "decodes to 16 bytes, not the expected 32").
Result<Bytes> from_base64(std::string_view text);
// As above, and the decoded length must be exactly `expected_bytes`.
Result<Bytes> from_base64(std::string_view text, std::size_t expected_bytes);

}  // namespace kiosk::crypto
