// The form commands of the real `kiosk` binary: --list-forms, --answers-example fed back to
// --submit for every form and every program's sign-up (stored in the outbox, the printed code
// derived from the stored id), every field error on its own line (exit 1, nothing stored), usage
// errors (exit 2), SQL metacharacters stored verbatim, emoji refused, and no personal data in the
// log or on stderr.
#include <catch2/catch.hpp>

#include "tests/support/sealed_rows.h"

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "kiosk/content/catalogue.h"
#include "kiosk/forms/civil_date.h"
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

// One test's world: its own config home, data dir and files.
struct Kiosk : CliWorld {
  Kiosk() : CliWorld("kiosk-cli-forms") {}

  // --answers-example (run without a data dir), checked, as JSON.
  json example(const std::string& form, const std::string& program = "") const {
    std::vector<std::string> extra;
    if (!program.empty()) extra = {"--program", program};
    return CliWorld::example(form, extra, false);
  }

  std::string kiosk_id() const { return kiosk::store::Outbox(data().string()).kiosk_id(); }
};

// The one stored submission whose confirmation code `code` names.
kiosk::store::Submission stored_for(const Kiosk& k, const std::string& prefix,
                                    const std::string& code) {
  for (auto& s : k.stored())
    if (kiosk::forms::confirmation_code(prefix, s.id) == code) return s;
  FAIL("no stored submission has confirmation code " << code);
  return {};
}

}  // namespace

TEST_CASE("kiosk --list-forms prints ids, versions and both titles") {
  Kiosk k;
  Run r = k.run({"--list-forms"}, false);
  REQUIRE(r.code == 0);
  json forms = json::parse(r.out);
  REQUIRE(forms.is_array());
  std::vector<std::string> ids;
  for (const auto& f : forms) {
    ids.push_back(f.at("id"));
    CHECK(f.at("version").get<int>() >= 1);
    CHECK_FALSE(f.at("title").at("en").get<std::string>().empty());
    CHECK_FALSE(f.at("title").at("es").get<std::string>().empty());
    CHECK(f.size() == 4);
  }
  CHECK(ids == std::vector<std::string>{"crash_report", "records_request", "signup"});
  // The request forms took an international phone in version 2 and issue 15's fields in version
  // 3; the earlier versions are still released.
  for (int i : {0, 1}) {
    CHECK(forms[i].at("version") == 3);
    CHECK(forms[i].at("released_versions") == json::array({1, 2}));
  }
  CHECK(forms[2].at("version") == 1);
  CHECK(forms[2].at("released_versions") == json::array());
  CHECK_FALSE(fs::exists(k.data()));  // needs no data dir
}

TEST_CASE("kiosk --answers-example fed to kiosk --submit is accepted and stored, for every form") {
  Kiosk k;
  for (auto [form, prefix] :
       {std::pair{"crash_report", "CR"}, std::pair{"records_request", "RR"}}) {
    INFO(form);
    json answers = k.example(form);
    Run r = k.submit(form, answers);
    INFO(r.err);
    REQUIRE(r.code == 0);
    auto out = lines(r.out);
    REQUIRE(out.size() == 1);
    CHECK(kiosk::forms::is_confirmation_code(out[0]));
    CHECK(out[0].substr(0, 3) == std::string(prefix) + "-");
    auto row = stored_for(k, prefix, out[0]);
    CHECK(row.form_id == form);
    CHECK(row.form_version == 3);
    CHECK(row.program_id.empty());
    CHECK(row.payload_json.empty());  // nothing in clear: sealed to the (demo) department key
    CHECK(row.signer_kiosk_id == k.kiosk_id());
    CHECK(kiosk::crypto::verify_record(
        row.collector_public_key,
        {row.id, row.form_id, row.form_version, row.program_id, row.event_id,
         row.event_tag.value_or(""), row.created_at, k.kiosk_id(), k.kiosk_id(), row.sealed_to,
         row.sealed_payload},
        row.signature));
    json payload = json::parse(kiosk::testing::open_demo(row.sealed_payload));
    CHECK(payload.at("form_id") == form);
    // Self-describing: the department reads labels without the kiosk's bundle.
    CHECK_FALSE(payload.at("labels").at("requester_phone").at("en").get<std::string>().empty());
    CHECK(payload.at("channel") == "staff_entry");
    CHECK(payload.at("answers").at("signature").at("png_base64").get<std::string>().size() > 100);
    CHECK(payload.at("answers").at("requester_phone") == "+442079460958");
  }
  CHECK(k.stored().size() == 2);
}

