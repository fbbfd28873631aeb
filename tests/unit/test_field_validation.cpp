// Field validation: every field type valid, invalid, at its boundaries, empty, 10 kB long, with
// emoji and other non-BMP text (rejected, never altered) and SQL metacharacters (kept verbatim).
#include <catch2/catch.hpp>

#include <functional>

#include "kiosk/forms/answers.h"
#include "kiosk/forms/answers_json.h"
#include "kiosk/forms/field_validation.h"
#include "test_form_util.h"

using namespace kiosk::forms;
using namespace kiosk::forms::test;
using kiosk::Lang;

namespace {

const Date kToday{2026, 3, 5};

// Errors for field "f" of `form` after `fill` sets its answer; every message is bilingual.
std::vector<FieldError> errors_of(const FormSpec& form, const std::function<void(Answer&)>& fill) {
  Answers answers(form);
  fill(answers.at("f"));
  auto errs = validate_answers(answers, ValidationContext{kToday});
  for (const auto& e : errs) {
    CHECK(e.field_id == "f");
    CHECK_FALSE(e.message.en.empty());
    CHECK_FALSE(e.message.es.empty());
    CHECK(e.message.en != e.message.es);
  }
  return errs;
}

std::vector<FieldError> text_errors(const FormSpec& form, const std::string& value) {
  return errors_of(form, [&](Answer& a) { a.text = to_secure(value); });
}

bool text_ok(const FormSpec& form, const std::string& value) {
  return text_errors(form, value).empty();
}

std::string text_error(const FormSpec& form, const std::string& value) {
  auto errs = text_errors(form, value);
  return errs.empty() ? std::string() : errs.front().message.en;
}

std::string repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

const std::string kEmoji = "\xF0\x9F\x98\x80";   // U+1F600, outside the BMP
const std::string kGothic = "\xF0\x90\x8C\xB0";  // U+10330, a non-BMP letter
const std::string kNonBmpMessage =
    "Emoji and some special symbols can't be shown on this kiosk. Please remove them.";

}  // namespace

TEST_CASE("text: valid, trimmed, required, bounds") {
  FormSpec f =
      one_field({{"type", "text"}, {"required", true}, {"min_length", 3}, {"max_length", 10}});
  CHECK(text_ok(f, "Hello"));
  CHECK(text_ok(f, "  Hello \t"));             // judged after trimming
  CHECK(text_ok(f, "\xC2\xA0Hello\xC2\xA0"));  // no-break spaces trimmed too
  CHECK(text_ok(f, "José Ñúñez"));  // 10 code points, 12 bytes: the bound counts code points
  CHECK(text_ok(f, "abc"));         // min boundary
  CHECK(text_ok(f, "abcdefghij"));  // max boundary
  CHECK(text_error(f, "abcdefghijk") == "Use at most 10 characters (this has 11).");
  CHECK(text_error(f, "ab") == "Use at least 3 characters.");
  CHECK(text_error(f, "") == "Required: please fill this in.");
  CHECK(text_error(f, "   ") == "Required: please fill this in.");
  CHECK(text_errors(f, "").front().message.es == "Obligatorio: por favor, complete este dato.");
}

TEST_CASE("text: optional empty is fine, default max length applies") {
  FormSpec f = one_field({{"type", "text"}});
  CHECK(text_ok(f, ""));
  CHECK(text_ok(f, repeat("a", default_max_length(FieldType::Text))));
  CHECK(text_error(f, repeat("a", 201)) == "Use at most 200 characters (this has 201).");
}

TEST_CASE("text: 10 kB input is refused by length, not cut") {
  FormSpec f = one_field({{"type", "text"}, {"max_length", 200}});
  std::string big = repeat("x", 10 * 1024);
  Answers answers(f);
  answers.at("f").text = to_secure(big);
  auto errs = validate_answers(answers, ValidationContext{kToday});
  REQUIRE(errs.size() == 1);
  CHECK(errs[0].message.en == "Use at most 200 characters (this has 10240).");
  CHECK(std::string_view(answers.at("f").text) == big);  // validation never alters the answer
}

