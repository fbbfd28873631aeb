// The phone_intl field type and form versions: E.164 validation, normalisation and formatting per
// listed country and for "Other" codes; the field's messages in EN and ES; released form versions
// ("<id>.v<N>.json") loaded beside the current one and found by (id, version).
#include <catch2/catch.hpp>

#include "kiosk/forms/answers.h"
#include "kiosk/forms/answers_json.h"
#include "kiosk/forms/field_validation.h"
#include "kiosk/forms/phone_intl.h"
#include "test_form_util.h"

using namespace kiosk::forms;
using namespace kiosk::forms::test;
using kiosk::Lang;

namespace {

const Date kToday{2026, 3, 5};

std::vector<FieldError> errors_for(const FormSpec& form, const std::string& value) {
  Answers answers(form);
  answers.at("f").text = to_secure(value);
  return validate_answers(answers, ValidationContext{kToday});
}

}  // namespace

TEST_CASE("phone_intl: a valid number of each listed country becomes E.164") {
  struct Case {
    const char* typed;
    const char* e164;
    const char* shown;
  };
  for (const Case& c : {
           Case{"+44 20 7946 0958", "+442079460958", "+44 20 7946 0958"},
           Case{"+44 (0)20 7946 0958", "+442079460958", "+44 20 7946 0958"},  // UK trunk 0
           Case{"+44 7700 900123", "+447700900123", "+44 7700 900123"},
           Case{"+1 555 555 0123", "+15555550123", "+1 555 555 0123"},  // US or Canada
           Case{"(555) 555-0123", "+15555550123", "+1 555 555 0123"},   // no "+": US
           Case{"+52 55 1234 5678", "+525512345678", "+52 55 1234 5678"},
           Case{"+34 912 345 678", "+34912345678", "+34 912 345 678"},
           Case{"+502 2345-6789", "+50223456789", "+502 2345 6789"},
           Case{"+503 2123 4567", "+50321234567", "+503 2123 4567"},
           Case{"+504 2234 5678", "+50422345678", "+504 2234 5678"},
           Case{"+57 601 234 5678", "+576012345678", "+57 601 234 5678"},
           Case{"+49 30 1234567", "+49301234567", "+49301234567"},  // Other: digits kept
       }) {
    INFO(c.typed);
    CHECK(e164(c.typed) == c.e164);
    CHECK(format_e164(e164(c.typed)) == c.shown);
  }
}

TEST_CASE("phone_intl: a number of the wrong length for its country, or malformed, is refused") {
  for (const char* bad : {"+44 20 7946 09",         // UK: 8 national digits
                          "+44 20 7946 09581",      // UK: 11
                          "+34 912 345 67",         // Spain: 8
                          "+34 912 345 6789",       // Spain: 10
                          "+52 55 1234 567",        // Mexico: 9
                          "+502 2345 678",          // Guatemala: 7
                          "+504 2234 56789",        // Honduras: 9
                          "+57 601 234 567",        // Colombia: 9
                          "+1 055 555 0123",        // NANP area code starts 2-9
                          "+1 911 555 0123",        // N11 is never an area code
                          "+49 123",                // Other: fewer than 8 digits in all
                          "+49 3012 3456 7890 12",  // Other: more than 15
                          "+0 123 4567 890",        // no calling code starts with 0
                          "+44 0 0",                // a national number starting 0 after the trunk
                          "44 20 7946 0958",        // no "+": read as US, and it is not one
                          "+44 20 7946 0958 x1",
                          "+44+20 7946 0958",
                          "+",
                          "+ ",
                          "phone",
                          "555-0123"}) {
    INFO(bad);
    CHECK(e164(bad).empty());
  }
}

TEST_CASE("phone_intl: the country comes from the typed prefix and can be replaced") {
  REQUIRE(phone_countries().size() == 8);
  CHECK(phone_countries()[0].id == "us");
  CHECK(phone_country_of("(555) 555-0123")->id == "us");
  CHECK(phone_country_of("")->id == "us");
  CHECK(phone_country_of("+44 20")->id == "gb");
  CHECK(phone_country_of("+502")->id == "gt");
  CHECK(phone_country_of("+5") == nullptr);  // not yet a listed code
  CHECK(phone_country_of("+49 30") == nullptr);
  CHECK(phone_country_of("+") == nullptr);

  const PhoneCountry* gb = &phone_countries()[2];
  const PhoneCountry* es = &phone_countries()[3];
  REQUIRE(gb->id == "gb");
  CHECK(with_country("20 7946 0958", gb) == "+44 20 7946 0958");
  CHECK(with_country("+44 20 7946 0958", es) == "+34 20 7946 0958");
  CHECK(with_country("+502 2345 6789", gb) == "+44 2345 6789");
  CHECK(with_country("+44 20 7946 0958", &phone_countries()[0]) == "20 7946 0958");
  CHECK(with_country("+49 30 1234567", gb) == "+44 30 1234567");
  CHECK(with_country("(555) 555-0123", nullptr) == "+");
  CHECK(with_country("", nullptr) == "+");
}

