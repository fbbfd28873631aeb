// Erasing means the bytes are gone from the files: after purge_sent() or discard(), a unique marker
// written in a payload is in neither kiosk.db nor kiosk.db-wal (and it was there before, so the grep
// can fail). Covers small rows, rows spilling into overflow pages, and a reader blocking the checkpoint.
#include <nlohmann/json.hpp>
#include <random>
#include <thread>

#include "offline-cache/outbox.h"
#include "offline-cache/uuid.h"
#include "tests/unit/test_outbox_util.h"

using namespace kiosk;
using namespace kiosk::store;
using namespace outbox_test;  // TempDir, RawDb, make_clock

namespace {

// A marker no other byte sequence in the files can match by chance.
std::string marker() { return "MARK-" + uuid_v4() + "-" + uuid_v4(); }

std::string payload_with(const std::string& mark, std::size_t filler) {
  nlohmann::json j;
  j["name"] = mark;
  j["notes"] = std::string(filler, 'n');
  j["tail"] = mark;  // twice, at both ends of a long payload (first and last overflow page)
  return j.dump();
}

struct Files {
  std::string db, wal;
};

Files files_of(const TempDir& dir) {
  return {outbox_test::read_bytes(dir.file("kiosk.db")),
          outbox_test::read_bytes(dir.file("kiosk.db-wal"))};
}

bool on_disk(const Files& f, const std::string& mark) {
  return f.db.find(mark) != std::string::npos || f.wal.find(mark) != std::string::npos;
}

NewSubmission sub(const std::string& payload) {
  NewSubmission s;
  s.form_id = "crash_report";
  s.payload_json = payload;
  return s;
}

}  // namespace

TEST_CASE("purge_sent removes a sent payload's bytes from kiosk.db and kiosk.db-wal") {
  for (std::size_t filler : {std::size_t{40}, std::size_t{20000}}) {  // in-page row; overflow pages
    DYNAMIC_SECTION("payload filler " << filler) {
      TempDir dir("erase");
      auto clock = make_clock();
      Outbox box(dir.path(), clock);
      const std::string gone = marker(), kept = marker();
      const std::string id = box.enqueue(sub(payload_with(gone, filler)));
      const std::string keep_id = box.enqueue(sub(payload_with(kept, filler)));
      REQUIRE(box.claim(id));
      box.mark_sent({{id, "R-1"}});

      Files before = files_of(dir);
      REQUIRE(on_disk(before, gone));  // the grep can find it: the test can fail

      clock.advance(std::chrono::hours(24 * 31));
      REQUIRE(box.purge_sent(30) == 1);
      Files after = files_of(dir);
      CHECK_FALSE(on_disk(after, gone));
      CHECK(on_disk(after, kept));  // the pending row's payload is still there
      CHECK(box.get(keep_id)->payload_json == payload_with(kept, filler));
      CHECK(box.get(id)->receipt_id == "R-1");
    }
  }
}

TEST_CASE("purge also scrubs rows written long ago, after checkpoints and reopenings") {
  TempDir dir("erase");
  auto clock = make_clock();
  std::mt19937 rng(20260804);
  std::vector<std::pair<std::string, std::string>> rows;  // id, marker
  for (int round = 0; round < 4; ++round) {
    Outbox box(dir.path(), clock);  // closing the last connection checkpoints and removes the WAL
    for (int i = 0; i < 60; ++i) {
      const std::string m = marker();
      rows.emplace_back(box.enqueue(sub(payload_with(m, 50 + rng() % 6000))), m);
    }
  }
  Outbox box(dir.path(), clock);
  std::vector<std::string> purged, kept;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (i % 2 == 0) {
      REQUIRE(box.claim(rows[i].first));
      box.mark_sent({{rows[i].first, ""}});
      purged.push_back(rows[i].second);
    } else {
      kept.push_back(rows[i].second);
    }
  }
  Files before = files_of(dir);
  for (const auto& m : purged) REQUIRE(on_disk(before, m));
  clock.advance(std::chrono::hours(24 * 31));
  REQUIRE(box.purge_sent(30) == static_cast<int>(purged.size()));
  Files after = files_of(dir);
  for (const auto& m : purged) CHECK_FALSE(on_disk(after, m));
  for (const auto& m : kept) CHECK(on_disk(after, m));
  RawDb raw(dir.file("kiosk.db"));
  CHECK(raw.scalar("PRAGMA integrity_check") == "ok");
}

TEST_CASE("discard erases a pending row's answers from the files and keeps the row") {
  TempDir dir("erase");
  auto clock = make_clock();
  Outbox box(dir.path(), clock);
  const std::string m = marker();
  const std::string id = box.enqueue(sub(payload_with(m, 3000)));
  REQUIRE(on_disk(files_of(dir), m));
  REQUIRE(box.discard(id));
  CHECK_FALSE(on_disk(files_of(dir), m));
  auto row = box.get(id);
  REQUIRE(row);
  CHECK(row->status == Status::Discarded);
  CHECK(row->form_id == "crash_report");
}

TEST_CASE(
    "a reader blocking the checkpoint delays the scrub until the next purge_sent finishes it") {
  TempDir dir("erase");
  auto clock = make_clock();
  OutboxOptions quick;
  quick.busy_timeout_ms = 50;  // the checkpoint waits this long for the reader, then gives up
  Outbox box(dir.path(), clock, quick);
  const std::string m = marker();
  const std::string id = box.enqueue(sub(payload_with(m, 500)));

  RawDb reader(dir.file("kiosk.db"));
  reader.exec("BEGIN");
  reader.scalar("SELECT count(*) FROM submissions");  // holds a snapshot that includes the payload
  REQUIRE(box.discard(id));
  CHECK(box.setting("store.wal_scrub_pending") == std::optional<std::string>("1"));
  CHECK(on_disk(files_of(dir), m));  // the reader still needs those bytes
  reader.exec("COMMIT");

  CHECK(box.purge_sent(30) == 0);  // nothing new to erase, but the debt is paid
  CHECK_FALSE(on_disk(files_of(dir), m));
  CHECK_FALSE(box.setting("store.wal_scrub_pending"));
}
