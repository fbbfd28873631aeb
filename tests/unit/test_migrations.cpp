// Schema migrations: a database left by EVERY older version opens with today's code, keeps its rows,
// ends at the latest version with the same schema as a fresh one; failures roll back; newer is refused.
#include "offline-cache/migrations.h"

#include "offline-cache/outbox.h"
#include "tests/unit/test_outbox_util.h"

using namespace kiosk;
using namespace kiosk::store;
using namespace outbox_test;  // TempDir, RawDb, make_clock

namespace {

// Where the tests' clocks start.
const char* const kStart = "2026-09-01T12:00:00Z";

const char* const kKioskId = "6f1c2a9e-3b4d-4e5f-8a6b-7c8d9e0f1a2b";

// Builds <dir>/kiosk.db exactly as version `v` left it, with rows that version could hold.
void make_db_at_version(const std::string& dir, int v) {
  {
    Database db(dir + "/kiosk.db", OpenOptions{});
    REQUIRE(migrate(db, v) == 0);
    REQUIRE(schema_version(db) == v);
  }
  if (v < 1) return;
  RawDb raw(dir + "/kiosk.db");
  raw.exec(std::string("INSERT INTO identity VALUES (1, '") + kKioskId +
           "', '2026-01-01T00:00:00Z')");
  raw.exec("INSERT INTO settings VALUES ('event_tag', 'fair-2026')");
  raw.exec(
      "INSERT INTO submissions (id, form_id, form_version, program_id, event_tag, created_at, "
      "status, attempts, "
      "next_attempt_at, last_error, payload, receipt_id, sent_at) VALUES "
      "('11111111-1111-4111-8111-111111111111', 'signup', 1, 'block-watch', NULL, "
      "'2026-02-01T10:00:00Z', "
      " 'pending', 2, '2026-02-01T10:05:00Z', 'HTTP 503', '{\"n\":1}', '', ''),"
      "('22222222-2222-4222-8222-222222222222', 'crash_report', 1, '', 'fair-2026', "
      "'2026-02-01T11:00:00Z', "
      " 'sent', 1, '2026-02-01T11:00:00Z', '', '', 'R-22', '2026-02-01T11:00:05Z'),"
      "('33333333-3333-4333-8333-333333333333', 'records_request', 3, '', NULL, "
      "'2026-02-01T12:00:00Z', "
      " 'rejected', 1, '2026-02-01T12:00:00Z', '422 bad date', '{\"n\":3}', '', '')");
  // From version 2 on, a kiosk that erases a sent row's answers also writes when.
  if (v >= 2)
    raw.exec("UPDATE submissions SET erased_at = sent_at WHERE payload = '' AND status = 'sent'");
}

std::vector<std::string> schema_of(const std::string& path) {
  RawDb raw(path);
  return raw.column(
      "SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_schema ORDER BY name");
}

}  // namespace

TEST_CASE("migration steps are numbered 1..latest without gaps") {
  const auto& steps = migrations();
  REQUIRE_FALSE(steps.empty());
  for (std::size_t i = 0; i < steps.size(); ++i) CHECK(steps[i].version == static_cast<int>(i) + 1);
  CHECK(latest_schema_version() == static_cast<int>(steps.size()));
}

