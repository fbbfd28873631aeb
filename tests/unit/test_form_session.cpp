// FormSession: steps and show_if, errors shown after Next and in both languages, guarded editing
// (no emoji, no overflow, no reallocation), review lines, language switches that keep every
// answer, the stored payload, and wipe() zeroing every buffer.
#include <catch2/catch.hpp>

#include <sodium.h>

#include "kiosk/content/catalogue.h"
#include "kiosk/forms/form_session.h"
#include "test_form_util.h"

using namespace kiosk::forms;
using namespace kiosk::forms::test;
using kiosk::Lang;

namespace {

kiosk::Clock::Wall noon_utc(const char* rfc3339) {
  kiosk::Clock::Wall t;
  REQUIRE(kiosk::parse_rfc3339(rfc3339, t));
  return t;
}

std::shared_ptr<const FormSpec> composed(const char* form_id,
                                         const kiosk::Program* program = nullptr) {
  auto base = bundled_forms().find(form_id);
  REQUIRE(base);
  ComposeResult r = compose_form(*base, program);
  REQUIRE(r.errors.empty());
  return r.form;
}

void sign(FormSession& s, const char* id) {
  REQUIRE(s.begin_stroke(id));
  for (float x = 0.1f; x < 0.9f; x += 0.05f) REQUIRE(s.add_point(id, x, 0.5f + (x - 0.5f) * 0.3f));
}

// Fills the crash report up to the review screen, choosing mail delivery.
void complete_crash_report(FormSession& s) {
  REQUIRE(s.set_date("crash_date", Date{2026, 3, 1}));
  s.set_time("crash_time", TimeOfDay{17, 45});
  REQUIRE(s.insert_text("location", Part::None, "Main St & 5th Ave") == InputResult::Ok);
  REQUIRE(s.next());
  s.choose("requester_role", "driver");
  REQUIRE(s.next());
  REQUIRE(s.set_text("driver_names", Part::None, "Ana López, John Smith") == InputResult::Ok);
  REQUIRE(s.next());
  REQUIRE(s.insert_text("requester_name", Part::None, "Ana López") == InputResult::Ok);
  REQUIRE(s.insert_text("requester_phone", Part::None, "555 555 0123") == InputResult::Ok);
  REQUIRE(s.next());
  s.step_number("copies", 1);
  s.choose("certified_copy", "no");
  REQUIRE(s.next());
  s.choose("delivery", "mail");
  s.set_text("mailing_address", Part::Street, "100 Main St");
  s.set_text("mailing_address", Part::City, "Springfield");
  s.set_text("mailing_address", Part::State, "IL");
  s.set_text("mailing_address", Part::Zip, "62701");
  REQUIRE(s.next());
  s.set_agreed("acknowledgement", true);
  sign(s, "signature");
  REQUIRE(s.next());
  REQUIRE(s.on_review());
}

}  // namespace

