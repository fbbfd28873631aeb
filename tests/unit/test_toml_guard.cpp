// toml_guard (kiosk/config/toml_guard.h): non-ASCII outside strings and comments is refused before
// toml++ (whose 3.3.0 hits undefined behaviour there) parses; valid TOML is never refused.
#include <catch2/catch.hpp>

#include "kiosk/config/config.h"
#include "kiosk/config/toml_guard.h"

using kiosk::toml_non_ascii_outside_strings;

TEST_CASE("toml guard: non-ASCII in strings, quoted keys and comments passes") {
  for (const char* ok : {
           "language = \"es\" # idioma: español\n",
           "\"clé\" = 1\n'llave ñ' = 2\n",
           "s = \"a\\\"é\"\n",                        // an escaped quote does not end the string
           "s = \"\"\"\nmulti é\n\"\"\"\nt = 1\n",    // multi-line basic string
           "s = '''ü''' # ok\n",                      // multi-line literal
           "s = \"\"\"a\"\"\"\"\" # ¡sí!\n",          // up to two extra quotes close it
           "s = 'C:\\Users\\é'\n",                    // a literal string takes no escapes
           "s = \"\"\"línea \\\n  continúa\"\"\"\n",  // a line-ending backslash
           "",
       }) {
    INFO(ok);
    CHECK_FALSE(toml_non_ascii_outside_strings(ok));
  }
}

TEST_CASE("toml guard: non-ASCII outside a string is refused with its line and column") {
  auto bad = toml_non_ascii_outside_strings("é = 1\n");
  REQUIRE(bad);
  CHECK(bad->rfind("line 1, column 1:", 0) == 0);
  bad = toml_non_ascii_outside_strings("a = \"x\"\n# é\nb = 1 \xC2\xA0\n");
  REQUIRE(bad);
  CHECK(bad->rfind("line 3, column 7:", 0) == 0);
  // A one-line string ends at its line: an unterminated one does not hide the next line.
  bad = toml_non_ascii_outside_strings("a = \"open\nñ = 2\n");
  REQUIRE(bad);
  CHECK(bad->rfind("line 2, column 1:", 0) == 0);
  // Lines count inside multi-line strings too.
  bad = toml_non_ascii_outside_strings("s = '''\n\n'''\nkey\xE2\x80\x83= 1\n");
  REQUIRE(bad);
  CHECK(bad->rfind("line 4, column 4:", 0) == 0);
}

TEST_CASE("toml guard: parse_config reports the character instead of reaching toml++") {
  auto r = kiosk::parse_config("[kiosk]\nidioma\xC2\xA1 = \"es\"\n", "kiosk.toml");
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].find("kiosk.toml: line 2, column 7:") == 0);
  CHECK(r.errors[0].find("outside ASCII") != std::string::npos);
  // Non-ASCII where TOML allows it reaches toml++ and the config reads as before.
  r = kiosk::parse_config("# Quiosco del vestíbulo\n[kiosk]\nlanguage = \"es\" # español\n",
                          "kiosk.toml");
  CHECK(r.errors.empty());
  CHECK(r.config.language == "es");
}
