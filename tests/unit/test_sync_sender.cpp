// Sender, driven by a scripted transport (no network) on a virtual clock: a row is `sending` only
// around its request; sent updates are grouped; one failing record never blocks the others; a
// recovered server releases the records held back by the outage; --sync-once tries each record
// once; pauses persist per configuration; interrupted requests leave the record as it was; wall
// clock jumps never stall the queue.
#include <catch2/catch.hpp>

#include <functional>

#include "kiosk/sync/sender.h"
#include "kiosk/sync/sync_state.h"
#include "offline-cache/outbox.h"
#include "tests/support/sealed_rows.h"
#include "tests/support/test_server.h"

using namespace std::chrono;
using namespace kiosk;
using namespace kiosk::sync;
using kiosk::test_upload::ScratchDir;

namespace {

HttpReply http(long status, std::string body = "") {
  HttpReply r;
  r.status = status;
  r.body = std::move(body);
  r.content_type = "application/json";
  return r;
}

HttpReply failure(Transport t, std::string words) {
  HttpReply r;
  r.transport = t;
  r.error = std::move(words);
  return r;
}

std::string key_of(const std::vector<std::string>& headers) {
  for (const auto& h : headers)
    if (h.rfind("Idempotency-Key: ", 0) == 0) return h.substr(17);
  return "";
}

class ScriptedTransport final : public HttpTransport {
 public:
  std::function<HttpReply(const std::string& key)> respond = [](const std::string&) {
    return http(201);
  };
  std::vector<std::string> keys;
  HttpReply post(const std::string&, const std::vector<std::string>& headers) override {
    keys.push_back(key_of(headers));
    return respond(keys.back());
  }
  void cancel() override {}
};

struct Fixture {
  ScratchDir dir;
  VirtualClock clock{[] {
    Clock::Wall t;
    parse_rfc3339("2026-08-04T18:00:00Z", t);
    return t;
  }()};
  store::Outbox outbox{dir / "data", clock};
  ScriptedTransport transport;
  SenderSettings settings;
  std::vector<std::string> ids;
  std::atomic<bool> stop{false};

  explicit Fixture(int n) {
    settings.upload.endpoint = "https://records.example.org";
    settings.upload.token = "t";
    settings.seed = 99;
    for (int i = 0; i < n; ++i) {
      store::NewSubmission s;
      s.form_id = "signup";
      ids.push_back(outbox.enqueue(kiosk::testing::sealed(s, "{\"n\":" + std::to_string(i) + "}",
                                                          clock, outbox.kiosk_id())));
      clock.advance(seconds(1));
    }
  }

  std::unique_ptr<Sender> sender() {
    auto s = std::make_unique<Sender>(outbox, transport, clock, settings);
    s->startup();
    return s;
  }

  store::Status status(const std::string& id) { return outbox.get(id)->status; }
  int64_t sent() { return outbox.counts().sent; }
};

}  // namespace

TEST_CASE("a row is `sending` exactly while its request is in flight - sent updates are grouped") {
  Fixture f(10);
  f.settings.ack_group = 4;
  std::vector<int64_t> sent_seen;
  f.transport.respond = [&](const std::string& key) {
    CHECK(f.status(key) == store::Status::Sending);  // claimed just before the request
    sent_seen.push_back(f.sent());
    return http(201, R"({"receipt_id":"R-)" + key.substr(0, 4) + "\"}");
  };
  auto s = f.sender();
  PassSummary sum = s->send_due(f.stop);
  CHECK(sum.sent == 10);
  // The outbox learns of the acknowledgements four at a time, in one transaction each.
  CHECK(sent_seen == std::vector<int64_t>{0, 0, 0, 0, 4, 4, 4, 4, 8, 8});
  CHECK(f.sent() == 10);
  CHECK(f.outbox.get(f.ids[3])->receipt_id == "R-" + f.ids[3].substr(0, 4));
  CHECK(f.transport.keys == f.ids);  // oldest first
  CHECK_FALSE(load_sync_state(f.outbox).last_success_at.empty());
}

TEST_CASE("a record that keeps failing never blocks the others") {
  Fixture f(6);
  const std::string poison = f.ids[0];  // the oldest, so it is always first in line when due
  f.transport.respond = [&](const std::string& key) {
    return key == poison ? http(500) : http(201);
  };
  auto s = f.sender();
  PassSummary sum = s->send_due(f.stop);
  // The others went in the same pass, right after it: no waiting behind it.
  CHECK(sum.sent == 5);
  CHECK(sum.retry == 1);
  CHECK(f.status(poison) == store::Status::Pending);
  CHECK_FALSE(s->gate());  // one record's failure does not close the queue
  // It keeps its own, growing backoff.
  for (int attempt = 2; attempt <= 6; ++attempt) {
    f.clock.advance(ceil<milliseconds>(*s->next_wake() - f.clock.now()));
    s->send_due(f.stop);
    CHECK(f.outbox.get(poison)->attempts == attempt);
  }
}

TEST_CASE("three failures in a row on different records close the queue gate") {
  Fixture f(6);
  f.transport.respond = [](const std::string&) { return http(500); };
  auto s = f.sender();
  PassSummary sum = s->send_due(f.stop);
  CHECK(sum.tried == 3);
  REQUIRE(s->gate());
  CHECK(*s->gate() - f.clock.now() <= seconds(5));
}

