// The fee table and places of department.json, the "{fee:<id>}" placeholders in content and form
// texts, forms' choices_from (the pickup places) and the not_before rule of a time or date window.
#include <catch2/catch.hpp>

#include <functional>
#include <nlohmann/json.hpp>

#include "kiosk/content/catalogue.h"
#include "kiosk/content/fees.h"
#include "kiosk/core/digest.h"
#include "kiosk/core/embedded_assets.h"
#include "kiosk/forms/answers.h"
#include "kiosk/forms/field_validation.h"
#include "test_form_util.h"

using kiosk::Catalogue;
using kiosk::load_catalogue;
using nlohmann::json;
using namespace kiosk::forms;
using namespace kiosk::forms::test;
using Files = std::map<std::string, std::string>;
using Errors = std::vector<std::string>;

namespace {

// The bundled bundle with department.json edited, its events naming no place (as an older
// bundle's, so that the places can be changed freely).
Files with_department(const std::function<void(json&)>& edit) {
  Files f = kiosk::assets::under("content/");
  json events = json::parse(f.at("events.json"));
  for (auto& e : events["events"]) e.erase("place_id");
  f["events.json"] = events.dump(2);
  json j = json::parse(f.at("department.json"));
  edit(j);
  f["department.json"] = j.dump(2);
  return f;
}

Errors errors_of(const Files& files) {
  auto r = load_catalogue(files);
  CHECK(r.catalogue.has_value() == r.errors.empty());
  return r.errors;
}

// A catalogue with these fees and places (and the bundled rest).
Catalogue catalogue_with(const json& fees, const json& places) {
  auto r = load_catalogue(with_department([&](json& d) {
    d["department"]["fees"] = fees;
    d["department"]["places"] = places;
    d["department"]["records_info"] = lt("Records.", "Registros.");
  }));
  INFO((r.errors.empty() ? std::string() : r.errors.front()));
  REQUIRE(r.catalogue);
  return *r.catalogue;
}

json fee(const char* id, long long cents) {
  return {{"id", id}, {"amount_cents", cents}, {"unit", "each"}, {"label", lt("Fee", "Tarifa")}};
}

json place(const char* id, bool pickup) {
  return {{"id", id},
          {"name", lt("Headquarters", "Jefatura")},
          {"address", "100 Main Street"},
          {"records_pickup", pickup}};
}

const char* kCopyHelp = "A copy costs {fee:copy}.";

// A form with a pickup place and a fee in its help and consent.
json pickup_form() {
  return form_json(json::array(
      {step_json("s", json::array({
                          {{"id", "copies"},
                           {"type", "number"},
                           {"min", 1},
                           {"max", 10},
                           {"label", lt("Copies", "Copias")},
                           {"help", lt(kCopyHelp, "Una copia cuesta {fee:copy}.")}},
                          {{"id", "place"},
                           {"type", "single_choice"},
                           {"required", true},
                           {"choices_from", "pickup_places"},
                           {"label", lt("Where?", "¿Dónde?")}},
                          {{"id", "ok"},
                           {"type", "consent"},
                           {"required", true},
                           {"label", lt("I agree", "Acepto")},
                           {"consent_text", lt("I will pay {fee:copy}.", "Pagaré {fee:copy}.")}},
                      }))}));
}

}  // namespace

TEST_CASE("fee amounts are dollars and cents in both languages") {
  using kiosk::content::format_money;
  CHECK(format_money(0) == "$0.00");
  CHECK(format_money(25) == "$0.25");
  CHECK(format_money(500) == "$5.00");
  CHECK(format_money(1000) == "$10.00");
  CHECK(format_money(123456) == "$1,234.56");
  CHECK(format_money(100000000) == "$1,000,000.00");
}