TEST_CASE(
    "both request forms take a UK phone or a US one, stored as E.164, a malformed one "
    "is refused in words") {
  Kiosk k;
  for (auto [form, prefix] :
       {std::pair{"crash_report", "CR"}, std::pair{"records_request", "RR"}}) {
    INFO(form);
    json answers = k.example(form);
    for (auto [typed, stored] : {std::pair{"+44 20 7946 0958", "+442079460958"},
                                 std::pair{"(555) 555-0123", "+15555550123"},
                                 std::pair{"+34 912 345 678", "+34912345678"}}) {
      INFO(typed);
      answers["requester_phone"] = typed;
      Run r = k.submit(form, answers);
      INFO(r.err);
      REQUIRE(r.code == 0);
      auto row = stored_for(k, prefix, lines(r.out).at(0));
      json payload = json::parse(kiosk::testing::open_demo(row.sealed_payload));
      CHECK(payload.at("answers").at("requester_phone") == stored);
    }
    answers["requester_phone"] = "+44 20 7946";
    Run en = k.submit(form, answers);
    CHECK(en.code == 1);
    CHECK(en.out ==
          "requester_phone: Enter a phone number with its country code, like +44 20 7946 0958, or "
          "a 10-digit US number, like (555) 555-0123.\n");
    Run es = k.submit(form, answers, {"--lang", "es"});
    CHECK(es.code == 1);
    CHECK(es.out ==
          "requester_phone: Escriba un número de teléfono con el código del país, como +44 20 "
          "7946 0958, o un número de EE. UU. de 10 dígitos, como (555) 555-0123.\n");
  }
  CHECK(k.stored().size() == 6);
}

TEST_CASE("every program that takes sign-ups: its example submits with its own questions") {
  Kiosk k;
  int n = 0;
  for (const auto& p : kiosk::bundled_catalogue().programs) {
    if (!p.takes_signups) continue;
    INFO(p.id);
    json answers = k.example("signup", p.id);
    for (const auto& f : p.signup_fields) CHECK(answers.contains(f.at("id").get<std::string>()));
    Run r = k.submit("signup", answers, {"--program", p.id});
    INFO(r.err);
    REQUIRE(r.code == 0);
    auto row = stored_for(k, "SU", lines(r.out).at(0));
    CHECK(row.program_id == p.id);
    CHECK(json::parse(kiosk::testing::open_demo(row.sealed_payload)).at("program_id") == p.id);
    ++n;
  }
  CHECK(k.stored().size() == static_cast<std::size_t>(n));
}

TEST_CASE("every field error on its own line, in the chosen language, nothing stored") {
  Kiosk k;
  json answers = k.example("crash_report");
  answers["crash_date"] = "2099-01-01";
  answers["location"] = std::string(10 * 1024, 'x');
  answers["requester_phone"] = "555-0123";
  answers["delivery"] = "mail";
  answers["mailing_address"]["zip"] = "5550";
  answers["mailing_address"]["state"] = "ZZ";
  answers["acknowledgement"] = false;
  answers.erase("signature");
  answers["no_such_field"] = "x";
  Run r = k.submit("crash_report", answers);
  CHECK(r.code == 1);
  using namespace kiosk::forms;
  const std::string ten_years_ago = format_date_long(
      add_days(local_date(std::chrono::system_clock::now()), -3650), kiosk::Lang::En);
  CHECK(lines(r.out) ==
        std::vector<std::string>{
            "no_such_field: Not a field of form crash_report (see kiosk --answers-example "
            "crash_report).",
            "crash_date: Choose a date from " + ten_years_ago + " to today.",
            "location: Use at most 150 characters (this has 10240).",
            "requester_phone: Enter a phone number with its country code, like +44 20 7946 0958, "
            "or a 10-digit US number, like (555) 555-0123.",
            "mailing_address.state: Enter a 2-letter state code, like TX.",
            "mailing_address.zip: Enter a 5-digit ZIP code, like 55501.",
            "acknowledgement: Check the box to agree. If you have questions, please ask at the "
            "front desk.",
            "signature: Sign in the box with your finger.",
        });
  CHECK(r.err.find("8 answers to fix") != std::string::npos);
  CHECK(k.stored().empty());

  Run es = k.submit("crash_report", answers, {"--lang", "es"});
  CHECK(es.code == 1);
  CHECK(lines(es.out).at(5) ==
        "mailing_address.zip: Escriba un código postal (ZIP) de 5 dígitos, como 55501.");
  CHECK(lines(es.out).at(7) == "signature: Firme en el recuadro con el dedo.");
}