TEST_CASE("long_text: newlines allowed, 10000 cap, 10 kB of accented text") {
  FormSpec f = one_field({{"type", "long_text"}, {"max_length", 10000}});
  CHECK(text_ok(f, "Line one\nLine two"));
  CHECK(text_ok(f, repeat("a", 10000)));
  CHECK(text_error(f, repeat("a", 10001)) == "Use at most 10000 characters (this has 10001).");
  CHECK(text_ok(f, repeat("ñ", 5000)));  // 10,000 bytes, 5,000 code points
  CHECK_FALSE(text_ok(f, "tab\there"));
  FormSpec capped = one_field({{"type", "long_text"}});
  CHECK(text_error(capped, repeat("b", 10 * 1024)) ==
        "Use at most 2000 characters (this has 10240).");
}

TEST_CASE("emoji and other non-BMP text is rejected with a bilingual message, never mangled") {
  for (const char* type : {"text", "long_text", "person_name", "email"}) {
    INFO(type);
    FormSpec f = one_field({{"type", type}});
    for (const std::string& v : {"Hi " + kEmoji, kGothic + "x", "ana" + kEmoji + "@example.com"}) {
      Answers answers(f);
      answers.at("f").text = to_secure(v);
      auto errs = validate_answers(answers, ValidationContext{kToday});
      REQUIRE(errs.size() == 1);
      CHECK(errs[0].message.en == kNonBmpMessage);
      CHECK(errs[0].message.es ==
            "Este quiosco no puede mostrar emojis ni algunos símbolos especiales. Por favor, "
            "quítelos.");
      CHECK(std::string_view(answers.at("f").text) == v);
    }
  }
  FormSpec addr = one_field({{"type", "address_us"}});
  auto errs = errors_of(addr, [](Answer& a) {
    a.address.street = to_secure("100 Main St");
    a.address.city = to_secure("Spring" + kEmoji);
    a.address.state = to_secure("IL");
    a.address.zip = to_secure("62701");
  });
  REQUIRE(errs.size() == 1);
  CHECK(errs[0].part == Part::City);
  CHECK(errs[0].message.en == kNonBmpMessage);
  FormSpec text = one_field({{"type", "text"}});
  CHECK(text_error(text, "\xEE\x80\x80") == kNonBmpMessage);       // U+E000 private use
  CHECK(text_error(text, "I \xE2\x9D\xA4 NY") == kNonBmpMessage);  // U+2764 heavy heart (BMP emoji)
  CHECK(text_error(text, "sunny \xE2\x98\x80") == kNonBmpMessage);         // U+2600
  CHECK(text_error(text, "1\xEF\xB8\x8F\xE2\x83\xA3") == kNonBmpMessage);  // keycap: U+FE0F U+20E3
  CHECK(text_ok(
      text,
      "Caf\xC3\xA9 \xE2\x80\x93 \xE2\x80\x9Cquoted\xE2\x80\x9D \xE2\x80\xA6 \xC2\xA9"));  // – “ ” … ©
}

TEST_CASE("invalid UTF-8 and control or invisible characters are rejected") {
  FormSpec f = one_field({{"type", "text"}});
  CHECK(text_error(f, "caf\xC3") ==
        "This text could not be read. Please clear it and type it again.");
  CHECK(text_error(f, "\xC0\xAF") ==
        "This text could not be read. Please clear it and type it again.");  // overlong
  CHECK(text_error(f, "\xED\xA0\x80") ==
        "This text could not be read. Please clear it and type it again.");  // surrogate
  const std::string control = "Please remove the invisible or control characters from this answer.";
  CHECK(text_error(f, std::string("a\x01z")) == control);
  CHECK(text_error(f, std::string("a\0z", 3)) == control);
  CHECK(text_error(f, "a\nb") == control);  // one-line text
  CHECK(text_error(f, "a\x7F") == control);
  CHECK(text_error(f, "a\xC2\x85z") == control);              // U+0085 (C1)
  CHECK(text_error(f, "abc\xE2\x80\xAEgnp.exe") == control);  // U+202E right-to-left override
  CHECK(text_error(f, "a\xE2\x80\x8Bz") == control);          // U+200B zero-width space
}

