// The form loader: the shipped forms pass; each defect is rejected with a message naming the file
// and the JSON pointer; a bad form is left out while the others load; programs' signup_fields
// compose into the sign-up form.
#include <catch2/catch.hpp>

#include <algorithm>

#include "kiosk/content/catalogue.h"
#include "kiosk/content/field_format.h"
#include "kiosk/core/utf8.h"
#include "kiosk/forms/form_spec.h"
#include "test_form_util.h"

using namespace kiosk::forms;
using namespace kiosk::forms::test;

namespace {

json valid_form() {
  return form_json(json::array({
      step_json("first",
                json::array({
                    {{"id", "kind"},
                     {"type", "single_choice"},
                     {"label", lt("Kind", "Tipo")},
                     {"choices", json::array({{{"id", "a"}, {"label", lt("A", "A")}},
                                              {{"id", "other"}, {"label", lt("Other", "Otro")}}})}},
                    {{"id", "name"},
                     {"type", "person_name"},
                     {"label", lt("Name", "Nombre")},
                     {"required", true}},
                })),
      step_json("second", json::array({
                              {{"id", "note"}, {"type", "text"}, {"label", lt("Note", "Nota")}},
                          })),
  }));
}

// The errors of `valid_form()` after `mutate`.
std::vector<std::string> errors_after(const std::function<void(json&)>& mutate) {
  json f = valid_form();
  mutate(f);
  return load_form("t.json", f.dump()).errors;
}

json& field(json& f, int step, int index) { return f["steps"][step]["fields"][index]; }

// Every visitor-facing text of a form, for the language and character checks.
std::vector<const kiosk::LocalText*> texts_of(const FormSpec& f) {
  std::vector<const kiosk::LocalText*> out{&f.title};
  for (const auto& s : f.steps) {
    out.push_back(&s.title);
    for (const auto& fl : s.fields) {
      out.push_back(&fl.label);
      for (const auto& c : fl.choices) out.push_back(&c.label);
      if (fl.type == FieldType::Consent) out.push_back(&fl.consent_text);
    }
  }
  return out;
}

}  // namespace

TEST_CASE("the shipped forms load without errors") {
  const FormSet& set = bundled_forms();
  for (const auto& e : set.errors) FAIL_CHECK(e);
  REQUIRE(set.forms.size() == 3);
  CHECK(set.find("signup")->code_prefix == "SU");
  CHECK(set.find("crash_report")->code_prefix == "CR");
  CHECK(set.find("records_request")->code_prefix == "RR");
  CHECK(set.find("signup")->is_program_form());
  CHECK_FALSE(set.find("crash_report")->is_program_form());
  for (const auto& f : set.forms) {
    INFO(f->id);
    for (const kiosk::LocalText* t : texts_of(*f)) {
      CHECK_FALSE(t->en.empty());
      CHECK_FALSE(t->es.empty());
      // The UI's font atlas covers Latin-1 (U+0020-00FF): the shipped text stays inside it.
      for (const std::string* s : {&t->en, &t->es}) {
        INFO(*s);
        CHECK(kiosk::utf8::is_bmp_only(*s));
        CHECK(std::none_of(s->begin(), s->end(),
                           [](char c) { return static_cast<unsigned char>(c) >= 0xC4; }));
      }
    }
  }
}

TEST_CASE("the crash report form collects what the records unit needs") {
  auto f = bundled_forms().find("crash_report");
  REQUIRE(f);
  for (const char* id : {"crash_date", "crash_time", "location", "case_number", "requester_role",
                         "driver_names", "plate", "delivery", "delivery_email", "mailing_address",
                         "requester_name", "requester_phone", "acknowledgement", "signature"})
    CHECK(f->find_field(id));
  CHECK(f->find_field("crash_date")->type == FieldType::Date);
  CHECK(f->find_field("crash_date")->required);
  CHECK(f->find_field("crash_time")->type == FieldType::Time);
  CHECK_FALSE(f->find_field("plate")->required);
  std::vector<std::string> roles;
  for (const auto& c : f->find_field("requester_role")->choices) roles.push_back(c.id);
  CHECK(roles == std::vector<std::string>{"driver", "passenger", "pedestrian", "vehicle_owner",
                                          "property_owner", "parent_guardian", "employer",
                                          "attorney", "insurer", "other"});
  CHECK(f->find_field("delivery_email")->show_if->values == std::vector<std::string>{"email"});
  CHECK(f->find_field("mailing_address")->show_if->values == std::vector<std::string>{"mail"});
  CHECK(f->find_field("mailing_address")->type == FieldType::AddressUs);
  CHECK(f->find_field("acknowledgement")->type == FieldType::Consent);
  CHECK(f->find_field("signature")->type == FieldType::Signature);
}

