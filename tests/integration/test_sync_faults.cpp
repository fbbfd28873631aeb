// The fault matrix: the sync engine against the real test server misbehaving on purpose. For each
// fault: while it lasts, statuses, errors and backoff timing are right (on the virtual clock);
// after it clears, every submission is on the server exactly once and the outbox agrees.
// Each test prints a FAULT-MATRIX line (fault -> sent / duplicated / lost).
#include <catch2/catch.hpp>

#include "kiosk/sync/backoff.h"
#include "kiosk/sync/sync_state.h"
#include "sync_rig.h"

using namespace std::chrono;
using namespace kiosk;
using namespace kiosk::sync;
using kiosk::test_upload::closed_port;
using kiosk::test_upload::SyncRig;
using kiosk::test_upload::TestServer;
using kiosk::test_upload::TestServerOptions;

namespace {

constexpr int kRecords = 6;

TestServerOptions plan(const std::string& p) {
  TestServerOptions o;
  o.plan = p;
  return o;
}

Millis ceiling(int failures) { return Backoff(seconds(5), seconds(900), 1).ceiling(failures); }

std::string last_key(TestServer& s) { return s.requests().back()["key"].get<std::string>(); }

// Checks one backoff step: no request before the engine's next attempt, exactly one at it, and
// the delay it chose after the failure within the full-jitter bound for `failures`.
void expect_one_probe_at_next_attempt(SyncRig& rig, int failures_so_far) {
  auto snap = rig.engine->snapshot();
  REQUIRE(snap.next_attempt);
  int before = rig.received();
  if (*snap.next_attempt - rig.clock.now() > milliseconds(1)) {
    rig.advance_to(*snap.next_attempt - milliseconds(1));
    rig.settle();
    CHECK(rig.received() == before);  // backoff respected: nothing early
  }
  rig.advance_to(*snap.next_attempt);
  rig.settle();
  CHECK(rig.received() == before + 1);  // one probe per wake while the server fails
  auto after = rig.engine->snapshot();
  REQUIRE(after.next_attempt);
  CHECK(*after.next_attempt - rig.clock.now() <= ceiling(failures_so_far + 1));
}

}  // namespace

TEST_CASE("fault: always 500 -> exponential backoff with full jitter - then every record once") {
  SyncRig rig(kRecords, plan(R"([{"fault":"500"}])"));
  rig.start();
  // A 500 may concern one record, so the next ones are tried; three in a row close the queue
  // gate: no burst of every record at a failing server.
  CHECK(rig.received() == 3);
  auto first = rig.row(last_key(*rig.server));
  CHECK(first.status == store::Status::Pending);
  CHECK(first.attempts == 1);
  CHECK(first.last_error == "the server had an internal error (HTTP 500)");
  // The persisted retry time is within the jitter bound of the first failure (rounded up to 1 s).
  Clock::Wall next;
  REQUIRE(parse_rfc3339(first.next_attempt_at, next));
  CHECK(next <= rig.clock.wall() + ceiling(1) + seconds(1));
  auto snap = rig.engine->snapshot();
  CHECK(snap.state == EngineState::Waiting);
  CHECK(snap.sync.last_error == "the server had an internal error (HTTP 500)");
  CHECK(*snap.next_attempt - rig.clock.now() <= ceiling(1));

  for (int failures = 1; failures <= 7; ++failures) expect_one_probe_at_next_attempt(rig, failures);
  CHECK(rig.server->stats()["stored"] == 0);
  // Nobody was rejected or lost while it failed.
  auto c = rig.outbox->counts();
  CHECK(c.pending == kRecords);
  CHECK(c.rejected == 0);

  rig.server->set_plan(R"([{"fault":"ok"}])");
  rig.drain();
  SyncRig::report("always 500, then recovers", rig.check_exactly_once(rig.ids));
  CHECK(load_sync_state(*rig.outbox).last_success_at == format_rfc3339(rig.clock.wall()));
}

