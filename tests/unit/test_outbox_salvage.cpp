// Retention of records the department has not received (issue 11): a damaged database's copy is
// salvaged into the outbox at start-up once (deduplicated by id, audited with counts), deleted after
// the retention on a virtual clock; a rejected record keeps its sealed payload whatever the clock.
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "offline-cache/migrations.h"
#include "offline-cache/outbox.h"
#include "offline-cache/salvage.h"
#include "test_outbox_util.h"

using namespace kiosk;
using namespace kiosk::store;
using namespace outbox_test;

namespace {

constexpr auto kDay = std::chrono::hours(24);

// A sealed-looking record: random bytes stand in for crypto_box_seal output (the store never
// opens them).
NewSubmission sealed_sub(std::mt19937& rng, std::size_t bytes) {
  NewSubmission s;
  s.form_id = "signup";
  s.sealed_payload.resize(bytes);
  for (auto& b : s.sealed_payload) b = static_cast<unsigned char>(rng());
  s.sealed_to = "dept-key-1";
  s.signer_kiosk_id = "00000000-0000-4000-8000-000000000001";
  s.collector_public_key = "AAAA";
  s.signature = "BBBB";
  return s;
}

struct Populated {
  std::map<std::string, Status> status;  // every row's status before the damage
  std::map<std::string, std::vector<unsigned char>> sealed;
};

// `rows` records: every 5th rejected, every 7th sent, every 11th discarded, the rest pending.
Populated populate(const TempDir& dir, Clock& clock, int rows) {
  Populated p;
  std::mt19937 rng(5);
  Outbox box(dir.path(), clock);
  for (int n = 0; n < rows; ++n) {
    NewSubmission s = sealed_sub(rng, 200 + (n % 7) * 300);
    const std::string id = box.enqueue(s);
    p.sealed[id] = s.sealed_payload;
    Status st = Status::Pending;
    if (n % 11 == 0) {
      REQUIRE(box.discard(id));
      st = Status::Discarded;
    } else if (n % 7 == 0) {
      box.mark_sent({{id, "r"}});
      st = Status::Sent;
    } else if (n % 5 == 0) {
      box.mark_rejected(id, "unknown form");
      st = Status::Rejected;
    }
    p.status[id] = st;
  }
  return p;
}

void overwrite_page(const std::string& path, std::size_t page_no) {
  std::string bytes = read_bytes(path);
  const std::size_t page = 4096;
  REQUIRE(bytes.size() > (page_no + 2) * page);
  std::mt19937 rng(11);
  for (std::size_t i = page_no * page; i < (page_no + 1) * page; ++i)
    bytes[i] = static_cast<char>(rng());
  write_bytes(path, bytes);
}

const std::string kCopy = "kiosk.db.corrupt-20260804T180000Z";

// Every row in the outbox now came from the copy as it was: same status, same sealed bytes.
void check_salvaged_rows(Outbox& box, const Populated& p, int expect_added) {
  int open_rows = 0;
  for (Status s : {Status::Pending, Status::Rejected}) {
    for (const Submission& r : box.list(s, 100000)) {
      ++open_rows;
      auto it = p.status.find(r.id);
      REQUIRE(it != p.status.end());
      CHECK(it->second == s);
      CHECK(r.sealed_payload == p.sealed.at(r.id));
      if (s == Status::Rejected) CHECK(r.last_error == "unknown form");
    }
  }
  CHECK(open_rows == expect_added);
  const StatusCounts c = box.counts();
  CHECK(c.sent == 0);
  CHECK(c.discarded == 0);
}

}  // namespace

TEST_CASE("a damaged copy's open records are salvaged once and the copy deleted after retention") {
  TempDir dir;
  auto clock = make_clock();
  const Populated p = populate(dir, clock, 300);
  int open_before = 0;
  for (const auto& [id, st] : p.status)
    open_before += st == Status::Pending || st == Status::Rejected;

  SECTION("an overwritten page") { overwrite_page(dir.file("kiosk.db"), 10); }
  SECTION("a truncated file") {
    const std::string whole = read_bytes(dir.file("kiosk.db"));
    write_bytes(dir.file("kiosk.db"), whole.substr(0, whole.size() / 2));
  }

  Outbox box(dir.path(), clock);  // moves the damaged file aside
  REQUIRE(std::filesystem::exists(dir.file(kCopy)));
  REQUIRE(box.counts().pending == 0);

  SalvageReport first = salvage_damaged_copies(box, dir.path(), 30, clock);
  CHECK(first.copies_salvaged == 1);
  CHECK(first.copies_deleted == 0);
  // Some rows were on the damaged pages; most were not.
  CHECK(first.records_added > open_before / 3);
  CHECK(first.records_added <= open_before);
  CHECK(first.already_present == 0);
  check_salvaged_rows(box, p, first.records_added);
  CHECK(std::filesystem::exists(dir.file(kCopy + ".salvaged")));
  auto ev = box.events(10);
  REQUIRE_FALSE(ev.empty());
  CHECK(ev[0].kind == "damaged_copy_salvaged");
  CHECK(ev[0].detail.rfind(kCopy + ": " + std::to_string(first.records_added) + " record(s) added",
                           0) == 0);

  // A second start: the copy is marked, nothing more is added.
  SalvageReport again = salvage_damaged_copies(box, dir.path(), 30, clock);
  CHECK(again.copies_salvaged == 0);
  CHECK(again.records_added == 0);
  // Even unmarked (a marker lost), the same rows are not added twice.
  std::filesystem::remove(dir.file(kCopy + ".salvaged"));
  SalvageReport unmarked = salvage_damaged_copies(box, dir.path(), 30, clock);
  CHECK(unmarked.copies_salvaged == 1);
  CHECK(unmarked.records_added == 0);
  CHECK(unmarked.already_present == first.records_added);
  check_salvaged_rows(box, p, first.records_added);

  // Kept for the retention (counted from the salvage), deleted after it, with its companions.
  clock.advance(kDay * 30 - std::chrono::seconds(1));
  CHECK(salvage_damaged_copies(box, dir.path(), 30, clock).copies_deleted == 0);
  CHECK(std::filesystem::exists(dir.file(kCopy)));
  clock.advance(std::chrono::seconds(1));
  CHECK(salvage_damaged_copies(box, dir.path(), 30, clock).copies_deleted == 1);
  CHECK(files_starting_with(dir.path(), "kiosk.db.corrupt").empty());
  ev = box.events(1);
  REQUIRE(ev.size() == 1);
  CHECK(ev[0].kind == "damaged_copy_deleted");
  CHECK(ev[0].detail.rfind(kCopy + " (salvaged 2026-08-04T18:00:00Z", 0) == 0);
  // The salvaged records stay.
  check_salvaged_rows(box, p, first.records_added);
}

