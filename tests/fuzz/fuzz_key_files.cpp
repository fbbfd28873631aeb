// Fuzzes the one-line key files an operator installs (the department's public and secret keys,
// a collector's public key: docs/keys.md) and the base64 decoder under them. Base64 must be
// canonical: whatever decodes encodes back to the very same text.
#include <sodium.h>

#include <cstdint>
#include <cstdlib>
#include <string>

#include "kiosk/crypto/base64.h"
#include "kiosk/crypto/department_key.h"
#include "kiosk/crypto/key_files.h"
#include "kiosk/crypto/signing_key.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  static const bool sodium_ready = sodium_init() >= 0;
  if (!sodium_ready) std::abort();
  const std::string_view text = kiosk::fuzz::as_text(data, size);
  // Each parse trims the line itself, as it does for a file read with read_key_file.
  (void)kiosk::crypto::DepartmentPublicKey::parse(text);
  (void)kiosk::crypto::DepartmentSecretKey::parse(text);
  (void)kiosk::crypto::CollectorPublicKey::parse(text);
  (void)kiosk::crypto::from_base64(kiosk::crypto::detail::trim_line(text), 32);  // a signing seed
  auto bytes = kiosk::crypto::from_base64(text);
  if (bytes && kiosk::crypto::to_base64(std::string_view(
                   reinterpret_cast<const char*>(bytes->data()), bytes->size())) != text)
    __builtin_trap();
  return 0;
}