TEST_CASE("the records request form offers the record types departments release") {
  auto f = bundled_forms().find("records_request");
  REQUIRE(f);
  std::vector<std::string> types;
  for (const auto& c : f->find_field("record_type")->choices) types.push_back(c.id);
  CHECK(types == std::vector<std::string>{"incident_report", "crash_report", "arrest_record",
                                          "recording_911", "body_camera_video", "photos", "other"});
  for (const char* id :
       {"case_number", "event_date", "event_date_end", "location", "people_involved",
        "requester_name", "requester_phone", "delivery", "purpose", "acknowledgement", "signature"})
    CHECK(f->find_field(id));
  CHECK_FALSE(f->find_field("purpose")->required);
}

TEST_CASE("each form defect is rejected with its message") {
  using E = std::vector<std::string>;
  CHECK(errors_after([](json&) {}).empty());
  CHECK(load_form("t.json", "{\"id\": ").errors.front().rfind("t.json: not valid JSON: ", 0) == 0);
  CHECK(load_form("t.json", "[1]").errors ==
        E{"t.json: expected a JSON object (a form), got an array"});
  CHECK(errors_after([](json& f) { f["id"] = "other"; }) ==
        E{"t.json: /id: \"other\" does not match the file name (expected other.json)"});
  CHECK(errors_after([](json& f) { f["id"] = "Bad Id"; }) ==
        E{"t.json: /id: expected an id of a-z, 0-9 and _ (at most 64)"});
  CHECK(errors_after([](json& f) { f.erase("version"); }) ==
        E{"t.json: /version: missing (required)"});
  CHECK(errors_after([](json& f) { f["version"] = 0; }) ==
        E{"t.json: /version: expected a whole number from 1 to 1000000, got 0"});
  CHECK(errors_after([](json& f) { f["version"] = "1"; }) ==
        E{"t.json: /version: expected a whole number, got a string"});
  CHECK(errors_after([](json& f) { f["code_prefix"] = "cr"; }) ==
        E{"t.json: /code_prefix: expected two capital letters, like \"CR\""});
  CHECK(errors_after([](json& f) { f["title"].erase("es"); }) ==
        E{"t.json: /title/es: missing Spanish text"});
  CHECK(errors_after([](json& f) { f["title"]["es"] = ""; }) ==
        E{"t.json: /title/es: empty Spanish text"});
  CHECK(errors_after([](json& f) { f["title"]["en"] = "Hi \xF0\x9F\x98\x80"; }) ==
        E{"t.json: /title/en: character U+1F600 at position 3 is not in the kiosk font (Latin-1, "
          "Latin Extended-A, typographic quotes and dashes)"});
  CHECK(errors_after([](json& f) { f["title"]["en"] = std::string(201, 'a'); }) ==
        E{"t.json: /title/en: too long: 201 characters (at most 200)"});
  CHECK(errors_after([](json& f) { f["colour"] = "red"; }) ==
        E{"t.json: /colour: unknown key \"colour\""});
  CHECK(errors_after([](json& f) { f["steps"] = json::array(); }) ==
        E{"t.json: /steps: expected a non-empty list of steps"});
  CHECK(errors_after([](json& f) { f["steps"][1]["fields"] = json::array(); }) ==
        E{"t.json: /steps/1/fields: expected a non-empty list of fields"});
  CHECK(errors_after([](json& f) { f["steps"][1]["id"] = "first"; }) ==
        E{"t.json: /steps/1/id: duplicate step id \"first\""});
  CHECK(errors_after([](json& f) { f["steps"][1]["title"] = "Second"; }) ==
        E{"t.json: /steps/1/title: expected an object with \"en\" and \"es\" text, got a string"});
}