TEST_CASE("fault: 503 with Retry-After in seconds -> the whole queue waits exactly that long") {
  SyncRig rig(kRecords, plan(R"([{"fault":"503","retry_after":"120","count":2}])"));
  rig.start();
  REQUIRE(rig.received() == 1);
  auto snap = rig.engine->snapshot();
  CHECK(*snap.next_attempt - rig.clock.now() == seconds(120));  // Retry-After beats the 5 s jitter
  auto r = rig.row(last_key(*rig.server));
  CHECK(r.next_attempt_at == format_rfc3339(rig.clock.wall() + seconds(120)));
  CHECK(r.last_error ==
        "the server is temporarily unavailable (HTTP 503); the server asked to wait 120 s");
  CHECK(snap.sync.last_error == r.last_error);

  rig.clock.advance(seconds(119));
  rig.settle();
  CHECK(rig.received() == 1);  // not a second early
  rig.clock.advance(seconds(1));
  rig.settle();
  CHECK(rig.received() == 2);  // second 503
  rig.clock.advance(seconds(120));
  rig.settle();
  // The server answers again: the records held back by the outage go at once, in one pass.
  CHECK(rig.outbox->counts().pending == 0);
  SyncRig::report("503 + Retry-After: 120 (twice)", rig.check_exactly_once(rig.ids));
}

TEST_CASE("fault: 503 with Retry-After as an HTTP-date -> measured against the server's Date") {
  SyncRig rig(kRecords, plan(R"([{"fault":"503","retry_after_date_in":60,"count":1}])"));
  rig.start();
  REQUIRE(rig.received() == 1);
  CHECK(*rig.engine->snapshot().next_attempt - rig.clock.now() == seconds(60));
  rig.clock.advance(seconds(59));
  rig.settle();
  CHECK(rig.received() == 1);
  rig.clock.advance(seconds(1));
  rig.settle();
  CHECK(rig.outbox->counts().pending == 0);
  SyncRig::report("503 + Retry-After: HTTP-date (+60 s)", rig.check_exactly_once(rig.ids));
}

TEST_CASE("fault: 429 -> the queue slows down as asked - then drains") {
  SyncRig rig(kRecords, plan(R"([{"fault":"429","retry_after":"7","count":3}])"));
  rig.start();
  REQUIRE(rig.received() == 1);
  CHECK(rig.row(last_key(*rig.server)).last_error ==
        "the server asked the kiosk to slow down (HTTP 429); the server asked to wait 7 s");
  for (int failures = 1; failures <= 2; ++failures) {
    auto snap = rig.engine->snapshot();
    Millis wait = duration_cast<Millis>(*snap.next_attempt - rig.clock.now());
    CHECK(wait >= seconds(7));
    CHECK(wait <= std::max<Millis>(seconds(7), ceiling(failures)));
    expect_one_probe_at_next_attempt(rig, failures);
  }
  rig.drain();
  SyncRig::report("429 + Retry-After: 7 (3 times)", rig.check_exactly_once(rig.ids));
}

TEST_CASE(
    "fault: the server hangs past the client's timeout -> timeout - retried - never duplicated") {
  SyncRig rig(kRecords, plan(R"([{"fault":"hang","seconds":20,"count":2}])"));
  rig.timeout = milliseconds(700);
  rig.start();
  REQUIRE(rig.received() == 1);
  auto r = rig.row(last_key(*rig.server));
  CHECK(r.status == store::Status::Pending);
  CHECK(r.last_error.rfind("the server did not answer in time (limit 1 s)", 0) == 0);
  expect_one_probe_at_next_attempt(rig, 1);
  rig.drain();
  SyncRig::report("hang past the client's timeout (twice)", rig.check_exactly_once(rig.ids));
}

TEST_CASE("fault: connection reset before the reply -> retried") {
  SyncRig rig(kRecords, plan(R"([{"fault":"reset","count":3}])"));
  rig.start();
  auto r = rig.row(last_key(*rig.server));
  CHECK(r.last_error.rfind("the connection was cut before the server's reply arrived", 0) == 0);
  rig.drain();
  SyncRig::report("connection reset before the reply (3 times)", rig.check_exactly_once(rig.ids));
}

TEST_CASE("fault: stored - then the connection dropped before the reply -> resent - deduped") {
  SyncRig rig(kRecords, plan(R"([{"fault":"store_drop","count":3}])"));
  rig.start();
  CHECK(rig.server->stats()["stored"] == 1);  // the server has it; the kiosk does not know
  CHECK(rig.row(last_key(*rig.server)).status == store::Status::Pending);
  rig.drain();
  auto m = rig.check_exactly_once(rig.ids);
  CHECK(m.replays == 3);  // each dropped reply led to exactly one recognised resend
  SyncRig::report("store, then drop before the reply (3 times)", m);
}

