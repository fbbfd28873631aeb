// Quick interest at a booth (issue 17), without the UI: the sign-up form's quick variant, the
// screen's validation in the field validator's words, one sealed and signed sign-up record per
// ticked program carrying `quick_interest: "yes"`, all or nothing when the store fails part-way,
// and nothing of the visitor left after wipe().
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "kiosk/app/app.h"
#include "kiosk/app/quick_interest.h"
#include "kiosk/content/catalogue.h"
#include "kiosk/crypto/record_signature.h"
#include "kiosk/crypto/seal.h"
#include "kiosk/forms/confirmation_code.h"
#include "test_outbox_util.h"

using namespace kiosk;
using nlohmann::json;
using outbox_test::RawDb;
using outbox_test::TempDir;

namespace {

crypto::DepartmentSecretKey demo_secret() {
  auto k = crypto::read_department_secret_file(std::string(KIOSK_SOURCE_DIR) +
                                               "/tests/support/demo-department.secret");
  REQUIRE(k.ok());
  return *k;
}

// The department's view of a stored row: its sealed plaintext opened with the demo secret.
json opened(const store::Submission& row) {
  auto plain =
      crypto::open_sealed(crypto::DepartmentPublicKey::demo(), demo_secret(), row.sealed_payload);
  REQUIRE(plain);
  return json::parse(std::string(plain->begin(), plain->end()));
}

struct Booth {
  TempDir dir{"quick"};
  VirtualClock clock = outbox_test::make_clock("2026-12-06T18:00:00Z");
  store::Outbox outbox{dir.path(), clock};
  Catalogue cat = bundled_catalogue();
  int saves = 0;
  QuickInterest q{clock, [this](const std::vector<store::NewSubmission>& rows) {
                    ++saves;
                    return store_all(outbox, rows);
                  }};

  void type(const char* field, const char* text) {
    q.set_focus(std::string(field));
    REQUIRE(q.type(text) == forms::InputResult::Ok);
  }
  // A complete visitor: name, e-mail, consent, the given programs.
  void fill(const std::vector<std::string>& programs) {
    q.start(cat, Lang::En);
    type(kQuickFirstName, "Ana");
    type(kQuickLastName, "Pérez");
    q.set_contact(QuickContact::Email);
    type(kQuickEmail, "ana@example.org");
    q.set_agreed(true);
    for (const auto& p : programs) q.toggle(p);
  }
};

}  // namespace

TEST_CASE("the quick variant leaves out the program's questions but not the full form's rules") {
  Catalogue cat = bundled_catalogue();
  auto base = forms::bundled_forms().find("signup");
  REQUIRE(base);
  const Program* car = cat.find_program("car-seat-inspections");
  REQUIRE(car);
  auto quick = quick_signup_form(*base, *car, cat);
  REQUIRE(quick.errors.empty());
  REQUIRE(quick.form);
  CHECK(quick.form->id == "signup");
  CHECK(quick.form->version == base->version);
  CHECK(quick.form->program_id == "car-seat-inspections");
  CHECK(quick.form->find_field("preferred_date") == nullptr);
  CHECK(quick.form->find_field("comments") == nullptr);
  CHECK(quick.form->find_field("best_time_to_call") == nullptr);
  REQUIRE(quick.form->find_field(kQuickInterestField));
  CHECK(quick.form->find_field(kQuickInterestField)->type == forms::FieldType::YesNo);
  CHECK(quick.form->find_field(kQuickPhone)->type == forms::FieldType::PhoneIntl);
  REQUIRE(quick.form->find_field(kQuickConsent));
  CHECK(quick.form->find_field(kQuickConsent)->required);
  // The full form still asks the program's required questions and never shows the flag.
  auto full = forms::compose_form(*base, car, cat);
  REQUIRE(full.form);
  REQUIRE(full.form->find_field("preferred_date"));
  CHECK(full.form->find_field("preferred_date")->required);
  CHECK(full.form->find_field(kQuickInterestField) == nullptr);
  CHECK(full.form->find_field(kQuickPhone)->type == forms::FieldType::PhoneUs);
}

TEST_CASE("quick interest offers the programs that take sign-ups") {
  Booth b;
  b.q.start(b.cat, Lang::En);
  std::vector<std::string> want;
  for (const auto& p : b.cat.programs)
    if (p.takes_signups && p.signup_form == "signup") want.push_back(p.id);
  std::vector<std::string> got;
  for (const auto& o : b.q.offered()) got.push_back(o.program_id);
  CHECK(got == want);
  CHECK_FALSE(got.empty());
  b.q.toggle("not-a-program");
  CHECK(b.q.ticked_count() == 0);
}