TEST_CASE("SQL and JSON metacharacters are ordinary text") {
  FormSpec f = one_field({{"type", "long_text"}});
  std::string nasty = "Robert'); DROP TABLE submissions;-- \"quoted\" \\ back\\slash % _ ` $1 {}";
  CHECK(text_ok(f, nasty));
  Answers answers(f);
  answers.at("f").text = to_secure(nasty);
  CHECK(normalized_answers(answers).at("f") == nasty);
}

TEST_CASE("pattern: matched after trimming, with the form's message") {
  FormSpec f = one_field({{"type", "text"},
                          {"max_length", 20},
                          {"pattern", "^[A-Za-z0-9][A-Za-z0-9-]*$"},
                          {"pattern_message", lt("Use letters, numbers and hyphens.",
                                                 "Use letras, números y guiones.")}});
  CHECK(text_ok(f, "2024-012345"));
  CHECK(text_ok(f, " 2024-012345 "));
  CHECK(text_ok(f, ""));  // optional: the pattern applies to answers only
  CHECK(text_error(f, "2024/012345") == "Use letters, numbers and hyphens.");
  CHECK(text_error(f, "-1") == "Use letters, numbers and hyphens.");
  FormSpec plain = one_field({{"type", "text"}, {"pattern", "^[0-9]+$"}});
  CHECK(text_error(plain, "12a") == "Check the format of this answer.");
}

TEST_CASE("person_name") {
  FormSpec f = one_field({{"type", "person_name"}, {"required", true}});
  for (const char* ok : {"Ana", "Ana-María O'Neil", "José Ñúñez",
                         "D\xE2\x80\x99"
                         "Angelo",
                         "Martin Luther King, Jr.", "Zoë"})
    CHECK(text_ok(f, ok));
  const std::string msg = "Use letters, spaces, hyphens (-) and apostrophes (') only.";
  for (const char* bad : {"Ana2", "!!!", "---", "ana@example.com", "<b>Ana</b>"}) {
    INFO(bad);
    CHECK(text_error(f, bad) == msg);
  }
  CHECK(text_error(f, repeat("a", 101)) == "Use at most 100 characters (this has 101).");
  CHECK(text_error(f, "") == "Required: please fill this in.");
}

TEST_CASE("email") {
  FormSpec f = one_field({{"type", "email"}});
  for (const char* ok :
       {"a@b.co", "first.last+tag@sub.example.org", "ANA@EXAMPLE.COM", "o'neil@example.com"}) {
    INFO(ok);
    CHECK(text_ok(f, ok));
  }
  const std::string msg = "Enter an email address like name@example.com.";
  for (const char* bad :
       {"a@b", "a@@b.com", "a..b@x.com", ".a@x.com", "a.@x.com", "a@-x.com", "a@x-.com", "a@x.c",
        "a b@x.com", "ñ@x.com", "@x.com", "a@", "a@x..com", "a@x.c0m", "plainaddress"}) {
    INFO(bad);
    CHECK(text_error(f, bad) == msg);
  }
  CHECK(text_ok(f, repeat("a", 64) + "@example.com"));
  CHECK(text_error(f, repeat("a", 65) + "@example.com") == msg);
  std::string label63 = repeat("d", 63);
  std::string domain =
      label63 + "." + label63 + "." + label63 + "." + repeat("d", 56) + ".com";  // 252
  CHECK(text_ok(f, "a@" + domain));  // 254 in all: the limit
  CHECK(text_error(f, "ab@" + domain) == "Use at most 254 characters (this has 255).");
  CHECK(text_error(f, "a@" + repeat("d", 64) + ".com") == msg);  // a label longer than 63
  Answers answers(f);
  answers.at("f").text = to_secure(" Ana.Lopez@Example.COM ");
  CHECK(normalized_answers(answers).at("f") ==
        "Ana.Lopez@example.com");  // local part kept, domain lower case
}