TEST_CASE("each field defect is rejected with its message") {
  using E = std::vector<std::string>;
  const std::string p = "t.json: /steps/1/fields/0";
  auto note = [](const std::function<void(json&)>& m) {
    return errors_after([&](json& f) { m(field(f, 1, 0)); });
  };
  CHECK(note([](json& n) { n["id"] = "Note!"; }) ==
        E{p + "/id: expected a field id of lowercase letters, digits and \"_\" (like "
              "\"household_size\"), got \"Note!\""});
  CHECK(note([](json& n) { n["id"] = "name"; }) == E{p + "/id: duplicate field id \"name\""});
  CHECK(note([](json& n) { n["type"] = "phone"; }) ==
        E{p + "/type: unknown type \"phone\" (expected one of text, long_text, person_name, email, "
              "phone_us, phone_intl, address_us, date, "
              "time, number, single_choice, multi_choice, yes_no, consent, signature)"});
  CHECK(note([](json& n) { n.erase("label"); }) == E{p + "/label: missing (required)"});
  CHECK(note([](json& n) { n["help"] = lt("Help", ""); }) == E{p + "/help/es: empty Spanish text"});
  CHECK(note([](json& n) { n["required"] = "yes"; }) ==
        E{p + "/required: expected true or false, got a string"});
  CHECK(note([](json& n) { n["requried"] = true; }) ==
        E{p + "/requried: unknown key \"requried\""});
  CHECK(note([](json& n) { n["max_length"] = 1001; }) ==
        E{p + "/max_length: expected a whole number from 1 to 1000, got 1001"});
  CHECK(note([](json& n) { n["max_length"] = 0; }) ==
        E{p + "/max_length: expected a whole number from 1 to 1000, got 0"});
  CHECK(note([](json& n) { n["min_length"] = 5, n["max_length"] = 4; }) ==
        E{p + "/min_length: greater than max_length (4)"});
  CHECK(note([](json& n) { n["pattern"] = "([a-z"; })
            .front()
            .rfind(p + "/pattern: not a valid RE2 regular expression", 0) == 0);
  CHECK(note([](json& n) { n["pattern"] = "^a$", n["max_length"] = 600; }) ==
        E{p + "/pattern: a field with a pattern needs max_length of at most 500"});
  CHECK(note([](json& n) { n["pattern_message"] = lt("x", "y"); }) ==
        E{p + "/pattern_message: only with a pattern"});
  CHECK(note([](json& n) { n["min"] = 1; }) ==
        E{p + "/min: not used by a text field (only number fields have min and max)"});
  CHECK(note([](json& n) { n["type"] = "number", n["min"] = 5, n["max"] = 1; }) ==
        E{p + "/min: greater than max"});
  CHECK(note([](json& n) { n["type"] = "number", n["max"] = 1e12; }) ==
        E{p + "/max: expected a whole number, got a number"});
  CHECK(note([](json& n) { n["type"] = "number", n["max"] = 2000000000; }) ==
        E{p + "/max: expected a whole number from -1000000000 to 1000000000, got 2000000000"});
  CHECK(note([](json& n) { n["type"] = "number", n["max_length"] = 3; }) ==
        E{p +
          "/max_length: not used by a number field (only text fields have lengths and patterns)"});
  CHECK(note([](json& n) { n["type"] = "date", n["min_date"] = "yesterday"; }) ==
        E{p + "/min_date: expected \"today\", \"today+Nd\", \"today-Nd\" or a date YYYY-MM-DD, "
              "got \"yesterday\""});
  CHECK(note([](json& n) {
          n["type"] = "date", n["min_date"] = "today+5d", n["max_date"] = "today";
        }) == E{p + "/min_date: later than max_date"});
  CHECK(note([](json& n) {
          n["type"] = "date", n["min_date"] = "2026-02-01", n["max_date"] = "2026-01-31";
        }) == E{p + "/min_date: later than max_date"});
  CHECK(note([](json& n) { n["max_date"] = "today"; }) ==
        E{p + "/max_date: not used by a text field (only date fields have a date range)"});
  CHECK(note([](json& n) { n["type"] = "single_choice"; }) ==
        E{p + "/choices: missing (required)"});
  CHECK(note([](json& n) { n["type"] = "multi_choice", n["choices"] = json::array(); }) ==
        E{p + "/choices: expected at least one choice"});
  CHECK(note([](json& n) {
          n["type"] = "single_choice";
          n["choices"] = json::array(
              {{{"id", "a"}, {"label", lt("A", "A")}}, {{"id", "a"}, {"label", lt("B", "B")}}});
        }) == E{p + "/choices/1/id: duplicate choice id \"a\""});
  CHECK(note([](json& n) { n["choices"] = json::array(); }) ==
        E{p + "/choices: not used by a text field (only single_choice and multi_choice fields have "
              "choices)"});
  CHECK(note([](json& n) { n["type"] = "consent"; }) == E{p + "/consent_text: missing (required)"});
  CHECK(note([](json& n) { n["consent_text"] = lt("x", "y"); }) ==
        E{p + "/consent_text: not used by a text field (only consent fields have a consent text)"});
  CHECK(note([](json& n) {
          n["show_if"] = {{"field", "nowhere"}, {"equals", "a"}};
        }) == E{p + "/show_if/field: \"nowhere\" is not a field that comes before this one"});
  CHECK(note([](json& n) {
          n["show_if"] = {{"field", "note"}, {"equals", "a"}};
        }) == E{p + "/show_if/field: a field cannot depend on itself"});
  CHECK(note([](json& n) {
          n["show_if"] = {{"field", "kind"}, {"equals", "b"}};
        }) == E{p + "/show_if: \"b\" is not a possible answer of \"kind\""});
  CHECK(note([](json& n) {
          n["show_if"] = {{"field", "name"}, {"equals", "Ana"}};
        }) == E{p + "/show_if/field: \"name\" is a person_name field; show_if may only depend on "
                    "single_choice, multi_choice or yes_no"});
  CHECK(
      note([](json& n) {
        n["show_if"] = {{"field", "kind"}, {"equals", "a"}, {"in", json::array({"a"})}};
      }) ==
      E{p + "/show_if: expected exactly one of \"equals\" (a value) or \"in\" (a list of values)"});
  CHECK(note([](json& n) {
          n["show_if"] = {{"field", "kind"}, {"in", json::array()}};
        }) == E{p + "/show_if/in: expected a non-empty list of strings"});
  CHECK(note([](json& n) {
          n["show_if"] = {{"field", "kind"}, {"in", json::array({"a", "other"})}};
        }).empty());
  // A show_if may only look back: a field of step 0 naming one of step 1 is a forward reference.
  CHECK(errors_after([](json& f) {
          field(f, 0, 1)["show_if"] = {{"field", "note"}, {"equals", "x"}};
        }) == E{"t.json: /steps/0/fields/1/show_if/field: \"note\" is not a field that comes "
                "before this one"});
}

