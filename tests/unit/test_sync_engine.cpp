// SyncEngine's thread with a transport the test controls (no network): the UI's calls return at
// once while a request is stuck in flight; stop() ends that request; wake-ups to the UI are
// coalesced until it reads the snapshot; new submissions wake the engine.
#include <catch2/catch.hpp>

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <condition_variable>
#include <fstream>
#include <mutex>

#include "kiosk/sync/sync_engine.h"
#include "offline-cache/outbox.h"
#include "tests/support/sealed_rows.h"
#include "tests/support/test_server.h"

using namespace std::chrono;
using namespace kiosk;
using namespace kiosk::sync;
using kiosk::test_upload::ScratchDir;

namespace {

// Holds every request until released (or cancelled), and says when one has arrived.
class GateTransport final : public HttpTransport {
 public:
  HttpReply post(const std::string&, const std::vector<std::string>&) override {
    std::unique_lock lk(mu_);
    errno = 0;
    nice_ = getpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)));
    ++arrived_;
    cv_.notify_all();
    cv_.wait(lk, [&] { return open_ || cancelled_; });
    HttpReply r;
    if (cancelled_) {
      r.transport = Transport::Aborted;
      r.error = "stopping";
    } else {
      r.status = 201;
    }
    return r;
  }
  void cancel() override {
    std::lock_guard lk(mu_);
    cancelled_ = true;
    cv_.notify_all();
  }
  bool wait_arrived(int n) {
    std::unique_lock lk(mu_);
    return cv_.wait_for(lk, seconds(30), [&] { return arrived_ >= n; });
  }
  int nice() {
    std::lock_guard lk(mu_);
    return nice_;
  }
  void open() {
    std::lock_guard lk(mu_);
    open_ = true;
    cv_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  int arrived_ = 0;
  int nice_ = -100;  // the nice value of the thread that made the last request
  bool open_ = false, cancelled_ = false;
};

struct EngineFixture {
  ScratchDir dir;
  VirtualClock clock;
  store::Outbox outbox{dir / "data", clock};
  GateTransport* transport = nullptr;
  std::atomic<int> changes{0};
  std::unique_ptr<SyncEngine> engine;

  void start(int retention_days = -1) {
    SyncEngineOptions o;
    o.sent_retention_days = retention_days;
    o.data_dir = dir / "data";
    o.sender.upload.endpoint = "https://records.example.org";
    o.sender.upload.token = "t";
    o.watch_network = false;
    o.make_transport = [this](const HttpClientOptions&) {
      auto t = std::make_unique<GateTransport>();
      transport = t.get();
      return t;
    };
    engine = std::make_unique<SyncEngine>(o, clock, [this] { ++changes; });
    engine->start();
  }

  void enqueue(int n) {
    for (int i = 0; i < n; ++i) {
      store::NewSubmission s;
      s.form_id = "signup";
      outbox.enqueue(kiosk::testing::sealed(s, "{}", clock, outbox.kiosk_id()));
    }
  }
};

template <class F>
milliseconds timed(F&& f) {
  auto t0 = steady_clock::now();
  f();
  return duration_cast<milliseconds>(steady_clock::now() - t0);
}

}  // namespace

TEST_CASE("while a request hangs - the UI's calls return at once") {
  EngineFixture f;
  f.enqueue(3);
  f.start();
  REQUIRE(f.transport);
  REQUIRE(f.transport->wait_arrived(1));  // the sync thread is now blocked inside a request
  milliseconds worst{0};
  for (int i = 0; i < 1000; ++i) {
    worst = std::max(worst, timed([&] { (void)f.engine->snapshot(); }));
    worst = std::max(worst, timed([&] { f.engine->notify(); }));
  }
  worst = std::max(worst, timed([&] { f.engine->network_changed(); }));
  worst = std::max(worst, timed([&] { f.engine->retry_now(); }));
  CHECK(worst < milliseconds(50));
  f.transport->open();
  REQUIRE(f.engine->wait_until_idle(0, seconds(30)));
  CHECK(f.engine->snapshot().counts.sent == 3);
}

TEST_CASE("uploads run on a thread nicer than the UI's, so drawing wins the CPU") {
  EngineFixture f;
  f.enqueue(1);
  f.start();
  REQUIRE(f.transport->wait_arrived(1));
  errno = 0;
  const int ui = getpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)));
  REQUIRE(errno == 0);
  CHECK(f.transport->nice() == std::min(19, ui + SyncEngineOptions{}.thread_nice));
  CHECK(SyncEngineOptions{}.thread_nice > 0);
  f.transport->open();
  REQUIRE(f.engine->wait_until_idle(0, seconds(30)));
}

TEST_CASE("stop() ends a request in flight at once and leaves the record pending") {
  EngineFixture f;
  f.enqueue(1);
  f.start();
  REQUIRE(f.transport->wait_arrived(1));
  f.engine->stop();  // would hang forever if the request were not cancelled
  CHECK(f.engine->snapshot().state == EngineState::Stopped);
  auto c = f.outbox.counts();
  CHECK(c.pending == 1);
  CHECK(c.sending == 0);
}

