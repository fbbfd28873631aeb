// Heartbeat: the body (kiosk id, version, counts by status, oldest pending age on the virtual
// clock, last error, pause) carries no personal data and no submission ids; the schedule on a
// VirtualClock (first at once, then every interval, a failure waits for the next interval); the
// URL; and a real request through libcurl to the test server, which records it.
#include <catch2/catch.hpp>

#include "tests/support/sealed_rows.h"

#include <nlohmann/json.hpp>

#include "kiosk/sync/heartbeat.h"
#include "kiosk/sync/sync_engine.h"

#include <thread>
#include "kiosk/sync/sync_state.h"
#include "offline-cache/outbox.h"
#include "tests/support/test_server.h"

using namespace std::chrono;
using namespace kiosk;
using namespace kiosk::sync;
using kiosk::test_upload::ScratchDir;
using kiosk::test_upload::TestServer;
using nlohmann::json;

namespace {

// Records every body; answers with the status (or transport failure) the test sets.
class RecordingTransport final : public HttpTransport {
 public:
  struct Log {
    std::vector<std::string> bodies;
    std::vector<std::vector<std::string>> headers;
    long status = 204;
    Transport transport = Transport::Ok;
  };
  explicit RecordingTransport(Log& log) : log_(log) {}
  HttpReply post(const std::string& body, const std::vector<std::string>& headers) override {
    log_.bodies.push_back(body);
    log_.headers.push_back(headers);
    HttpReply r;
    r.transport = log_.transport;
    if (r.transport != Transport::Ok) r.error = "could not connect to the server (planned)";
    r.status = log_.status;
    return r;
  }
  void cancel() override {}

 private:
  Log& log_;
};

const char* kSecret = "Zebulon Quartermaine";

store::NewSubmission visitor_submission() {
  store::NewSubmission s;
  s.form_id = "signup";
  s.program_id = "neighborhood-watch";
  s.event_tag = "Night Out Riverside";
  s.payload_json = json{{"first_name", kSecret}, {"phone", "+15555550177"}}.dump();
  return s;
}

}  // namespace

TEST_CASE("heartbeat: body has the queue's state and nothing personal") {
  ScratchDir dir("kiosk-heartbeat-test");
  VirtualClock clock;
  store::Outbox outbox(dir / "data", clock);
  const std::string id1 = outbox.enqueue(visitor_submission());
  clock.advance(minutes(10));
  const std::string id2 = outbox.enqueue(visitor_submission());
  SyncState st;
  st.last_error = "the server is temporarily unavailable (HTTP 503)";
  st.last_error_at = format_rfc3339(clock.wall());
  save_sync_state(outbox, st);
  clock.advance(minutes(5));

  RecordingTransport::Log log;
  Heartbeat hb(std::make_unique<RecordingTransport>(log), clock, minutes(15), "9.8.7");
  hb.run_if_due(outbox);
  REQUIRE(log.bodies.size() == 1);
  CHECK(hb.sent() == 1);
  const std::string& body = log.bodies[0];
  json j = json::parse(body);
  CHECK(j.at("kiosk_id") == outbox.kiosk_id());
  CHECK(j.at("app_version") == "9.8.7");
  CHECK(j.at("sent_at") == format_rfc3339(clock.wall()));
  CHECK(j.at("counts").at("pending") == 2);
  CHECK(j.at("counts").at("sent") == 0);
  CHECK(j.at("counts").contains("rejected"));
  CHECK(j.at("counts").contains("discarded"));
  CHECK(j.at("oldest_pending_age_s") == 15 * 60);  // the first record, on the virtual clock
  CHECK(j.at("last_error") == st.last_error);
  CHECK(j.at("last_success_at").is_null());
  CHECK(j.at("paused") == false);
  for (const std::string& secret :
       {std::string(kSecret), std::string("Zebulon"), std::string("0177"), std::string("Night Out"),
        std::string("neighborhood"), id1, id2}) {
    INFO(secret);
    CHECK(body.find(secret) == std::string::npos);
  }
  CHECK(std::find(log.headers[0].begin(), log.headers[0].end(), "Content-Type: application/json") !=
        log.headers[0].end());
}

