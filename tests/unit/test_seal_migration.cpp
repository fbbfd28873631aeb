// The sealing migration of schema <= 3 plaintext rows (kiosk/app/seal_migration.h): with a
// department key every row, imported ones included, is sealed and signed by this kiosk and no
// byte of clear text is left in the files; a kill -9 after any step loses nothing and the next run
// finishes; with only the demo key nothing is touched.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "kiosk/app/seal_migration.h"
#include "kiosk/crypto/record_signature.h"
#include "offline-cache/database.h"
#include "offline-cache/migrations.h"
#include "tests/support/sealed_rows.h"
#include "tests/unit/test_outbox_util.h"

using namespace kiosk;
using namespace kiosk::store;
using namespace outbox_test;

namespace {

const char* const kKioskId = "6f1c2a9e-3b4d-4e5f-8a6b-7c8d9e0f1a2b";
const char* const kOtherKiosk = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
const char* const kMarker = "Quillon Marchbanks-Seal";

// A schema-3 database with plaintext rows in every status (and one imported from another kiosk).
void make_v3(const std::string& dir) {
  {
    Database db(dir + "/kiosk.db", OpenOptions{});
    REQUIRE(migrate(db, 3) == 0);
  }
  RawDb raw(dir + "/kiosk.db");
  raw.exec(std::string("INSERT INTO identity VALUES (1, '") + kKioskId +
           "', '2026-01-01T00:00:00Z')");
  const std::string p = std::string("'{\"answers\":{\"name\":\"") + kMarker + " ";
  int n = 0;
  for (const char* status : {"pending", "sending", "sent", "rejected", "pending"}) {
    ++n;
    const std::string id =
        std::string("1111111") + std::to_string(n) + "-1111-4111-8111-111111111111";
    const bool imported = n == 5;
    raw.exec(
        "INSERT INTO submissions (id, form_id, form_version, program_id, event_tag, "
        "created_at, status, next_attempt_at, payload, collected_by) VALUES ('" +
        id + "', 'signup', 1, 'block-watch', 'fair', '2026-02-01T10:0" + std::to_string(n) +
        ":00Z', '" + status + "', '2026-02-01T10:00:00Z', " + p + std::to_string(n) + "\"}}', " +
        (imported ? std::string("'") + kOtherKiosk + "'" : "NULL") + ")");
  }
  // A discarded row: its answers were already erased.
  raw.exec(
      "INSERT INTO submissions (id, form_id, form_version, created_at, status, "
      "next_attempt_at, payload, erased_at) VALUES ('22222222-2222-4222-8222-222222222222', "
      "'signup', 1, '2026-02-01T11:00:00Z', 'discarded', '2026-02-01T11:00:00Z', '', "
      "'2026-02-02T00:00:00Z')");
}

std::string all_bytes(const std::string& dir) {
  std::string out;
  for (const char* f : {"/kiosk.db", "/kiosk.db-wal", "/kiosk.db-shm"}) {
    std::ifstream in(dir + f, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    out += ss.str();
  }
  return out;
}

SealingIdentity identity(const std::string& dir, crypto::DepartmentPublicKey to) {
  return SealingIdentity{
      to,
      std::make_shared<const crypto::KioskSigningKey>(crypto::KioskSigningKey::load_or_create(dir)),
      kKioskId};
}

// Every row with answers is sealed to the test key, signed by this kiosk, and opens to its text.
void check_all_sealed(const std::string& dir) {
  auto clock = make_clock("2026-09-01T12:00:00Z");
  Outbox box(dir, clock);
  CHECK(box.count_unsealed() == 0);
  const auto key = crypto::KioskSigningKey::load_or_create(dir);
  int sealed = 0;
  for (Status st : {Status::Pending, Status::Sending, Status::Sent, Status::Rejected}) {
    for (const Submission& s : box.list(st, 100)) {
      INFO(s.id);
      CHECK(s.payload_json.empty());
      REQUIRE(s.sealed());
      CHECK(s.signer_kiosk_id == kKioskId);  // the migrating kiosk signs, whoever collected
      CHECK(s.collector_public_key == key.public_key_base64());
      crypto::RecordSignedFields f{s.id,
                                   s.form_id,
                                   s.form_version,
                                   s.program_id,
                                   s.event_id,
                                   s.event_tag.value_or(""),
                                   s.created_at,
                                   s.collector(kKioskId),
                                   s.signer_kiosk_id,
                                   s.sealed_to,
                                   s.sealed_payload};
      CHECK(crypto::verify_record(s.collector_public_key, f, s.signature));
      CHECK(kiosk::testing::open_test(s.sealed_payload).find(kMarker) != std::string::npos);
      ++sealed;
    }
  }
  CHECK(sealed == 5);
  CHECK(box.get("11111115-1111-4111-8111-111111111111")->collected_by ==
        std::optional<std::string>(kOtherKiosk));
  CHECK(box.list(Status::Discarded, 10).size() == 1);
}

}  // namespace

TEST_CASE(
    "seal migration: with a department key every plaintext row is sealed, no clear text left") {
  TempDir dir("seal-migration");
  make_v3(dir.path());
  REQUIRE(all_bytes(dir.path()).find(kMarker) != std::string::npos);  // the check can fail
  {
    auto clock = make_clock("2026-09-01T12:00:00Z");
    Outbox box(dir.path(), clock);
    SealMigrationResult r =
        seal_legacy_records(box, identity(dir.path(), kiosk::testing::test_department_key()));
    CHECK(r.outcome == SealMigration::Done);
    CHECK(r.sealed == 5);
    // Run again: nothing left to do.
    CHECK(seal_legacy_records(box, identity(dir.path(), kiosk::testing::test_department_key()))
              .outcome == SealMigration::NothingToDo);
  }
  check_all_sealed(dir.path());
  CHECK(all_bytes(dir.path()).find(kMarker) == std::string::npos);
}

TEST_CASE("seal migration: only the demo key - nothing migrated, the fix named") {
  TempDir dir("seal-migration");
  make_v3(dir.path());
  auto clock = make_clock("2026-09-01T12:00:00Z");
  Outbox box(dir.path(), clock);
  SealMigrationResult r =
      seal_legacy_records(box, identity(dir.path(), crypto::DepartmentPublicKey::demo()));
  CHECK(r.outcome == SealMigration::NeedsKey);
  CHECK(r.error.find("set [privacy] department_public_key to upgrade") != std::string::npos);
  CHECK(box.count_unsealed() == 5);
  CHECK(r.sealed == 0);
}

TEST_CASE("seal migration: a fresh data dir has nothing to do, even in demo mode") {
  TempDir dir("seal-migration");
  auto clock = make_clock("2026-09-01T12:00:00Z");
  Outbox box(dir.path(), clock);
  CHECK(
      seal_legacy_records(box, identity(dir.path(), crypto::DepartmentPublicKey::demo())).outcome ==
      SealMigration::NothingToDo);
}

TEST_CASE("seal migration: kill -9 after any step loses nothing and the next run finishes") {
  // Steps: after each of the 5 rows (1..5), and before the VACUUM (-1).
  for (int kill_at : {1, 2, 3, 4, 5, -1}) {
    DYNAMIC_SECTION("killed after step " << kill_at) {
      TempDir dir("seal-migration");
      make_v3(dir.path());
      crypto::KioskSigningKey::load_or_create(dir.path());  // made before the fork: one key
      const pid_t pid = fork();
      REQUIRE(pid >= 0);
      if (pid == 0) {
        auto clock = make_clock("2026-09-01T12:00:00Z");
        Outbox box(dir.path(), clock);
        seal_legacy_records(box, identity(dir.path(), kiosk::testing::test_department_key()),
                            [&](int step) {
                              if (step == kill_at) _exit(0);  // as abrupt as kill -9
                            });
        _exit(3);  // the seam was never reached
      }
      int status = 0;
      REQUIRE(waitpid(pid, &status, 0) == pid);
      REQUIRE(WIFEXITED(status));
      REQUIRE(WEXITSTATUS(status) == 0);
      {
        auto clock = make_clock("2026-09-01T12:00:00Z");
        Outbox box(dir.path(), clock);
        CHECK(box.count_unsealed() == (kill_at == -1 ? 0 : 5 - kill_at));
        SealMigrationResult r =
            seal_legacy_records(box, identity(dir.path(), kiosk::testing::test_department_key()));
        CHECK(r.outcome == SealMigration::Done);  // the VACUUM owed runs too
      }
      check_all_sealed(dir.path());
      CHECK(all_bytes(dir.path()).find(kMarker) == std::string::npos);
    }
  }
}
