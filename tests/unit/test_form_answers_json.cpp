// Answers as JSON: example answers for every form (and every program's sign-up) validate and
// survive a round trip through the answers-file format; shape errors name the field; input is
// kept verbatim (never trimmed, cut or clamped) so validation judges exactly what was given.
#include <catch2/catch.hpp>

#include "kiosk/content/catalogue.h"
#include "kiosk/forms/answers_example.h"
#include "kiosk/forms/answers_json.h"
#include "kiosk/forms/field_validation.h"
#include "test_form_util.h"

using namespace kiosk::forms;
using namespace kiosk::forms::test;

namespace {

const Date kToday{2026, 3, 5};

std::vector<std::shared_ptr<const FormSpec>> every_fillable_form() {
  std::vector<std::shared_ptr<const FormSpec>> out;
  for (const auto& f : bundled_forms().forms)
    if (!f->is_program_form()) out.push_back(compose_form(*f, nullptr).form);
  for (const auto& p : kiosk::bundled_catalogue().programs) {
    if (!p.takes_signups) continue;
    auto r = compose_form(*bundled_forms().find(p.signup_form), &p);
    REQUIRE(r.form);
    out.push_back(r.form);
  }
  return out;
}

std::vector<std::string> messages(const std::vector<FieldError>& errs) {
  std::vector<std::string> out;
  for (const auto& e : errs) out.push_back(e.where() + ": " + e.message.en);
  return out;
}

}  // namespace

TEST_CASE("example answers are complete and valid for every form and program, and round-trip") {
  auto forms = every_fillable_form();
  CHECK(forms.size() > 10);
  for (const auto& form : forms) {
    INFO(form->id << " " << form->program_id);
    Answers example(*form);
    fill_example_answers(example, kToday);
    for (const FieldSpec* f : form->all_fields()) {
      INFO(f->id);
      CHECK_FALSE(example.at(f->id).is_empty(f->type));  // every field filled, hidden ones too
      CHECK(validate_field(*f, example.at(f->id), ValidationContext{kToday}).empty());
    }
    CHECK(messages(validate_answers(example, ValidationContext{kToday})).empty());

    json file = answers_file_json(example);
    CHECK(file.size() == form->all_fields().size());
    Answers back(*form);
    CHECK(messages(answers_from_json(json::parse(file.dump()), back)).empty());
    CHECK(messages(validate_answers(back, ValidationContext{kToday})).empty());
    CHECK(normalized_answers(back) == normalized_answers(example));
  }
}