TEST_CASE("fault: a reply trickled slower than the timeout -> timeout - resent - deduped") {
  SyncRig rig(kRecords, plan(R"([{"fault":"trickle","byte_ms":150,"count":2}])"));
  rig.timeout = milliseconds(700);
  rig.start();
  CHECK(rig.row(last_key(*rig.server)).last_error.rfind("the server did not answer in time", 0) ==
        0);
  rig.drain();
  auto m = rig.check_exactly_once(rig.ids);
  CHECK(m.replays == 2);
  SyncRig::report("slow trickle reply past the timeout (twice)", m);
}

TEST_CASE("fault: 401 -> the queue pauses - nothing rejected - until staff retries") {
  SyncRig rig(kRecords, plan(R"([{"fault":"401"}])"));
  rig.start();
  CHECK(rig.received() == 1);
  auto snap = rig.engine->snapshot();
  CHECK(snap.state == EngineState::Paused);
  CHECK(snap.detail ==
        "the server refused the kiosk's token (HTTP 401); check upload.token: token revoked");
  CHECK(snap.sync.paused);
  auto c = rig.outbox->counts();
  CHECK(c.pending == kRecords);
  CHECK(c.rejected == 0);
  auto persisted = load_sync_state(*rig.outbox);
  CHECK(persisted.paused);
  CHECK(persisted.paused_reason == snap.detail);
  // Paused means paused: no retry however long we wait, and a restart with the same config stays paused.
  rig.clock.advance(hours(6));
  rig.settle();
  CHECK(rig.received() == 1);
  rig.restart();
  CHECK(rig.engine->snapshot().state == EngineState::Paused);
  CHECK(rig.received() == 1);

  rig.server->set_plan(R"([{"fault":"ok"}])");
  uint64_t w = rig.engine->snapshot().waits;
  rig.engine->retry_now();  // staff: "try again"
  REQUIRE(rig.engine->wait_until_idle(w, seconds(60)));
  CHECK(rig.engine->snapshot().state == EngineState::Idle);
  CHECK_FALSE(load_sync_state(*rig.outbox).paused);
  SyncRig::report("401 (paused; staff retry)", rig.check_exactly_once(rig.ids));
}

TEST_CASE("fault: 401 from a wrong token -> paused until the config changes") {
  TestServerOptions so;
  so.token = "the-new-token";
  SyncRig rig(kRecords, so);
  rig.upload.token = "the-old-token";
  rig.start();
  CHECK(rig.engine->snapshot().state == EngineState::Paused);
  CHECK(rig.received() == 1);
  rig.upload.token = "the-new-token";  // staff fix kiosk.toml; the kiosk restarts
  rig.restart();
  CHECK(rig.engine->snapshot().state == EngineState::Idle);
  SyncRig::report("401 wrong token (paused; config fixed)", rig.check_exactly_once(rig.ids));
}

TEST_CASE(
    "fault: 422 for one record -> that record rejected with the reason - the rest go on - oldest "
    "first") {
  SyncRig rig(kRecords, {}, true);
  std::string bad = rig.ids[2];
  rig.server->set_plan(
      R"([{"fault":"reject_id","status":422,"reason":"field 'zip' is not a valid ZIP code","id":")" +
      bad + R"("}])");
  rig.start();
  auto r = rig.row(bad);
  CHECK(r.status == store::Status::Rejected);
  CHECK(r.last_error ==
        "the server rejected this record (HTTP 422): field 'zip' is not a valid ZIP code");
  CHECK(rig.engine->snapshot().sync.last_error ==
        "record " + bad.substr(0, 8) +
            " was rejected: the server rejected this record (HTTP 422): field 'zip' is "
            "not a valid ZIP code");
  std::vector<std::string> good;
  for (const auto& id : rig.ids)
    if (id != bad) good.push_back(id);
  // Oldest first: the server stored them in creation order.
  auto records = rig.server->records();
  REQUIRE(records.size() == good.size());
  for (size_t i = 0; i < good.size(); ++i) CHECK(records[i]["key"] == good[i]);
  CHECK(rig.outbox->counts().rejected == 1);
  SyncRig::report("422 for one record only", rig.check_exactly_once(good));
}