TEST_CASE("steps, Next with errors, show_if within and across steps") {
  kiosk::VirtualClock clock(noon_utc("2026-03-05T12:00:00Z"));
  FormSession s(composed("crash_report"), Lang::En, clock);
  CHECK(s.today() == Date{2026, 3, 5});
  CHECK(s.step_count() == 7);
  CHECK(s.step_index() == 0);
  CHECK(s.step().id == "the_crash");
  CHECK_FALSE(s.back());

  // No message before the visitor tries to move on; then one beside each bad field.
  CHECK_FALSE(s.error("crash_date"));
  CHECK_FALSE(s.next());
  CHECK(s.step_index() == 0);
  REQUIRE(s.error("crash_date"));
  CHECK(s.error("crash_date")->en == "Choose a date.");
  CHECK(s.error("crash_date")->es == "Elija una fecha.");
  CHECK(s.error("location")->en == "Required: please fill this in.");
  CHECK_FALSE(s.error("crash_time"));  // optional
  CHECK(s.errors_shown().size() == 2);

  // The date picker cannot leave the range; errors vanish as soon as answers are fixed.
  auto [lo, hi] = s.date_range("crash_date");
  CHECK(hi == Date{2026, 3, 5});
  CHECK(lo == add_days(hi, -3650));
  CHECK_FALSE(s.set_date("crash_date", Date{2026, 3, 6}));
  CHECK(s.text("crash_date").empty());
  // A day the calendar shows disabled says why in the validator's own words.
  auto why = s.date_refusal("crash_date", Date{2026, 3, 6});
  REQUIRE(why);
  CHECK(why->en.rfind("Choose a date from ", 0) == 0);
  CHECK(why->en.find(" to today.") != std::string::npos);
  CHECK_FALSE(s.date_refusal("crash_date", Date{2026, 3, 5}));
  CHECK(s.set_date("crash_date", Date{2026, 3, 5}));
  CHECK_FALSE(s.error("crash_date"));
  s.insert_text("location", Part::None, "Main St");
  CHECK(s.next());
  CHECK(s.step_index() == 1);

  // Role "other" reveals a required field; insurer/attorney reveal two others.
  auto ids = [&] {
    std::vector<std::string> out;
    for (const FieldSpec* f : s.visible_fields()) out.push_back(f->id);
    return out;
  };
  CHECK(ids() == std::vector<std::string>{"requester_role"});
  s.choose("requester_role", "other");
  CHECK(ids() == std::vector<std::string>{"requester_role", "role_other"});
  CHECK_FALSE(s.next());
  CHECK(s.error("role_other")->en == "Required: please fill this in.");
  s.choose("requester_role", "insurer");
  CHECK(ids() == std::vector<std::string>{"requester_role", "organization", "represented_party",
                                          "claim_number"});
  CHECK_FALSE(s.error("role_other"));  // hidden fields have no errors
  s.choose("requester_role", "driver");
  CHECK(s.next());
  CHECK(s.next());  // drivers and plate are optional
  CHECK(s.step().id == "your_contact");
  CHECK(s.back());
  CHECK(s.step().id == "involved");
  CHECK(s.next());
  s.insert_text("requester_name", Part::None, "Ana López");
  s.insert_text("requester_phone", Part::None, "5555550123");
  CHECK(s.next());
  CHECK(s.step().id == "copies_step");
  s.step_number("copies", 2);
  s.choose("certified_copy", "yes");
  CHECK(s.next());

  // Delivery: the email only when email, the address only when mail.
  CHECK(ids() == std::vector<std::string>{"delivery"});
  s.choose("delivery", "email");
  CHECK(ids() == std::vector<std::string>{"delivery", "delivery_email"});
  s.choose("delivery", "mail");
  CHECK(ids() == std::vector<std::string>{"delivery", "mailing_address"});
  CHECK_FALSE(s.next());
  CHECK(s.error("mailing_address", Part::Zip)->en == "Enter a 5-digit ZIP code, like 55501.");
  CHECK(s.error("mailing_address", Part::Street));
  CHECK_FALSE(s.error("mailing_address", Part::Unit));
  // Pickup asks where, from the content's places with records_pickup.
  s.choose("delivery", "pickup");
  CHECK(ids() == std::vector<std::string>{"delivery", "pickup_place"});
  CHECK_FALSE(s.next());
  s.choose("pickup_place", "eastside_substation");
  CHECK(s.next());
  CHECK(s.step_index() == 6);
  CHECK(s.step_count() == 7);
}

TEST_CASE("a step whose every field is hidden is skipped and not counted") {
  json choice = {
      {"id", "go"}, {"type", "yes_no"}, {"label", lt("More?", "¿Más?")}, {"required", true}};
  json extra = {{"id", "more"},
                {"type", "text"},
                {"label", lt("More", "Más")},
                {"required", true},
                {"show_if", {{"field", "go"}, {"equals", "yes"}}}};
  json last = {{"id", "end"}, {"type", "text"}, {"label", lt("End", "Fin")}};
  auto form = std::make_shared<const FormSpec>(load_ok(form_json(
      json::array({step_json("a", json::array({choice})), step_json("b", json::array({extra})),
                   step_json("c", json::array({last}))}))));
  kiosk::VirtualClock clock;
  FormSession s(form, Lang::En, clock);
  s.choose("go", "no");
  CHECK(s.step_count() == 2);
  CHECK(s.next());
  CHECK(s.step().id == "c");
  CHECK(s.step_index() == 1);
  CHECK(s.back());
  s.choose("go", "yes");
  CHECK(s.step_count() == 3);
  CHECK(s.next());
  CHECK(s.step().id == "b");
}