TEST_CASE(
    "unknown form or program, a program form without --program: exit 2 with a clear message") {
  Kiosk k;
  write_file(k.file("a.json"), "{}");
  const std::string a = k.file("a.json").string();
  Run r = k.run({"--submit", "parking_permit", "--answers", a});
  CHECK(r.code == 2);
  CHECK(r.err ==
        "kiosk: unknown form \"parking_permit\" (forms: crash_report, records_request, signup; see "
        "kiosk --list-forms)\n");
  r = k.run({"--answers-example", "parking_permit"}, false);
  CHECK(r.code == 2);
  r = k.run({"--submit", "signup", "--answers", a});
  CHECK(r.code == 2);
  CHECK(r.err ==
        "kiosk: signup is the sign-up form of programs: add --program ID (see kiosk "
        "--list-programs)\n");
  r = k.run({"--submit", "signup", "--answers", a, "--program", "no-such-program"});
  CHECK(r.code == 2);
  CHECK(r.err == "kiosk: unknown program \"no-such-program\" (see kiosk --list-programs)\n");
  r = k.run(
      {"--submit", "signup", "--answers", a, "--program", "crime-stoppers"});  // takes no sign-ups
  CHECK(r.code == 2);
  CHECK(r.err == "kiosk: program crime-stoppers does not take sign-ups with form signup\n");
  r = k.run({"--submit", "crash_report", "--answers", a, "--program", "neighborhood-watch"});
  CHECK(r.code == 2);
  CHECK(r.err ==
        "kiosk: program neighborhood-watch does not take sign-ups with form crash_report\n");
  r = k.run({"--submit", "crash_report", "--answers", k.file("missing.json").string()});
  CHECK(r.code == 2);
  CHECK(r.err.find("cannot read the answers file") != std::string::npos);
  CHECK(k.stored().empty());
}

TEST_CASE("a file that is not JSON is refused without echoing its content") {
  Kiosk k;
  write_file(k.file("bad.json"), "{\"requester_name\": \"Zacarias Quintanilla\", oops}");
  Run r = k.run({"--submit", "crash_report", "--answers", k.file("bad.json").string()});
  CHECK(r.code == 1);
  CHECK(r.err.find("is not valid JSON") != std::string::npos);
  CHECK(r.err.find("Zacarias") == std::string::npos);
  CHECK(r.out.empty());
  write_file(k.file("big.json"), std::string(2 << 20, ' '));
  r = k.run({"--submit", "crash_report", "--answers", k.file("big.json").string()});
  CHECK(r.code == 2);
  CHECK(r.err.find("larger than 1 MB") != std::string::npos);
}

TEST_CASE("SQL metacharacters are stored verbatim, emoji is refused, not mangled") {
  Kiosk k;
  json answers = k.example("records_request");
  const std::string sql = "Robert'); DROP TABLE submissions;-- \"x\" \\ % _ `";
  answers["record_type"] = "incident_report";
  answers["people_involved"] = sql;
  answers["location"] = "O'Brien's Pub; 1=1 --";
  answers["purpose"] = "Line 1\nLine 2 ' OR ''='";
  Run r = k.submit("records_request", answers);
  INFO(r.err);
  REQUIRE(r.code == 0);
  auto row = stored_for(k, "RR", lines(r.out).at(0));
  json stored = json::parse(kiosk::testing::open_demo(row.sealed_payload)).at("answers");
  CHECK(stored.at("people_involved") == sql);
  CHECK(stored.at("location") == "O'Brien's Pub; 1=1 --");
  CHECK(stored.at("purpose") == "Line 1\nLine 2 ' OR ''='");
  CHECK(k.stored().size() == 1);  // the table is still there, with one row

  answers["requester_name"] = "Ana \xF0\x9F\x98\x80";
  Run e = k.submit("records_request", answers);
  CHECK(e.code == 1);
  CHECK(lines(e.out) ==
        std::vector<std::string>{"requester_name: Emoji and some special symbols can't be shown on "
                                 "this kiosk. Please remove them."});
  CHECK(k.stored().size() == 1);
}

