// The request forms' version 3 fields through the real `kiosk --submit`: the crash report's
// represented party, copies and pickup place (choices from the content's places, also with
// --content), the records request's time window (not_before), copies or inspection, format, cost
// ceiling, fee waiver and another person's authorization; version 2 records still validate.
#include <catch2/catch.hpp>

#include "tests/support/sealed_rows.h"

#include <filesystem>
#include <nlohmann/json.hpp>

#include "kiosk/forms/confirmation_code.h"
#include "offline-cache/outbox.h"
#include "tests/support/cli_world.h"
#include "tests/support/kiosk_cli.h"
#include "tests/support/test_server.h"

using nlohmann::json;
namespace fs = std::filesystem;
using namespace kiosk::test_cli;  // Run, read_file, write_file, lines
using kiosk::test_upload::ScratchDir;

namespace {

struct Kiosk : CliWorld {
  Kiosk() : CliWorld("kiosk-cli-reqforms") {}

  // The opened payload of the one stored record with this confirmation code.
  json payload_of(const std::string& prefix, const std::string& code) const {
    kiosk::store::Outbox box(data().string());
    for (const auto& s : box.list(kiosk::store::Status::Pending, 1000))
      if (kiosk::forms::confirmation_code(prefix, s.id) == code)
        return json::parse(kiosk::testing::open_demo(s.sealed_payload));
    FAIL("no stored record with code " << code);
    return {};
  }
};

// Submits and expects exactly these error lines (exit 1, nothing stored).
void expect_errors(const Kiosk& k, const std::string& form, const json& answers,
                   const std::vector<std::string>& expected,
                   const std::vector<std::string>& extra = {}) {
  std::size_t before = k.stored().size();
  Run r = k.submit(form, answers, extra);
  INFO(r.err);
  CHECK(r.code == 1);
  CHECK(lines(r.out) == expected);
  CHECK(k.stored().size() == before);
}

std::string submit_ok(const Kiosk& k, const std::string& form, const json& answers,
                      const std::vector<std::string>& extra = {}) {
  Run r = k.submit(form, answers, extra);
  INFO(r.out << r.err);
  REQUIRE(r.code == 0);
  REQUIRE(lines(r.out).size() == 1);
  return lines(r.out)[0];
}

}  // namespace

TEST_CASE("crash report v3: represented party, copies and a pickup place from the content") {
  Kiosk k;
  json a = k.example("crash_report");
  CHECK(a.at("pickup_place") == "headquarters");  // the first pickup place of the bundled content

  a["requester_role"] = "attorney";
  a["organization"] = "Smith & Lee LLP";
  a.erase("represented_party");
  a["copies"] = 11;
  a["delivery"] = "pickup";
  a.erase("pickup_place");
  expect_errors(k, "crash_report", a,
                {"represented_party: Required: please fill this in.",
                 "copies: Choose a number from 1 to 10.", "pickup_place: Choose one option."});
  expect_errors(k, "crash_report", a,
                {"represented_party: Obligatorio: por favor, complete este dato.",
                 "copies: Elija un número del 1 al 10.", "pickup_place: Elija una opción."},
                {"--lang", "es"});

  a["represented_party"] = "Ana López";
  a["copies"] = 2;
  a["certified_copy"] = "maybe";
  a["pickup_place"] = "city_hall";
  expect_errors(
      k, "crash_report", a,
      {"certified_copy: Choose Yes or No.", "pickup_place: Choose one of the options shown."});

  a["certified_copy"] = "yes";
  a["pickup_place"] = "eastside_substation";
  std::string code = submit_ok(k, "crash_report", a);
  json p = k.payload_of("CR", code);
  CHECK(p.at("form_version") == 3);
  const json& ans = p.at("answers");
  CHECK(ans.at("represented_party") == "Ana López");
  CHECK(ans.at("copies") == 2);
  CHECK(ans.at("certified_copy") == "yes");
  CHECK(ans.at("pickup_place") == "eastside_substation");
  CHECK_FALSE(ans.contains("delivery_email"));  // hidden by pickup
}

TEST_CASE("crash report v3: the pickup places and fees come from --content") {
  Kiosk k;
  const fs::path bundle = k.home / "bundle";
  fs::create_directories(bundle);
  fs::copy(fs::path(KIOSK_SOURCE_DIR) / "assets" / "content", bundle, fs::copy_options::recursive);
  json d = json::parse(read_file(bundle / "department.json"));
  d["department"]["places"] =
      json::array({{{"id", "north_station"},
                    {"name", {{"en", "North Station"}, {"es", "Estación Norte"}}},
                    {"address", "9 North Road"},
                    {"records_pickup", true}},
                   {{"id", "headquarters"},
                    {"name", {{"en", "Headquarters"}, {"es", "Jefatura"}}},
                    {"address", "100 Main Street"}}});  // events still name it; no pickup here
  write_file(bundle / "department.json", d.dump(2));
  const std::vector<std::string> content = {"--content", bundle.string()};

  json a = k.example("crash_report", content);
  CHECK(a.at("pickup_place") == "north_station");
  a["delivery"] = "pickup";
  a["pickup_place"] = "eastside_substation";  // a place of the bundled demo, not of this bundle
  expect_errors(k, "crash_report", a, {"pickup_place: Choose one of the options shown."}, content);
  a["pickup_place"] = "north_station";
  std::string code = submit_ok(k, "crash_report", a, content);
  CHECK(k.payload_of("CR", code).at("answers").at("pickup_place") == "north_station");

  // The fee in the consent is the bundle's: the agreement's version follows it.
  json bundled = k.example("crash_report");
  CHECK(bundled.at("acknowledgement").at("text_sha256") ==
        a.at("acknowledgement").at("text_sha256"));
  d["department"]["fees"][0]["amount_cents"] = 600;
  write_file(bundle / "department.json", d.dump(2));
  Run changed = k.submit("crash_report", a, content);
  CHECK(changed.code == 1);
  CHECK_THAT(changed.out, Catch::Contains("acknowledgement: "));
}