TEST_CASE("review lists every visible answer in the session's language, Edit returns to review") {
  kiosk::VirtualClock clock(noon_utc("2026-03-05T12:00:00Z"));
  FormSession s(composed("crash_report"), Lang::En, clock);
  complete_crash_report(s);
  CHECK(s.step_index() == s.step_count());
  auto review = s.review();
  auto value_of = [&](const char* id) {
    for (const auto& r : s.review())
      if (r.field->id == id) return std::string(r.value.data(), r.value.size());
    return std::string("(hidden)");
  };
  CHECK(review.front().field->id == "crash_date");
  CHECK(value_of("crash_date") == "March 1, 2026");
  CHECK(value_of("crash_time") == "5:45 PM");
  CHECK(value_of("requester_role") == "Driver");
  CHECK(value_of("requester_phone") == "(555) 555-0123");
  CHECK(value_of("mailing_address") == "100 Main St\nSpringfield, IL 62701");
  CHECK(value_of("case_number").empty());  // not answered
  CHECK(value_of("delivery_email") == "(hidden)");
  CHECK(value_of("signature") == "Signed");

  s.set_lang(Lang::Es);
  CHECK(value_of("crash_date") == "1 de marzo de 2026");
  CHECK(value_of("crash_time") == "5:45 p. m.");
  CHECK(value_of("requester_role") == "Conductor(a)");
  CHECK(value_of("acknowledgement") == "Aceptado");

  // Edit one answer: Next goes straight back to review.
  s.edit("requester_phone");
  CHECK(s.step().id == "your_contact");
  s.clear_text("requester_phone");
  CHECK_FALSE(s.next());
  CHECK(s.error("requester_phone")->es == "Obligatorio: por favor, complete este dato.");
  s.insert_text("requester_phone", Part::None, "(555) 555-0199");
  CHECK(s.next());
  CHECK(s.on_review());

  // An edit that reveals a required field stops on it.
  s.edit("delivery");
  s.choose("delivery", "email");
  CHECK_FALSE(s.next());
  CHECK(s.error("delivery_email"));
  s.insert_text("delivery_email", Part::None, "ana@example.com");
  CHECK(s.next());
  CHECK(s.on_review());
}

TEST_CASE("switching language mid-form keeps every answer") {
  kiosk::VirtualClock clock(noon_utc("2026-03-05T12:00:00Z"));
  FormSession s(composed("crash_report"), Lang::En, clock);
  complete_crash_report(s);
  auto before = s.submission();
  REQUIRE(before);
  s.set_lang(Lang::Es);
  s.set_lang(Lang::En);
  s.set_lang(Lang::Es);
  auto after = s.submission();
  REQUIRE(after);
  auto a = json::parse(before->payload_json), b = json::parse(after->payload_json);
  CHECK(a.at("answers") == b.at("answers"));
  CHECK(b.at("lang") == "es");
  CHECK(s.text("location") == "Main St & 5th Ave");
  CHECK(s.on_review());
}

TEST_CASE("typed input is refused whole when it is not displayable or too long") {
  kiosk::VirtualClock clock;
  FormSession s(composed("crash_report"), Lang::En, clock);
  CHECK(s.insert_text("location", Part::None, "Main ") == InputResult::Ok);
  CHECK(s.insert_text("location", Part::None, "\xF0\x9F\x98\x80") ==
        InputResult::NotAllowed);                                                   // emoji
  CHECK(s.insert_text("location", Part::None, "\xC3") == InputResult::NotAllowed);  // broken UTF-8
  CHECK(s.insert_text("location", Part::None, "\n") == InputResult::NotAllowed);    // one line
  CHECK(s.insert_text("location", Part::None, "\xE2\x80\xAE") ==
        InputResult::NotAllowed);  // RTL override
  CHECK(s.text("location") == "Main ");
  CHECK(s.insert_text("crash_date", Part::None, "2026-01-01") ==
        InputResult::NotAllowed);  // dates are picked
  CHECK(input_message(InputResult::NotAllowed, 0).es.find("emojis") != std::string::npos);
  CHECK(input_message(InputResult::TooLong, 150).en ==
        "This answer can have at most 150 characters.");

  // Up to max_length code points, never more; the buffer never moves (no stale copy left behind).
  s.clear_text("location");
  const int max = s.max_length("location");
  REQUIRE(max == 150);
  const char* storage = s.text("location").data();
  for (int i = 0; i < max; ++i)
    REQUIRE(s.insert_text("location", Part::None, "\xEF\xBC\xA1") ==
            InputResult::Ok);  // 3 bytes each
  CHECK(s.insert_text("location", Part::None, "a") == InputResult::TooLong);
  CHECK(s.text("location").size() == 450);
  CHECK(s.text("location").data() == storage);
  CHECK(s.set_text("location", Part::None, std::string(151, 'a')) == InputResult::TooLong);
  CHECK(s.text("location").size() == 450);

  // Backspace removes a whole code point.
  s.set_text("location", Part::None, "Peña");
  CHECK(s.backspace("location"));
  CHECK(s.text("location") == "Pe\xC3\xB1");
  CHECK(s.backspace("location"));
  CHECK(s.text("location") == "Pe");
  s.clear_text("location");
  CHECK_FALSE(s.backspace("location"));

  // Long text accepts newlines; address parts have their own limits.
  FormSession r(composed("records_request"), Lang::En, clock);
  CHECK(r.insert_text("purpose", Part::None, "Line 1\nLine 2") == InputResult::Ok);
  CHECK(r.max_length("mailing_address", Part::Zip) == 10);
  CHECK(r.max_length("mailing_address", Part::State) == 2);
  CHECK(r.insert_text("mailing_address", Part::State, "ILL") == InputResult::TooLong);
  CHECK_THROWS_AS(r.insert_text("mailing_address", Part::None, "x"), std::invalid_argument);
  CHECK_THROWS_AS(r.text("nope"), std::out_of_range);
}