TEST_CASE("every defect of a form is reported at once") {
  auto errs = errors_after([](json& f) {
    f["version"] = -1;
    f["title"]["es"] = "";
    field(f, 1, 0)["type"] = "nope";
  });
  CHECK(errs.size() == 3);
}

TEST_CASE("a bad form is left out and reported, the others load") {
  json good = valid_form();
  json bad = valid_form();
  bad["id"] = "broken";
  bad["steps"][0]["fields"][0]["type"] = "bogus";
  FormSet set = load_forms(
      {{"t.json", good.dump()}, {"broken.json", bad.dump()}, {"README.txt", "not a form"}});
  REQUIRE(set.forms.size() == 1);
  CHECK(set.forms[0]->id == "t");
  REQUIRE(set.errors.size() == 1);
  CHECK(set.errors[0].rfind("broken.json: /steps/0/fields/0/type: unknown type \"bogus\"", 0) == 0);
  CHECK_FALSE(set.find("broken"));
}

TEST_CASE("date bounds") {
  CHECK(parse_date_bound("today")->relative);
  CHECK(parse_date_bound("today-3650d")->offset_days == -3650);
  CHECK(parse_date_bound("today+7d")->offset_days == 7);
  CHECK(parse_date_bound("2020-02-29")->date == Date{2020, 2, 29});
  for (const char* bad :
       {"", "today-", "today-d", "today+7", "today+-7d", "today-99999999d", "2021-02-29", "now"}) {
    INFO(bad);
    CHECK_FALSE(parse_date_bound(bad));
  }
}