TEST_CASE("quick interest is validated with the sign-up form's own rules and words") {
  Booth b;
  b.q.start(b.cat, Lang::En);
  // Errors appear only once Submit was pressed.
  CHECK_FALSE(b.q.error(kQuickFirstName));
  CHECK(b.q.submit("") == QuickInterest::SubmitResult::Invalid);
  CHECK(b.saves == 0);
  REQUIRE(b.q.error(kQuickFirstName));
  CHECK(b.q.error(kQuickFirstName)->en == "Required: please fill this in.");
  CHECK(b.q.error(kQuickLastName));
  CHECK(b.q.error(kQuickEmail));
  CHECK(b.q.error(kQuickConsent));
  REQUIRE(b.q.error("programs"));
  CHECK(b.q.error("programs")->es == "Marque al menos un programa.");
  CHECK_FALSE(b.q.error(kQuickPhone));  // not the chosen contact

  b.type(kQuickFirstName, "Ana");
  b.type(kQuickLastName, "Pérez");
  CHECK_FALSE(b.q.error(kQuickFirstName));  // live once shown
  b.type(kQuickEmail, "ana@example");
  REQUIRE(b.q.error(kQuickEmail));
  CHECK(b.q.error(kQuickEmail)->en == "Enter an email address like name@example.com.");

  SECTION("a phone number, international too, instead of the e-mail") {
    b.q.set_contact(QuickContact::Phone);
    CHECK(b.q.text(kQuickEmail).empty());  // ONE contact: the other one goes
    CHECK_FALSE(b.q.error(kQuickEmail));
    CHECK(b.q.error(kQuickPhone));
    b.type(kQuickPhone, "+44 20 7946 0958");
    CHECK_FALSE(b.q.error(kQuickPhone));
    b.q.backspace();
    b.q.backspace();
    b.q.backspace();
    b.q.backspace();
    CHECK(b.q.error(kQuickPhone));
  }
  SECTION("typing past a name's length is refused with the keyboard's words") {
    b.q.set_focus(std::string(kQuickFirstName));
    CHECK(b.q.type(std::string(47, 'a')) == forms::InputResult::Ok);  // 50, the form's max_length
    CHECK(b.q.type("a") == forms::InputResult::TooLong);
    REQUIRE(b.q.input_message());
    CHECK(b.q.text(kQuickFirstName).size() == 50);
    b.q.set_focus(std::string(kQuickLastName));
    CHECK_FALSE(b.q.input_message());
  }
  SECTION("not saved without consent or a program") {
    b.type(kQuickEmail, ".org");
    CHECK_FALSE(b.q.error(kQuickEmail));
    CHECK(b.q.submit("") == QuickInterest::SubmitResult::Invalid);
    b.q.set_agreed(true);
    CHECK(b.q.submit("") == QuickInterest::SubmitResult::Invalid);
    CHECK(b.saves == 0);
    CHECK(b.outbox.counts().pending == 0);
  }
}

TEST_CASE("quick interest stores one sealed, signed sign-up per ticked program") {
  Booth b;
  b.fill({"neighborhood-watch", "car-seat-inspections", "community-cleanup"});
  b.q.toggle("car-seat-inspections");  // changed their mind
  REQUIRE(b.q.submit("Riverside Festival 2026") == QuickInterest::SubmitResult::Saved);
  CHECK(b.saves == 1);
  CHECK(b.outbox.counts().pending == 2);
  auto rows = b.outbox.list(store::Status::Pending, 10);
  REQUIRE(rows.size() == 2);
  std::set<std::string> programs;
  for (const auto& row : rows) {
    programs.insert(row.program_id);
    CHECK(row.form_id == "signup");
    CHECK(row.form_version == forms::bundled_forms().find("signup")->version);
    CHECK(row.event_tag == std::optional<std::string>("Riverside Festival 2026"));
    CHECK_FALSE(row.collected_by);
    CHECK(row.payload_json.empty());  // never in clear
    crypto::RecordSignedFields f;
    f.id = row.id;
    f.form_id = row.form_id;
    f.form_version = row.form_version;
    f.program_id = row.program_id;
    f.event_id = row.event_id;
    f.event_tag = *row.event_tag;
    f.created_at = row.created_at;
    f.signer_kiosk_id = row.signer_kiosk_id;
    f.collected_by_kiosk_id = row.signer_kiosk_id;
    f.sealed_to = row.sealed_to;
    f.sealed_payload = row.sealed_payload;
    CHECK(crypto::verify_record(row.collector_public_key, f, row.signature));
    json p = opened(row);
    CHECK(p["form_id"] == "signup");
    CHECK(p["program_id"] == row.program_id);
    CHECK(p["answers"]["quick_interest"] == "yes");
    CHECK(p["answers"]["first_name"] == "Ana");
    CHECK(p["answers"]["last_name"] == "Pérez");
    CHECK(p["answers"]["contact_method"] == "email");
    CHECK(p["answers"]["email"] == "ana@example.org");
    CHECK_FALSE(p["answers"].contains("phone"));
    CHECK(p["answers"]["contact_consent"]["agreed"] == true);
    // The intake reads the flag by its own label.
    CHECK(p["labels"]["quick_interest"]["en"].get<std::string>().rfind("Quick interest", 0) == 0);
  }
  CHECK(programs == std::set<std::string>{"neighborhood-watch", "community-cleanup"});
  // The confirmation: one code per record, in the offered order.
  REQUIRE(b.q.codes().size() == 2);
  CHECK(b.q.codes()[0].program_id == "neighborhood-watch");
  CHECK(b.q.codes()[1].program_id == "community-cleanup");
  std::set<std::string> codes;
  for (const auto& row : rows) codes.insert(forms::confirmation_code("SU", row.id));
  for (const auto& c : b.q.codes()) CHECK(codes.count(c.code) == 1);
  // The answers are gone once stored; a second submit stores nothing more.
  CHECK(b.q.text(kQuickFirstName).empty());
  CHECK(b.q.submit("") == QuickInterest::SubmitResult::Invalid);
  CHECK(b.outbox.counts().pending == 2);
}