TEST_CASE("pickers, stepper, choices and the signature pad") {
  kiosk::Program p;
  p.id = "demo";
  p.title = {"Demo", "Demo"};
  p.takes_signups = true;
  p.signup_form = "signup";
  p.signup_fields = json::array({
      {{"id", "seats"},
       {"type", "number"},
       {"label", lt("Seats", "Asientos")},
       {"min", 2},
       {"max", 5},
       {"required", true}},
      {{"id", "days"},
       {"type", "multi_choice"},
       {"label", lt("Days", "Días")},
       {"choices", json::array({{{"id", "sat"}, {"label", lt("Saturday", "Sábado")}},
                                {{"id", "sun"}, {"label", lt("Sunday", "Domingo")}}})}},
  });
  kiosk::VirtualClock clock;
  FormSession s(composed("signup", &p), Lang::En, clock);
  CHECK(s.form().program_id == "demo");
  s.step_number("seats", +1);
  CHECK(*s.answer("seats").number == 2);  // starts at 1, clamped into 2..5
  s.step_number("seats", +1);
  CHECK(*s.answer("seats").number == 3);
  for (int i = 0; i < 10; ++i) s.step_number("seats", +1);
  CHECK(*s.answer("seats").number == 5);
  s.step_number("seats", -100);
  CHECK(*s.answer("seats").number == 2);
  s.set_number("seats", std::nullopt);
  CHECK_FALSE(s.answer("seats").number);

  s.toggle("days", "sun");
  CHECK(s.is_chosen("days", "sun"));
  CHECK_FALSE(s.is_chosen("days", "sat"));
  s.toggle("days", "sun");
  CHECK_FALSE(s.is_chosen("days", "sun"));
  CHECK_THROWS_AS(s.toggle("days", "mon"), std::invalid_argument);
  s.choose("contact_method", "phone");
  CHECK(s.is_chosen("contact_method", "phone"));
  CHECK(s.is_visible("phone"));
  CHECK(s.is_visible("best_time_to_call"));
  CHECK_FALSE(s.is_visible("email"));
  s.choose("contact_method", "text");
  CHECK(s.is_visible("phone"));
  CHECK_FALSE(s.is_visible("best_time_to_call"));
  CHECK_THROWS_AS(s.choose("contact_method", "fax"), std::invalid_argument);

  CHECK_THROWS_AS(s.set_time("comments", TimeOfDay{1, 2}), std::invalid_argument);

  FormSession c(composed("crash_report"), Lang::En, clock);
  c.set_time("crash_time", TimeOfDay{7, 5});
  CHECK(c.text("crash_time") == "07:05");
  CHECK(c.time("crash_time") == TimeOfDay{7, 5});
  CHECK_FALSE(c.add_point("signature", 0.5f, 0.5f));  // no stroke begun
  CHECK(c.begin_stroke("signature"));
  CHECK(c.add_point("signature", -3.0f, 0.5f));  // clamped into the pad
  CHECK(c.add_point("signature", 0.5f, 2.0f));
  CHECK_FALSE(c.add_point("signature", std::nanf(""), 0.5f));
  REQUIRE(c.signature("signature").point_count() == 2);
  CHECK(c.signature("signature").stroke(0)[0].x == 0.0f);
  CHECK(c.signature("signature").stroke(0)[1].y == 1.0f);
  c.clear_signature("signature");
  CHECK(c.signature("signature").empty());
  CHECK(c.signature("signature").all_zero_for_test());
}