TEST_CASE("every program's signup_fields in the bundled catalogue compose with the sign-up form") {
  kiosk::Catalogue cat = kiosk::bundled_catalogue();
  auto signup = bundled_forms().find("signup");
  REQUIRE(signup);
  int composed = 0;
  for (const auto& p : cat.programs) {
    if (!p.takes_signups) continue;
    INFO(p.id);
    auto form = bundled_forms().find(p.signup_form);
    REQUIRE(form);
    ComposeResult r = compose_form(*form, &p);
    for (const auto& e : r.errors) FAIL_CHECK(e);
    REQUIRE(r.form);
    CHECK(r.form->program_id == p.id);
    CHECK_FALSE(r.form->is_program_form());
    const StepSpec* details = nullptr;
    for (const auto& s : r.form->steps)
      if (s.id == "program_details") details = &s;
    if (p.signup_fields.empty()) {
      CHECK_FALSE(details);
    } else {
      REQUIRE(details);
      CHECK(details->fields.size() == p.signup_fields.size());
      CHECK(details->fields.front().id == p.signup_fields.front().at("id").get<std::string>());
    }
    ++composed;
  }
  CHECK(composed > 10);
}

TEST_CASE("compose_form refuses what does not fit") {
  auto signup = bundled_forms().find("signup");
  auto crash = bundled_forms().find("crash_report");
  kiosk::Program p;
  p.id = "demo";
  p.title = {"Demo", "Demo"};
  p.takes_signups = true;
  p.signup_form = "signup";
  p.signup_fields = json::array({{{"id", "seats"},
                                  {"type", "number"},
                                  {"label", lt("Seats", "Asientos")},
                                  {"min", 1},
                                  {"max", 4}}});
  CHECK(compose_form(*signup, &p).errors.empty());
  CHECK(compose_form(*signup, nullptr).errors ==
        std::vector<std::string>{"form signup is a program sign-up: name the program"});
  CHECK(compose_form(*crash, &p).errors ==
        std::vector<std::string>{"program demo does not take sign-ups with form crash_report"});
  ComposeResult plain = compose_form(*crash, nullptr);
  REQUIRE(plain.form);
  CHECK(plain.form->steps.size() == crash->steps.size());

  kiosk::Program closed = p;
  closed.takes_signups = false;
  CHECK(compose_form(*signup, &closed).errors ==
        std::vector<std::string>{"program demo does not take sign-ups with form signup"});

  kiosk::Program clash = p;
  clash.signup_fields =
      json::array({{{"id", "email"}, {"type", "email"}, {"label", lt("Email", "Correo")}}});
  CHECK(compose_form(*signup, &clash).errors ==
        std::vector<std::string>{"program demo: signup_fields/0/id: duplicate field id \"email\""});
  kiosk::Program later = p;  // "comments" comes after the program step: it cannot be clashed with
  later.signup_fields =
      json::array({{{"id", "comments"}, {"type", "text"}, {"label", lt("C", "C")}}});
  CHECK(compose_form(*signup, &later).errors ==
        std::vector<std::string>{"program demo: signup_fields: duplicate field id \"comments\""});
  kiosk::Program looks_back = p;  // show_if may name a base field that comes before
  looks_back.signup_fields =
      json::array({{{"id", "text_ok"},
                    {"type", "yes_no"},
                    {"label", lt("Texts?", "¿Mensajes?")},
                    {"show_if", {{"field", "contact_method"}, {"equals", "text"}}}}});
  CHECK(compose_form(*signup, &looks_back).errors.empty());
  kiosk::Program bad = p;
  bad.signup_fields = json::array(
      {{{"id", "x"}, {"type", "number"}, {"label", lt("X", "X")}, {"min", 9}, {"max", 1}}});
  CHECK(compose_form(*signup, &bad).errors ==
        std::vector<std::string>{"program demo: signup_fields/0/min: greater than max"});
  kiosk::Program not_list = p;
  not_list.signup_fields = json::object();
  CHECK(compose_form(*signup, &not_list).errors ==
        std::vector<std::string>{"program demo: signup_fields: expected an array, got an object"});
}

