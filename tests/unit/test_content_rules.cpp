// Content rules in isolation: the font's character set, value formats (ids, phones, e-mail, URLs,
// dates, times) and the checks of per-program sign-up fields.
#include <catch2/catch.hpp>

#include "kiosk/content/json_reader.h"
#include "kiosk/content/field_format.h"
#include "kiosk/content/text_rules.h"
#include "kiosk/content/value_rules.h"

using nlohmann::json;
namespace content = kiosk::content;
namespace text_rules = kiosk::text_rules;

TEST_CASE("the glyph ranges given to the font atlas are exactly the characters content may use") {
  const std::uint16_t* r = text_rules::font_glyph_ranges();
  std::vector<std::pair<char32_t, char32_t>> ranges;
  for (; r[0] != 0; r += 2) {
    REQUIRE(r[0] <= r[1]);
    if (!ranges.empty()) REQUIRE(ranges.back().second < r[0]);  // sorted, disjoint
    ranges.emplace_back(r[0], r[1]);
  }
  for (char32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    bool in_ranges = std::any_of(ranges.begin(), ranges.end(),
                                 [&](auto p) { return cp >= p.first && cp <= p.second; });
    if (in_ranges != text_rules::in_font(cp))
      FAIL("mismatch at " << text_rules::code_point_name(cp));
  }
  CHECK(text_rules::in_font(U'ñ'));
  CHECK(text_rules::in_font(U'¿'));
  CHECK(text_rules::in_font(U'—'));
  CHECK(text_rules::in_font(U'“'));
  CHECK(text_rules::in_font(U'ő'));  // Latin Extended-A
  CHECK_FALSE(text_rules::in_font(U'\n'));
  CHECK_FALSE(text_rules::in_font(0x7F));
  CHECK_FALSE(text_rules::in_font(0x85));
  CHECK_FALSE(text_rules::in_font(U'€'));
  CHECK_FALSE(text_rules::in_font(0x1F600));
}

TEST_CASE("first_undrawable finds the first bad character by position") {
  CHECK_FALSE(text_rules::first_undrawable("Señal “sí” — ¿sí?", false));
  auto bad = text_rules::first_undrawable("añb\xE2\x82\xAC", false);  // "añb€"
  REQUIRE(bad);
  CHECK(bad->cp == 0x20AC);
  CHECK(bad->position == 3);
  CHECK_FALSE(text_rules::first_undrawable("one\ntwo", true));
  REQUIRE(text_rules::first_undrawable("one\ntwo", false));
  CHECK(text_rules::code_point_name(0x1F600) == "U+1F600");
  CHECK(text_rules::code_point_name(0x41) == "U+0041");
}

