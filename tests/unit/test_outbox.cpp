// Outbox behaviour: enqueue/get/list, the sync engine's state machine (due, claim, mark_*, reset,
// clamp), counts, settings, the kiosk id, staff helpers, and payloads stored byte for byte.
#include "offline-cache/outbox.h"

#include <chrono>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "offline-cache/database.h"
#include "offline-cache/uuid.h"
#include "tests/unit/test_outbox_util.h"

using namespace kiosk;
using namespace kiosk::store;
using namespace outbox_test;  // TempDir, RawDb, make_clock

namespace {

NewSubmission signup(const std::string& payload = R"({"name":"A"})") {
  NewSubmission s;
  s.form_id = "signup";
  s.form_version = 2;
  s.program_id = "block-watch";
  s.payload_json = payload;
  return s;
}

}  // namespace

TEST_CASE("uuid_v4 is canonical, version 4 and unique") {
  std::set<std::string> seen;
  for (int i = 0; i < 2000; ++i) {
    const std::string id = uuid_v4();
    REQUIRE(is_uuid_v4(id));
    REQUIRE(seen.insert(id).second);
  }
  CHECK_FALSE(is_uuid_v4("00000000-0000-0000-0000-000000000000"));  // version 0
  CHECK_FALSE(is_uuid_v4("0123456789abcdef0123456789abcdef0123"));
  CHECK_FALSE(is_uuid_v4("ABCDEF01-2345-4678-89AB-0123456789AB"));  // upper case is not our form
}

TEST_CASE("a new outbox creates kiosk.db with WAL, the schema and a kiosk id") {
  TempDir dir;
  auto clock = make_clock();
  std::string id;
  {
    Outbox box(dir.path(), clock);
    CHECK(box.path() == dir.file("kiosk.db"));
    CHECK(is_uuid_v4(box.kiosk_id()));
    CHECK(box.startup_events().empty());
    id = box.kiosk_id();
    RawDb raw(box.path());
    CHECK(raw.scalar("PRAGMA journal_mode") == "wal");
    CHECK(raw.scalar("PRAGMA user_version") == "4");
  }
  // Kept across opens, and mirrored in the data dir.
  Outbox again(dir.path(), clock);
  CHECK(again.kiosk_id() == id);
  CHECK(outbox_test::read_bytes(dir.file("kiosk-id")) == id + "\n");
}

TEST_CASE(
    "the store's connections run with WAL, synchronous=FULL, secure_delete=ON, a busy timeout") {
  // Pragmas are per connection, so read them on a connection opened the way the Outbox opens its own.
  TempDir dir;
  OpenOptions oo;
  oo.busy_timeout_ms = 1234;
  Database db(dir.file("kiosk.db"), oo);
  CHECK(db.query_int("PRAGMA synchronous", "t") == 2);  // FULL
  CHECK(db.query_int("PRAGMA secure_delete", "t") == 1);
  CHECK(db.query_int("PRAGMA busy_timeout", "t") == 1234);
  RawDb raw(dir.file("kiosk.db"));
  CHECK(raw.scalar("PRAGMA journal_mode") == "wal");  // WAL is a property of the file
}

TEST_CASE("enqueue stores every field and returns only a committed id") {
  TempDir dir;
  auto clock = make_clock();
  Outbox box(dir.path(), clock);
  NewSubmission s = signup(R"({"name":"Ana","household":3})");
  s.event_tag = "nno-2026";
  const std::string id = box.enqueue(s);
  REQUIRE(is_uuid_v4(id));

  // Visible to a different connection at once: it was committed before enqueue returned.
  RawDb raw(dir.file("kiosk.db"));
  CHECK(raw.scalar("SELECT count(*) FROM submissions WHERE id = '" + id + "'") == "1");

  auto got = box.get(id);
  REQUIRE(got);
  CHECK(got->id == id);
  CHECK(got->form_id == "signup");
  CHECK(got->form_version == 2);
  CHECK(got->program_id == "block-watch");
  CHECK(got->event_tag == std::optional<std::string>("nno-2026"));
  CHECK(got->created_at == "2026-08-04T18:00:00Z");
  CHECK(got->status == Status::Pending);
  CHECK(got->attempts == 0);
  CHECK(got->next_attempt_at == got->created_at);
  CHECK(got->last_error.empty());
  CHECK_FALSE(got->exported_at);
  CHECK(got->payload_json == R"({"name":"Ana","household":3})");
  CHECK(got->receipt_id.empty());
  CHECK(got->sent_at.empty());
  CHECK_FALSE(got->erased_at);

  CHECK_FALSE(box.get("00000000-0000-4000-8000-000000000000"));
}

