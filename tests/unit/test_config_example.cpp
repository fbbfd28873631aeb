// The example config shipped in docs/ stays valid as the config format evolves.
#include <catch2/catch.hpp>

#include "kiosk/config/config.h"

TEST_CASE("docs/kiosk.example.toml is a valid config with no unknown keys") {
  auto r = kiosk::load_config(std::string(KIOSK_SOURCE_DIR) + "/docs/kiosk.example.toml", true);
  for (const auto& e : r.errors) UNSCOPED_INFO(e);
  CHECK(r.ok());
  CHECK(r.warnings.empty());
  CHECK(r.config.upload.endpoint == "https://records.democity.example.org/kiosk");
}