TEST_CASE("phone_intl field: validated, stored as E.164, read back formatted, refused in words") {
  FormSpec f = one_field({{"type", "phone_intl"}, {"required", true}});
  for (const char* ok : {"+44 20 7946 0958", "(555) 555-0123", "+34 912 345 678"})
    CHECK(errors_for(f, ok).empty());
  auto errs = errors_for(f, "+44 20 7946");
  REQUIRE(errs.size() == 1);
  CHECK(errs[0].message.en ==
        "Enter a phone number with its country code, like +44 20 7946 0958, or a 10-digit US "
        "number, like (555) 555-0123.");
  CHECK(errs[0].message.es ==
        "Escriba un número de teléfono con el código del país, como +44 20 7946 0958, o un número "
        "de EE. UU. de 10 dígitos, como (555) 555-0123.");
  CHECK(errors_for(f, "")[0].message.en == "Required: please fill this in.");
  CHECK(errors_for(f, std::string(33, '5'))[0].message.en ==
        "Use at most 32 characters (this has 33).");

  Answers answers(f);
  const FieldSpec& field = f.steps[0].fields[0];
  answers.at("f").text = to_secure("+44 (0)20 7946 0958");
  CHECK(normalized_answers(answers).at("f") == "+442079460958");
  CHECK(std::string_view(display_answer(field, answers.at("f"), Lang::En)) == "+44 20 7946 0958");
  answers.at("f").text = to_secure("555.555.0123");
  CHECK(normalized_answers(answers).at("f") == "+15555550123");
  CHECK(std::string_view(display_answer(field, answers.at("f"), Lang::Es)) == "(555) 555-0123");
}

TEST_CASE("form versions: a released version loads beside the current one") {
  json v1 = form_json(json::array({step_json(
      "s", json::array(
               {{{"id", "phone"}, {"type", "phone_us"}, {"label", lt("Phone", "Teléfono")}}}))}));
  json v2 = v1;
  v2["version"] = 2;
  v2["steps"][0]["fields"][0]["type"] = "phone_intl";
  FormSet set = load_forms({{"t.json", v2.dump()}, {versioned_file_name("t", 1), v1.dump()}});
  REQUIRE(set.errors.empty());
  REQUIRE(set.forms.size() == 1);
  CHECK(set.find("t")->version == 2);
  REQUIRE(set.find("t", 1));
  CHECK(set.find("t", 1)->find_field("phone")->type == FieldType::PhoneUs);
  CHECK(set.find("t", 2)->find_field("phone")->type == FieldType::PhoneIntl);
  CHECK(set.find("t", 3) == nullptr);
  CHECK(set.versions() == std::vector<std::pair<std::string, int>>{{"t", 1}, {"t", 2}});

  SECTION("a versioned file must hold the version its name says") {
    FormSet bad = load_forms({{"t.json", v2.dump()}, {"t.v3.json", v1.dump()}});
    CHECK(bad.errors == std::vector<std::string>{
                            "t.v3.json: /version: expected t.v3.json to hold a version named by "
                            "its file name"});
    CHECK(bad.released.empty());
  }
  SECTION("a released version is older than the current one, and has a current one") {
    FormSet newer = load_forms({{"t.json", v1.dump()}, {"t.v2.json", v2.dump()}});
    CHECK(newer.errors ==
          std::vector<std::string>{"t.v2.json: /version: a released version must be older than the "
                                   "current 1"});
    FormSet orphan = load_forms({{"t.v1.json", v1.dump()}});
    CHECK(orphan.errors == std::vector<std::string>{
                               "t.v1.json: /id: no current form \"t.json\" to be a version of"});
    CHECK(orphan.forms.empty());
  }
}

TEST_CASE("form versions: the bundled request forms keep versions 1 and 2") {
  const FormSet& set = bundled_forms();
  CHECK(set.errors.empty());
  for (const char* id : {"crash_report", "records_request"}) {
    INFO(id);
    REQUIRE(set.find(id));
    CHECK(set.find(id)->version == 3);
    CHECK(set.find(id)->find_field("requester_phone")->type == FieldType::PhoneIntl);
    REQUIRE(set.find(id, 2));
    CHECK(set.find(id, 2)->find_field("requester_phone")->type == FieldType::PhoneIntl);
    REQUIRE(set.find(id, 1));
    CHECK(set.find(id, 1)->find_field("requester_phone")->type == FieldType::PhoneUs);
  }
  CHECK(set.find("signup", 1));
}
