// `kiosk --sync-once` and `kiosk --status`, the real binary against the test server: exit 0 when
// nothing is left pending, 1 on a configuration fault, 3 when retryable records remain; the
// summary and the status's sync fields say what happened in words.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "kiosk/sync/sender_lock.h"
#include "sync_process.h"
#include "sync_rig.h"

using namespace kiosk;
using kiosk::test_upload::run_kiosk;
using kiosk::test_upload::RunResult;
using kiosk::test_upload::SyncRig;
using kiosk::test_upload::TestServerOptions;
using kiosk::test_upload::write_config;

namespace {

struct Once {
  SyncRig rig;
  std::string config;

  explicit Once(int records, const TestServerOptions& so = {}, bool with_server = true)
      : rig(records, so, with_server) {
    rig.outbox.reset();  // the binary opens the database itself; our checks reopen it
    config =
        write_config(rig.path("kiosk.toml"), with_server ? rig.server->url() : "", "test-token");
  }

  RunResult sync_once() {
    return run_kiosk({"--data-dir", rig.data_dir(), "--config", config, "--sync-once"});
  }

  nlohmann::json status() {
    RunResult r = run_kiosk({"--data-dir", rig.data_dir(), "--config", config, "--status"});
    REQUIRE(r.exit_code == 0);
    auto brace = r.output.find('{');
    REQUIRE(brace != std::string::npos);
    return nlohmann::json::parse(r.output.substr(brace, r.output.rfind('}') - brace + 1));
  }

  void reopen() { rig.outbox = std::make_unique<store::Outbox>(rig.data_dir(), rig.clock); }
};

}  // namespace

TEST_CASE("kiosk --sync-once: everything sent -> exit 0 - a summary - status shows the success") {
  Once t(5);
  RunResult r = t.sync_once();
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK(r.output.find("sync-once: 5 tried, 5 sent (0 already on the server)") != std::string::npos);
  CHECK(r.output.find("outbox: 0 pending, 5 sent, 0 rejected") != std::string::npos);
  auto s = t.status()["sync"];
  CHECK(s["server"] == "127.0.0.1");
  CHECK(s["last_success_at"].is_string());
  CHECK(s["last_error"].is_null());
  CHECK(s["paused"] == false);
  // One heartbeat, after the pass: the queue as it now stands, no personal data.
  auto beats = t.rig.server->heartbeats();
  REQUIRE(beats.size() == 1);
  const auto& body = beats[0].at("body");
  CHECK(body["counts"]["sent"] == 5);
  CHECK(body["counts"]["pending"] == 0);
  t.reopen();
  t.rig.check_exactly_once(t.rig.ids);
  // Nothing pending: a second run sends nothing and still exits 0.
  RunResult again = t.sync_once();
  CHECK(again.exit_code == 0);
  CHECK(t.rig.received() == 5);
}

TEST_CASE(
    "kiosk --sync-once: retryable failures -> exit 3 - every record tried once - ignoring "
    "backoff") {
  Once t(5, [] {
    TestServerOptions o;
    o.plan = R"([{"fault":"500"}])";
    return o;
  }());
  RunResult r = t.sync_once();
  INFO(r.output);
  CHECK(r.exit_code == 3);
  CHECK(r.output.find("5 tried, 0 sent") != std::string::npos);
  CHECK(r.output.find("5 to retry later") != std::string::npos);
  CHECK(r.output.find("last error: the server had an internal error (HTTP 500)") !=
        std::string::npos);
  CHECK(t.rig.received() == 5);
  auto s = t.status()["sync"];
  CHECK(s["last_error"] == "the server had an internal error (HTTP 500)");
  CHECK(s["last_error_at"].is_string());
  CHECK(s["paused"] == false);

  // Straight away again: backoff is ignored, each record is tried once more.
  RunResult second = t.sync_once();
  CHECK(second.exit_code == 3);
  CHECK(t.rig.received() == 10);

  // A server-wide refusal ends the pass early: the other records would meet it too.
  t.rig.server->set_plan(R"([{"fault":"503","retry_after":"30"}])");
  RunResult early = t.sync_once();
  CHECK(early.exit_code == 3);
  CHECK(early.output.find("stopped early: the server is temporarily unavailable (HTTP 503)") !=
        std::string::npos);
  CHECK(t.rig.received() == 11);

  t.rig.server->set_plan(R"([{"fault":"ok"}])");
  CHECK(t.sync_once().exit_code == 0);
  t.reopen();
  t.rig.check_exactly_once(t.rig.ids);
  CHECK(t.rig.row(t.rig.ids[0]).attempts == 4);
}

