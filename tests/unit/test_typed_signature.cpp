// Typed signature (issue 16): a visitor who cannot draw types their full name instead. The name
// replaces strokes and PNG everywhere (answers file, stored payload, review), follows the
// person_name letters rule at 2-200 characters, and is never stored beside strokes.
#include <catch2/catch.hpp>

#include "kiosk/forms/answers_json.h"
#include "kiosk/forms/field_validation.h"
#include "kiosk/forms/form_session.h"
#include "test_form_util.h"

using namespace kiosk::forms;
using namespace kiosk::forms::test;
using nlohmann::json;

namespace {

const Date kToday{2026, 3, 5};

std::shared_ptr<const FormSpec> crash_form() {
  return compose_form(*bundled_forms().find("crash_report"), nullptr).form;
}

// The validation key of the "signature" field alone ("" when it is valid).
std::string signature_error(const json& signature) {
  auto form = crash_form();
  Answers a(*form);
  REQUIRE(answers_from_json({{"signature", signature}}, a).empty());
  for (const auto& e : validate_answers(a, ValidationContext{kToday}))
    if (e.field_id == "signature") return e.what.key;
  return "";
}

}  // namespace

TEST_CASE("a signature is strokes or a typed name, never both") {
  Signature sig;
  REQUIRE(sig.begin_stroke());
  REQUIRE(sig.add_point(0.1f, 0.5f));
  sig.set_typed(true);
  CHECK(sig.typed());
  CHECK(sig.point_count() == 0);  // switching wipes the drawing
  CHECK_FALSE(sig.begin_stroke());
  CHECK(sig.empty());
  sig.typed_name_slot() = "Ana López";
  CHECK_FALSE(sig.empty());
  sig.clear();  // "Clear" keeps the way of signing
  CHECK(sig.typed());
  CHECK(sig.empty());
  sig.typed_name_slot() = "Ana López";
  sig.set_typed(false);
  CHECK(sig.typed_name().empty());
  sig.set_typed(true);
  sig.typed_name_slot() = "Ana López";
  sig.wipe();
  CHECK(sig.all_zero_for_test());
}

TEST_CASE("a typed name is stored, reviewed and written back in place of strokes") {
  auto form = crash_form();
  Answers a(*form);
  REQUIRE(answers_from_json({{"signature", {{"typed_name", "  María-José O'Brien "}}}}, a).empty());
  const Answer& ans = a.at("signature");
  CHECK(ans.signature.typed());
  CHECK(ans.signature.stroke_count() == 0);
  const FieldSpec& f = *form->find_field("signature");
  CHECK(std::string(display_answer(f, ans, kiosk::Lang::En)) ==
        "Signed by typing: María-José O'Brien");
  CHECK(std::string(display_answer(f, ans, kiosk::Lang::Es)) ==
        "Firmado escribiendo: María-José O'Brien");
  json stored = normalized_answers(a);
  CHECK(stored["signature"] == json{{"typed_name", "María-José O'Brien"}});
  CHECK(answers_file_json(a)["signature"] == json{{"typed_name", "  María-José O'Brien "}});
}

TEST_CASE("a typed name follows the person_name rule at 2 to 200 characters") {
  CHECK(signature_error({{"typed_name", "Ana López"}}).empty());
  CHECK(signature_error({{"typed_name", "Jo"}}).empty());
  CHECK(signature_error({{"typed_name", "J"}}) == "val.text_too_short");
  CHECK(signature_error({{"typed_name", "R2D2"}}) == "val.person_name");
  CHECK(signature_error({{"typed_name", "   "}}) == "typedsig.required");
  CHECK(signature_error({{"typed_name", std::string(200, 'a')}}).empty());
  CHECK(signature_error({{"typed_name", std::string(201, 'a')}}) == "val.text_too_long");
}

TEST_CASE("strokes beside a typed name, or a name that is not text, are refused") {
  auto form = crash_form();
  Answers a(*form);
  auto both = answers_from_json(
      {{"signature",
        {{"typed_name", "Ana López"}, {"strokes", json::array({json::array({{0.1, 0.5}})})}}}},
      a);
  REQUIRE(both.size() == 1);
  CHECK(both[0].message.en.rfind("Expected {\"typed_name\"", 0) == 0);
  Answers b(*form);
  CHECK(answers_from_json({{"signature", {{"typed_name", 42}}}}, b).size() == 1);
}

TEST_CASE("the session types a signature only after Type your name instead") {
  FormSession s(crash_form(), kiosk::Lang::En);
  CHECK(s.insert_text("signature", Part::None, "Ana") == InputResult::NotAllowed);
  s.set_signature_typed("signature", true);
  CHECK(s.insert_text("signature", Part::None, "Ana López") == InputResult::Ok);
  CHECK(s.text("signature") == "Ana López");
  CHECK(s.set_text("signature", Part::None, std::string(201, 'a')) == InputResult::TooLong);
  CHECK_FALSE(s.begin_stroke("signature"));
  s.set_signature_typed("signature", false);  // "Draw instead": the name is gone
  CHECK(s.text("signature").empty());
  CHECK(s.begin_stroke("signature"));
}