TEST_CASE("value formats") {
  using namespace content;
  CHECK(check_id("station-tours").empty());
  CHECK(check_id("k9-demonstrations").empty());
  for (const char* bad : {"", "Tours", "tours-", "-tours", "a--b", "a_b", "a b", "ñ"}) {
    INFO(bad);
    CHECK_FALSE(check_id(bad).empty());
  }
  CHECK_FALSE(check_id(std::string(41, 'a')).empty());
  CHECK(check_form_id("records_request").empty());
  CHECK_FALSE(check_form_id("Sign up").empty());
  CHECK(check_field_id("household_size").empty());
  CHECK_FALSE(check_field_id("household-size").empty());

  CHECK(check_phone("(555) 555-0100").empty());
  for (const char* bad : {"555-0100", "(555)555-0100", "(155) 555-0100", "(555) 055-0100",
                          "(555) 555-010", "911", "(555) 555-01OO"}) {
    INFO(bad);
    CHECK_FALSE(check_phone(bad).empty());
  }

  CHECK(check_email("records@democity.example.org").empty());
  CHECK(check_email("first.last+tag@example.org").empty());
  for (const char* bad : {"records", "@example.org", "a@b", "a@@b.org", "a@b..org", "a @b.org",
                          ".a@b.org", "a.@b.org", "a@-b.org"}) {
    INFO(bad);
    CHECK_FALSE(check_email(bad).empty());
  }

  CHECK(check_url("https://democity.example.org").empty());
  CHECK(check_url("https://democity.example.org/community/station-tours").empty());
  for (const char* bad :
       {"http://democity.example.org", "https://", "https://nodot", "https://a b.org",
        "ftp://x.org", "https://x.org:port/", "democity.example.org"}) {
    INFO(bad);
    CHECK_FALSE(check_url(bad).empty());
  }
  CHECK_FALSE(check_url("https://x.org/" + std::string(200, 'a')).empty());

  CHECK(check_date("2027-08-03").empty());
  CHECK(check_date("2028-02-29").empty());
  for (const char* bad : {"2027-02-29", "2027-13-01", "2027-00-10", "2027-04-31", "27-08-03",
                          "2027/08/03", "2027-8-3", "1999-12-31"}) {
    INFO(bad);
    CHECK_FALSE(check_date(bad).empty());
  }
  CHECK(check_time("00:00").empty());
  CHECK(check_time("23:59").empty());
  for (const char* bad : {"24:00", "12:60", "9:30", "09:30:00", "0930"}) {
    INFO(bad);
    CHECK_FALSE(check_time(bad).empty());
  }
  for (const char* good : {"today", "today+7d", "today-36500d", "2027-01-01"}) {
    INFO(good);
    CHECK(check_relative_date(good).empty());
  }
  for (const char* bad : {"tomorrow", "today+d", "today+7", "today*7d", "today+1234567d"}) {
    INFO(bad);
    CHECK_FALSE(check_relative_date(bad).empty());
  }
}

namespace {

std::vector<std::string> field_errors(const json& fields) {
  std::vector<std::string> out;
  content::ErrorSink sink("programs.json", out);
  content::check_signup_fields(fields, "/programs/0/signup_fields", sink);
  return out;
}

json label(const char* en = "Label", const char* es = "Etiqueta") {
  return {{"en", en}, {"es", es}};
}

json choice_field(const char* id) {
  return {{"id", id},
          {"type", "single_choice"},
          {"label", label()},
          {"choices", json::array({{{"id", "a"}, {"label", label("A", "A")}},
                                   {{"id", "b"}, {"label", label("B", "B")}}})}};
}

}  // namespace

TEST_CASE("well-formed sign-up fields pass") {
  json fields = json::array({
      {{"id", "household_size"},
       {"type", "number"},
       {"label", label()},
       {"required", true},
       {"min", 1},
       {"max", 20}},
      {{"id", "note"},
       {"type", "text"},
       {"label", label()},
       {"max_length", 80},
       {"pattern", "^[A-Z0-9 -]*$"},
       {"pattern_message", label("Capitals", "Mayúsculas")}},
      {{"id", "when"},
       {"type", "date"},
       {"label", label()},
       {"min_date", "today+7d"},
       {"max_date", "2030-01-01"}},
      choice_field("kind"),
      {{"id", "other"},
       {"type", "text"},
       {"label", label()},
       {"show_if", {{"field", "kind"}, {"equals", "b"}}}},
      {{"id", "ok"}, {"type", "yes_no"}, {"label", label()}},
      {{"id", "why"},
       {"type", "long_text"},
       {"label", label()},
       {"show_if", {{"field", "ok"}, {"in", {"yes"}}}}},
      {{"id", "agree"},
       {"type", "consent"},
       {"label", label()},
       {"consent_text", label("I agree.", "Acepto.")}},
      {{"id", "by_base"},
       {"type", "text"},
       {"label", label()},
       {"show_if", {{"field", "contact_method"}, {"equals", "phone"}}}},
  });
  CHECK(field_errors(fields).empty());
}