TEST_CASE("phone_us") {
  FormSpec f = one_field({{"type", "phone_us"}, {"required", true}});
  for (const char* ok : {"(555) 555-0123", "555.555.0123", "+1 555 555 0123", "15555550123",
                         "1-555-555-0123", "5555550123"}) {
    INFO(ok);
    CHECK(text_ok(f, ok));
  }
  const std::string msg = "Enter a 10-digit US phone number, like (555) 555-0123.";
  for (const char* bad : {"555-0123", "(055) 555-0123", "(155) 555-0123", "(911) 555-0123",
                          "(555) 155-0123", "555-555-01234", "phone", "+2 555 555 0123",
                          "555+555-0123", "555 555 0123 x12", "25555550123"}) {
    INFO(bad);
    CHECK(text_error(f, bad) == msg);
  }
  CHECK(text_error(f, "") == "Required: please fill this in.");
  CHECK(text_error(f, repeat("5", 33)) == "Use at most 32 characters (this has 33).");
  CHECK(phone_digits("(555) 555-0123") == "5555550123");
  CHECK(format_phone("5555550123") == "(555) 555-0123");
  Answers answers(f);
  answers.at("f").text = to_secure("555.555.0123");
  CHECK(normalized_answers(answers).at("f") == "+15555550123");
  CHECK(std::string_view(display_answer(f.steps[0].fields[0], answers.at("f"), Lang::En)) ==
        "(555) 555-0123");
}

TEST_CASE("address_us: each part checked, USPS states, ZIP and ZIP+4") {
  FormSpec f = one_field({{"type", "address_us"}, {"required", true}});
  auto with = [&](const char* street, const char* unit, const char* city, const char* state,
                  const char* zip) {
    return errors_of(f, [&](Answer& a) {
      a.address.street = to_secure(street);
      a.address.unit = to_secure(unit);
      a.address.city = to_secure(city);
      a.address.state = to_secure(state);
      a.address.zip = to_secure(zip);
    });
  };
  CHECK(with("100 Main St", "", "Springfield", "IL", "62701").empty());
  CHECK(with("100 Main St", "Apt 2", "Springfield", "il", "62701-1234").empty());
  CHECK(with("PO Box 12", "", "San Juan", "PR", "00901").empty());
  CHECK(with("Unit 2050", "", "APO", "AE", "09012").empty());
  CHECK(with("1600 Pennsylvania Ave NW", "", "Washington", "DC", "205000003").empty());

  auto only = [](const std::vector<FieldError>& errs, Part p) {
    return errs.size() == 1 && errs[0].part == p;
  };
  auto zip = with("100 Main St", "", "Springfield", "IL", "6270");
  REQUIRE(only(zip, Part::Zip));
  CHECK(zip[0].message.en == "Enter a 5-digit ZIP code, like 55501.");
  CHECK(zip[0].message.es == "Escriba un código postal (ZIP) de 5 dígitos, como 55501.");
  CHECK(zip[0].where() == "f.zip");
  for (const char* bad : {"627011", "62701-123", "62701 1234", "ABCDE", "00000", ""}) {
    INFO(bad);
    CHECK(only(with("100 Main St", "", "Springfield", "IL", bad), Part::Zip));
  }
  for (const char* bad : {"XX", "Illinois", "I", "", "UM"}) {
    INFO(bad);
    auto e = with("100 Main St", "", "Springfield", bad, "62701");
    REQUIRE(only(e, Part::State));
    CHECK(e[0].message.en == "Enter a 2-letter state code, like TX.");
  }
  CHECK(only(with("", "", "Springfield", "IL", "62701"), Part::Street));
  CHECK(only(with("---", "", "Springfield", "IL", "62701"), Part::Street));
  CHECK(only(with("100 Main St", "", "", "IL", "62701"), Part::City));
  CHECK(only(with(repeat("a", 101).c_str(), "", "Springfield", "IL", "62701"), Part::Street));
  CHECK(
      only(with("100 Main St", repeat("4", 21).c_str(), "Springfield", "IL", "62701"), Part::Unit));
  CHECK(with("", "", "", "", "").size() == 4);  // required: every part but the unit

  FormSpec optional = one_field({{"type", "address_us"}});
  CHECK(errors_of(optional, [](Answer&) {}).empty());
  CHECK(errors_of(optional, [](Answer& a) { a.address.city = to_secure("Springfield"); }).size() ==
        3);

  for (const char* s :
       {"AL", "WY", "DC", "PR", "VI", "GU", "AS", "MP", "FM", "MH", "PW", "AA", "AE", "AP"})
    CHECK(is_usps_state(s));
  CHECK_FALSE(is_usps_state("tx"));  // callers upper-case first
  CHECK(normalize_zip("555011234") == "55501-1234");

  Answers answers(f);
  Address& a = answers.at("f").address;
  a.street = to_secure(" 100 Main St ");
  a.city = to_secure("Springfield");
  a.state = to_secure("il");
  a.zip = to_secure("627011234");
  CHECK(normalized_answers(answers).at("f") == nlohmann::json({{"street", "100 Main St"},
                                                               {"city", "Springfield"},
                                                               {"state", "IL"},
                                                               {"zip", "62701-1234"}}));
}

