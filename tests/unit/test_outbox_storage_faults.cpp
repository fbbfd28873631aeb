// Bad storage, injected without privileges: a held write lock (busy), PRAGMA max_page_count (disk
// full), a read-only URI, and damaged files (garbage, truncated, overwritten pages). Each test checks
// the error path really ran (kind and message), nothing was half-written, and the outbox works after.
#include <nlohmann/json.hpp>
#include <random>

#include "kiosk/core/log.h"
#include "offline-cache/outbox.h"
#include "tests/unit/test_outbox_util.h"

using namespace kiosk;
using namespace kiosk::store;
using namespace outbox_test;  // TempDir, RawDb, make_clock

namespace {

NewSubmission sub(int n, std::size_t filler = 100) {
  NewSubmission s;
  s.form_id = "signup";
  s.payload_json = nlohmann::json{{"n", n}, {"notes", std::string(filler, 'z')}}.dump();
  return s;
}

// Runs `f`, which must throw StoreError; returns it.
template <class F>
StoreError expect_store_error(F&& f) {
  try {
    f();
  } catch (const StoreError& e) {
    return e;
  }
  FAIL("no StoreError was thrown");
  return StoreError(StoreErrorKind::Other, "unreachable");
}

bool mentions(const StoreError& e, const std::string& words) {
  return std::string(e.what()).find(words) != std::string::npos;
}

// Every row is whole: its payload parses and matches what sub(n) wrote.
void check_rows_whole(const std::string& db_path) {
  RawDb raw(db_path);
  REQUIRE(raw.scalar("PRAGMA integrity_check") == "ok");
  for (const std::string& p : raw.column("SELECT payload FROM submissions WHERE payload <> ''")) {
    auto j = nlohmann::json::parse(p);
    CHECK(p == sub(j.at("n").get<int>(), j.at("notes").get<std::string>().size()).payload_json);
  }
}

}  // namespace

TEST_CASE(
    "busy: another connection holding the write lock makes writes fail as Busy, reads go on") {
  TempDir dir;
  auto clock = make_clock();
  OutboxOptions quick;
  quick.busy_timeout_ms = 100;
  Outbox box(dir.path(), clock, quick);
  const std::string before = box.enqueue(sub(1));

  RawDb holder(box.path());
  holder.exec("BEGIN IMMEDIATE");
  StoreError e = expect_store_error([&] { box.enqueue(sub(2)); });
  CHECK(e.kind == StoreErrorKind::Busy);
  CHECK(mentions(e, "locked by another connection"));
  CHECK(mentions(e, "enqueue"));
  CHECK(expect_store_error([&] { box.claim(before); }).kind == StoreErrorKind::Busy);
  CHECK(expect_store_error([&] { box.set_setting("k", "v"); }).kind == StoreErrorKind::Busy);
  CHECK(box.counts().pending == 1);  // WAL readers are never blocked by the writer
  CHECK(box.get(before));
  holder.exec("ROLLBACK");

  // The lock cleared: the same Outbox writes again, and the failed attempt left nothing behind.
  box.enqueue(sub(3));
  CHECK(box.counts().pending == 2);
  check_rows_whole(box.path());
}

TEST_CASE(
    "disk full (max_page_count): enqueue fails as Full, no half row, works once space is back") {
  TempDir dir;
  auto clock = make_clock();
  int64_t pages = 0;
  {
    Outbox setup(dir.path(), clock);
    RawDb raw(setup.path());
    pages = std::stoll(raw.scalar("PRAGMA page_count"));
  }
  OutboxOptions limited;
  limited.max_page_count = pages + 6;
  Outbox box(dir.path(), clock, limited);
  std::vector<std::string> saved;
  StoreError full(StoreErrorKind::Other, "");
  bool hit = false;
  for (int n = 0; n < 200 && !hit; ++n) {
    try {
      saved.push_back(box.enqueue(sub(n, 1500)));
    } catch (const StoreError& e) {
      full = e;
      hit = true;
    }
  }
  REQUIRE(hit);
  CHECK(full.kind == StoreErrorKind::Full);
  CHECK(mentions(full, "no space left"));
  CHECK(mentions(full, "enqueue"));
  REQUIRE_FALSE(saved.empty());

  // Exactly the confirmed rows are there, each whole.
  CHECK(box.counts().pending == static_cast<int64_t>(saved.size()));
  for (const auto& id : saved) CHECK(box.get(id));
  check_rows_whole(box.path());

  // Staff free space (a discard shrinks a row): the same connection saves again.
  REQUIRE(box.discard(saved.front()));
  CHECK_NOTHROW(box.enqueue(sub(1000, 10)));

  // The limit gone (a new connection without it), larger rows fit again.
  Outbox unlimited(dir.path(), clock);
  CHECK_NOTHROW(unlimited.enqueue(sub(1001, 5000)));
  check_rows_whole(box.path());
}