TEST_CASE("submission: normalised visible answers with form metadata, nothing before it is valid") {
  kiosk::VirtualClock clock(noon_utc("2026-03-05T12:00:00Z"));
  FormSession s(composed("crash_report"), Lang::Es, clock);
  CHECK_FALSE(s.submission());
  complete_crash_report(s);
  s.edit("delivery");
  s.choose("delivery", "email");
  s.insert_text("delivery_email", Part::None, "ana@example.com");
  s.choose("delivery", "mail");  // the email stays typed but hidden: it must not be submitted
  REQUIRE(s.next());
  auto sub = s.submission();
  REQUIRE(sub);
  CHECK(sub->form_id == "crash_report");
  CHECK(sub->form_version == 3);
  CHECK(sub->program_id.empty());
  json p = json::parse(sub->payload_json);
  CHECK(p.at("form_id") == "crash_report");
  CHECK(p.at("lang") == "es");
  CHECK(p.at("channel") == "kiosk");
  const json& a = p.at("answers");
  CHECK(a.at("crash_date") == "2026-03-01");
  CHECK(a.at("crash_time") == "17:45");
  CHECK(a.at("requester_phone") == "+15555550123");
  CHECK(a.at("requester_name") == "Ana López");
  CHECK(a.at("delivery") == "mail");
  CHECK(a.at("mailing_address").at("zip") == "62701");
  CHECK_FALSE(a.contains("delivery_email"));
  CHECK_FALSE(a.contains("case_number"));
  CHECK(a.at("acknowledgement").at("agreed") == true);
  const json& sig = a.at("signature");
  CHECK(sig.at("strokes").size() == 1);
  CHECK(sig.at("png_width") == kSignaturePngWidth);
  std::string b64 = sig.at("png_base64");
  std::string png(b64.size(), '\0');
  std::size_t len = 0;
  REQUIRE(sodium_base642bin(reinterpret_cast<unsigned char*>(png.data()), png.size(), b64.c_str(),
                            b64.size(), nullptr, &len, nullptr,
                            sodium_base64_VARIANT_ORIGINAL) == 0);
  png.resize(len);
  CHECK(png.rfind("\x89PNG\r\n\x1a\n", 0) == 0);
  CHECK(len < 4096);  // "a small PNG"
}

TEST_CASE("wipe() overwrites every answer buffer and starts over") {
  kiosk::VirtualClock clock(noon_utc("2026-03-05T12:00:00Z"));
  FormSession s(composed("crash_report"), Lang::En, clock);
  complete_crash_report(s);
  s.set_text("case_number", Part::None, "2024-012345");
  s.set_text("plate", Part::None, "ABC1234");
  CHECK_FALSE(s.all_buffers_zero_for_test());  // the hook can fail: there is data to find

  // The same string objects are examined after wipe(): their storage (up to capacity) must be zero.
  const SecureString& name = s.answer("requester_name").text;
  const SecureString& street = s.answer("mailing_address").address.street;
  const char* name_storage = name.data();
  const std::size_t name_capacity = name.capacity();
  REQUIRE(std::string_view(name) == "Ana López");
  s.wipe();
  CHECK(name.data() == name_storage);  // wiped in place, not swapped for a fresh buffer
  CHECK(name.capacity() == name_capacity);
  CHECK(name.empty());
  CHECK(buffer_is_zero(name));
  CHECK(buffer_is_zero(street));
  CHECK(s.all_buffers_zero_for_test());
  CHECK(s.step_index() == 0);
  CHECK_FALSE(s.on_review());
  CHECK_FALSE(s.error("crash_date"));  // the next visitor sees no messages either
  CHECK(s.review().front().value.empty());
  CHECK_FALSE(s.answer("acknowledgement").agreed);
  CHECK(s.signature("signature").empty());
  CHECK(s.answer("requester_role").is_empty(FieldType::SingleChoice));

  // Usable again at once, with the same buffers.
  CHECK(s.insert_text("location", Part::None, "Elm St") == InputResult::Ok);
  CHECK_FALSE(s.all_buffers_zero_for_test());
}