TEST_CASE("shape errors name the field and say what was expected") {
  auto form = compose_form(*bundled_forms().find("crash_report"), nullptr).form;
  auto errors_for = [&](const json& answers) {
    Answers a(*form);
    return messages(answers_from_json(answers, a));
  };
  using E = std::vector<std::string>;
  CHECK(errors_for(json::array()) ==
        E{"(answers): Expected a JSON object of answers: {\"field_id\": value, ...}."});
  CHECK(errors_for({{"favourite_colour", "blue"}}) ==
        E{"favourite_colour: Not a field of form crash_report (see kiosk --answers-example "
          "crash_report)."});
  CHECK(errors_for({{"location", 12}}) == E{"location: Expected text (a JSON string)."});
  CHECK(errors_for({{"crash_date", json::array()}}) ==
        E{"crash_date: Expected text (a JSON string)."});
  CHECK(errors_for({{"mailing_address", "100 Main St"}})[0].rfind(
            "mailing_address: Expected an address", 0) == 0);
  CHECK(errors_for({{"mailing_address", {{"street", "1 A St"}, {"country", "US"}}}})[0].rfind(
            "mailing_address: Expected an address", 0) == 0);
  CHECK(errors_for({{"mailing_address", {{"zip", 62701}}}})[0].rfind(
            "mailing_address: Expected an address", 0) == 0);
  CHECK(errors_for({{"acknowledgement", "yes"}}) ==
        E{"acknowledgement: Expected true or false (or {\"agreed\": true})."});
  CHECK(errors_for({{"acknowledgement", {{"agreed", true}, {"text_sha256", "00"}}}}) ==
        E{"acknowledgement: The agreement text has changed since this answer was given: read it "
          "and agree again."});
  std::string sha = form->find_field("acknowledgement")->consent_sha256;
  CHECK(errors_for({{"acknowledgement", {{"agreed", true}, {"text_sha256", sha}}}}).empty());
  CHECK(errors_for({{"signature", json::array()}})[0].rfind("signature: Expected {\"strokes\"",
                                                            0) == 0);
  CHECK(errors_for({{"signature",
                     {{"strokes", json::array({json::array({json::array({1.5, 0.5})})})}}}})[0]
            .rfind("signature: Expected", 0) == 0);  // outside the pad: refused, not clamped
  CHECK(errors_for({{"signature", {{"strokes", json::array({json::array({json::array({0.5})})})}}}})
            .size() == 1);
  json many = json::array();
  for (std::size_t i = 0; i <= kMaxSignaturePoints; ++i) many.push_back(json::array({0.5, 0.5}));
  CHECK(errors_for({{"signature", {{"strokes", json::array({many})}}}}).size() == 1);
  CHECK(
      errors_for({{"signature", {{"strokes", json::array()}, {"png_base64", "ignored"}}}}).empty());
  CHECK(errors_for({{"location", nullptr}}).empty());  // null = not answered

  auto rr = compose_form(*bundled_forms().find("records_request"), nullptr).form;
  Answers a(*rr);
  CHECK(messages(answers_from_json({{"record_type", "photos"}, {"subject_birth_date", 19800101}},
                                   a)) == E{"subject_birth_date: Expected text (a JSON string)."});

  json fields = json::array(
      {{{"id", "days"},
        {"type", "multi_choice"},
        {"label", lt("Days", "Días")},
        {"choices", json::array({{{"id", "sat"}, {"label", lt("Sat", "Sáb")}}})}},
       {{"id", "n"}, {"type", "number"}, {"label", lt("N", "N")}, {"min", 1}, {"max", 3}}});
  FormSpec small = load_ok(form_json(json::array({step_json("s", fields)})));
  Answers sa(small);
  CHECK(messages(answers_from_json({{"days", "sat"}}, sa)) ==
        E{"days: Expected a list of choice ids."});
  CHECK(messages(answers_from_json({{"days", json::array({"sun"})}}, sa)) ==
        E{"days: Choose only the options shown."});
  CHECK(messages(answers_from_json({{"n", 2.5}}, sa)) == E{"n: Expected a whole number, like 3."});
  CHECK(messages(answers_from_json({{"n", "2"}}, sa)) == E{"n: Expected a whole number, like 3."});
  Answers huge(small);
  CHECK(answers_from_json({{"n", 18446744073709551615ULL}}, huge).empty());
  CHECK(messages(validate_answers(huge, ValidationContext{kToday})) ==
        E{"n: Choose a number from 1 to 3."});
}

TEST_CASE("answers from JSON are kept verbatim: emoji rejected by validation, not altered") {
  auto form = compose_form(*bundled_forms().find("crash_report"), nullptr).form;
  Answers a(*form);
  std::string emoji_name = "Ana \xF0\x9F\x98\x80 L\xC3\xB3pez";
  REQUIRE(
      answers_from_json({{"requester_name", emoji_name}, {"location", "  Main St  "}}, a).empty());
  CHECK(std::string_view(a.at("requester_name").text) == emoji_name);
  CHECK(std::string_view(a.at("location").text) == "  Main St  ");
  auto errs = validate_answers(a, ValidationContext{kToday});
  bool found = false;
  for (const auto& e : errs)
    if (e.field_id == "requester_name") {
      found = true;
      CHECK(e.message.en ==
            "Emoji and some special symbols can't be shown on this kiosk. Please remove them.");
    }
  CHECK(found);
}

TEST_CASE("wipe_json zeroes every string value in place") {
  json j = {{"a", "secret"}, {"b", json::array({"x", {{"c", "deeper"}}})}, {"n", 3}};
  std::string& a = j["a"].get_ref<std::string&>();
  const char* storage = a.data();
  wipe_json(j);
  CHECK(j["a"] == "");
  CHECK(j["b"][0] == "");
  CHECK(j["b"][1]["c"] == "");
  CHECK(j["n"] == 3);
  CHECK(j["a"].get_ref<std::string&>().data() == storage);
  CHECK(buffer_is_zero(j["a"].get_ref<std::string&>()));
}

TEST_CASE("signature PNG: small, valid, deterministic") {
  Signature sig;
  sig.begin_stroke();
  sig.add_point(0.1f, 0.5f);
  sig.add_point(0.9f, 0.5f);
  SecureString png = signature_png(sig);
  REQUIRE(png.size() > 8);
  CHECK(std::string_view(png).substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8));
  CHECK(png.size() < 2048);
  CHECK(std::string_view(signature_png(sig)) == std::string_view(png));
  Signature empty;
  CHECK(signature_png(empty).size() > 8);  // a blank pad still encodes
  CHECK(std::string_view(base64_encode("hello")) == "aGVsbG8=");
  CHECK(std::string_view(base64_encode("")) == "");
}