TEST_CASE("read-only database (URI mode=ro): reads work, every write fails as ReadOnly") {
  TempDir dir;
  auto clock = make_clock();
  std::string id;
  {
    Outbox rw(dir.path(), clock);
    id = rw.enqueue(sub(1));
  }
  OutboxOptions ro;
  ro.read_only = true;
  Outbox box(dir.path(), clock, ro);
  CHECK(box.counts().pending == 1);
  CHECK(box.get(id));
  CHECK_FALSE(box.kiosk_id().empty());
  StoreError e = expect_store_error([&] { box.enqueue(sub(2)); });
  CHECK(e.kind == StoreErrorKind::ReadOnly);
  CHECK(mentions(e, "read-only"));
  CHECK(expect_store_error([&] { box.claim(id); }).kind == StoreErrorKind::ReadOnly);
  CHECK(expect_store_error([&] { box.set_setting("k", "v"); }).kind == StoreErrorKind::ReadOnly);
  CHECK(box.counts().pending == 1);

  Outbox rw(dir.path(), clock);  // the file itself is fine for a writable connection
  CHECK(rw.get(id)->status == Status::Pending);
  CHECK_NOTHROW(rw.enqueue(sub(3)));
}

TEST_CASE("a read-only open of a missing database fails clearly and creates nothing") {
  TempDir dir;
  auto clock = make_clock();
  OutboxOptions ro;
  ro.read_only = true;
  StoreError e = expect_store_error([&] { Outbox box(dir.path(), clock, ro); });
  CHECK(e.kind == StoreErrorKind::Io);
  CHECK(mentions(e, "open"));
  CHECK_FALSE(std::filesystem::exists(dir.file("kiosk.db")));
}

namespace {

// A database with rows in it, closed (so everything is in kiosk.db, no WAL).
std::string make_populated_db(const TempDir& dir, Clock& clock, int rows) {
  Outbox box(dir.path(), clock);
  for (int n = 0; n < rows; ++n) box.enqueue(sub(n, 300 + (n % 7) * 400));
  return box.kiosk_id();
}

// `kiosk_id`: the id the damaged database had (kept through the kiosk-id copy); nullopt: none yet.
void check_moved_aside(const TempDir& dir, Clock& clock, const std::string& damaged_bytes,
                       const std::optional<std::string>& kiosk_id) {
  Outbox box(dir.path(), clock);
  REQUIRE(box.startup_events().size() == 1);
  CHECK(box.startup_events()[0].find("moved aside to kiosk.db.corrupt-20260804T180000Z") !=
        std::string::npos);
  auto aside = outbox_test::files_starting_with(dir.path(), "kiosk.db.corrupt-");
  REQUIRE(aside.size() >= 1);
  CHECK(outbox_test::read_bytes(dir.file("kiosk.db.corrupt-20260804T180000Z")) ==
        damaged_bytes);  // kept whole
  // A fresh, working database with the event recorded for staff, and the same kiosk id.
  CHECK(box.counts().pending == 0);
  auto ev = box.events(5);
  REQUIRE(ev.size() == 1);
  CHECK(ev[0].kind == "database_moved_aside");
  CHECK(ev[0].detail.find("kiosk.db.corrupt-20260804T180000Z") == 0);
  if (kiosk_id) CHECK(box.kiosk_id() == *kiosk_id);
  CHECK(box.kiosk_id().size() == 36);
  const std::string id = box.enqueue(sub(7));
  CHECK(box.get(id));
  RawDb raw(box.path());
  CHECK(raw.scalar("PRAGMA integrity_check") == "ok");
}

}  // namespace

TEST_CASE(
    "a file of garbage at start-up is moved aside, never deleted, and a fresh database made") {
  TempDir dir;
  auto clock = make_clock();
  std::string garbage(8192, '\0');
  std::mt19937 rng(7);
  for (char& c : garbage) c = static_cast<char>(rng());
  outbox_test::write_bytes(dir.file("kiosk.db"), garbage);
  check_moved_aside(dir, clock, garbage, std::nullopt);
}

TEST_CASE("a truncated real database is moved aside") {
  TempDir dir;
  auto clock = make_clock();
  const std::string kiosk_id = make_populated_db(dir, clock, 300);
  const std::string whole = outbox_test::read_bytes(dir.file("kiosk.db"));
  REQUIRE(whole.size() > 64 * 1024);
  const std::string half = whole.substr(0, whole.size() / 2);
  outbox_test::write_bytes(dir.file("kiosk.db"), half);
  check_moved_aside(dir, clock, half, kiosk_id);
}

TEST_CASE("a real database with an overwritten page is moved aside") {
  TempDir dir;
  auto clock = make_clock();
  const std::string kiosk_id = make_populated_db(dir, clock, 300);
  std::string bytes = outbox_test::read_bytes(dir.file("kiosk.db"));
  const std::size_t page = 4096;
  REQUIRE(bytes.size() > 20 * page);
  std::mt19937 rng(11);
  for (std::size_t i = 10 * page; i < 11 * page; ++i) bytes[i] = static_cast<char>(rng());
  outbox_test::write_bytes(dir.file("kiosk.db"), bytes);
  check_moved_aside(dir, clock, bytes, kiosk_id);
}

