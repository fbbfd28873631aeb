// SyncRig: one sync-engine test set-up: a scratch data dir with an outbox seeded through
// Outbox::enqueue (rows sealed to the test department's key and signed with the data dir's signing
// key, as a configured kiosk stores them), the Python test server (holding the test and demo
// secrets, that signing key registered for the kiosk id), a VirtualClock, and a SyncEngine wired to them; plus
// the checks every fault test ends with (exactly once on the server, the outbox agrees).
// Header-only, shared by tests/integration/test_sync_*.cpp.
#pragma once
#include <catch2/catch.hpp>

#include <cstdio>
#include <algorithm>
#include <atomic>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "kiosk/core/clock.h"
#include "kiosk/core/log.h"
#include "kiosk/sync/sync_engine.h"
#include "kiosk/crypto/signing_key.h"
#include "offline-cache/outbox.h"
#include "tests/support/sealed_rows.h"
#include "tests/support/test_server.h"

namespace kiosk::test_upload {

// What a visitor typed, recognisable in any file it should never reach (logs).
inline const char* kSentinelName = "Zelda Quixote-Privacy";
inline const char* kSentinelEmail = "zelda.q@example.org";

// The answers of sample_submission(i): a JSON object with the sentinels.
inline std::string sample_answers(int i) {
  return std::string("{\"name\":\"") + kSentinelName + "\",\"email\":\"" + kSentinelEmail +
         "\",\"n\":" + std::to_string(i) + ",\"note\":\"Robert'); DROP TABLE submissions;--\"}";
}

// Row i's metadata (answers: sample_answers(i), sealed by SyncRig).
inline store::NewSubmission sample_submission(int i) {
  store::NewSubmission s;
  s.form_id = i % 3 == 0 ? "crash_report" : "signup";
  s.form_version = 1;
  s.program_id = i % 3 == 0 ? "" : "block_watch";
  s.event_tag = i % 2 ? "night-out" : "";
  return s;
}

struct MatrixRow {
  int expected = 0;    // submissions that should be on the server
  int sent = 0;        // of those: on the server exactly once and `sent` in the outbox
  int duplicated = 0;  // server rows beyond one per submission, or not from this outbox
  int lost = 0;        // expected but absent from the server, or not `sent` in the outbox
  int replays = 0;     // resends the server recognised by Idempotency-Key (answered 409)
  int requests = 0;    // submission requests the server received
};

class SyncRig {
 public:
  explicit SyncRig(int records, const TestServerOptions& server_options = {},
                   bool start_server = true) {
    data_dir_ = dir_ / "data";
    log::Options lo;
    lo.file = dir_ / "kiosk.log";
    lo.level = log::Level::Debug;
    lo.to_stderr = false;
    log::init(lo);
    outbox = std::make_unique<store::Outbox>(data_dir_, clock);
    key = std::make_unique<crypto::KioskSigningKey>(
        crypto::KioskSigningKey::load_or_create(data_dir_));
    if (start_server)
      server = std::make_unique<TestServer>(dir_ / "server", with_kiosk(server_options));
    for (int i = 0; i < records; ++i) {
      ids.push_back(outbox->enqueue(sealed_sample(i)));
      clock.advance(std::chrono::seconds(1));  // distinct created_at: "oldest first" is observable
    }
    upload.endpoint = server ? server->url() : "";
    upload.token = "test-token";
  }

  // Row i as the kiosk stores it: sealed to the test department, signed with this data dir's key.
  store::NewSubmission sealed_sample(int i) {
    return kiosk::testing::sealed(sample_submission(i), sample_answers(i), clock,
                                  outbox->kiosk_id(), *key, kiosk::testing::test_department_key());
  }

  // `o` with this kiosk's collector key registered (a server started by a test itself).
  TestServerOptions with_kiosk(TestServerOptions o) const {
    o.collector_keys.emplace_back(outbox->kiosk_id(), key->public_key_base64());
    if (o.department_secret_files.empty())
      o.department_secret_files = {kiosk::testing::test_department_secret_file(),
                                   kiosk::testing::demo_department_secret_file()};
    return o;
  }

  ~SyncRig() {
    engine.reset();
    log::init(log::Options{});
  }

  // Options as the kiosk would build them from `upload`, with a fixed seed and short timeouts.
  sync::SyncEngineOptions options() const {
    sync::SyncEngineOptions o;
    o.data_dir = data_dir_;
    o.sender.upload = upload;
    o.sender.seed = 20260804;
    o.connect_timeout = std::chrono::seconds(5);
    o.timeout = timeout;
    o.watch_network = false;
    return o;
  }

  void start() {
    engine = std::make_unique<sync::SyncEngine>(options(), clock, [this] { ++changes; });
    engine->start();
    REQUIRE(engine->wait_until_idle(0, std::chrono::seconds(60)));
  }

  void restart() {
    engine.reset();
    start();
  }