TEST_CASE("the bundled content states its fees from the one table and names its places") {
  Catalogue c = kiosk::bundled_catalogue();
  const auto& d = c.department;
  REQUIRE(d.fees.size() == 3);
  CHECK(kiosk::content::find_fee(d.fees, "crash_report_copy")->amount_cents == 500);
  CHECK(kiosk::content::find_fee(d.fees, "record_copy_page")->unit == "page");
  CHECK(kiosk::content::find_fee(d.fees, "certified_copy")->amount_cents == 1000);
  CHECK_THAT(d.records_info.en,
             Catch::Contains("crash report $5.00; other records $0.25 per page; certified copy "
                             "$10.00"));
  CHECK_THAT(d.records_info.es, Catch::Contains("copia certificada, $10.00"));
  CHECK_THAT(d.records_info.en, !Catch::Contains("{fee:"));
  std::vector<std::string> pickup;
  for (const auto* p : d.pickup_places()) pickup.push_back(p->id);
  CHECK(pickup ==
        std::vector<std::string>{"headquarters", "downtown_substation", "eastside_substation"});
  REQUIRE(d.find_place("headquarters"));
  CHECK(d.find_place("headquarters")->address == "100 Main Street");
  int at_hq = 0;
  for (const auto& e : c.events) at_hq += e.place_id == "headquarters" ? 1 : 0;
  CHECK(at_hq >= 1);
}

TEST_CASE("a bundle without fees or places is still valid, but a placeholder needs its fee") {
  CHECK(errors_of(with_department([](json& d) {
          d["department"].erase("fees");
          d["department"].erase("places");
          d["department"]["records_info"] = lt("Records.", "Registros.");
        })).empty());
  CHECK(errors_of(with_department([](json& d) { d["department"].erase("fees"); })) ==
        Errors{"department.json: /department/records_info/en: {fee:crash_report_copy} names no "
               "fee of department.json /department/fees (the bundle has no fee table)",
               "department.json: /department/records_info/es: {fee:crash_report_copy} names no "
               "fee of department.json /department/fees (the bundle has no fee table)"});
}

TEST_CASE("an unknown or malformed fee placeholder is an error at its JSON pointer") {
  Files files = with_department([](json& d) {
    d["department"]["records_info"] = lt("Certified: {fee:certifed_copy}.", "Copia: {fee:}.");
  });
  CHECK(errors_of(files) ==
        Errors{"department.json: /department/records_info/en: {fee:certifed_copy} names no fee "
               "of department.json /department/fees (fees: crash_report_copy, record_copy_page, "
               "certified_copy)",
               "department.json: /department/records_info/es: malformed fee placeholder (write "
               "{fee:<id>}, an id of the fee table such as {fee:certified_copy})"});
  // Any file of the bundle: a program's description.
  files = kiosk::assets::under("content/");
  json programs = json::parse(files.at("programs.json"));
  programs["programs"][0]["description"]["en"] = "Costs {fee:Copy}.";
  files["programs.json"] = programs.dump();
  CHECK(errors_of(files) ==
        Errors{"programs.json: /programs/0/description/en: malformed fee placeholder (write "
               "{fee:<id>}, an id of the fee table such as {fee:certified_copy})"});
}

TEST_CASE("every defect of the fee table and the places is reported") {
  CHECK(errors_of(with_department([](json& d) {
          d["department"]["fees"] = json::array(
              {fee("copy", 500),
               fee("copy", 100),
               {{"id", "x"}, {"amount_cents", -1}, {"unit", "box"}, {"label", lt("X", "X")}}});
          d["department"]["records_info"] = lt("Records.", "Registros.");
        })) ==
        Errors{"department.json: /department/fees/1/id: duplicate fee id \"copy\"",
               "department.json: /department/fees/2/amount_cents: expected a whole number of "
               "cents from 0 to 100000000 (500 is $5.00), got -1",
               "department.json: /department/fees/2/unit: expected \"each\", \"page\" or "
               "\"request\", got \"box\""});
  CHECK(errors_of(with_department([](json& d) {
          json bad = place("hq", true);
          bad["records_pickup"] = "yes";
          bad.erase("address");
          d["department"]["places"] = json::array({place("hq", true), bad});
        })) == Errors{"department.json: /department/places/1/id: duplicate place id \"hq\"",
                      "department.json: /department/places/1/address: missing (required)",
                      "department.json: /department/places/1/records_pickup: expected true or "
                      "false, got a string"});
}

TEST_CASE("an event's place_id must name a place of department.json") {
  Files files = kiosk::assets::under("content/");
  json events = json::parse(files.at("events.json"));
  events["events"][0]["place_id"] = "hq";
  files["events.json"] = events.dump();
  CHECK(errors_of(files) == Errors{"events.json: /events/0/place_id: unknown place \"hq\""});
}

