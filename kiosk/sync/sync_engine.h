// SyncEngine: the background thread that uploads the outbox (see sender.h for the upload rules).
// The UI thread only ever calls snapshot(), notify(), network_changed() and retry_now(): each takes
// one short mutex that the sync thread never holds across network or disk I/O, so the UI never
// waits on the network. Visitors' saves go to the store directly (the UI thread's own Outbox,
// whose writes share the file's first-come, first-served write lock with the engine's, so a save
// waits at most for one short engine transaction); then the UI calls notify(). The UI is woken
// through `on_change` (it pushes an SDL event); the core stays free of SDL.
//
// Lifecycle: start() spawns the thread, which opens its own Outbox connection, takes the
// SenderLock (at most one uploader per data dir), resets interrupted uploads and works until
// stop() (also called by the destructor), which cancels an in-flight request at once.
#pragma once
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "kiosk/core/clock.h"
#include "kiosk/sync/heartbeat.h"
#include "kiosk/sync/http_client.h"
#include "kiosk/sync/sender.h"
#include "offline-cache/outbox.h"

namespace kiosk::sync {

enum class EngineState {
  Starting,
  Offline,      // no endpoint configured: the kiosk works offline, the queue grows
  ConfigFault,  // the [upload] config cannot be used (detail says why)
  Paused,       // a configuration fault reported by the server or TLS (detail says why)
  Busy,         // another process (kiosk --sync-once) is uploading from this data dir
  StoreFault,   // the outbox cannot be opened or written (detail says why)
  Idle,         // nothing pending
  Sending,
  Waiting,  // records pending, backing off until next_attempt
  Stopped,
};
const char* engine_state_name(EngineState s);

struct SyncSnapshot {
  EngineState state = EngineState::Starting;
  std::string detail;                       // human words for the state (staff screen)
  store::StatusCounts counts;               // as of the last change the engine saw
  SyncState sync;                           // last success, last error, pause and reason
  std::optional<Clock::Mono> next_attempt;  // Waiting: when the engine will try again
  uint64_t requests = 0;                    // requests made by this engine
  uint64_t waits = 0;  // times the thread went to sleep (tests synchronise on it)
};

struct SyncEngineOptions {
  std::string data_dir;
  SenderSettings sender;  // includes the [upload] config
  // Request timeouts; default: [upload] connect_timeout_s / timeout_s (tests use shorter ones).
  std::optional<std::chrono::milliseconds> connect_timeout, timeout;
  bool watch_network = true;                   // NetWatcher wakes the engine on changes
  std::chrono::milliseconds recheck{60000};    // sleep at most this long (monotonic)
  std::chrono::milliseconds lock_retry{5000};  // Busy: how often to try the SenderLock
  int thread_nice = 10;                        // the sync thread runs this much nicer than the UI
  // [privacy] sent_retention_days: the engine erases sent records' answers after this many days,
  // at start and then daily (monotonic). Negative: never (tests of other things).
  int sent_retention_days = -1;
  // Tests may supply the transport; default: CurlHttpClient.
  std::function<std::unique_ptr<HttpTransport>(const HttpClientOptions&)> make_transport;
  // [upload] heartbeat_minutes: POST {endpoint}/v1/heartbeat this often while the endpoint is
  // usable (see heartbeat.h), paused or not. Unset: no heartbeat (tests of other things).
  std::optional<std::chrono::milliseconds> heartbeat_every;
  // Tests may supply the heartbeat's transport; default: CurlHttpClient (its own connection).
  std::function<std::unique_ptr<HttpTransport>(const HttpClientOptions&)> make_heartbeat_transport;
  // What the heartbeat says of the keys: demo mode, and the collector key (empty: read from
  // data_dir's signing key, made there if absent).
  bool demo = false;
  std::string collector_public_key;
};

// The client options the [upload] config gives (URL, token, TLS, proxy, timeouts, user agent).
HttpClientOptions http_options_for(const UploadConfig& upload, const std::string& app_version);

class SyncEngine {
 public:
  // `on_change` runs on the sync thread whenever the snapshot changes and the previous change has
  // been read with snapshot(); keep it short (the UI's pushes an SDL event).
  SyncEngine(SyncEngineOptions options, Clock& clock, std::function<void()> on_change);
  ~SyncEngine();
  SyncEngine(const SyncEngine&) = delete;
  SyncEngine& operator=(const SyncEngine&) = delete;

  void start();
  void stop();

  // ---- the UI thread's API: memory only, one short mutex ----
  SyncSnapshot snapshot() const;  // also acknowledges the last on_change wake-up
  SyncSnapshot peek() const;      // the same without acknowledging (tests, logs)
  void notify();                  // a submission was just enqueued
  void network_changed();         // the network came back: try now, whatever the backoff
  void retry_now();               // staff: lift a pause and try every pending record now
  // Tests: waits (real time, at most `limit`) until the thread has gone to sleep more than
  // `after_waits` times and is asleep with nothing left to do. False on timeout.
  bool wait_until_idle(uint64_t after_waits, std::chrono::milliseconds limit) const;

 private:
  void run();
  void work(store::Outbox& outbox);
  void publish(EngineState state, const std::string& detail, store::Outbox* outbox,
               const Sender* sender, std::optional<Clock::Mono> next);
  // Sleeps until `deadline` or a wake-up; returns false when stopping.
  bool sleep_until(Clock::Mono deadline);
  // Erases sent payloads past retention when a day (monotonic) has passed since the last time;
  // returns when it is next due. Skipped while the wall clock has jumped forward since the engine
  // started: a clock set wrong must not erase anything early (the next start re-bases it).
  Clock::Mono purge_if_due(store::Outbox& outbox);

  SyncEngineOptions options_;
  Clock& clock_;
  std::function<void()> on_change_;
  std::unique_ptr<HttpTransport> transport_;
  std::unique_ptr<Heartbeat> heartbeat_;  // nullptr: none configured

  mutable std::mutex mu_;
  std::condition_variable cv_;
  mutable std::condition_variable idle_cv_;
  SyncSnapshot snapshot_;
  bool wake_ = false, network_ = false, retry_ = false, idle_ = false;
  // on_change has fired and the UI has not read the snapshot since: at most one wake-up is
  // outstanding, so a fast drain cannot flood the UI's event queue.
  mutable bool change_pending_ = false;
  std::atomic<bool> stop_{false};
  std::thread thread_;
  std::optional<Clock::Mono> next_purge_;  // sync thread only
  int64_t purge_wall_offset_ns_ = 0;       // wall - mono when the engine started
};

}  // namespace kiosk::sync