TEST_CASE("a copy nothing can be read from is audited as such and still deleted after retention") {
  TempDir dir;
  auto clock = make_clock();
  populate(dir, clock, 20);
  std::string bytes = read_bytes(dir.file("kiosk.db"));
  for (std::size_t i = 0; i < 100; ++i) bytes[i] = 'X';
  write_bytes(dir.file("kiosk.db"), bytes);
  Outbox box(dir.path(), clock);
  SalvageReport r = salvage_damaged_copies(box, dir.path(), 2, clock);
  CHECK(r.copies_salvaged == 1);
  CHECK(r.records_added == 0);
  auto ev = box.events(1);
  REQUIRE(ev.size() == 1);
  CHECK(ev[0].kind == "damaged_copy_salvaged");
  CHECK(ev[0].detail.find("0 record(s) added") != std::string::npos);
  CHECK(ev[0].detail.find("cannot") != std::string::npos);  // says why
  clock.advance(kDay * 2);
  CHECK(salvage_damaged_copies(box, dir.path(), 2, clock).copies_deleted == 1);
  CHECK(files_starting_with(dir.path(), "kiosk.db.corrupt").empty());
}

TEST_CASE("a schema 3 copy's open rows come back with their plaintext, for the sealing migration") {
  TempDir dir;
  auto clock = make_clock();
  const std::string copy = dir.file(kCopy);
  {
    RawDb raw(copy);
    raw.exec("PRAGMA journal_mode=WAL");
    for (const Migration& m : migrations())
      if (m.version <= 3) raw.exec(m.sql);
    raw.exec(
        "INSERT INTO submissions (id, form_id, form_version, created_at, status, next_attempt_at, "
        "payload) VALUES "
        "('11111111-1111-4111-8111-111111111111', 'signup', 1, '2026-08-01T10:00:00Z', "
        "'pending', '2026-08-01T10:00:00Z', '{\"name\":\"A\"}'), "
        "('22222222-2222-4222-8222-222222222222', 'signup', 1, '2026-08-01T11:00:00Z', "
        "'sent', '2026-08-01T11:00:00Z', '{\"name\":\"B\"}'), "
        "('33333333-3333-4333-8333-333333333333', 'signup', 1, '2026-08-01T12:00:00Z', "
        "'rejected', '2026-08-01T12:00:00Z', '{\"name\":\"C\"}')");
  }
  Outbox box(dir.path(), clock);
  SalvageReport r = salvage_damaged_copies(box, dir.path(), 30, clock);
  CHECK(r.records_added == 2);
  auto a = box.get("11111111-1111-4111-8111-111111111111");
  REQUIRE(a);
  CHECK(a->status == Status::Pending);
  CHECK(a->payload_json == R"({"name":"A"})");
  CHECK_FALSE(box.get("22222222-2222-4222-8222-222222222222"));
  auto c = box.get("33333333-3333-4333-8333-333333333333");
  REQUIRE(c);
  CHECK(c->status == Status::Rejected);
  CHECK(box.count_unsealed() == 2);  // the sealing migration seals them at this start-up
}

TEST_CASE("a record the department has not received is never erased by time") {
  TempDir dir;
  auto clock = make_clock();
  std::mt19937 rng(3);
  Outbox box(dir.path(), clock);
  const NewSubmission ps = sealed_sub(rng, 500), rs = sealed_sub(rng, 600),
                      ss = sealed_sub(rng, 700);
  const std::string pending = box.enqueue(ps), rejected = box.enqueue(rs), sent = box.enqueue(ss);
  box.mark_rejected(rejected, "refused by the department");
  box.mark_sent({{sent, "receipt"}});

  // Ten years on, with the shortest retention there is.
  clock.advance(kDay * 3650);
  CHECK(box.purge_sent(0) == 1);
  CHECK(box.get(sent)->sealed_payload.empty());
  CHECK(box.get(pending)->sealed_payload == ps.sealed_payload);
  auto r = box.get(rejected);
  REQUIRE(r);
  CHECK(r->status == Status::Rejected);
  CHECK(r->sealed_payload == rs.sealed_payload);
  CHECK_FALSE(r->erased_at);

  SECTION("Retry sends it: pending again with its payload") {
    REQUIRE(box.retry_now(rejected));
    CHECK(box.get(rejected)->status == Status::Pending);
    CHECK(box.get(rejected)->sealed_payload == rs.sealed_payload);
  }
  SECTION("staff discard erases it at once") {
    REQUIRE(box.discard(rejected));
    CHECK(box.get(rejected)->status == Status::Discarded);
    CHECK(box.get(rejected)->sealed_payload.empty());
  }
}
