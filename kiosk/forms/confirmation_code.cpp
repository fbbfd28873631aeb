// Derives the confirmation code from a submission id (see confirmation_code.h for the recipe).
#include "kiosk/forms/confirmation_code.h"

#include <sodium.h>

#include <cstdint>
#include <stdexcept>

namespace kiosk::forms {

std::string confirmation_code(std::string_view prefix, std::string_view submission_id) {
  static constexpr std::string_view kDomain = "kiosk-confirmation-v1:";
  std::string input(kDomain);
  input += submission_id;
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  unsigned char h[crypto_generichash_BYTES_MIN];  // 16: libsodium's smallest BLAKE2b output
  crypto_generichash(h, sizeof h, reinterpret_cast<const unsigned char*>(input.data()),
                     input.size(), nullptr, 0);
  uint64_t n = 0;
  for (int i = 7; i >= 0; --i) n = (n << 8) | h[i];
  constexpr uint64_t kBase = 30, kSpace = 656100000000ULL;  // 30^8
  static_assert(kSpace == kBase * kBase * kBase * kBase * kBase * kBase * kBase * kBase);
  n %= kSpace;  // bias ≤ 30^8 / 2^64 ≈ 4e-8: negligible
  char digits[8];
  for (int i = 7; i >= 0; --i) {
    digits[i] = kCodeAlphabet[n % kBase];
    n /= kBase;
  }
  std::string code(prefix);
  code += '-';
  code.append(digits, 4);
  code += '-';
  code.append(digits + 4, 4);
  return code;
}

bool is_confirmation_code(std::string_view code) {
  if (code.size() != 12 || code[2] != '-' || code[7] != '-') return false;
  for (int i = 0; i < 2; ++i)
    if (code[i] < 'A' || code[i] > 'Z') return false;
  for (std::size_t i = 3; i < 12; ++i)
    if (i != 7 && kCodeAlphabet.find(code[i]) == std::string_view::npos) return false;
  return true;
}

}  // namespace kiosk::forms