TEST_CASE("heartbeat: an empty queue has no oldest record") {
  ScratchDir dir("kiosk-heartbeat-test");
  VirtualClock clock;
  store::Outbox outbox(dir / "data", clock);
  RecordingTransport::Log log;
  Heartbeat hb(std::make_unique<RecordingTransport>(log), clock, minutes(15), "1");
  hb.run_if_due(outbox);
  REQUIRE(log.bodies.size() == 1);
  json j = json::parse(log.bodies[0]);
  CHECK(j.at("counts").at("pending") == 0);
  CHECK(j.at("oldest_pending_created_at").is_null());
  CHECK(j.at("oldest_pending_age_s").is_null());
}

TEST_CASE(
    "heartbeat: first at once, then every interval on the clock, a failure waits for the next") {
  ScratchDir dir("kiosk-heartbeat-test");
  VirtualClock clock;
  store::Outbox outbox(dir / "data", clock);
  RecordingTransport::Log log;
  Heartbeat hb(std::make_unique<RecordingTransport>(log), clock, minutes(15), "1");
  const Clock::Mono t0 = clock.now();
  CHECK(hb.run_if_due(outbox) == t0 + minutes(15));
  CHECK(log.bodies.size() == 1);
  clock.advance(minutes(14));
  CHECK(hb.run_if_due(outbox) == t0 + minutes(15));  // not due: nothing sent
  CHECK(log.bodies.size() == 1);

  log.transport = Transport::Connect;  // the network is down at the next one
  clock.advance(minutes(1));
  CHECK(hb.run_if_due(outbox) == t0 + minutes(30));
  CHECK(log.bodies.size() == 2);
  CHECK(hb.failed() == 1);
  clock.advance(minutes(1));
  hb.run_if_due(outbox);  // no early retry
  CHECK(log.bodies.size() == 2);

  log.transport = Transport::Ok;
  log.status = 500;  // a server error is a failure too
  clock.advance(minutes(14));
  hb.run_if_due(outbox);
  CHECK(log.bodies.size() == 3);
  CHECK(hb.failed() == 2);
  log.status = 200;
  clock.advance(minutes(15));
  hb.run_if_due(outbox);
  CHECK(log.bodies.size() == 4);
  CHECK(hb.sent() == 2);
}

TEST_CASE("heartbeat: carries the collector public key and whether the kiosk is in demo mode") {
  ScratchDir dir("kiosk-heartbeat-test");
  VirtualClock clock;
  store::Outbox outbox(dir / "data", clock);
  for (bool demo : {true, false}) {
    RecordingTransport::Log log;
    Heartbeat hb(std::make_unique<RecordingTransport>(log), clock, minutes(15), "1",
                 HeartbeatIdentity{"S2V5IGJhc2U2NCBvZiAzMiBieXRlcyBsb25nIQ==", demo});
    hb.run_if_due(outbox);
    REQUIRE(log.bodies.size() == 1);
    json j = json::parse(log.bodies[0]);
    CHECK(j.at("collector_public_key") == "S2V5IGJhc2U2NCBvZiAzMiBieXRlcyBsb25nIQ==");
    CHECK(j.at("demo") == demo);
  }
}

TEST_CASE("heartbeat: URL beside the submissions URL") {
  CHECK(heartbeat_url("https://records.example.org/kiosk/v2/submissions") ==
        "https://records.example.org/kiosk/v1/heartbeat");
  CHECK(heartbeat_url("http://127.0.0.1:8080/v2/submissions") ==
        "http://127.0.0.1:8080/v1/heartbeat");
}

