// [privacy] department_public_key and trusted_collector_keys in kiosk.toml: accepted keys are
// parsed, bad ones are errors naming the key and the problem but never the value, and demo mode
// is no key or the demo key.
#include <catch2/catch.hpp>

#include "kiosk/config/config.h"

using kiosk::parse_config;

namespace {
const char* kKioskA = "aa09e530-e00b-460d-894f-e95c1d2c6236";
const char* kKeyA = "xgZ0XJrvr/mnTsJmSfNaG27sjbKXcaQBzqB1/vcTW5Y=";
const char* kDeptKey = "4AJVJU5o6ofYTxMX9a1iMd9nFYMDzFxWPZCo/9PRSE8=";
}  // namespace

TEST_CASE("no department key configured: sealing to the demo key is demo mode") {
  auto r = parse_config("", "t.toml");
  REQUIRE(r.ok());
  CHECK_FALSE(r.config.department_public_key);
  CHECK(kiosk::sealing_key(r.config).is_demo());
  CHECK(kiosk::demo_mode(r.config));
}

TEST_CASE("a configured department key is used and is not demo mode, unless it is the demo key") {
  auto r = parse_config(std::string("[privacy]\ndepartment_public_key = \"") + kDeptKey + "\"\n",
                        "t.toml");
  REQUIRE(r.ok());
  CHECK(r.warnings.empty());
  REQUIRE(r.config.department_public_key);
  CHECK(r.config.department_public_key->base64() == kDeptKey);
  CHECK(kiosk::sealing_key(r.config).base64() == kDeptKey);
  CHECK_FALSE(kiosk::demo_mode(r.config));

  auto demo = parse_config("[privacy]\ndepartment_public_key = \"" +
                               kiosk::crypto::DepartmentPublicKey::demo().base64() + "\"\n",
                           "t.toml");
  REQUIRE(demo.ok());
  CHECK(kiosk::demo_mode(demo.config));
}

TEST_CASE("a bad department key is an error naming the key and the problem, not the value") {
  auto r = parse_config("[privacy]\ndepartment_public_key = \"c2VjcmV0LXZhbHVl\"\n", "t.toml");
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0] ==
        "t.toml: privacy.department_public_key: expected the base64 of a 32-byte department "
        "public key (the one line of department.public), but the value decodes to 12 bytes, not "
        "the expected 32");
  auto garbled = parse_config("[privacy]\ndepartment_public_key = \"oops!value\"\n", "t.toml");
  REQUIRE(garbled.errors.size() == 1);
  CHECK(garbled.errors[0].find("privacy.department_public_key") != std::string::npos);
  CHECK(garbled.errors[0].find("oops") == std::string::npos);
  auto wrong_type = parse_config("[privacy]\ndepartment_public_key = 5\n", "t.toml");
  CHECK(wrong_type.errors.size() == 1);
}

TEST_CASE("trusted collector keys: a table of kiosk id = public key") {
  auto r = parse_config(
      std::string("[privacy.trusted_collector_keys]\n\"") + kKioskA + "\" = \"" + kKeyA + "\"\n",
      "t.toml");
  REQUIRE(r.ok());
  CHECK(r.warnings.empty());
  REQUIRE(r.config.trusted_collector_keys.size() == 1);
  CHECK(r.config.trusted_collector_keys.at(kKioskA).base64() == kKeyA);
}

TEST_CASE("trusted collector keys refuse a non-UUID kiosk id or a bad key, naming the entry") {
  auto bad_id = parse_config(
      std::string("[privacy.trusted_collector_keys]\nkiosk-one = \"") + kKeyA + "\"\n", "t.toml");
  REQUIRE(bad_id.errors.size() == 1);
  CHECK(
      bad_id.errors[0].find("privacy.trusted_collector_keys.\"kiosk-one\": expected a kiosk id") !=
      std::string::npos);
  auto bad_key = parse_config(
      std::string("[privacy.trusted_collector_keys]\n\"") + kKioskA + "\" = \"Zm9vYmFy\"\n",
      "t.toml");
  REQUIRE(bad_key.errors.size() == 1);
  CHECK(bad_key.errors[0].find(kKioskA) != std::string::npos);
  CHECK(bad_key.errors[0].find("Zm9vYmFy") == std::string::npos);
  auto not_table = parse_config("[privacy]\ntrusted_collector_keys = \"x\"\n", "t.toml");
  CHECK(not_table.errors.size() == 1);
}