TEST_CASE("a smashed header is moved aside, and a stray WAL file goes with it") {
  TempDir dir;
  auto clock = make_clock();
  const std::string kiosk_id = make_populated_db(dir, clock, 20);
  std::string bytes = outbox_test::read_bytes(dir.file("kiosk.db"));
  for (std::size_t i = 0; i < 100; ++i) bytes[i] = 'X';
  outbox_test::write_bytes(dir.file("kiosk.db"), bytes);
  outbox_test::write_bytes(dir.file("kiosk.db-wal"), "not a wal");
  check_moved_aside(dir, clock, bytes, kiosk_id);
  // SQLite may empty a WAL whose header is invalid, but the file moved with its database.
  CHECK(std::filesystem::exists(dir.file("kiosk.db.corrupt-20260804T180000Z-wal")));
}

TEST_CASE(
    "a smashed header that the live WAL still covers is not damage: nothing moved, no row lost") {
  TempDir live, dir;
  auto clock = make_clock();
  std::vector<std::string> ids;
  {
    // Snapshot the files while the newest page 1 is in the WAL (as after a power cut).
    Outbox box(live.path(), clock);
    for (int n = 0; n < 20; ++n) ids.push_back(box.enqueue(sub(n)));
    for (const char* f : {"kiosk.db", "kiosk.db-wal", "kiosk-id"}) {
      outbox_test::write_bytes(dir.file(f), outbox_test::read_bytes(live.file(f)));
    }
  }
  std::string bytes = outbox_test::read_bytes(dir.file("kiosk.db"));
  for (std::size_t i = 0; i < 100; ++i) bytes[i] = 'X';
  outbox_test::write_bytes(dir.file("kiosk.db"), bytes);
  Outbox box(dir.path(), clock);
  CHECK(box.startup_events().empty());
  for (const auto& id : ids) CHECK(box.get(id));
  CHECK(outbox_test::files_starting_with(dir.path(), "kiosk.db.corrupt").empty());
}

TEST_CASE("two damaged files in the same second get distinct names and neither is overwritten") {
  TempDir dir;
  auto clock = make_clock();
  outbox_test::write_bytes(dir.file("kiosk.db"), std::string(4096, 'A'));
  { Outbox first(dir.path(), clock); }
  outbox_test::write_bytes(dir.file("kiosk.db"), std::string(4096, 'B'));
  Outbox second(dir.path(), clock);
  CHECK(outbox_test::read_bytes(dir.file("kiosk.db.corrupt-20260804T180000Z")) ==
        std::string(4096, 'A'));
  CHECK(outbox_test::read_bytes(dir.file("kiosk.db.corrupt-20260804T180000Z-2")) ==
        std::string(4096, 'B'));
  auto ev = second.events(5);
  REQUIRE(ev.size() == 1);  // the second fresh database records its own event
  CHECK(ev[0].detail.find("kiosk.db.corrupt-20260804T180000Z-2") == 0);
}

TEST_CASE("a damaged file opened read-only is reported as Corrupt and left where it is") {
  TempDir dir;
  auto clock = make_clock();
  outbox_test::write_bytes(dir.file("kiosk.db"), std::string(4096, 'G'));
  OutboxOptions ro;
  ro.read_only = true;
  StoreError e = expect_store_error([&] { Outbox box(dir.path(), clock, ro); });
  CHECK(e.kind == StoreErrorKind::Corrupt);
  CHECK(mentions(e, "damaged"));
  CHECK(outbox_test::read_bytes(dir.file("kiosk.db")) == std::string(4096, 'G'));
  CHECK(outbox_test::files_starting_with(dir.path(), "kiosk.db.corrupt").empty());
}

TEST_CASE("a failed save says why in the log, with ids and SQLite's words but never the answers") {
  TempDir dir;
  auto clock = make_clock();
  kiosk::log::Options lo;
  lo.file = dir.file("kiosk.log");
  lo.to_stderr = false;
  kiosk::log::init(lo);
  {
    OutboxOptions quick;
    quick.busy_timeout_ms = 50;
    Outbox box(dir.path(), clock, quick);
    RawDb holder(box.path());
    holder.exec("BEGIN IMMEDIATE");
    NewSubmission s;
    s.form_id = "crash_report";
    s.payload_json = R"({"name":"Maria Example-Privacy","phone":"555-0199"})";
    CHECK(expect_store_error([&] { box.enqueue(s); }).kind == StoreErrorKind::Busy);
    holder.exec("ROLLBACK");
    const std::string id = box.enqueue(s);
    REQUIRE(box.discard(id));
  }
  kiosk::log::init(kiosk::log::Options{});
  const std::string log = outbox_test::read_bytes(dir.file("kiosk.log"));
  CHECK(log.find("enqueue failed") != std::string::npos);
  CHECK(log.find("locked") != std::string::npos);
  CHECK(log.find("discarded ") != std::string::npos);
  CHECK(log.find("Maria") == std::string::npos);
  CHECK(log.find("555-0199") == std::string::npos);
}