TEST_CASE(
    "fault: TLS with a self-signed certificate -> refused and paused naming the reason - accepted "
    "with its CA") {
  TestServerOptions so;
  so.tls = true;
  SyncRig rig(kRecords, so);
  rig.upload.endpoint = rig.server->tls_url();
  rig.start();
  auto snap = rig.engine->snapshot();
  CHECK(snap.state == EngineState::Paused);
  INFO(snap.detail);
  CHECK(snap.detail.rfind("the server's certificate was refused: self-signed certificate", 0) == 0);
  CHECK(rig.received() == 0);  // nothing reached the server
  CHECK(rig.outbox->counts().pending == kRecords);
  rig.clock.advance(hours(1));
  rig.settle();
  CHECK(rig.received() == 0);  // never a silent retry

  rig.upload.ca_file = rig.server->tls_cert();
  rig.restart();
  CHECK(rig.engine->snapshot().state == EngineState::Idle);
  SyncRig::report("TLS self-signed (refused; CA configured)", rig.check_exactly_once(rig.ids));
}

TEST_CASE("fault: TLS public key not matching the pin -> paused - the right pin sends") {
  TestServerOptions so;
  so.tls = true;
  SyncRig rig(kRecords, so);
  rig.upload.endpoint = rig.server->tls_url();
  rig.upload.ca_file = rig.server->tls_cert();
  rig.upload.pinned_public_key = "sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
  rig.start();
  auto snap = rig.engine->snapshot();
  CHECK(snap.state == EngineState::Paused);
  CHECK(snap.detail.rfind("the server's public key does not match upload.pinned_public_key", 0) ==
        0);
  CHECK(rig.received() == 0);
  rig.upload.pinned_public_key = rig.server->tls_pin();
  rig.restart();
  SyncRig::report("TLS pin mismatch (paused; pin fixed)", rig.check_exactly_once(rig.ids));
}

TEST_CASE("fault: connection refused -> backoff - a network change wakes the engine at once") {
  int port = closed_port();
  SyncRig rig(kRecords, {}, false);
  rig.upload.endpoint = "http://127.0.0.1:" + std::to_string(port);
  rig.start();
  auto snap = rig.engine->snapshot();
  CHECK(snap.state == EngineState::Waiting);
  CHECK(snap.sync.last_error.rfind("could not connect to the server", 0) == 0);
  CHECK(*snap.next_attempt - rig.clock.now() <= ceiling(1));
  CHECK(rig.outbox->counts().pending == kRecords);
  // Build up a long backoff.
  for (int i = 0; i < 8; ++i) {
    rig.advance_to(*rig.engine->snapshot().next_attempt);
    rig.settle();
  }
  CHECK(rig.row(rig.ids[0]).attempts >= 1);

  TestServerOptions so;
  so.port = port;
  rig.server = std::make_unique<TestServer>(rig.path("server"), rig.with_kiosk(so));
  uint64_t w = rig.engine->snapshot().waits;
  rig.engine->network_changed();  // what the NetWatcher calls when a link or address appears
  REQUIRE(rig.engine->wait_until_idle(w, seconds(60)));
  CHECK(rig.outbox->counts().pending == 0);  // no clock advance needed
  SyncRig::report("connection refused (then the network returns)", rig.check_exactly_once(rig.ids));
}

TEST_CASE("fault: DNS failure -> retried with backoff - the error in words") {
  SyncRig rig(3, {}, false);
  rig.upload.endpoint = "http://no-such-host.invalid";
  rig.upload.allow_insecure_http = true;
  rig.start();
  auto snap = rig.engine->snapshot();
  CHECK(snap.state == EngineState::Waiting);
  CHECK(snap.sync.last_error.rfind("could not look up the server's address (DNS)", 0) == 0);
  CHECK(*snap.next_attempt - rig.clock.now() <= ceiling(1));
  CHECK(rig.outbox->counts().pending == 3);
}

TEST_CASE("crash safety: a row left `sending` goes back to pending at start-up and is sent once") {
  SyncRig rig(kRecords);
  REQUIRE(rig.outbox->claim(rig.ids[0]));  // as if the kiosk died mid-request
  CHECK(rig.row(rig.ids[0]).status == store::Status::Sending);
  rig.start();
  SyncRig::report("kiosk died mid-request (sending at start-up)", rig.check_exactly_once(rig.ids));
  CHECK(rig.row(rig.ids[0]).attempts == 2);
}