TEST_CASE("no event tag is stored as NULL") {
  TempDir dir;
  auto clock = make_clock();
  Outbox box(dir.path(), clock);
  const std::string id = box.enqueue(signup());
  CHECK_FALSE(box.get(id)->event_tag);
  RawDb raw(dir.file("kiosk.db"));
  CHECK(raw.scalar("SELECT typeof(event_tag) FROM submissions") == "null");
}

TEST_CASE("payloads are stored verbatim: SQL metacharacters, non-BMP text, 10 kB") {
  TempDir dir;
  auto clock = make_clock();
  Outbox box(dir.path(), clock);
  nlohmann::json answers;
  answers["name"] = "Robert'); DROP TABLE submissions;--";
  answers["notes"] = "100% \"quoted\" \\ back\\slash; -- /* */ ? ?1 :x @y $z";
  answers["emoji"] = "caf\xC3\xA9 \xF0\x9F\x9A\x93 \xE2\x80\x94 \xF0\x9D\x95\x8F";
  answers["long"] = std::string(10 * 1024, 'x');
  const std::string payload = answers.dump();
  const std::string id = box.enqueue(signup(payload));
  CHECK(box.get(id)->payload_json == payload);
  RawDb raw(dir.file("kiosk.db"));
  CHECK(raw.scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'submissions'") == "1");
}

TEST_CASE("enqueue refuses what cannot be a submission, and stores nothing") {
  TempDir dir;
  auto clock = make_clock();
  Outbox box(dir.path(), clock);
  auto kind_of = [&](const NewSubmission& s) {
    try {
      box.enqueue(s);
    } catch (const StoreError& e) {
      return e.kind;
    }
    FAIL("enqueue accepted a bad submission");
    return StoreErrorKind::Busy;
  };
  NewSubmission bad = signup("{not json");
  CHECK(kind_of(bad) == StoreErrorKind::Other);
  bad = signup("");
  CHECK(kind_of(bad) == StoreErrorKind::Other);
  bad = signup();
  bad.form_id = "";
  CHECK(kind_of(bad) == StoreErrorKind::Other);
  bad = signup();
  bad.form_version = 0;
  CHECK(kind_of(bad) == StoreErrorKind::Other);
  CHECK(box.counts().pending == 0);
}

TEST_CASE("the sync state machine: due, claim, retry, sent, rejected, reset, clamp") {
  TempDir dir;
  auto clock = make_clock();
  Outbox box(dir.path(), clock);
  const std::string a = box.enqueue(signup());
  clock.advance(std::chrono::seconds(1));
  const std::string b = box.enqueue(signup());
  clock.advance(std::chrono::seconds(1));
  const std::string c = box.enqueue(signup());
  const std::string now = format_rfc3339(clock.wall());

  auto due = box.due(now, 10);
  REQUIRE(due.size() == 3);
  CHECK(due[0].id == a);  // oldest first
  CHECK(due[1].id == b);
  CHECK(due[2].id == c);
  CHECK(box.due(now, 2).size() == 2);
  CHECK(box.due("2026-08-04T17:59:59Z", 10).empty());  // none due before it was created

  REQUIRE(box.claim(a));
  CHECK_FALSE(box.claim(a));  // already sending
  CHECK(box.get(a)->status == Status::Sending);
  CHECK(box.get(a)->attempts == 1);
  CHECK(box.due(now, 10).size() == 2);  // a sending row is not due

  box.mark_retry(a, "2026-08-04T18:10:00Z", "HTTP 503");
  auto ra = box.get(a);
  CHECK(ra->status == Status::Pending);
  CHECK(ra->next_attempt_at == "2026-08-04T18:10:00Z");
  CHECK(ra->last_error == "HTTP 503");
  CHECK(box.due(now, 10).size() == 2);
  CHECK(box.earliest_next_attempt() == std::optional<std::string>("2026-08-04T18:00:01Z"));

  REQUIRE(box.claim(b));
  REQUIRE(box.claim(c));
  box.mark_sent({{b, "R-1"}, {c, ""}});
  CHECK(box.get(b)->status == Status::Sent);
  CHECK(box.get(b)->receipt_id == "R-1");
  CHECK(box.get(b)->sent_at == now);
  CHECK(box.get(c)->status == Status::Sent);
  CHECK(box.earliest_next_attempt() == std::optional<std::string>("2026-08-04T18:10:00Z"));

  // The clock jumped back: a retry far in the future is pulled in.
  CHECK(box.clamp_next_attempts("2026-08-04T18:05:00Z") == 1);
  CHECK(box.get(a)->next_attempt_at == "2026-08-04T18:05:00Z");
  CHECK(box.clamp_next_attempts("2026-08-04T18:05:00Z") == 0);

  REQUIRE(box.claim(a));
  CHECK(box.reset_sending() == 1);  // start-up after a crash mid-request
  CHECK(box.get(a)->status == Status::Pending);
  CHECK(box.get(a)->attempts == 2);  // the interrupted attempt still counts
  CHECK(box.reset_sending() == 0);

  REQUIRE(box.claim(a));
  box.mark_rejected(a, "422: missing field");
  CHECK(box.get(a)->status == Status::Rejected);
  CHECK(box.get(a)->last_error == "422: missing field");
  CHECK_FALSE(box.claim(a));
  CHECK_FALSE(box.earliest_next_attempt());

  // A sent row is never moved back by a late retry or rejection.
  box.mark_retry(b, "2026-08-04T19:00:00Z", "late");
  box.mark_rejected(b, "late");
  CHECK(box.get(b)->status == Status::Sent);
}

TEST_CASE("times are checked: only canonical RFC 3339 UTC keeps text order equal to time order") {
  TempDir dir;
  auto clock = make_clock();
  Outbox box(dir.path(), clock);
  const std::string a = box.enqueue(signup());
  CHECK_THROWS_AS(box.due("2026-08-04 18:00:00", 1), StoreError);
  CHECK_THROWS_AS(box.mark_retry(a, "2026-08-04T18:00:00+02:00", "x"), StoreError);
  CHECK_THROWS_AS(box.clamp_next_attempts("tomorrow"), StoreError);
  CHECK(box.get(a)->status == Status::Pending);
}

TEST_CASE("counts by status and the oldest pending time") {
  TempDir dir;
  auto clock = make_clock();
  Outbox box(dir.path(), clock);
  StatusCounts empty = box.counts();
  CHECK(empty.pending == 0);
  CHECK_FALSE(empty.oldest_pending_created_at);

  std::vector<std::string> ids;
  for (int i = 0; i < 6; ++i) {
    ids.push_back(box.enqueue(signup()));
    clock.advance(std::chrono::minutes(1));
  }
  box.claim(ids[0]);
  box.mark_sent({{ids[0], ""}});
  box.claim(ids[1]);
  box.mark_rejected(ids[1], "bad");
  box.claim(ids[2]);
  REQUIRE(box.discard(ids[3]));
  StatusCounts c = box.counts();
  CHECK(c.pending == 2);
  CHECK(c.sending == 1);
  CHECK(c.sent == 1);
  CHECK(c.rejected == 1);
  CHECK(c.discarded == 1);
  CHECK(c.oldest_pending_created_at == std::optional<std::string>("2026-08-04T18:04:00Z"));
  CHECK(box.list(Status::Pending, 10).size() == 2);
  CHECK(box.list(Status::Pending, 1).at(0).id == ids[4]);
}

TEST_CASE("settings: absent, set, replaced, any text") {
  TempDir dir;
  auto clock = make_clock();
  Outbox box(dir.path(), clock);
  CHECK_FALSE(box.setting("event_tag"));
  box.set_setting("event_tag", "nno-2026");
  CHECK(box.setting("event_tag") == std::optional<std::string>("nno-2026"));
  box.set_setting("event_tag", "O'Brien; DROP TABLE settings");
  CHECK(box.setting("event_tag") == std::optional<std::string>("O'Brien; DROP TABLE settings"));
  box.set_setting("profile", "");
  CHECK(box.setting("profile") == std::optional<std::string>(""));
  Outbox other(dir.path(), clock);  // another connection sees them
  CHECK(other.setting("event_tag") == std::optional<std::string>("O'Brien; DROP TABLE settings"));
}

TEST_CASE("staff helpers: discard, retry_now, mark_exported, and the audit trail") {
  TempDir dir;
  auto clock = make_clock();
  Outbox box(dir.path(), clock);
  const std::string a = box.enqueue(signup());
  const std::string b = box.enqueue(signup());
  const std::string c = box.enqueue(signup());

  CHECK(box.mark_exported({a, b, "00000000-0000-4000-8000-000000000000"}) == 2);
  CHECK(box.get(a)->exported_at == std::optional<std::string>("2026-08-04T18:00:00Z"));
  CHECK(box.get(a)->status == Status::Pending);  // exported rows stay pending
  CHECK_FALSE(box.get(c)->exported_at);

  REQUIRE(box.claim(b));
  CHECK_FALSE(box.discard(b));  // in flight: not now
  box.mark_rejected(b, "422");
  clock.advance(std::chrono::minutes(5));
  REQUIRE(box.retry_now(b));
  CHECK(box.get(b)->status == Status::Pending);
  CHECK(box.get(b)->next_attempt_at == "2026-08-04T18:05:00Z");

  REQUIRE(box.discard(a));
  auto da = box.get(a);
  CHECK(da->status == Status::Discarded);
  CHECK(da->payload_json.empty());
  CHECK(da->erased_at == std::optional<std::string>("2026-08-04T18:05:00Z"));
  CHECK_FALSE(box.discard(a));
  CHECK_FALSE(box.retry_now(a));
  CHECK(box.mark_exported({a}) == 0);

  box.record_event("staff_login", "pin ok");
  auto ev = box.events(10);
  REQUIRE(ev.size() == 3);
  CHECK(ev[0].kind == "staff_login");
  CHECK(ev[1].kind == "discarded");
  CHECK(ev[1].detail == a);
  CHECK(ev[2].kind == "retry_now");
  CHECK(box.events(1).size() == 1);
}

TEST_CASE("purge_sent erases only sent payloads past the retention, keeping the receipt") {
  TempDir dir;
  auto clock = make_clock();
  Outbox box(dir.path(), clock);
  const std::string old_sent = box.enqueue(signup());
  const std::string pending = box.enqueue(signup());
  const std::string rejected = box.enqueue(signup());
  box.claim(old_sent);
  box.mark_sent({{old_sent, "R-9"}});
  box.claim(rejected);
  box.mark_rejected(rejected, "422");
  clock.advance(std::chrono::hours(24 * 10));
  const std::string new_sent = box.enqueue(signup());
  box.claim(new_sent);
  box.mark_sent({{new_sent, ""}});

  CHECK(box.purge_sent(30) == 0);
  clock.advance(std::chrono::hours(24 * 21));  // old_sent is now 31 days old, new_sent 21
  CHECK(box.purge_sent(30) == 1);
  auto r = box.get(old_sent);
  CHECK(r->payload_json.empty());
  CHECK(r->status == Status::Sent);
  CHECK(r->receipt_id == "R-9");
  CHECK(r->form_id == "signup");
  CHECK(r->created_at == "2026-08-04T18:00:00Z");
  CHECK(r->sent_at == "2026-08-04T18:00:00Z");
  CHECK(r->erased_at);
  CHECK_FALSE(box.get(new_sent)->payload_json.empty());
  CHECK_FALSE(box.get(pending)->payload_json.empty());   // never erased
  CHECK_FALSE(box.get(rejected)->payload_json.empty());  // never erased
  CHECK(box.purge_sent(30) == 0);
  CHECK(box.events(1).at(0).kind == "payloads_erased");
  CHECK_THROWS_AS(box.purge_sent(-1), StoreError);
}

TEST_CASE("two connections in two threads write at once without losing a row") {
  TempDir dir;
  auto clock = make_clock();
  Outbox first(dir.path(), clock);  // creates the schema before the threads start
  constexpr int kPerThread = 150;
  std::vector<std::string> ids_a, ids_b;
  auto writer = [&](std::vector<std::string>& ids) {
    Outbox box(dir.path(), clock);
    for (int i = 0; i < kPerThread; ++i) ids.push_back(box.enqueue(signup()));
  };
  auto sync_like = [&] {
    Outbox box(dir.path(), clock);
    for (int i = 0; i < 200; ++i) {
      for (const auto& s : box.due("2030-01-01T00:00:00Z", 5)) {
        if (box.claim(s.id)) box.mark_sent({{s.id, ""}});
      }
    }
  };
  std::thread ta(writer, std::ref(ids_a)), tb(writer, std::ref(ids_b)), tc(sync_like);
  ta.join();
  tb.join();
  tc.join();
  StatusCounts c = first.counts();
  CHECK(c.pending + c.sent == 2 * kPerThread);
  CHECK(c.sending == 0);
  for (const auto& id : ids_a) REQUIRE(first.get(id));
  for (const auto& id : ids_b) REQUIRE(first.get(id));
}

TEST_CASE(
    "several connections opening a brand-new data dir at once agree on one schema and one kiosk "
    "id") {
  for (int round = 0; round < 5; ++round) {
    TempDir dir;
    auto clock = make_clock();
    constexpr int kThreads = 4;
    std::vector<std::string> ids(kThreads);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        try {
          Outbox box(dir.path(), clock);
          box.enqueue(signup());
          ids[t] = box.kiosk_id();
        } catch (const std::exception& e) {
          ids[t] = std::string("error: ") + e.what();  // shown by the CHECKs below
        }
      });
    }
    for (auto& th : threads) th.join();
    for (const auto& id : ids) CHECK(id == ids[0]);
    CHECK(is_uuid_v4(ids[0]));
    Outbox box(dir.path(), clock);
    CHECK(box.counts().pending == kThreads);
    CHECK(outbox_test::files_starting_with(dir.path(), "kiosk.db.corrupt").empty());
  }
}

