// `kiosk --submit signup --program ID --event EVENT_ID` and the youth and Academy sign-up fields
// (issue 15), through the real binary on a fixed virtual day: an upcoming event of the program is
// stored as the record's event_id; an unknown event, another program's event or a past one is
// refused in words (exit 2, nothing stored); the youth programs ask the young person's name, birth
// date and guardian, the Academy an address, an emergency contact, an attestation and a signature.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "offline-cache/outbox.h"
#include "tests/support/cli_world.h"
#include "tests/support/kiosk_cli.h"
#include "tests/support/test_server.h"

using nlohmann::json;
namespace fs = std::filesystem;
using namespace kiosk::test_cli;
using kiosk::test_upload::ScratchDir;

namespace {

// The kiosk runs on this day (KIOSK_VIRTUAL_CLOCK, inherited by the child) for the scope's life:
// the bundled events have fixed dates, so "upcoming" must not depend on when the test runs.
struct FixedDay {
  explicit FixedDay(const char* rfc3339) { setenv("KIOSK_VIRTUAL_CLOCK", rfc3339, 1); }
  ~FixedDay() { unsetenv("KIOSK_VIRTUAL_CLOCK"); }
};

struct Kiosk : CliWorld {
  Kiosk() : CliWorld("kiosk-cli-event-signup") {}

  json example(const std::string& program) const {
    return CliWorld::example("signup", {"--program", program});
  }
  Run submit(const std::string& program, const json& answers,
             const std::vector<std::string>& extra = {}) const {
    std::vector<std::string> args = {"--program", program};
    args.insert(args.end(), extra.begin(), extra.end());
    return CliWorld::submit("signup", answers, args);
  }
};

}  // namespace

TEST_CASE(
    "kiosk --submit --event stores an upcoming event of the program as the record's event_id") {
  FixedDay day("2026-11-23T15:00:00Z");
  Kiosk k;
  Run r = k.submit("car-seat-inspections", k.example("car-seat-inspections"),
                   {"--event", "car-seat-check-2026-12"});
  INFO(r.err);
  REQUIRE(r.code == 0);
  auto rows = k.stored();
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].program_id == "car-seat-inspections");
  CHECK(rows[0].event_id == "car-seat-check-2026-12");
  CHECK(r.err.find("event car-seat-check-2026-12") != std::string::npos);  // the log names it

  // Without --event the same sign-up names no event.
  REQUIRE(k.submit("car-seat-inspections", k.example("car-seat-inspections")).code == 0);
  int without = 0;
  for (const auto& s : k.stored()) without += s.event_id.empty() ? 1 : 0;
  CHECK(without == 1);
}

TEST_CASE(
    "kiosk --submit --event refuses an unknown event, another program's and a past one in words") {
  Kiosk k;
  json answers;
  {
    FixedDay day("2026-11-23T15:00:00Z");
    answers = k.example("car-seat-inspections");
    Run unknown = k.submit("car-seat-inspections", answers, {"--event", "no-such-event"});
    CHECK(unknown.code == 2);
    CHECK(unknown.err.find("unknown event \"no-such-event\"") != std::string::npos);
    Run other = k.submit("car-seat-inspections", answers, {"--event", "community-meeting-2026-12"});
    CHECK(other.code == 2);
    CHECK(other.err.find("is not an event of program \"car-seat-inspections\" (it belongs to "
                         "\"community-meetings\")") != std::string::npos);
  }
  {
    // December 20: the December 12 check is over.
    FixedDay day("2026-12-20T15:00:00Z");
    Run past = k.submit("car-seat-inspections", answers, {"--event", "car-seat-check-2026-12"});
    CHECK(past.code == 2);
    CHECK(past.err.find("event \"car-seat-check-2026-12\" has passed (today is 2026-12-20)") !=
          std::string::npos);
  }
  CHECK(k.stored().empty());
  // --event belongs with --submit and --program.
  Run usage = k.run({"--answers-example", "signup", "--event", "car-seat-check-2026-12"});
  CHECK(usage.code == 2);
  CHECK(usage.err.find("--event: only with --submit and --program") != std::string::npos);
}

TEST_CASE("a youth sign-up needs the young person's name and birth date and the guardian") {
  FixedDay day("2026-11-23T15:00:00Z");
  Kiosk k;
  json answers = k.example("youth-programs");
  for (const char* f : {"child_name", "child_birth_date", "guardian_name", "guardian_relationship"})
    CHECK(answers.contains(f));
  json bad = answers;
  bad.erase("child_name");
  bad.erase("guardian_name");
  bad["child_birth_date"] = "2022-01-10";  // four years old: the programs are for 8 to 18
  bad["guardian_relationship"] = "neighbor";
  Run r = k.submit("youth-programs", bad);
  CHECK(r.code == 1);
  CHECK(r.out.find("child_name: Required") != std::string::npos);
  CHECK(r.out.find("guardian_name: Required") != std::string::npos);
  CHECK(r.out.find("child_birth_date: ") != std::string::npos);
  CHECK(r.out.find("guardian_relationship: ") != std::string::npos);
  CHECK(k.stored().empty());

  answers["child_name"] = "Sam O’Neil-Ruiz";
  answers["child_birth_date"] = "2014-05-02";
  answers["guardian_name"] = "Ana Ruiz";
  answers["guardian_relationship"] = "legal_guardian";
  Run ok = k.submit("youth-programs", answers, {"--lang", "es"});
  INFO(ok.out << ok.err);
  CHECK(ok.code == 0);
  CHECK(k.stored().size() == 1);
}

TEST_CASE("an Academy application needs an address, an emergency contact and a signature") {
  FixedDay day("2026-11-23T15:00:00Z");
  Kiosk k;
  json answers = k.example("citizens-police-academy");
  for (const char* f : {"home_address", "emergency_contact_name", "emergency_contact_phone",
                        "attestation", "applicant_signature"})
    CHECK(answers.contains(f));
  json bad = answers;
  bad.erase("applicant_signature");
  bad["attestation"] = false;
  bad["home_address"]["zip"] = "00000";
  bad["emergency_contact_phone"] = "12";
  Run r = k.submit("citizens-police-academy", bad);
  CHECK(r.code == 1);
  CHECK(r.out.find("applicant_signature: ") != std::string::npos);
  CHECK(r.out.find("attestation: ") != std::string::npos);
  CHECK(r.out.find("home_address.zip: ") != std::string::npos);
  CHECK(r.out.find("emergency_contact_phone: ") != std::string::npos);
  CHECK(k.stored().empty());

  answers["emergency_contact_phone"] = "+44 20 7946 0958";  // a contact abroad is allowed
  Run ok =
      k.submit("citizens-police-academy", answers, {"--event", "citizens-academy-spring-2027"});
  INFO(ok.out << ok.err);
  CHECK(ok.code == 0);
  auto rows = k.stored();
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].event_id == "citizens-academy-spring-2027");
}