TEST_CASE("when the server answers again - the records held back by the outage go at once") {
  Fixture f(8);
  int calls = 0;
  f.transport.respond = [&](const std::string&) {
    return ++calls <= 5 ? failure(Transport::Connect, "could not connect") : http(201);
  };
  auto s = f.sender();
  for (int i = 0; i < 5; ++i) {
    s->send_due(f.stop);
    f.clock.advance(ceil<milliseconds>(*s->next_wake() - f.clock.now()));
  }
  CHECK(calls == 5);
  PassSummary sum = s->send_due(f.stop);
  CHECK(sum.sent == 8);  // every record, though several had their own longer backoff
  CHECK(f.outbox.counts().pending == 0);
}

TEST_CASE("sync-once tries every pending record exactly once - ignoring backoff") {
  Fixture f(5);
  f.transport.respond = [](const std::string&) { return http(500); };
  auto s = f.sender();
  s->send_due(
      f.stop);  // three failures: the gate closes, records get next_attempt_at in the future
  REQUIRE(s->gate());
  f.transport.keys.clear();
  PassSummary sum = s->send_all_once(f.stop);
  CHECK(sum.tried == 5);
  CHECK(sum.retry == 5);
  CHECK(f.transport.keys == f.ids);
  CHECK(f.outbox.counts().pending == 5);

  SECTION("a queue-wide fault ends the pass early: the rest would meet it too") {
    f.transport.respond = [](const std::string&) {
      return failure(Transport::Timeout, "the server did not answer");
    };
    f.transport.keys.clear();
    PassSummary early = s->send_all_once(f.stop);
    CHECK(early.tried == 1);
    CHECK(early.ended_early);
    CHECK(early.last_error == "the server did not answer");
  }
}

TEST_CASE("a pause persists across restarts with the same config and lifts when it changes") {
  Fixture f(3);
  f.transport.respond = [](const std::string&) { return http(403); };
  {
    auto s = f.sender();
    PassSummary sum = s->send_due(f.stop);
    CHECK(sum.paused);
    CHECK(s->paused());
  }
  CHECK(f.outbox.counts().pending == 3);
  CHECK(f.outbox.counts().rejected == 0);
  CHECK(f.outbox.get(f.ids[0])->last_error.find("HTTP 403") != std::string::npos);
  f.transport.keys.clear();
  {
    auto s = f.sender();  // same config
    CHECK(s->paused());
    CHECK(s->send_due(f.stop).tried == 0);
  }
  f.settings.upload.token = "a-new-token";
  f.transport.respond = [](const std::string&) { return http(201); };
  {
    auto s = f.sender();
    CHECK_FALSE(s->paused());
    CHECK(s->send_due(f.stop).sent == 3);
  }
  CHECK_FALSE(load_sync_state(f.outbox).paused);
}

TEST_CASE("an interrupted request leaves the record as it was") {
  Fixture f(2);
  f.transport.respond = [](const std::string&) { return failure(Transport::Aborted, "stopping"); };
  auto s = f.sender();
  auto before = *f.outbox.get(f.ids[0]);
  PassSummary sum = s->send_due(f.stop);
  CHECK(sum.interrupted);
  auto after = *f.outbox.get(f.ids[0]);
  CHECK(after.status == store::Status::Pending);
  CHECK(after.next_attempt_at == before.next_attempt_at);
  CHECK(after.last_error == before.last_error);
  CHECK(f.transport.keys.size() == 1);
}

TEST_CASE("409 is an acknowledgement - and the receipt is kept") {
  Fixture f(1);
  f.transport.respond = [](const std::string&) { return http(409, R"({"receipt_id":"R-9"})"); };
  auto s = f.sender();
  PassSummary sum = s->send_due(f.stop);
  CHECK(sum.sent == 1);
  CHECK(sum.already_there == 1);
  CHECK(f.outbox.get(f.ids[0])->receipt_id == "R-9");
}

TEST_CASE("the wall clock jumping back pulls retry times back to the cap") {
  Fixture f(3);
  f.transport.respond = [](const std::string&) { return http(500); };
  auto s = f.sender();
  s->send_all_once(f.stop);
  f.clock.jump_wall(-hours(24 * 30));
  s->check_wall_clock();
  for (const auto& id : f.ids) {
    Clock::Wall next;
    REQUIRE(parse_rfc3339(f.outbox.get(id)->next_attempt_at, next));
    CHECK(next <= f.clock.wall() + seconds(900) + seconds(1));
  }
  // And the engine's own wake-up is never further than the cap, whatever the persisted times say.
  CHECK(*s->next_wake() - f.clock.now() <= seconds(900));
}

TEST_CASE("resume (staff retry) lifts the pause and makes every record due now") {
  Fixture f(3);
  f.transport.respond = [](const std::string&) { return http(401); };
  auto s = f.sender();
  s->send_due(f.stop);
  REQUIRE(s->paused());
  f.transport.respond = [](const std::string&) { return http(201); };
  s->resume();
  CHECK_FALSE(s->paused());
  CHECK(s->send_due(f.stop).sent == 3);
}