TEST_CASE("date: a real day inside the range, bounds relative to today") {
  FormSpec f = one_field(
      {{"type", "date"}, {"required", true}, {"min_date", "today-3650d"}, {"max_date", "today"}});
  CHECK(text_ok(f, "2026-03-05"));  // today, the upper boundary
  CHECK(text_ok(f, "2024-02-29"));  // leap day
  Date lo = add_days(kToday, -3650);
  CHECK(text_ok(f, format_date(lo)));
  CHECK(text_error(f, format_date(add_days(lo, -1))) ==
        "Choose a date from " + format_date_long(lo, Lang::En) + " to today.");
  CHECK(text_errors(f, "2026-03-06").front().message.es ==
        "Elija una fecha entre el 7 de marzo de 2016 y hoy.");
  for (const char* bad :
       {"2023-02-29", "2026-3-5", "2026-13-01", "05/03/2026", "2026-03-05T00:00", "tomorrow"}) {
    INFO(bad);
    CHECK(text_error(f, bad) == "Choose a date with the calendar.");
  }
  CHECK(text_error(f, "") == "Choose a date.");
  FormSpec fixed =
      one_field({{"type", "date"}, {"min_date", "2026-01-01"}, {"max_date", "today+30d"}});
  CHECK(text_ok(fixed, "2026-01-01"));
  CHECK(text_ok(fixed, "2026-04-04"));
  CHECK(text_error(fixed, "2026-04-05") == "Choose a date from January 1, 2026 to April 4, 2026.");
  CHECK(text_ok(fixed, ""));
}

TEST_CASE("time") {
  FormSpec f = one_field({{"type", "time"}, {"required", true}});
  for (const char* ok : {"14:30", "00:00", "23:59", "7:05"}) CHECK(text_ok(f, ok));
  for (const char* bad : {"24:00", "12:60", "1230", "12:3", "12:345", "ab:cd", "-1:00"}) {
    INFO(bad);
    CHECK(text_error(f, bad) == "Choose a time with hours and minutes, like 14:30.");
  }
  CHECK(text_error(f, "") == "Choose a time.");
  Answers answers(f);
  answers.at("f").text = to_secure("7:05");
  CHECK(normalized_answers(answers).at("f") == "07:05");
}

TEST_CASE("number: an integer inside min..max") {
  FormSpec f = one_field({{"type", "number"}, {"required", true}, {"min", 1}, {"max", 20}});
  auto num = [&](std::optional<long long> n) {
    return errors_of(f, [&](Answer& a) { a.number = n; });
  };
  CHECK(num(1).empty());
  CHECK(num(20).empty());
  REQUIRE(num(0).size() == 1);
  CHECK(num(0)[0].message.en == "Choose a number from 1 to 20.");
  CHECK(num(0)[0].message.es == "Elija un número del 1 al 20.");
  CHECK(num(21).size() == 1);
  CHECK(num(std::numeric_limits<long long>::min()).size() == 1);
  CHECK(num(std::nullopt)[0].message.en == "Choose a number.");
  CHECK(errors_of(one_field({{"type", "number"}}), [](Answer&) {}).empty());
}