TEST_CASE("wake-ups to the UI are coalesced until it reads the snapshot") {
  EngineFixture f;
  f.start();
  f.transport->open();  // requests succeed at once
  REQUIRE(f.engine->wait_until_idle(0, seconds(30)));
  const int first = f.changes;
  CHECK(first == 1);  // the start-up publication
  // Five changes the UI has not read yet: no further wake-up, one is already outstanding.
  for (int i = 0; i < 5; ++i) {
    auto w = f.engine->peek().waits;
    f.enqueue(1);
    f.engine->notify();
    REQUIRE(f.engine->wait_until_idle(w, seconds(30)));
  }
  CHECK(f.engine->peek().counts.sent == 5);  // things did change...
  CHECK(f.changes == first);                 // ...without flooding the UI
  (void)f.engine->snapshot();                // the UI reads: the next change may wake it again
  auto w = f.engine->peek().waits;
  f.enqueue(1);
  f.engine->notify();
  REQUIRE(f.engine->wait_until_idle(w, seconds(30)));
  CHECK(f.changes == first + 1);
}

TEST_CASE("a new submission wakes the engine - counts follow") {
  EngineFixture f;
  f.start();
  REQUIRE(f.engine->wait_until_idle(0, seconds(30)));
  CHECK(f.engine->snapshot().state == EngineState::Idle);
  auto w = f.engine->snapshot().waits;
  f.enqueue(2);
  f.engine->notify();
  REQUIRE(f.transport->wait_arrived(1));
  f.transport->open();
  REQUIRE(f.engine->wait_until_idle(w, seconds(30)));
  auto s = f.engine->snapshot();
  CHECK(s.counts.sent == 2);
  CHECK(s.requests == 2);
  CHECK(s.state == EngineState::Idle);
}

TEST_CASE("a second engine on the same data dir waits for the sender lock") {
  EngineFixture f;
  f.enqueue(1);
  f.start();
  REQUIRE(f.transport->wait_arrived(1));
  SyncEngineOptions o;
  o.data_dir = f.dir / "data";
  o.sender.upload.endpoint = "https://records.example.org";
  o.sender.upload.token = "t";
  o.watch_network = false;
  o.make_transport = [&](const HttpClientOptions&) {
    auto t = std::make_unique<GateTransport>();
    t->open();
    return t;
  };
  SyncEngine second(o, f.clock, {});
  second.start();
  REQUIRE(second.wait_until_idle(0, seconds(30)));
  CHECK(second.snapshot().state == EngineState::Busy);
  CHECK(second.snapshot().requests == 0);
  // The record the first engine has in flight was not reset under it.
  CHECK(f.outbox.counts().sending == 1);
  f.transport->open();
}

TEST_CASE("an outbox that cannot be opened is reported in words and the thread keeps running") {
  ScratchDir dir;
  const std::string not_a_dir = dir / "a-file";
  {
    std::ofstream(not_a_dir) << "x";
  }  // the data dir path is a regular file: nothing can be created
  VirtualClock clock;
  SyncEngineOptions o;
  o.data_dir = not_a_dir;
  o.sender.upload.endpoint = "https://records.example.org";
  o.sender.upload.token = "t";
  o.watch_network = false;
  SyncEngine engine(o, clock, {});
  engine.start();
  REQUIRE(engine.wait_until_idle(0, seconds(30)));
  auto s = engine.snapshot();
  CHECK(s.state == EngineState::StoreFault);
  CHECK(s.detail.rfind("the saved submissions cannot be read or written: ", 0) == 0);
  // It tries again later (30 s on its clock) and is still alive to be stopped.
  auto w = engine.peek().waits;
  clock.advance(seconds(31));
  REQUIRE(engine.wait_until_idle(w, seconds(30)));
  CHECK(engine.peek().state == EngineState::StoreFault);
  engine.stop();
  CHECK(engine.peek().state == EngineState::Stopped);
}

TEST_CASE(
    "the engine erases sent answers past retention at start and then daily, not after a forward "
    "clock jump") {
  EngineFixture f;
  f.enqueue(1);
  f.start(30);
  f.transport->open();
  REQUIRE(f.engine->wait_until_idle(0, seconds(30)));
  const auto sent = f.outbox.list(store::Status::Sent, 10);
  REQUIRE(sent.size() == 1);
  CHECK_FALSE(sent[0].sealed_payload.empty());  // sent just now: kept

  // 31 days of monotonic time pass (wall follows): the daily check erases it.
  const uint64_t waits = f.engine->peek().waits;
  f.clock.advance(hours(24 * 31));
  REQUIRE(f.engine->wait_until_idle(waits, seconds(30)));
  CHECK(f.outbox.get(sent[0].id)->sealed_payload.empty());
  CHECK(f.outbox.events(10).at(0).kind == "payloads_erased");

  // A second record is sent; then the wall clock alone jumps 60 days ahead: nothing is erased
  // early, however long the engine then runs.
  const uint64_t before = f.engine->peek().waits;
  f.enqueue(1);
  f.engine->notify();
  REQUIRE(f.engine->wait_until_idle(before, seconds(30)));
  const auto second = f.outbox.list(store::Status::Sent, 10);
  REQUIRE(second.size() == 2);
  const std::string id2 = second[0].sealed_payload.empty() ? second[1].id : second[0].id;
  f.clock.jump_wall(hours(24 * 60));
  for (int day = 0; day < 3; ++day) {
    const uint64_t w = f.engine->peek().waits;
    f.clock.advance(hours(24));
    REQUIRE(f.engine->wait_until_idle(w, seconds(30)));
  }
  CHECK_FALSE(f.outbox.get(id2)->sealed_payload.empty());
}