TEST_CASE("clock: a persisted next_attempt_at far in the future is pulled back at start-up") {
  SyncRig rig(kRecords);
  // A booth whose clock ran a year ahead scheduled a retry, then its clock was corrected.
  rig.outbox->mark_retry(rig.ids[0], "2027-08-04T18:00:00Z",
                         "the server had an internal error (HTTP 500)");
  rig.server->set_plan(R"([{"fault":"ok"}])");
  rig.start();
  Clock::Wall next;
  auto r = rig.row(rig.ids[0]);
  if (r.status == store::Status::Pending) {
    REQUIRE(parse_rfc3339(r.next_attempt_at, next));
    CHECK(next <= rig.clock.wall() + seconds(900) + seconds(1));
  }
  auto start = rig.clock.now();
  rig.drain();
  CHECK(rig.clock.now() - start <= seconds(901));  // drained within the cap, not a year later
  SyncRig::report("far-future next_attempt_at at start-up", rig.check_exactly_once(rig.ids));
}

TEST_CASE("clock: the wall clock jumping back a day does not stall the queue") {
  SyncRig rig(kRecords, plan(R"([{"fault":"500","count":8}])"));
  rig.start();
  for (int failures = 1; failures <= 5; ++failures) expect_one_probe_at_next_attempt(rig, failures);
  auto start = rig.clock.now();
  rig.clock.jump_wall(-hours(24));
  rig.settle();
  // Every persisted retry time is now within the cap of the new wall time.
  for (const auto& id : rig.ids) {
    Clock::Wall next;
    REQUIRE(parse_rfc3339(rig.row(id).next_attempt_at, next));
    CHECK(next <= rig.clock.wall() + seconds(901));
  }
  rig.drain();
  CHECK(rig.clock.now() - start <= seconds(900) * 3);
  SyncRig::report("wall clock jumps back 24 h during backoff", rig.check_exactly_once(rig.ids));
}

TEST_CASE("no endpoint: the kiosk works offline - the queue grows - status says so") {
  SyncRig rig(2, {}, false);
  rig.upload = UploadConfig{};
  rig.start();
  auto snap = rig.engine->snapshot();
  CHECK(snap.state == EngineState::Offline);
  CHECK(snap.detail == "no server configured");
  CHECK(snap.counts.pending == 2);
  rig.outbox->enqueue(rig.sealed_sample(9));
  rig.settle();  // the UI calls notify() after enqueue: counts follow
  CHECK(rig.engine->snapshot().counts.pending == 3);
  CHECK(rig.engine->snapshot().requests == 0);
  CHECK(rig.changes > 0);
}

TEST_CASE("plain http to a non-loopback host is refused as a configuration fault") {
  SyncRig rig(1, {}, false);
  rig.upload.endpoint = "http://records.example.org";
  rig.start();
  auto snap = rig.engine->snapshot();
  CHECK(snap.state == EngineState::ConfigFault);
  CHECK(snap.detail.find("unencrypted") != std::string::npos);
  CHECK(snap.requests == 0);
}

TEST_CASE("a record whose stored answers are unusable never blocks the others") {
  SyncRig rig(0);
  // A row left unsealed (plaintext from schema <= 3 that the migration could not seal) cannot be a
  // v2 envelope. It is the oldest record: the others must still go.
  store::NewSubmission broken = kiosk::test_upload::sample_submission(7);
  broken.payload_json = R"({"not":"sealed"})";
  std::string bad = rig.outbox->enqueue(broken);
  rig.clock.advance(seconds(1));
  std::vector<std::string> good;
  for (int i = 0; i < 3; ++i) {
    good.push_back(rig.outbox->enqueue(rig.sealed_sample(i)));
    rig.clock.advance(seconds(1));
  }
  rig.ids = good;
  rig.ids.push_back(bad);
  rig.start();
  CHECK(rig.row(bad).status == store::Status::Rejected);
  CHECK(rig.row(bad).last_error ==
        "the record is not sealed yet (set [privacy] department_public_key to upgrade); this "
        "record cannot be uploaded");
  CHECK(rig.received() == 3);  // it never reached the server
  SyncRig::report("unusable stored answers (local)", rig.check_exactly_once(good));
}