TEST_CASE("heartbeat: a real request through libcurl reaches the test server") {
  ScratchDir dir("kiosk-heartbeat-test");
  TestServer server(dir / "server");
  VirtualClock clock;
  store::Outbox outbox(dir / "data", clock);
  outbox.enqueue(visitor_submission());
  HttpClientOptions o;
  o.url = heartbeat_url(server.url() + "/v2/submissions");
  o.token = server.token();
  o.user_agent = "community-kiosk/1.2.3";
  o.connect_timeout = seconds(5);
  o.timeout = seconds(10);
  Heartbeat hb(std::make_unique<CurlHttpClient>(o), clock, minutes(15), "1.2.3");
  hb.run_if_due(outbox);
  CHECK(hb.sent() == 1);
  json beats = server.heartbeats();
  REQUIRE(beats.size() == 1);
  CHECK(beats[0].at("authorization") == "Bearer " + server.token());
  CHECK(beats[0].at("user_agent") == "community-kiosk/1.2.3");
  CHECK(beats[0].at("body").at("kiosk_id") == outbox.kiosk_id());
  CHECK(beats[0].at("body").at("counts").at("pending") == 1);
  CHECK(server.stats().at("received") == 0);  // not counted as a submission

  // A wrong token: the server refuses (401), the kiosk counts a failure and goes on.
  o.token = "wrong";
  Heartbeat bad(std::make_unique<CurlHttpClient>(o), clock, minutes(15), "1.2.3");
  bad.run_if_due(outbox);
  CHECK(bad.failed() == 1);
  CHECK(server.heartbeats().size() == 1);
}

TEST_CASE(
    "heartbeat: the sync engine sends one every interval on the virtual clock, also while paused") {
  ScratchDir dir("kiosk-heartbeat-test");
  TestServer server(dir / "server");
  VirtualClock clock;
  store::Outbox outbox(dir / "data", clock);
  SyncEngineOptions o;
  o.data_dir = dir / "data";
  o.sender.upload.endpoint = server.url();
  o.sender.upload.token = server.token();
  o.sender.app_version = "4.5.6";
  o.watch_network = false;
  o.connect_timeout = seconds(5);
  o.timeout = seconds(10);
  o.heartbeat_every = minutes(15);
  SyncEngine engine(o, clock, [] {});
  engine.start();
  auto beats_reach = [&](std::size_t n) {
    for (int i = 0; i < 500 && server.heartbeats().size() < n; ++i)
      std::this_thread::sleep_for(milliseconds(20));
    return server.heartbeats().size();
  };
  CHECK(beats_reach(1) == 1);  // the first at once
  REQUIRE(engine.wait_until_idle(0, seconds(30)));
  uint64_t waits = engine.peek().waits;
  clock.advance(minutes(14));
  REQUIRE(engine.wait_until_idle(waits, seconds(30)));
  CHECK(server.heartbeats().size() == 1);  // not yet due
  clock.advance(minutes(1));
  CHECK(beats_reach(2) == 2);
  json last = server.heartbeats().back().at("body");
  CHECK(last.at("app_version") == "4.5.6");
  CHECK(last.at("kiosk_id") == outbox.kiosk_id());

  // The server refuses uploads (401): the queue pauses; the heartbeat still goes out every
  // interval, saying so.
  server.set_plan(R"([{"fault": "401"}])");
  outbox.enqueue(kiosk::testing::sealed(visitor_submission(), visitor_submission().payload_json,
                                        clock, outbox.kiosk_id()));
  engine.notify();
  for (int i = 0; i < 500 && engine.peek().state != EngineState::Paused; ++i)
    std::this_thread::sleep_for(milliseconds(20));
  REQUIRE(engine.peek().state == EngineState::Paused);
  REQUIRE(engine.wait_until_idle(engine.peek().waits - 1, seconds(30)));
  waits = engine.peek().waits;
  clock.advance(minutes(15));
  REQUIRE(engine.wait_until_idle(waits, seconds(30)));
  CHECK(engine.peek().state == EngineState::Paused);
  CHECK(beats_reach(3) == 3);  // the test server's fault plan applies to submissions only
  CHECK(server.heartbeats().back().at("body").at("paused") == true);
  engine.stop();
}
