// toml_guard (kiosk/config/toml_guard.h): non-ASCII only on whole-line comments, refused elsewhere
// before toml++ (whose 3.3.0 hits undefined behaviour on some of it) parses.
#include <catch2/catch.hpp>

#include "kiosk/config/config.h"
#include "kiosk/config/toml_guard.h"

using kiosk::toml_non_ascii_outside_comments;

TEST_CASE("toml guard: non-ASCII on whole-line comments passes, ASCII anywhere") {
  for (const char* ok : {
           "# Quiosco del vestíbulo\n  # ¡hola!\nlanguage = \"es\"\n",
           "s = \"Vest\\u00edbulo\" # plain ASCII\n",
           "",
       }) {
    INFO(ok);
    CHECK_FALSE(toml_non_ascii_outside_comments(ok));
  }
}

TEST_CASE("toml guard: non-ASCII anywhere else is refused with its line and column") {
  struct Case {
    const char* text;
    const char* where;
  };
  for (const Case& c : {
           Case{"é = 1\n", "line 1, column 1:"},
           Case{"a = \"x\"\n# é\nb = 1 \xC2\xA0\n", "line 3, column 7:"},
           Case{"s = \"é\"\n", "line 1, column 6:"},  // in a string: write \u00e9
           Case{"language = \"es\" # español\n", "line 1, column 23:"},  // a trailing comment
           // The fuzzer's input: a value scanned past a quote into non-ASCII (toml++ trapped).
           Case{"'3s'=-3'+++\xEF\xB9\xBF+\"\n", "line 1, column 12:"},
       }) {
    INFO(c.text);
    auto bad = toml_non_ascii_outside_comments(c.text);
    REQUIRE(bad);
    CHECK(bad->rfind(c.where, 0) == 0);
  }
}

TEST_CASE("toml guard: parse_config reports the character instead of reaching toml++") {
  auto r = kiosk::parse_config("[kiosk]\nidioma\xC2\xA1 = \"es\"\n", "kiosk.toml");
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].find("kiosk.toml: line 2, column 7:") == 0);
  CHECK(r.errors[0].find("outside ASCII") != std::string::npos);
  // A commented config in Spanish reads as before.
  r = kiosk::parse_config("# Quiosco del vestíbulo\n[kiosk]\nlanguage = \"es\"\n", "kiosk.toml");
  CHECK(r.errors.empty());
  CHECK(r.config.language == "es");
}
