// Content patterns (a text field's "pattern") under RE2: the whole answer must match, matching is
// linear (a pattern that backtracked for seconds under std::regex answers at once), and a pattern
// RE2 cannot compile (lookaround, backreferences) is rejected by the content check, naming the field.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "kiosk/content/catalogue.h"
#include "kiosk/content/field_format.h"
#include "kiosk/core/embedded_assets.h"

using nlohmann::json;
namespace content = kiosk::content;

namespace {

json label() { return {{"en", "Label"}, {"es", "Etiqueta"}}; }

json text_field(const std::string& pattern, int max_length = 100) {
  return {{"id", "code"},
          {"type", "text"},
          {"label", label()},
          {"max_length", max_length},
          {"pattern", pattern}};
}

// The field as the forms library builds it, or the errors when it is refused.
struct Parsed {
  std::vector<content::FieldSpec> fields;
  std::vector<std::string> errors;
};

Parsed parse(const json& field) {
  Parsed p;
  content::ErrorSink sink("form.json", p.errors);
  content::EarlierFields earlier;
  content::parse_field_list(json::array({field}), "/fields", sink, earlier, p.fields);
  return p;
}

const content::FieldSpec& field_of(const Parsed& p) {
  REQUIRE(p.errors.empty());
  REQUIRE(p.fields.size() == 1);
  return p.fields.front();
}

}  // namespace

TEST_CASE("a pattern judges the whole answer, anchored or not") {
  Parsed anchored = parse(text_field("^[A-Za-z0-9][A-Za-z0-9-]*$"));
  const auto& a = field_of(anchored);
  CHECK(content::matches_pattern(a, "2024-012345"));
  CHECK_FALSE(content::matches_pattern(a, "-1"));
  CHECK_FALSE(content::matches_pattern(a, "2024/01"));
  // Without ^ and $ the answer must still match as a whole (std::regex_match did the same).
  Parsed bare = parse(text_field("[0-9]+"));
  const auto& b = field_of(bare);
  CHECK(content::matches_pattern(b, "123"));
  CHECK_FALSE(content::matches_pattern(b, "12a"));
  CHECK_FALSE(content::matches_pattern(b, "a12"));
  CHECK_FALSE(content::matches_pattern(b, ""));
  // "$" is the end of the answer, not of a line.
  CHECK_FALSE(content::matches_pattern(b, "12\n"));
}

TEST_CASE("a pattern counts characters, not bytes") {
  Parsed p = parse(text_field("^.{2}$"));
  const auto& f = field_of(p);
  CHECK(content::matches_pattern(f, "\xC3\xB1\xC3\xA9"));  // "ñé": two characters, four bytes
  CHECK_FALSE(content::matches_pattern(f, "abc"));
}

TEST_CASE("a field without a pattern accepts every answer") {
  json field = text_field("x");
  field.erase("pattern");
  Parsed p = parse(field);
  CHECK(content::matches_pattern(field_of(p), "anything at all"));
}

TEST_CASE("a nested quantifier answers a long non-matching input without backtracking") {
  // std::regex took seconds on this at 27 characters, doubling with each one more; RE2 is linear.
  Parsed p = parse(text_field("^(a+)+$", 500));
  const auto& f = field_of(p);
  for (std::size_t n : {27u, 40u, 499u}) {
    std::string almost(n, 'a');
    almost += '!';
    INFO(n);
    CHECK_FALSE(content::matches_pattern(f, almost));
    CHECK(content::matches_pattern(f, std::string(n, 'a')));
  }
}

TEST_CASE("a pattern RE2 cannot compile is refused, naming the field") {
  for (const char* bad : {"^(?=x)x$", "^x(?!y)", "(?<=a)b", "^(a)\\1$", "([a-z"}) {
    INFO(bad);
    Parsed p = parse(text_field(bad));
    REQUIRE(p.errors.size() == 1);
    CHECK_THAT(p.errors[0],
               Catch::StartsWith("form.json: /fields/0/pattern: not a valid RE2 regular expression "
                                 "(no lookaround, no backreferences): "));
    CHECK(p.fields.empty());
  }
}

TEST_CASE("the content check rejects a bundle whose sign-up field has a lookahead") {
  auto files = kiosk::assets::under("content/");
  json programs = json::parse(files.at("programs.json"));
  json* fields = nullptr;
  std::size_t index = 0;
  for (auto& prog : programs["programs"]) {
    if (prog.contains("signup_fields")) {
      fields = &prog["signup_fields"];
      break;
    }
    ++index;
  }
  REQUIRE(fields);
  fields->push_back({{"id", "badge"},
                     {"type", "text"},
                     {"label", label()},
                     {"max_length", 20},
                     {"pattern", "^(?=[A-Z])[A-Z0-9]+$"}});
  const std::size_t field_index = fields->size() - 1;
  files["programs.json"] = programs.dump(2);
  auto r = kiosk::load_catalogue(files);
  CHECK_FALSE(r.catalogue.has_value());
  REQUIRE(r.errors.size() == 1);
  CHECK_THAT(r.errors[0], Catch::StartsWith("programs.json: /programs/" + std::to_string(index) +
                                            "/signup_fields/" + std::to_string(field_index) +
                                            "/pattern: not a valid RE2 regular expression"));
}