TEST_CASE("no personal data in the log or on stderr") {
  Kiosk k;
  json answers = k.example("crash_report");
  answers["requester_name"] = "Zacarias Quintanilla";
  answers["requester_phone"] = "(555) 555-0177";
  answers["delivery_email"] = "zq@example.net";
  answers["location"] = "Quintanilla Ave";
  Run ok = k.submit("crash_report", answers);
  REQUIRE(ok.code == 0);
  answers["requester_phone"] = "not a phone 0177";
  Run bad = k.submit("crash_report", answers);
  REQUIRE(bad.code == 1);
  std::string log = read_file(k.data() / "kiosk.log");
  CHECK(log.find("submit:") != std::string::npos);  // the log was written
  for (const std::string& text : {log, ok.err, bad.err}) {
    for (const char* secret : {"Zacarias", "Quintanilla", "0177", "zq@example.net"}) {
      INFO(secret);
      CHECK(text.find(secret) == std::string::npos);
    }
  }
}

TEST_CASE("kiosk --submit refuses a car-seat date that is not a 2nd Saturday, in words") {
  Kiosk k;
  using namespace kiosk::forms;
  const Date today = local_date(std::chrono::system_clock::now());
  // Next month's 1st Saturday: always ahead and inside the field's 180 days, never a 2nd one.
  Date first_sat =
      add_days(today, kiosk::cal::days_in_month(today.year, today.month) - today.day + 1);
  while (kiosk::cal::weekday(first_sat) != 6) first_sat = add_days(first_sat, 1);
  const Date second_sat = add_days(first_sat, 7);
  json answers = k.example("signup", "car-seat-inspections");
  answers["preferred_date"] = format_date(first_sat);
  Run r = k.submit("signup", answers, {"--program", "car-seat-inspections"});
  CHECK(r.code == 1);
  CHECK(lines(r.out) == std::vector<std::string>{
                            "preferred_date: Only the second Saturday of each month can be chosen. "
                            "The next one is " +
                            format_date_long(second_sat, kiosk::Lang::En) + "."});
  Run es = k.submit("signup", answers, {"--program", "car-seat-inspections", "--lang", "es"});
  CHECK(es.code == 1);
  CHECK(lines(es.out) == std::vector<std::string>{
                             "preferred_date: Solo se puede elegir el segundo sábado de cada mes. "
                             "El próximo es el " +
                             format_date_long(second_sat, kiosk::Lang::Es) + "."});
  CHECK(k.stored().empty());

  answers["preferred_date"] = format_date(second_sat);
  Run ok = k.submit("signup", answers, {"--program", "car-seat-inspections"});
  INFO(ok.out << ok.err);
  CHECK(ok.code == 0);
  CHECK(k.stored().size() == 1);
}

TEST_CASE("kiosk --submit refuses a special event with too little notice, in words") {
  Kiosk k;
  using namespace kiosk::forms;
  const Date today = local_date(std::chrono::system_clock::now());
  json answers = k.example("signup", "special-events-security");
  answers["event_date"] = format_date(add_days(today, 59));
  Run r = k.submit("signup", answers, {"--program", "special-events-security"});
  CHECK(r.code == 1);
  CHECK(lines(r.out) == std::vector<std::string>{
                            "event_date: This needs at least 60 days' notice: choose " +
                            format_date_long(add_days(today, 60), kiosk::Lang::En) + " or later."});
  Run es = k.submit("signup", answers, {"--program", "special-events-security", "--lang", "es"});
  CHECK(es.code == 1);
  CHECK(lines(es.out) ==
        std::vector<std::string>{"event_date: Se necesita un aviso de al menos 60 días: elija el " +
                                 format_date_long(add_days(today, 60), kiosk::Lang::Es) +
                                 " o una fecha posterior."});
  CHECK(k.stored().empty());

  answers["event_date"] = format_date(add_days(today, 60));  // exactly the least notice
  Run ok = k.submit("signup", answers, {"--program", "special-events-security"});
  INFO(ok.out << ok.err);
  CHECK(ok.code == 0);
  CHECK(k.stored().size() == 1);
}