TEST_CASE("quick interest by phone from abroad stores the E.164 number") {
  Booth b;
  b.q.start(b.cat, Lang::Es);
  b.type(kQuickFirstName, "Lucía");
  b.type(kQuickLastName, "Gómez");
  b.q.set_contact(QuickContact::Phone);
  b.type(kQuickPhone, "+34 612 345 678");
  b.q.set_agreed(true);
  b.q.toggle("community-cleanup");
  REQUIRE(b.q.submit("") == QuickInterest::SubmitResult::Saved);
  auto rows = b.outbox.list(store::Status::Pending, 10);
  REQUIRE(rows.size() == 1);
  json p = opened(rows[0]);
  CHECK(p["lang"] == "es");
  CHECK(p["answers"]["contact_method"] == "phone");
  CHECK(p["answers"]["phone"] == "+34612345678");
  CHECK_FALSE(p["answers"].contains("email"));
  CHECK(p["answers"]["quick_interest"] == "yes");
}

TEST_CASE("quick interest stores all records or none when the store fails part-way") {
  Booth b;
  b.fill({"neighborhood-watch", "block-watch", "community-cleanup"});
  {
    // The 2nd insert of the transaction fails, as a full disk would.
    RawDb raw(b.dir.file(store::kDatabaseFile));
    raw.exec(
        "CREATE TRIGGER fail_second BEFORE INSERT ON submissions "
        "WHEN (SELECT count(*) FROM submissions) >= 1 "
        "BEGIN SELECT RAISE(ABORT, 'simulated failure on the second record'); END");
  }
  CHECK(b.q.submit("") == QuickInterest::SubmitResult::Failed);
  CHECK(b.q.save_failed());
  CHECK(b.outbox.counts().pending == 0);  // the first one is not left behind as if complete
  CHECK(RawDb(b.dir.file(store::kDatabaseFile)).scalar("SELECT count(*) FROM submissions") == "0");
  CHECK(b.q.codes().empty());
  // Every answer stays for another try, which stores all three.
  CHECK(b.q.text(kQuickFirstName) == "Ana");
  CHECK(b.q.ticked_count() == 3);
  RawDb(b.dir.file(store::kDatabaseFile)).exec("DROP TRIGGER fail_second");
  REQUIRE(b.q.submit("") == QuickInterest::SubmitResult::Saved);
  CHECK(b.outbox.counts().pending == 3);
  CHECK(b.q.codes().size() == 3);
}

TEST_CASE("quick interest forgets the visitor on wipe") {
  Booth b;
  b.fill({"community-cleanup"});
  b.q.wipe();
  CHECK(b.q.all_buffers_zero_for_test());
  CHECK_FALSE(b.q.active());
  CHECK(b.q.ticked_count() == 0);
  CHECK(b.q.text(kQuickFirstName).empty());

  SECTION("and the confirmation's codes with it") {
    b.fill({"community-cleanup"});
    REQUIRE(b.q.submit("") == QuickInterest::SubmitResult::Saved);
    CHECK(b.q.saved());
    b.q.wipe();
    CHECK(b.q.codes().empty());
    CHECK(b.q.all_buffers_zero_for_test());
  }
  SECTION("when the App's session ends") {
    App app(b.clock, AppSettings{});
    b.q.attach(app);
    b.fill({"community-cleanup"});
    app.end_session();
    CHECK(b.q.all_buffers_zero_for_test());
    CHECK(b.q.text(kQuickFirstName).empty());
  }
}