TEST_CASE("single_choice, multi_choice, yes_no") {
  json choices =
      json::array({{{"id", "a"}, {"label", lt("A", "A")}}, {{"id", "b"}, {"label", lt("B", "B")}}});
  FormSpec single =
      one_field({{"type", "single_choice"}, {"required", true}, {"choices", choices}});
  CHECK(text_ok(single, "a"));
  CHECK(text_error(single, "c") == "Choose one of the options shown.");
  CHECK(text_error(single, "") == "Choose one option.");

  FormSpec multi = one_field({{"type", "multi_choice"}, {"required", true}, {"choices", choices}});
  CHECK(errors_of(multi, [](Answer& a) { a.chosen[1] = 1; }).empty());
  CHECK(errors_of(multi, [](Answer&) {})[0].message.en == "Choose at least one option.");

  FormSpec yn = one_field({{"type", "yes_no"}, {"required", true}});
  CHECK(text_ok(yn, "yes"));
  CHECK(text_ok(yn, "no"));
  CHECK(text_error(yn, "maybe") == "Choose Yes or No.");
  CHECK(text_errors(yn, "").front().message.es == "Elija Sí o No.");
}

TEST_CASE("consent must be given when required and records the text's hash") {
  FormSpec f = one_field(
      {{"type", "consent"}, {"required", true}, {"consent_text", lt("I agree.", "Acepto.")}});
  CHECK(errors_of(f, [](Answer& a) { a.agreed = true; }).empty());
  auto errs = errors_of(f, [](Answer& a) { a.agreed = false; });
  REQUIRE(errs.size() == 1);
  CHECK(errs[0].message.en ==
        "Check the box to agree. If you have questions, please ask at the front desk.");
  const FieldSpec& field = f.steps[0].fields[0];
  CHECK(field.consent_sha256.size() == 64);
  Answers answers(f);
  answers.at("f").agreed = true;
  CHECK(normalized_answers(answers).at("f") ==
        nlohmann::json({{"agreed", true}, {"text_sha256", field.consent_sha256}}));
  FormSpec other_text =
      one_field({{"type", "consent"}, {"consent_text", lt("I agree!", "Acepto.")}});
  CHECK(other_text.steps[0].fields[0].consent_sha256 !=
        field.consent_sha256);  // a new text is a new version
  CHECK(errors_of(one_field({{"type", "consent"}, {"consent_text", lt("x", "y")}}), [](Answer&) {
        }).empty());
}

TEST_CASE("signature: a required one needs a stroke of some length") {
  FormSpec f = one_field({{"type", "signature"}, {"required", true}});
  const std::string msg = "Sign in the box with your finger.";
  auto errs = errors_of(f, [](Answer&) {});
  REQUIRE(errs.size() == 1);
  CHECK(errs[0].message.en == msg);
  CHECK(errs[0].message.es == "Firme en el recuadro con el dedo.");
  auto dot = errors_of(f, [](Answer& a) {
    a.signature.begin_stroke();
    a.signature.add_point(0.5f, 0.5f);
    a.signature.add_point(0.51f, 0.5f);  // 0.01 of the width: a tap, not a signature
  });
  CHECK(dot.size() == 1);
  auto line = errors_of(f, [](Answer& a) {
    a.signature.begin_stroke();
    a.signature.add_point(0.1f, 0.5f);
    a.signature.add_point(0.2f, 0.5f);
  });
  CHECK(line.empty());
  CHECK(errors_of(one_field({{"type", "signature"}}), [](Answer&) {}).empty());
}

TEST_CASE("trim and displayable-text helpers") {
  CHECK(trim("  a b \n") == "a b");
  CHECK(trim("\xC2\xA0\xC2\xA0") == "");
  CHECK(trim("") == "");
  CHECK(is_displayable_text("Hola, ¿cómo está? ñ", false));
  CHECK_FALSE(is_displayable_text(kEmoji, false));
  CHECK_FALSE(is_displayable_text("a\nb", false));
  CHECK(is_displayable_text("a\nb", true));
  CHECK_FALSE(is_displayable_text("\xFF", true));
}

