// kill -9 of `kiosk --sync-once` while its requests are in flight, again and again: after the
// restarts every submission is on the server exactly once and the outbox agrees. The moment of
// each kill is chosen from what the server reports (a request has arrived and is being held),
// never by guessing sleeps; the server's own timestamps prove the reply had not been sent yet.
#include <catch2/catch.hpp>

#include <time.h>

#include <random>

#include "sync_process.h"
#include "sync_rig.h"

using namespace std::chrono;
using namespace kiosk;
using kiosk::test_upload::KioskProcess;
using kiosk::test_upload::SyncRig;
using kiosk::test_upload::write_config;

namespace {
// The server stamps requests with Python's time.monotonic(): CLOCK_MONOTONIC, like ours here.
double monotonic_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}
}  // namespace

TEST_CASE("kill -9 while requests are in flight - at least 50 times: exactly once on the server") {
  const int kRecords = 150;
  const int kWantedInFlightKills = 50;
  SyncRig rig(kRecords);
  rig.outbox.reset();
  // The server stores each record, then holds the reply: a window in which the kiosk is
  // certainly waiting for an answer about a record the server already has.
  rig.server->set_plan(R"([{"fault":"hold","ms":60}])");
  const std::string config = write_config(rig.path("kiosk.toml"), rig.server->url(), "test-token");
  std::mt19937 rng(4242);

  int kills = 0, in_flight_kills = 0, cycles = 0;
  while (in_flight_kills < kWantedInFlightKills && cycles < 200) {
    ++cycles;
    const int base = rig.received();
    const int k = 1 + static_cast<int>(rng() % 3);  // kill during the k-th request of this run
    KioskProcess kiosk({"--data-dir", rig.data_dir(), "--config", config, "--sync-once"});
    auto st = rig.server->wait_received(base + k, 30);
    if (st["received"].get<int>() < base + k) {  // the run ended first (nothing left to send)
      kiosk.wait();
      break;
    }
    kiosk.kill9();
    const double killed_at = monotonic_seconds();
    ++kills;
    auto requests = rig.server->requests();
    const auto& victim = requests[static_cast<size_t>(base + k - 1)];
    const bool replied_before_kill =
        victim.contains("t_reply") && victim["t_reply"].get<double>() <= killed_at;
    if (!replied_before_kill) ++in_flight_kills;
  }
  INFO("cycles " << cycles << ", kills " << kills << ", in flight " << in_flight_kills);
  CHECK(in_flight_kills >= kWantedInFlightKills);

  // The fault clears; one more run drains the rest.
  rig.server->set_plan(R"([{"fault":"ok"}])");
  auto final_run =
      KioskProcess({"--data-dir", rig.data_dir(), "--config", config, "--sync-once"}).wait();
  INFO(final_run.output);
  CHECK(final_run.exit_code == 0);
  rig.outbox = std::make_unique<store::Outbox>(rig.data_dir(), rig.clock);
  auto m = rig.check_exactly_once(rig.ids);
  CHECK(m.replays >= in_flight_kills);  // every killed in-flight request was resent and recognised
  std::printf(
      "KILL-9 | %d kills (%d with a request in flight) in %d runs | records %d | on server once %d "
      "| "
      "duplicated %d | lost %d | replays deduped %d\n",
      kills, in_flight_kills, cycles, m.expected, m.sent, m.duplicated, m.lost, m.replays);
  SyncRig::report("kill -9 mid-request (see KILL-9 line)", m);
}