TEST_CASE(
    "kiosk --sync-once: 401 -> exit 1 - paused with the reason - a later run is a staff retry") {
  Once t(3, [] {
    TestServerOptions o;
    o.plan = R"([{"fault":"401","count":1}])";
    return o;
  }());
  RunResult r = t.sync_once();
  INFO(r.output);
  CHECK(r.exit_code == 1);
  CHECK(r.output.find(
            "paused: the server refused the kiosk's token (HTTP 401); check upload.token") !=
        std::string::npos);
  auto s = t.status()["sync"];
  CHECK(s["paused"] == true);
  CHECK(s["paused_reason"] ==
        "the server refused the kiosk's token (HTTP 401); check upload.token: token revoked");
  t.reopen();
  CHECK(t.rig.outbox->counts().rejected == 0);
  CHECK(t.rig.outbox->counts().pending == 3);
  t.rig.outbox.reset();

  RunResult retry = t.sync_once();
  CHECK(retry.exit_code == 0);
  CHECK(t.status()["sync"]["paused"] == false);
  t.reopen();
  t.rig.check_exactly_once(t.rig.ids);
}

TEST_CASE("kiosk --sync-once: configuration faults -> exit 1 with the reason - nothing sent") {
  SECTION("no server configured") {
    Once t(2, {}, false);
    RunResult r = t.sync_once();
    CHECK(r.exit_code == 1);
    CHECK(r.output.find("no server configured") != std::string::npos);
    CHECK(r.output.find("2 record(s) wait in the outbox") != std::string::npos);
    CHECK(t.status()["sync"]["server"] == "no server configured");
  }
  SECTION("plain http to a non-loopback host") {
    Once t(1, {}, false);
    write_config(t.config, "http://records.example.org", "test-token");
    RunResult r = t.sync_once();
    CHECK(r.exit_code == 1);
    CHECK(r.output.find("unencrypted") != std::string::npos);
    auto s = t.status()["sync"];
    CHECK(s["config_error"].get<std::string>().find("plain http://") != std::string::npos);
  }
  SECTION("a self-signed certificate") {
    TestServerOptions so;
    so.tls = true;
    Once t(2, so);
    write_config(t.config, t.rig.server->tls_url(), "test-token");
    RunResult r = t.sync_once();
    INFO(r.output);
    CHECK(r.exit_code == 1);
    CHECK(r.output.find("paused: the server's certificate was refused: self-signed certificate") !=
          std::string::npos);
    CHECK(t.rig.received() == 0);
    write_config(t.config, t.rig.server->tls_url(), "test-token",
                 "ca_file = \"" + t.rig.server->tls_cert() + "\"\n");
    CHECK(t.sync_once().exit_code == 0);
    t.reopen();
    t.rig.check_exactly_once(t.rig.ids);
  }
}

TEST_CASE("kiosk --sync-once: a record rejected by the server is not pending -> exit 0") {
  Once t(3);
  t.rig.server->set_plan(R"([{"fault":"reject_id","id":")" + t.rig.ids[1] + R"("}])");
  RunResult r = t.sync_once();
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK(r.output.find("3 tried, 2 sent (0 already on the server), 1 rejected by the server") !=
        std::string::npos);
  auto s = t.status()["sync"];
  CHECK(s["last_error"].get<std::string>().find(
            "was rejected: the server rejected this record (HTTP 422)") != std::string::npos);
  t.reopen();
  t.rig.check_exactly_once({t.rig.ids[0], t.rig.ids[2]});
}

TEST_CASE("kiosk --sync-once leaves the records to a kiosk already uploading from the data dir") {
  Once t(2);
  sync::SenderLock held;
  std::string err;
  REQUIRE(held.try_acquire(t.rig.data_dir(), err));
  RunResult r = t.sync_once();
  CHECK(r.exit_code == 3);
  CHECK(r.output.find("already uploading") != std::string::npos);
  CHECK(t.rig.received() == 0);
  held.release();
  CHECK(t.sync_once().exit_code == 0);
}
