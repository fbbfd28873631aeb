// Fuzzes the kiosk's TOML configuration (kiosk.toml): parsing and validation, then the [upload]
// endpoint checks (URL, proxy, pinning) a configuration that parses goes through before any request.
#include <cstdint>
#include <string>

#include "kiosk/config/config.h"
#include "kiosk/sync/endpoint_policy.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  auto r = kiosk::parse_config(std::string(kiosk::fuzz::as_text(data, size)), "fuzz.toml");
  if (r.ok()) (void)kiosk::sync::check_endpoint(r.config.upload);
  return 0;
}
