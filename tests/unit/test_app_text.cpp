// UI text: the embedded EN/ES strings (same keys, nothing empty, placeholders kept), formatting
// with {placeholders}, missing keys, and event dates/times in both languages.
#include <catch2/catch.hpp>

#include <regex>
#include <set>

#include "kiosk/app/event_text.h"
#include "kiosk/content/catalogue.h"
#include "kiosk/core/strings.h"

using kiosk::Event;
using kiosk::Lang;
using kiosk::Strings;

TEST_CASE("embedded UI strings parse, with the same keys in English and Spanish") {
  const Strings& s = Strings::builtin();
  auto keys = s.keys();
  REQUIRE(keys.size() > 20);
  for (const auto& k : keys) {
    INFO(k);
    CHECK(s.get(Lang::En, k) != k);
    CHECK(s.get(Lang::Es, k) != k);
    // Every {placeholder} of the English text is in the Spanish one too.
    std::regex ph("\\{[a-z_]+\\}");
    std::set<std::string> en, es;
    const std::string& e = s.get(Lang::En, k);
    const std::string& p = s.get(Lang::Es, k);
    for (std::sregex_iterator it(e.begin(), e.end(), ph), end; it != end; ++it)
      en.insert(it->str());
    for (std::sregex_iterator it(p.begin(), p.end(), ph), end; it != end; ++it)
      es.insert(it->str());
    CHECK(en == es);
  }
  CHECK(s.get(Lang::Es, "idle.more_time") == "Más tiempo");
  CHECK(s.get(Lang::En, "attract.touch_to_start") == "Touch to start");
}

TEST_CASE("strings: parse rejects a key missing in one language, non-strings and bad JSON") {
  std::vector<std::string> errors;
  CHECK_FALSE(Strings::parse(R"({"a":"A","b":"B"})", R"({"a":"A"})", errors));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0] == "es.json: key b: missing (present in en.json)");
  errors.clear();
  CHECK_FALSE(Strings::parse(R"({"a":1})", R"({"a":"A"})", errors));
  CHECK(errors.at(0) == "en.json: key a: expected a string");
  errors.clear();
  CHECK_FALSE(Strings::parse(R"({"a":"A")", R"({"a":"A"})", errors));
  CHECK(errors.at(0) == "en.json: not a JSON object of key -> text");
  errors.clear();
  CHECK_FALSE(Strings::parse(R"({"a":""})", R"({"a":"A"})", errors));
  CHECK(errors.at(0) == "en.json: key a: empty or not displayable UTF-8");
}

TEST_CASE("strings: format fills every placeholder, a missing key shows itself") {
  std::vector<std::string> errors;
  auto s = Strings::parse(R"({"n":"{n} of {n}, {who}"})", R"({"n":"{n} de {n}, {who}"})", errors);
  REQUIRE(s);
  CHECK(s->format(Lang::En, "n", {{"n", "3"}, {"who", "you"}}) == "3 of 3, you");
  CHECK(s->format(Lang::Es, "n", {{"n", "{n}"}}) ==
        "{n} de {n}, {who}");  // no recursion on the value
  CHECK(s->get(Lang::Es, "nope") == "es:nope");
}

TEST_CASE("event dates read naturally in English and Spanish") {
  CHECK(kiosk::format_date("2026-08-04", Lang::En) == "Tuesday, August 4, 2026");
  CHECK(kiosk::format_date("2026-08-04", Lang::Es) == "Martes, 4 de agosto de 2026");
  CHECK(kiosk::format_date("2024-02-29", Lang::En) == "Thursday, February 29, 2024");
  CHECK(kiosk::format_date("2000-01-01", Lang::Es) == "Sábado, 1 de enero de 2000");
  CHECK(kiosk::format_date("2026-13-01", Lang::En) == "2026-13-01");  // malformed: shown as is
  CHECK(kiosk::format_date("soon", Lang::En) == "soon");
  CHECK(kiosk::format_time("18:30", Lang::En) == "6:30 PM");
  CHECK(kiosk::format_time("00:05", Lang::En) == "12:05 AM");
  CHECK(kiosk::format_time("12:00", Lang::En) == "12:00 PM");
  CHECK(kiosk::format_time("18:30", Lang::Es) == "6:30 p. m.");
  CHECK(kiosk::format_time("25:00", Lang::Es) == "25:00");

  Event e;
  e.date = "2026-08-04";
  CHECK(kiosk::format_event_when(e, Lang::En) == "Tuesday, August 4, 2026");
  e.start_time = "18:00";
  e.end_time = "21:00";
  CHECK(kiosk::format_event_when(e, Lang::En) == "Tuesday, August 4, 2026 · 6:00 PM – 9:00 PM");
  CHECK(kiosk::format_event_when(e, Lang::Es) ==
        "Martes, 4 de agosto de 2026 · 6:00 p. m. – 9:00 p. m.");
  e.end_date = "2026-08-06";
  e.start_time = e.end_time = "";
  CHECK(kiosk::format_event_when(e, Lang::En) ==
        "Tuesday, August 4, 2026 – Thursday, August 6, 2026");
}

TEST_CASE("local_date is the kiosk's calendar day") {
  kiosk::Clock::Wall t;
  REQUIRE(kiosk::parse_rfc3339("2026-11-23T12:00:00Z", t));
  std::string d = kiosk::local_date(t);
  // Noon UTC is the 23rd in every time zone from UTC-11 to UTC+11.
  CHECK(d == "2026-11-23");
}
