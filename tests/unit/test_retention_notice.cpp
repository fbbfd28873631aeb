// The privacy screen's retention paragraph (string privacy.retention, issue 11): the days come from
// the config ([privacy] sent_retention_days, damaged_copy_retention_days), and it states that a
// record the department has not received or refused is never erased by time, in both languages.
#include <catch2/catch.hpp>
#include <string>

#include "kiosk/config/config.h"
#include "kiosk/core/strings.h"

using kiosk::Lang;
using kiosk::Strings;

TEST_CASE("the retention paragraph states the configured days and the never-by-time rule") {
  auto cfg = kiosk::parse_config(
      "[privacy]\nsent_retention_days = 7\ndamaged_copy_retention_days = 45\n", "t.toml");
  REQUIRE(cfg.ok());
  const auto days = [&](Lang l) {
    return Strings::builtin().format(
        l, "privacy.retention",
        {{"sent_days", std::to_string(cfg.config.sent_retention_days)},
         {"damaged_days", std::to_string(cfg.config.damaged_copy_retention_days)}});
  };
  const std::string en = days(Lang::En), es = days(Lang::Es);
  CHECK_THAT(en, Catch::Contains("then 7 more days") && Catch::Contains("kept 45 days") &&
                     Catch::Contains("never erased just because time has passed") &&
                     Catch::Contains("refused") && !Catch::Contains("{"));
  CHECK_THAT(es, Catch::Contains("luego 7 días más") && Catch::Contains("conserva 45 días") &&
                     Catch::Contains("nunca se borra") && Catch::Contains("rechazado") &&
                     !Catch::Contains("{"));
}

TEST_CASE("retention and capture keys: defaults and limits") {
  auto d = kiosk::parse_config("", "t.toml");
  REQUIRE(d.ok());
  CHECK(d.config.damaged_copy_retention_days == 30);
  CHECK(d.config.capture_max_per_hour == 120);
  CHECK(d.config.capture_max_outbox_mb == 500);
  auto c = kiosk::parse_config("[capture]\nmax_per_hour = 1\nmax_outbox_mb = 2\n", "t.toml");
  REQUIRE(c.ok());
  CHECK(c.config.capture_max_per_hour == 1);
  CHECK(c.config.capture_max_outbox_mb == 2);
  for (const char* bad :
       {"[capture]\nmax_per_hour = 0\n", "[capture]\nmax_outbox_mb = 0\n",
        "[capture]\nmax_per_minute = 3\n", "[privacy]\ndamaged_copy_retention_days = -1\n"}) {
    auto r = kiosk::parse_config(bad, "t.toml");
    CHECK((!r.ok() || !r.warnings.empty()));
  }
}