TEST_CASE("choices_from: checked when a form loads, filled from the content when it is composed") {
  FormSpec form = load_ok(pickup_form());
  const FieldSpec* f = form.find_field("place");
  CHECK(f->choices.empty());
  CHECK(f->choices_from == "pickup_places");

  Catalogue c =
      catalogue_with(json::array({fee("copy", 250)}),
                     json::array({place("hq", true), place("annex", false), place("east", true)}));
  ComposeResult r = compose_form(form, nullptr, c);
  REQUIRE(r.errors.empty());
  const FieldSpec* resolved = r.form->find_field("place");
  REQUIRE(resolved->choices.size() == 2);
  CHECK(resolved->choices[0].id == "hq");
  CHECK(resolved->choices[0].label.en == "Headquarters, 100 Main Street");
  CHECK(resolved->choices[0].label.es == "Jefatura, 100 Main Street");
  CHECK(resolved->choices[1].id == "east");
  // The resolved choices are what validation knows.
  Answers a(*r.form);
  a.at("place").text.append("annex");
  CHECK(validate_field(*resolved, a.at("place"), ValidationContext{}).size() == 1);

  // Fees in texts: expanded; the consent's version is the text with the amount.
  CHECK(r.form->find_field("copies")->help.en == "A copy costs $2.50.");
  CHECK(r.form->find_field("copies")->help.es == "Una copia cuesta $2.50.");
  const FieldSpec* ok = r.form->find_field("ok");
  CHECK(ok->consent_text.en == "I will pay $2.50.");
  CHECK(ok->consent_sha256 == kiosk::sha256_hex("I will pay $2.50.\nPagaré $2.50."));

  // No pickup place: the question is left out. A fee the table lacks: the form is not offered.
  Catalogue none = catalogue_with(json::array({fee("copy", 250)}), json::array());
  ComposeResult without = compose_form(form, nullptr, none);
  REQUIRE(without.form);
  CHECK_FALSE(without.form->find_field("place"));
  Catalogue no_fee = catalogue_with(json::array({fee("other", 250)}), json::array());
  CHECK(compose_form(form, nullptr, no_fee).errors ==
        Errors{"form t: field copies: {fee:copy} names no fee of department.json "
               "/department/fees (fees: other)",
               "form t: field copies: {fee:copy} names no fee of department.json "
               "/department/fees (fees: other)",
               "form t: field ok: {fee:copy} names no fee of department.json /department/fees "
               "(fees: other)",
               "form t: field ok: {fee:copy} names no fee of department.json /department/fees "
               "(fees: other)"});
}

TEST_CASE("choices_from: every misuse is a form error") {
  auto errors = [](const std::function<void(json&)>& edit) {
    json f = pickup_form();
    edit(f["steps"][0]["fields"]);
    return load_form("t.json", f.dump()).errors;
  };
  CHECK(errors([](json& fs) { fs[1]["choices_from"] = "places"; }) ==
        Errors{"t.json: /steps/0/fields/1/choices_from: expected \"pickup_places\" (the places "
               "of department.json with records_pickup), got \"places\""});
  CHECK(errors([](json& fs) {
          fs[1]["choices"] = json::array({{{"id", "a"}, {"label", lt("A", "A")}}});
        }) == Errors{"t.json: /steps/0/fields/1/choices: give either choices or choices_from, "
                     "not both"});
  CHECK(errors([](json& fs) { fs[0]["choices_from"] = "pickup_places"; }) ==
        Errors{"t.json: /steps/0/fields/0/choices_from: not used by a number field (only "
               "single_choice and multi_choice fields have choices)"});
  CHECK(errors([](json& fs) {
          fs.push_back({{"id", "when"},
                        {"type", "text"},
                        {"label", lt("When", "Cuándo")},
                        {"show_if", {{"field", "place"}, {"equals", "hq"}}}});
        }) == Errors{"t.json: /steps/0/fields/3/show_if/field: \"place\" takes its choices from "
                     "content (choices_from); show_if cannot name them"});
}

namespace {

json window_form(const char* type) {
  return form_json(json::array({step_json(
      "s", json::array({
               {{"id", "from"}, {"type", type}, {"label", lt("From", "Desde")}},
               {{"id", "to"}, {"type", type}, {"label", lt("To", "Hasta")}, {"not_before", "from"}},
           }))}));
}

std::vector<FieldError> window_errors(const FormSpec& form, const char* from, const char* to) {
  Answers a(form);
  a.at("from").text.append(from);
  a.at("to").text.append(to);
  return validate_answers(a, ValidationContext{Date{2026, 12, 6}});
}

}  // namespace