TEST_CASE("the content loader and compose_form judge signup_fields with the same words") {
  // One validator (kiosk/content/field_format.h): the same defect, checked when the bundle loads
  // and when the sign-up is composed, reads the same after its location.
  kiosk::Program p;
  p.id = "demo";
  p.title = {"Demo", "Demo"};
  p.takes_signups = true;
  p.signup_form = "signup";
  std::vector<json> bad_fields = {
      {{"id", "x"}, {"type", "slider"}, {"label", lt("X", "X")}},
      {{"id", "x"}, {"type", "number"}, {"label", lt("X", "X")}, {"max_length", 3}},
      {{"id", "x"}, {"type", "text"}, {"label", lt("X", " X")}},
      {{"id", "x"}, {"type", "text"}, {"label", lt("X", "X")}, {"pattern", "([a-z"}},
      {{"id", "x"}, {"type", "single_choice"}, {"label", lt("X", "X")}, {"choices", json::array()}},
      {{"id", "x"}, {"type", "date"}, {"label", lt("X", "X")}, {"min_date", "soon"}},
      {{"id", "X!"}, {"type", "text"}, {"label", lt("X", "X")}},
      {{"id", "x"}, {"type", "text"}, {"label", lt("X", "X")}, {"colour", "red"}},
  };
  auto signup = bundled_forms().find("signup");
  REQUIRE(signup);
  for (const auto& f : bad_fields) {
    INFO(f.dump());
    p.signup_fields = json::array({f});
    std::vector<std::string> loaded;
    kiosk::content::ErrorSink sink("programs.json", loaded);
    kiosk::content::check_signup_fields(p.signup_fields, "/programs/0/signup_fields", sink);
    auto composed = compose_form(*signup, &p).errors;
    REQUIRE(loaded.size() == 1);
    REQUIRE(composed.size() == 1);
    const std::string at_load = "programs.json: /programs/0/signup_fields/0";
    const std::string at_compose = "program demo: signup_fields/0";
    REQUIRE(loaded[0].rfind(at_load, 0) == 0);
    REQUIRE(composed[0].rfind(at_compose, 0) == 0);
    CHECK(loaded[0].substr(at_load.size()) == composed[0].substr(at_compose.size()));
  }
}

TEST_CASE("only the content loader lets show_if name a field outside the list") {
  // At load time the base form is unknown, so a name the list does not hold is left to
  // compose_form; a later field of the list is wrong in both.
  json fields = json::array({{{"id", "x"},
                              {"type", "text"},
                              {"label", lt("X", "X")},
                              {"show_if", {{"field", "nowhere"}, {"equals", "yes"}}}}});
  std::vector<std::string> loaded;
  kiosk::content::ErrorSink sink("programs.json", loaded);
  kiosk::content::check_signup_fields(fields, "/s", sink);
  CHECK(loaded.empty());
  kiosk::Program p;
  p.id = "demo";
  p.takes_signups = true;
  p.signup_form = "signup";
  p.signup_fields = fields;
  CHECK(
      compose_form(*bundled_forms().find("signup"), &p).errors ==
      std::vector<std::string>{"program demo: signup_fields/0/show_if/field: \"nowhere\" is not a "
                               "field that comes before this one"});
  fields.push_back({{"id", "nowhere"}, {"type", "yes_no"}, {"label", lt("N", "N")}});
  kiosk::content::check_signup_fields(fields, "/s", sink);
  CHECK(loaded == std::vector<std::string>{"programs.json: /s/0/show_if/field: \"nowhere\" is not "
                                           "a field that comes before this one"});
}

TEST_CASE("a form without a program_fields step gets a program's fields as a last step") {
  json f = valid_form();
  FormSpec base = load_ok(f);
  kiosk::Program p;
  p.id = "demo";
  p.title = {"Demo program", "Programa demo"};
  p.takes_signups = true;
  p.signup_form = "t";
  p.signup_fields =
      json::array({{{"id", "seats"}, {"type", "number"}, {"label", lt("Seats", "Asientos")}}});
  ComposeResult r = compose_form(base, &p);
  REQUIRE(r.form);
  REQUIRE(r.form->steps.size() == 3);
  CHECK(r.form->steps.back().title.es == "Programa demo");
  CHECK(r.form->steps.back().fields.front().id == "seats");
}
