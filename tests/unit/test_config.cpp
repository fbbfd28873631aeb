// Config: defaults, every bad value named with its key, unknown keys warned about, files.
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>

#include "kiosk/config/config.h"

using kiosk::parse_config;

TEST_CASE("an empty config gives the documented defaults") {
  auto r = parse_config("", "kiosk.toml");
  REQUIRE(r.ok());
  CHECK(r.warnings.empty());
  CHECK(r.config.language == "en");
  CHECK(r.config.idle_timeout_s == 90);
  CHECK(r.config.sent_retention_days == 30);
  CHECK(r.config.upload.endpoint.empty());
  CHECK(r.config.upload.backoff_base_s == 5);
  CHECK(r.config.upload.backoff_cap_s == 900);
  CHECK_FALSE(r.config.upload.allow_insecure_http);
}

TEST_CASE("valid values are read") {
  auto r = parse_config(R"(
[kiosk]
language = "es"
idle_timeout_s = 120
[upload]
endpoint = "https://records.example.org/kiosk/"
backoff_base_s = 2
backoff_cap_s = 60
allow_insecure_http = true
[privacy]
department_public_key = "rGl+hzOdoTVRpb7HAxnuGVWIhpl9oPnmGiNVWXfhSQs="
)",
                        "kiosk.toml");
  REQUIRE(r.ok());
  CHECK(r.config.language == "es");
  CHECK(r.config.idle_timeout_s == 120);
  CHECK(r.config.upload.endpoint == "https://records.example.org/kiosk");  // trailing slash trimmed
  CHECK(r.config.upload.backoff_cap_s == 60);
  CHECK(r.config.upload.allow_insecure_http);
}

TEST_CASE("each bad value is an error naming the key and what is expected") {
  struct Case {
    const char* toml;
    const char* message;
  };
  const Case cases[] = {
      {"[kiosk]\nlanguage = \"fr\"", "kiosk.language: expected one of \"en\" \"es\", got \"fr\""},
      {"[kiosk]\nidle_timeout_s = \"90\"",
       "kiosk.idle_timeout_s: expected a whole number from 15 to 3600, got \"90\""},
      {"[kiosk]\nidle_timeout_s = 5",
       "kiosk.idle_timeout_s: expected a whole number from 15 to 3600, got 5"},
      {"[kiosk]\nidle_timeout_s = 1.5", "kiosk.idle_timeout_s: expected a whole number"},
      {"[upload]\nallow_insecure_http = \"yes\"",
       "upload.allow_insecure_http: expected true or false"},
      {"[upload]\nendpoint = \"ftp://x\"", "upload.endpoint: expected an https:// URL"},
      {"[upload]\nbackoff_base_s = 10\nbackoff_cap_s = 5",
       "upload.backoff_cap_s: expected a value >= upload.backoff_base_s"},
      {"[log]\nlevel = \"loud\"", "log.level: expected one of"},
      {"kiosk = 3", "kiosk: expected a [kiosk] table"},
      {"[kiosk\nlanguage = \"en\"", "kiosk.toml:1:"},
  };
  for (const auto& c : cases) {
    INFO(c.toml);
    auto r = parse_config(c.toml, "kiosk.toml");
    REQUIRE(r.errors.size() == 1);
    CHECK_THAT(r.errors[0], Catch::Contains(c.message));
    CHECK_THAT(r.errors[0], Catch::StartsWith("kiosk.toml"));
  }
}

TEST_CASE("an upload endpoint in demo mode is an error naming the fix") {
  const std::string demo_key = kiosk::crypto::DepartmentPublicKey::demo().base64();
  for (const std::string& privacy :
       {std::string(), "[privacy]\ndepartment_public_key = \"" + demo_key + "\"\n"}) {
    INFO(privacy);
    auto r = parse_config("[upload]\nendpoint = \"https://records.example.org\"\n" + privacy,
                          "kiosk.toml");
    REQUIRE(r.errors.size() == 1);
    CHECK_THAT(r.errors[0], Catch::Contains("set [privacy] department_public_key"));
  }
  CHECK(parse_config("[privacy]\n", "kiosk.toml").ok());  // demo mode without uploads is fine
}

TEST_CASE("an invalid value leaves that setting at its default") {
  auto r = parse_config("[kiosk]\nidle_timeout_s = -1\nlanguage = \"es\"", "k.toml");
  CHECK_FALSE(r.ok());
  CHECK(r.config.idle_timeout_s == 90);
  CHECK(r.config.language == "es");
}

TEST_CASE("unknown keys and sections are warnings, not errors") {
  auto r = parse_config("[kiosk]\nidle_timout_s = 30\n[colours]\nx = 1", "k.toml");
  CHECK(r.ok());
  REQUIRE(r.warnings.size() == 2);
  CHECK_THAT(r.warnings[0], Catch::Contains("unknown key colours"));
  CHECK_THAT(r.warnings[1], Catch::Contains("unknown key kiosk.idle_timout_s"));
}

TEST_CASE("load_config: a missing default file is fine, a missing --config file is not") {
  CHECK(kiosk::load_config("/nonexistent/kiosk.toml", false).ok());
  auto r = kiosk::load_config("/nonexistent/kiosk.toml", true);
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(r.errors[0], Catch::Contains("/nonexistent/kiosk.toml: cannot read"));
}

TEST_CASE("load_config reads a file") {
  std::string path = std::string(KIOSK_BUILD_DIR) + "/test_config_tmp.toml";
  { std::ofstream(path) << "[kiosk]\nidle_timeout_s = 60\n"; }
  auto r = kiosk::load_config(path, true);
  std::remove(path.c_str());
  REQUIRE(r.ok());
  CHECK(r.config.idle_timeout_s == 60);
}