TEST_CASE("not_before: a window's end may not come before its start") {
  FormSpec times = load_ok(window_form("time"));
  CHECK(times.find_field("to")->not_before == "from");
  CHECK(window_errors(times, "09:30", "11:00").empty());
  CHECK(window_errors(times, "09:30", "09:30").empty());
  CHECK(window_errors(times, "09:30", "").empty());      // "to" is optional
  CHECK(window_errors(times, "", "08:00").empty());      // nothing to compare with
  CHECK(window_errors(times, "9:30", "10:05").empty());  // as typed, without the leading zero
  auto errs = window_errors(times, "09:30", "08:15");
  REQUIRE(errs.size() == 1);
  CHECK(errs[0].field_id == "to");
  CHECK(errs[0].message.en == "Choose a time no earlier than 09:30, the answer to “From”.");
  CHECK(errs[0].message.es == "Elija una hora no anterior a las 09:30, la respuesta a “Desde”.");
  // An invalid start gets its own message and no second one on the end.
  errs = window_errors(times, "25:00", "08:15");
  REQUIRE(errs.size() == 1);
  CHECK(errs[0].field_id == "from");

  FormSpec dates = load_ok(window_form("date"));
  CHECK(window_errors(dates, "2026-03-01", "2026-03-02").empty());
  errs = window_errors(dates, "2026-03-01", "2026-02-28");
  REQUIRE(errs.size() == 1);
  CHECK(errs[0].message.en == "Choose a day no earlier than March 1, 2026, the answer to “From”.");
  CHECK(errs[0].message.es ==
        "Elija un día no anterior al 1 de marzo de 2026, la respuesta a “Desde”.");
}

TEST_CASE("not_before: names an earlier field of the same type") {
  auto errors = [](const std::function<void(json&)>& edit) {
    json f = window_form("time");
    edit(f["steps"][0]["fields"]);
    return load_form("t.json", f.dump()).errors;
  };
  CHECK(errors([](json& fs) { fs[1]["not_before"] = "later"; }) ==
        Errors{"t.json: /steps/0/fields/1/not_before: \"later\" is not a field that comes before "
               "this one"});
  CHECK(errors([](json& fs) { fs[0]["type"] = "date"; }) ==
        Errors{"t.json: /steps/0/fields/1/not_before: \"from\" is a date field; not_before must "
               "name a time field"});
  CHECK(errors([](json& fs) { fs[1]["type"] = "text"; }) ==
        Errors{"t.json: /steps/0/fields/1/not_before: not used by a text field (only date "
               "and time fields can follow another)"});
}

TEST_CASE("the request forms, version 3, compose with the bundled places and fees") {
  auto crash = compose_form(*bundled_forms().find("crash_report"), nullptr);
  REQUIRE(crash.errors.empty());
  CHECK(crash.form->version == 3);
  const FieldSpec* pickup = crash.form->find_field("pickup_place");
  REQUIRE(pickup->choices.size() == 3);
  CHECK(pickup->choices[0].id == "headquarters");
  CHECK(pickup->show_if->values == std::vector<std::string>{"pickup"});
  CHECK_THAT(pickup->reminder.en, Catch::Contains("photo ID"));
  CHECK_THAT(crash.form->find_field("certified_copy")->help.en,
             Catch::Contains("$10.00") && Catch::Contains("$5.00"));
  CHECK(crash.form->find_field("represented_party")->show_if->values ==
        std::vector<std::string>{"attorney", "insurer"});
  auto records = compose_form(*bundled_forms().find("records_request"), nullptr);
  REQUIRE(records.errors.empty());
  CHECK(records.form->find_field("time_to")->not_before == "time_from");
  CHECK_THAT(records.form->find_field("cost_limit")->help.en, Catch::Contains("$0.25 per page"));
  // Every form file states fees only through placeholders.
  for (const auto& [name, text] : kiosk::assets::under("forms/")) {
    INFO(name);
    CHECK(text.find("$5") == std::string::npos);
    CHECK(text.find("$10") == std::string::npos);
    CHECK(text.find("$0.25") == std::string::npos);
  }
}