TEST_CASE("10 kB in any typed field is refused, and the answer is left as it was") {
  const std::string big = repeat("9", 10 * 1024);
  json choices = json::array({{{"id", "a"}, {"label", lt("A", "A")}}});
  struct Case {
    const char* type;
    std::string expected;
  };
  for (const Case& c : std::vector<Case>{
           {"text", "Use at most 200 characters (this has 10240)."},
           {"long_text", "Use at most 2000 characters (this has 10240)."},
           {"person_name", "Use at most 100 characters (this has 10240)."},
           {"email", "Use at most 254 characters (this has 10240)."},
           {"phone_us", "Use at most 32 characters (this has 10240)."},
           {"date", "Choose a date with the calendar."},
           {"time", "Choose a time with hours and minutes, like 14:30."},
           {"single_choice", "Choose one of the options shown."},
           {"yes_no", "Choose Yes or No."},
       }) {
    INFO(c.type);
    json field = {{"type", c.type}};
    if (std::string(c.type) == "single_choice") field["choices"] = choices;
    FormSpec f = one_field(field);
    Answers answers(f);
    answers.at("f").text = to_secure(big);
    auto errs = validate_answers(answers, ValidationContext{kToday});
    REQUIRE(errs.size() == 1);
    CHECK(errs[0].message.en == c.expected);
    CHECK(std::string_view(answers.at("f").text) == big);
  }
  FormSpec addr = one_field({{"type", "address_us"}});
  for (Part p : {Part::Street, Part::Unit, Part::City, Part::State, Part::Zip}) {
    INFO(part_name(p));
    Answers answers(addr);
    Address& a = answers.at("f").address;
    a.street = to_secure("100 Main St");
    a.city = to_secure("Springfield");
    a.state = to_secure("IL");
    a.zip = to_secure("62701");
    a.part(p) = to_secure(big);
    auto errs = validate_answers(answers, ValidationContext{kToday});
    REQUIRE(errs.size() == 1);
    CHECK(errs[0].part == p);
    CHECK(std::string_view(a.part(p)) == big);
  }
}

TEST_CASE("validation messages are string keys with both languages in the tables") {
  const kiosk::Strings& strings = kiosk::Strings::builtin();
  auto keys = strings.keys();
  std::size_t val_keys = 0;
  for (const auto& k : keys)
    if (k.rfind("val.", 0) == 0) ++val_keys;
  CHECK(val_keys >= 28);

  // A number out of range: the key and its parameters, worded by the tables in each language.
  FormSpec f = one_field({{"type", "number"}, {"required", true}, {"min", 1}, {"max", 20}});
  auto errs = errors_of(f, [](Answer& a) { a.number = 0; });
  REQUIRE(errs.size() == 1);
  CHECK(errs[0].what.key == "val.number_range");
  CHECK(errs[0].what.text(Lang::Es, strings) == errs[0].message.es);
  CHECK(errs[0].what.words(strings).en == errs[0].message.en);
  std::vector<std::string> problems;
  auto other = kiosk::Strings::parse(R"({"val.number_range":"From {min} to {max}!"})",
                                     R"({"val.number_range":"¡{min}-{max}!"})", problems);
  REQUIRE(other);
  CHECK(errs[0].what.text(Lang::En, *other) == "From 1 to 20!");
  CHECK(errs[0].what.text(Lang::Es, *other) == "¡1-20!");

  // Date ranges: the dates are written in the reader's language.
  FormSpec d =
      one_field({{"type", "date"}, {"min_date", "2026-01-01"}, {"max_date", "2026-02-01"}});
  auto derr = text_errors(d, "2026-03-01");
  REQUIRE(derr.size() == 1);
  CHECK(derr[0].what.key == "val.date_between");
  CHECK(derr[0].message.es ==
        "Elija una fecha entre el 1 de enero de 2026 y el 1 de febrero de 2026.");
}