  // Lets the engine look at the world now (after the clock moved or the server changed) and go
  // back to sleep. notify() never bypasses backoff, so this observes decisions, not forces them.
  void settle() {
    uint64_t w = engine->snapshot().waits;
    engine->notify();
    REQUIRE(engine->wait_until_idle(w, std::chrono::seconds(60)));
  }

  void advance_to(Clock::Mono t) {
    auto now = clock.now();
    if (t > now) clock.advance(std::chrono::ceil<std::chrono::milliseconds>(t - now));
  }

  // Advances to each next attempt until nothing is pending (at most `rounds` wake-ups).
  void drain(int rounds = 100) {
    for (int i = 0; i < rounds; ++i) {
      auto s = engine->snapshot();
      if (s.counts.pending == 0 && s.counts.sending == 0) return;
      if (s.next_attempt) advance_to(*s.next_attempt);
      settle();
    }
    FAIL("the queue did not drain in " << rounds << " wake-ups");
  }

  int received() { return server->stats()["received"].get<int>(); }

  store::Submission row(const std::string& id) {
    auto s = outbox->get(id);
    REQUIRE(s);
    return *s;
  }

  // The end-of-test check: `expected` are on the server exactly once, with the outbox agreeing
  // (status sent, same receipt); nothing else is on the server; nothing personal reached the log.
  MatrixRow check_exactly_once(const std::vector<std::string>& expected) {
    MatrixRow m;
    m.expected = static_cast<int>(expected.size());
    auto records = server->records();
    std::map<std::string, int> on_server;
    std::map<std::string, std::string> receipts;
    std::set<std::string> all_ids(ids.begin(), ids.end());
    for (const auto& r : records) {
      std::string id = r["envelope"]["id"].get<std::string>();
      CHECK(r["key"].get<std::string>() == id);
      if (++on_server[id] > 1 || !all_ids.count(id)) ++m.duplicated;
      receipts[id] = r["receipt_id"].get<std::string>();
    }
    for (const auto& id : expected) {
      auto s = outbox->get(id);
      bool ok = s && s->status == store::Status::Sent && on_server[id] == 1;
      if (ok) {
        ++m.sent;
        CHECK(s->receipt_id == receipts[id]);
        auto env = std::find_if(records.begin(), records.end(),
                                [&](const auto& r) { return r["key"] == id; });
        // The department opens exactly what was sealed.
        CHECK((*env)["opened"] ==
              nlohmann::json::parse(kiosk::testing::open_test(s->sealed_payload)));
        CHECK_FALSE((*env)["envelope"].contains("payload"));
        CHECK((*env)["envelope"]["kiosk_id"] == outbox->kiosk_id());
      } else {
        ++m.lost;
      }
    }
    std::set<std::string> expected_set(expected.begin(), expected.end());
    for (const auto& [id, n] : on_server)
      if (!expected_set.count(id)) m.duplicated += n;
    auto st = server->stats();
    m.replays = st["replays"].get<int>();
    m.requests = st["received"].get<int>();
    CHECK(m.duplicated == 0);
    CHECK(m.lost == 0);
    CHECK(m.sent == m.expected);
    check_log_has_no_personal_data();
    return m;
  }

  // Both the engine's log (this process) and the kiosk binary's (data dir), when they exist.
  void check_log_has_no_personal_data() {
    for (const std::string& file : {dir_ / "kiosk.log", data_dir_ + "/kiosk.log"}) {
      std::ifstream in(file);
      std::stringstream ss;
      ss << in.rdbuf();
      INFO(file);
      CHECK(ss.str().find(kSentinelName) == std::string::npos);
      CHECK(ss.str().find(kSentinelEmail) == std::string::npos);
    }
  }

  static void report(const char* fault, const MatrixRow& m) {
    std::printf(
        "FAULT-MATRIX | %-44s | expected %3d | sent %3d | duplicated %d | lost %d | replays "
        "deduped %d | requests %d\n",
        fault, m.expected, m.sent, m.duplicated, m.lost, m.replays, m.requests);
    std::fflush(stdout);
  }

  std::string path(const std::string& name) const { return dir_ / name; }
  const std::string& data_dir() const { return data_dir_; }

  ScratchDir dir_;
  std::string data_dir_;
  VirtualClock clock{[] {
    Clock::Wall t;
    parse_rfc3339("2026-08-04T18:00:00Z", t);
    return t;
  }()};
  std::unique_ptr<TestServer> server;
  std::unique_ptr<store::Outbox> outbox;         // the test's own connection, like the UI's
  std::unique_ptr<crypto::KioskSigningKey> key;  // <data dir>/signing-key
  std::vector<std::string> ids;                  // enqueued, oldest first
  UploadConfig upload;
  std::chrono::milliseconds timeout{5000};
  std::unique_ptr<sync::SyncEngine> engine;
  std::atomic<int> changes{0};
};

}  // namespace kiosk::test_upload