TEST_CASE("records request v3: a time window for video and 911 recordings") {
  Kiosk k;
  json a = k.example("records_request");
  a["record_type"] = "body_camera_video";
  a.erase("time_from");
  a.erase("time_to");
  expect_errors(k, "records_request", a, {"time_from: Choose a time."});

  a["time_from"] = "14:30";
  a["time_to"] = "13:05";
  expect_errors(k, "records_request", a,
                {"time_to: Choose a time no earlier than 14:30, the answer to “From about what "
                 "time?”."});
  expect_errors(k, "records_request", a,
                {"time_to: Elija una hora no anterior a las 14:30, la respuesta a “¿Desde qué "
                 "hora, más o menos?”."},
                {"--lang", "es"});

  a["event_date"] = "2026-01-10";
  a["event_date_end"] = "2026-01-09";
  a["time_to"] = "15:00";
  expect_errors(k, "records_request", a,
                {"event_date_end: Choose a day no earlier than January 10, 2026, the answer to "
                 "“Date it happened (or the first day)”."});

  a["event_date_end"] = "2026-01-10";
  std::string code = submit_ok(k, "records_request", a);
  const json ans = k.payload_of("RR", code).at("answers");
  CHECK(ans.at("time_from") == "14:30");
  CHECK(ans.at("time_to") == "15:00");

  // Not asked for an incident report: a time given there is ignored, none is needed.
  a["record_type"] = "incident_report";
  a.erase("time_from");
  code = submit_ok(k, "records_request", a);
  CHECK_FALSE(k.payload_of("RR", code).at("answers").contains("time_to"));
}

TEST_CASE("records request v3: copies or inspection, format, cost ceiling and fee waiver") {
  Kiosk k;
  json a = k.example("records_request");
  a["access"] = "copies";
  a.erase("format");
  a["cost_limit"] = 0;
  a["fee_waiver"] = "yes";
  a.erase("fee_waiver_reason");
  expect_errors(k, "records_request", a,
                {"format: Choose one option.", "cost_limit: Choose a number from 1 to 100000.",
                 "fee_waiver_reason: Required: please fill this in."});

  a["format"] = "electronic_usb";
  a["cost_limit"] = 25;
  a["fee_waiver_reason"] = "The video shows a public meeting.";
  std::string code = submit_ok(k, "records_request", a);
  json ans = k.payload_of("RR", code).at("answers");
  CHECK(ans.at("access") == "copies");
  CHECK(ans.at("format") == "electronic_usb");
  CHECK(ans.at("cost_limit") == 25);
  CHECK(ans.at("fee_waiver_reason") == "The video shows a public meeting.");

  // Inspecting in person: no format, no delivery.
  a["access"] = "inspect";
  a.erase("delivery");
  code = submit_ok(k, "records_request", a);
  ans = k.payload_of("RR", code).at("answers");
  CHECK(ans.at("access") == "inspect");
  CHECK_FALSE(ans.contains("format"));
  CHECK_FALSE(ans.contains("delivery"));
  CHECK_FALSE(ans.contains("cost_limit"));
}

TEST_CASE("records request v3: another person's arrest record needs their signature and consent") {
  Kiosk k;
  json a = k.example("records_request");
  a["record_type"] = "arrest_record";
  a["whose_record"] = "another_person";
  a["subject_authorization"] = false;
  a.erase("subject_signature");
  expect_errors(k, "records_request", a,
                {"subject_authorization: Check the box to agree. If you have questions, please "
                 "ask at the front desk.",
                 "subject_signature: Sign in the box with your finger."});

  a["subject_authorization"] = true;
  a["subject_signature"] = a.at("signature");
  std::string code = submit_ok(k, "records_request", a);
  json ans = k.payload_of("RR", code).at("answers");
  CHECK(ans.at("whose_record") == "another_person");
  CHECK(ans.at("subject_authorization").at("agreed") == true);
  CHECK(ans.at("subject_signature").at("png_base64").get<std::string>().size() > 100);

  // One's own record: neither is asked.
  a["whose_record"] = "mine";
  a.erase("subject_signature");
  a.erase("subject_authorization");
  code = submit_ok(k, "records_request", a);
  ans = k.payload_of("RR", code).at("answers");
  CHECK_FALSE(ans.contains("subject_signature"));
  CHECK_FALSE(ans.contains("subject_authorization"));
}

TEST_CASE("version 2 records of both request forms still validate and store") {
  Kiosk k;
  for (const char* form : {"crash_report.v2", "records_request.v2"}) {
    INFO(form);
    json a = k.example(form);
    CHECK_FALSE(a.contains("pickup_place"));
    CHECK_FALSE(a.contains("time_from"));
    std::string code = submit_ok(k, form, a);
    CHECK(k.payload_of(std::string(form).substr(0, 1) == "c" ? "CR" : "RR", code)
              .at("form_version") == 2);
  }
}