TEST_CASE(
    "a group claim writes the previous acks and claims only pending rows, in one go, and release "
    "undoes it") {
  TempDir dir;
  auto clock = make_clock();
  Outbox box(dir.path(), clock);
  const std::string a = box.enqueue(signup()), b = box.enqueue(signup()), c = box.enqueue(signup());
  const std::string d = box.enqueue(signup()), e = box.enqueue(signup());
  REQUIRE(box.claim(a));
  REQUIRE(box.discard(e));  // staff erased it: not claimable

  auto got = box.claim({b, c, d, e}, {{a, "R-1"}});
  CHECK(got == std::vector<std::string>{b, c, d});
  CHECK(box.get(a)->status == Status::Sent);
  CHECK(box.get(a)->receipt_id == "R-1");
  for (const auto& id : got) {
    CHECK(box.get(id)->status == Status::Sending);
    CHECK(box.get(id)->attempts == 1);
  }
  CHECK(box.claim({b}, {}).empty());  // already sending
  CHECK(box.get(e)->status == Status::Discarded);

  box.release({c, d, a});  // a is sent: left alone
  CHECK(box.get(c)->status == Status::Pending);
  CHECK(box.get(c)->attempts == 0);  // the attempt never happened
  CHECK(box.get(d)->status == Status::Pending);
  CHECK(box.get(a)->status == Status::Sent);
  CHECK(box.get(b)->status == Status::Sending);
  CHECK(box.claim({}, {}).empty());
}
