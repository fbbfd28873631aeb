// Strict standard base64 over libsodium's sodium_bin2base64 / sodium_base642bin.
#include "kiosk/crypto/base64.h"

#include <sodium.h>

namespace kiosk::crypto {

std::string to_base64(std::span<const unsigned char> bytes) {
  constexpr int kVariant = sodium_base64_VARIANT_ORIGINAL;
  const std::size_t cap = sodium_base64_ENCODED_LEN(bytes.size(), kVariant);  // includes the NUL
  std::string out(cap, '\0');
  sodium_bin2base64(out.data(), cap, bytes.data(), bytes.size(), kVariant);
  out.resize(cap - 1);
  return out;
}

std::string to_base64(std::string_view bytes) {
  return to_base64(std::span(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size()));
}

Result<Bytes> from_base64(std::string_view text) {
  if (text.size() % 4 != 0)
    return Result<Bytes>::failure("is not standard base64 (its length " +
                                  std::to_string(text.size()) + " is not a multiple of 4)");
  // Zero bytes encode as "". Returned here because an empty vector's data() may be null, which
  // libsodium's decoder declares it never is (UBSan catches it).
  if (text.empty()) return Bytes{};
  // libsodium 1.0.18's decoder takes every byte from 0x80 up as a letter (found by fuzzing:
  // tests/fuzz/corpus/key_files/high-bytes.txt), so a text would not be the only one for its bytes:
  // only the alphabet and '=' pass. Without branches on the text, like libsodium, since it may be a
  // secret key.
  unsigned bad = 0;
  for (unsigned char c : text) {
    unsigned ok = (static_cast<unsigned>(c - 'A') < 26u) | (static_cast<unsigned>(c - 'a') < 26u) |
                  (static_cast<unsigned>(c - '0') < 10u) | (c == '+') | (c == '/') | (c == '=');
    bad |= ok ^ 1u;
  }
  if (bad)
    return Result<Bytes>::failure(
        "is not standard base64 (a character, the padding or the length is wrong)");
  Bytes out(text.size() / 4 * 3);
  std::size_t len = 0;
  const char* end = nullptr;
  // No `ignore` characters: whitespace is an error. libsodium also refuses bad padding and
  // non-zero spare bits in the ORIGINAL variant, which makes the encoding canonical.
  if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &len, &end,
                        sodium_base64_VARIANT_ORIGINAL) != 0 ||
      end != text.data() + text.size()) {
    sodium_memzero(out.data(), out.size());  // a partly decoded secret must not linger
    return Result<Bytes>::failure(
        "is not standard base64 (a character, the padding or the length is wrong)");
  }
  out.resize(len);
  return out;
}

Result<Bytes> from_base64(std::string_view text, std::size_t expected_bytes) {
  Result<Bytes> r = from_base64(text);
  if (r && r->size() != expected_bytes)
    return Result<Bytes>::failure("decodes to " + std::to_string(r->size()) +
                                  " bytes, not the expected " + std::to_string(expected_bytes));
  return r;
}

}  // namespace kiosk::crypto