TEST_CASE("each defect of a sign-up field is named with its path") {
  struct Case {
    json field;
    std::string message;
  };
  const std::string p = "programs.json: /programs/0/signup_fields/1";
  std::vector<Case> cases = {
      {{{"id", "x"}, {"type", "slider"}, {"label", label()}},
       p + "/type: unknown type \"slider\" (expected one of text,"},
      {{{"id", "X y"}, {"type", "text"}, {"label", label()}}, p + "/id: expected a field id"},
      {{{"id", "first"}, {"type", "text"}, {"label", label()}},
       p + "/id: duplicate field id \"first\""},
      {{{"id", "x"}, {"type", "text"}}, p + "/label: missing (required)"},
      {{{"id", "x"}, {"type", "text"}, {"label", {{"en", "Only English"}}}},
       p + "/label/es: missing Spanish text"},
      {{{"id", "x"}, {"type", "text"}, {"label", label()}, {"colour", "red"}},
       p + "/colour: unknown key \"colour\""},
      {{{"id", "x"}, {"type", "number"}, {"label", label()}, {"max_length", 3}},
       p + "/max_length: not used by a number field"},
      {{{"id", "x"}, {"type", "number"}, {"label", label()}, {"min", 5}, {"max", 1}},
       p + "/min: greater than max"},
      {{{"id", "x"}, {"type", "number"}, {"label", label()}, {"min", 1.5}},
       p + "/min: expected a whole number"},
      {{{"id", "x"}, {"type", "text"}, {"label", label()}, {"min_length", 9}, {"max_length", 3}},
       p + "/min_length: greater than max_length (3)"},
      {{{"id", "x"}, {"type", "date"}, {"label", label()}, {"min_date", "next week"}},
       p + "/min_date: expected \"today\""},
      {{{"id", "x"}, {"type", "text"}, {"label", label()}, {"pattern", "([a-z"}},
       p + "/pattern: not a valid RE2 regular expression"},
      {{{"id", "x"}, {"type", "email"}, {"label", label()}, {"pattern", "^a"}},
       p + "/pattern: email fields have their own rules"},
      {{{"id", "x"}, {"type", "text"}, {"label", label()}, {"pattern_message", label()}},
       p + "/pattern_message: only with a pattern"},
      {{{"id", "x"}, {"type", "single_choice"}, {"label", label()}},
       p + "/choices: missing (required)"},
      {{{"id", "x"}, {"type", "text"}, {"label", label()}, {"choices", json::array()}},
       p + "/choices: not used by a text field"},
      {{{"id", "x"}, {"type", "consent"}, {"label", label()}},
       p + "/consent_text: missing (required)"},
      {{{"id", "x"}, {"type", "text"}, {"label", label()}, {"required", "yes"}},
       p + "/required: expected true or false"},
      {{{"id", "x"},
        {"type", "text"},
        {"label", label()},
        {"show_if", {{"field", "x"}, {"equals", "a"}}}},
       p + "/show_if/field: a field cannot depend on itself"},
      {{{"id", "x"},
        {"type", "text"},
        {"label", label()},
        {"show_if", {{"field", "first"}, {"equals", "c"}}}},
       p + "/show_if: \"c\" is not a possible answer of \"first\""},
      {{{"id", "x"}, {"type", "text"}, {"label", label()}, {"show_if", {{"field", "first"}}}},
       p + "/show_if: expected exactly one of \"equals\" (a value) or \"in\" (a list of values)"},
      {{{"id", "x"},
        {"type", "text"},
        {"label", label()},
        {"show_if", {{"field", "first"}, {"equals", true}}}},
       p + "/show_if/equals: expected a string"},
      {{{"id", "x"},
        {"type", "text"},
        {"label", label()},
        {"show_if", {{"field", "later"}, {"equals", "a"}}}},
       p + "/show_if/field: \"later\" is not a field that comes before this one"},
  };
  for (const auto& c : cases) {
    INFO(c.field.dump());
    json fields = json::array({choice_field("first"), c.field, choice_field("later")});
    auto errs = field_errors(fields);
    REQUIRE(errs.size() == 1);
    CHECK_THAT(errs[0], Catch::StartsWith(c.message));
  }
  CHECK(field_errors(json::object()) ==
        std::vector<std::string>{
            "programs.json: /programs/0/signup_fields: expected an array, got an object"});
  auto errs = field_errors(json::array({"household_size"}));
  REQUIRE(errs.size() == 1);
  CHECK(errs[0] ==
        "programs.json: /programs/0/signup_fields/0: expected a field object, got a string");
}