TEST_CASE(
    "a database from every older version opens, keeps its rows and reaches the latest schema") {
  auto clock = make_clock(kStart);
  TempDir fresh_dir("fresh");
  { Outbox fresh(fresh_dir.path(), clock); }
  const auto fresh_schema = schema_of(fresh_dir.file("kiosk.db"));

  for (int v = 0; v < latest_schema_version(); ++v) {
    DYNAMIC_SECTION("from version " << v) {
      TempDir dir("migrate");
      make_db_at_version(dir.path(), v);
      Outbox box(dir.path(), clock);
      RawDb raw(box.path());
      CHECK(raw.scalar("PRAGMA user_version") == std::to_string(latest_schema_version()));
      CHECK(schema_of(box.path()) == fresh_schema);
      CHECK(raw.scalar("PRAGMA integrity_check") == "ok");

      if (v >= 1) {
        CHECK(box.kiosk_id() == kKioskId);
        CHECK(box.setting("event_tag") == std::optional<std::string>("fair-2026"));
        auto p = box.get("11111111-1111-4111-8111-111111111111");
        REQUIRE(p);
        CHECK(p->status == Status::Pending);
        CHECK(p->attempts == 2);
        CHECK(p->last_error == "HTTP 503");
        CHECK(p->payload_json == R"({"n":1})");
        CHECK_FALSE(p->erased_at);
        CHECK_FALSE(p->collected_by);  // rows from before version 3 are the kiosk's own
        auto s = box.get("22222222-2222-4222-8222-222222222222");
        REQUIRE(s);
        CHECK(s->status == Status::Sent);
        CHECK(s->receipt_id == "R-22");
        CHECK(s->event_tag == std::optional<std::string>("fair-2026"));
        // A payload already erased by version 1 reads as erased in version 2.
        CHECK(s->erased_at == std::optional<std::string>("2026-02-01T11:00:05Z"));
        CHECK(box.get("33333333-3333-4333-8333-333333333333")->status == Status::Rejected);
        StatusCounts c = box.counts();
        CHECK(c.pending == 1);
        CHECK(c.sent == 1);
        CHECK(c.rejected == 1);
        CHECK(c.oldest_pending_created_at == std::optional<std::string>("2026-02-01T10:00:00Z"));
      } else {
        CHECK(box.counts().pending == 0);
      }
      // And it works as a current database.
      NewSubmission n;
      n.form_id = "signup";
      n.payload_json = "{}";
      const std::string id = box.enqueue(n);
      CHECK(box.get(id));
      CHECK(box.discard(id));
      CHECK(box.events(5).at(0).kind == "discarded");
    }
  }
}

TEST_CASE("a failing migration step rolls back whole: the database stays at its old version") {
  TempDir dir;
  make_db_at_version(dir.path(), 1);
  {
    RawDb raw(dir.file("kiosk.db"));
    raw.exec("CREATE TABLE events (x)");  // makes step 2's CREATE TABLE fail after nothing else ran
  }
  auto clock = make_clock(kStart);
  try {
    Outbox box(dir.path(), clock);
    FAIL("opened a database whose migration fails");
  } catch (const StoreError& e) {
    CHECK(e.kind == StoreErrorKind::Other);
    CHECK(std::string(e.what()).find("migrate to version 2") != std::string::npos);
  }
  RawDb raw(dir.file("kiosk.db"));
  CHECK(raw.scalar("PRAGMA user_version") == "1");
  CHECK(raw.scalar(
            "SELECT count(*) FROM pragma_table_info('submissions') WHERE name = 'erased_at'") ==
        "0");
  CHECK(raw.scalar("SELECT count(*) FROM submissions") == "3");
  CHECK(outbox_test::files_starting_with(dir.path(), "kiosk.db.corrupt").empty());  // not "corrupt"
}

TEST_CASE("a database from a newer kiosk build is refused and left untouched") {
  TempDir dir;
  make_db_at_version(dir.path(), latest_schema_version());
  {
    RawDb raw(dir.file("kiosk.db"));
    raw.exec("PRAGMA user_version = 99");
  }
  auto clock = make_clock(kStart);
  try {
    Outbox box(dir.path(), clock);
    FAIL("opened a database from the future");
  } catch (const StoreError& e) {
    CHECK(e.kind == StoreErrorKind::Other);
    CHECK(std::string(e.what()).find("newer than this kiosk build") != std::string::npos);
  }
  RawDb raw(dir.file("kiosk.db"));
  CHECK(raw.scalar("PRAGMA user_version") == "99");
  CHECK(raw.scalar("SELECT count(*) FROM submissions") == "3");
}

TEST_CASE("a read-only open of an old database says it needs an upgrade") {
  TempDir dir;
  make_db_at_version(dir.path(), 1);
  auto clock = make_clock(kStart);
  OutboxOptions ro;
  ro.read_only = true;
  try {
    Outbox box(dir.path(), clock, ro);
    FAIL("migrated a read-only database");
  } catch (const StoreError& e) {
    CHECK(e.kind == StoreErrorKind::ReadOnly);
    CHECK(std::string(e.what()).find("needs an upgrade") != std::string::npos);
  }
}
