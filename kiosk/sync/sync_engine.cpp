// The sync thread: opens its outbox, takes the sender lock, runs upload passes, sleeps on the
// clock until the next record is due or something wakes it, and publishes a snapshot for the UI.
#include "kiosk/sync/sync_engine.h"

#include "kiosk/crypto/signing_key.h"
#include "kiosk/crypto/sodium_init.h"

#include <algorithm>
#include <cerrno>

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "kiosk/core/log.h"
#include "kiosk/sync/endpoint_policy.h"
#include "kiosk/sync/envelope.h"
#include "kiosk/sync/net_watcher.h"
#include "kiosk/sync/sender_lock.h"

namespace kiosk::sync {

using namespace std::chrono;

const char* engine_state_name(EngineState s) {
  switch (s) {
    case EngineState::Starting: return "starting";
    case EngineState::Offline: return "offline";
    case EngineState::ConfigFault: return "config_fault";
    case EngineState::Paused: return "paused";
    case EngineState::Busy: return "busy";
    case EngineState::StoreFault: return "store_fault";
    case EngineState::Idle: return "idle";
    case EngineState::Sending: return "sending";
    case EngineState::Waiting: return "waiting";
    case EngineState::Stopped: return "stopped";
  }
  return "?";
}

HttpClientOptions http_options_for(const UploadConfig& u, const std::string& app_version) {
  HttpClientOptions o;
  o.url = check_endpoint(u).submissions_url;
  o.token = u.token;
  o.user_agent = user_agent(app_version);
  o.ca_file = u.ca_file;
  o.pinned_public_key = u.pinned_public_key;
  o.proxy = u.proxy;
  o.connect_timeout = seconds(u.connect_timeout_s);
  o.timeout = seconds(u.timeout_s);
  return o;
}

namespace {

// The UI thread draws with the CPU (llvmpipe on kiosk PCs without a GPU): uploads take what it
// leaves. On Linux a nice value set on a thread id applies to that thread alone; relative to the
// process's own, so a kiosk started at a low priority keeps the order.
void lower_priority(int by) {
  if (by <= 0) return;
  const id_t tid = static_cast<id_t>(syscall(SYS_gettid));
  errno = 0;
  const int now = getpriority(PRIO_PROCESS, tid);
  if (errno != 0 || setpriority(PRIO_PROCESS, tid, std::min(19, now + by)) != 0)
    log::warn("sync: cannot lower the upload thread's priority; it competes with drawing");
}

}  // namespace

SyncEngine::SyncEngine(SyncEngineOptions options, Clock& clock, std::function<void()> on_change)
    : options_(std::move(options)), clock_(clock), on_change_(std::move(on_change)) {
  HttpClientOptions ho = http_options_for(options_.sender.upload, options_.sender.app_version);
  if (options_.connect_timeout) ho.connect_timeout = *options_.connect_timeout;
  if (options_.timeout) ho.timeout = *options_.timeout;
  transport_ =
      options_.make_transport ? options_.make_transport(ho) : std::make_unique<CurlHttpClient>(ho);
  if (options_.heartbeat_every && check_endpoint(options_.sender.upload).usable) {
    HttpClientOptions hb = ho;
    hb.url = heartbeat_url(ho.url);
    HeartbeatIdentity id{options_.collector_public_key, options_.demo};
    if (id.collector_public_key.empty()) {
      try {
        id.collector_public_key =
            crypto::KioskSigningKey::load_or_create(options_.data_dir).public_key_base64();
      } catch (const crypto::CryptoError& e) {
        log::error(std::string("heartbeat: the kiosk's signing key cannot be read: ") + e.what());
      }
    }
    heartbeat_ = std::make_unique<Heartbeat>(
        options_.make_heartbeat_transport ? options_.make_heartbeat_transport(hb)
                                          : std::make_unique<CurlHttpClient>(hb),
        clock_, *options_.heartbeat_every, options_.sender.app_version, std::move(id));
  }
}

SyncEngine::~SyncEngine() { stop(); }

void SyncEngine::start() {
  if (thread_.joinable() || stop_) return;
  thread_ = std::thread([this] { run(); });
}

void SyncEngine::stop() {
  {
    std::lock_guard lk(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  transport_->cancel();  // ends an in-flight request now; stop is final
  if (heartbeat_) heartbeat_->cancel();
  if (thread_.joinable()) thread_.join();
  bool call = false;
  {
    std::lock_guard lk(mu_);
    if (snapshot_.state != EngineState::Stopped) {
      snapshot_.state = EngineState::Stopped;
      snapshot_.detail.clear();
      call = true;
    }
  }
  if (call && on_change_) on_change_();
}

SyncSnapshot SyncEngine::snapshot() const {
  std::lock_guard lk(mu_);
  change_pending_ = false;  // the UI has seen this one: the next change may wake it again
  return snapshot_;
}

SyncSnapshot SyncEngine::peek() const {
  std::lock_guard lk(mu_);
  return snapshot_;
}

void SyncEngine::notify() {
  {
    std::lock_guard lk(mu_);
    wake_ = true;
  }
  cv_.notify_all();
}

void SyncEngine::network_changed() {
  {
    std::lock_guard lk(mu_);
    network_ = wake_ = true;
  }
  cv_.notify_all();
}

void SyncEngine::retry_now() {
  {
    std::lock_guard lk(mu_);
    retry_ = wake_ = true;
  }
  cv_.notify_all();
}

bool SyncEngine::wait_until_idle(uint64_t after_waits, milliseconds limit) const {
  std::unique_lock lk(mu_);
  return idle_cv_.wait_for(lk, limit,
                           [&] { return idle_ && !wake_ && snapshot_.waits > after_waits; });
}

bool SyncEngine::sleep_until(Clock::Mono deadline) {
  std::unique_lock lk(mu_);
  if (!wake_ && !stop_) {
    ++snapshot_.waits;
    idle_ = true;
    idle_cv_.notify_all();
    clock_.wait_until(lk, cv_, deadline, [&] { return stop_.load() || wake_; });
    idle_ = false;
  }
  return !stop_;
}

void SyncEngine::publish(EngineState state, const std::string& detail, store::Outbox* outbox,
                         const Sender* sender, std::optional<Clock::Mono> next) {
  std::optional<store::StatusCounts> counts;
  if (outbox) {
    try {
      counts = outbox->counts();
    } catch (const store::StoreError& e) {
      log::warn(std::string("sync: cannot count the outbox: ") + e.what());
    }
  }
  bool call = false;
  {
    std::lock_guard lk(mu_);
    snapshot_.state = state;
    snapshot_.detail = detail;
    if (counts) snapshot_.counts = *counts;
    if (sender) {
      snapshot_.sync = sender->state();
      snapshot_.requests = sender->requests();
    }
    snapshot_.next_attempt = next;
    call = !change_pending_;
    change_pending_ = true;
  }
  if (call && on_change_) on_change_();
}

Clock::Mono SyncEngine::purge_if_due(store::Outbox& outbox) {
  const Clock::Mono now = clock_.now();
  if (options_.sent_retention_days < 0) return Clock::Mono::max();
  if (next_purge_ && now < *next_purge_) return *next_purge_;
  next_purge_ = now + hours(24);
  const int64_t jumped_s = (wall_minus_mono_ns(clock_) - purge_wall_offset_ns_) / 1'000'000'000LL;
  if (jumped_s > 3600) {
    log::warn("sync: the wall clock moved forward by " + std::to_string(jumped_s) +
              " s since start; erasing sent answers waits for the next start");
    return *next_purge_;
  }
  outbox.purge_sent(options_.sent_retention_days);  // logs and audits what it erased
  return *next_purge_;
}

void SyncEngine::run() {
  lower_priority(options_.thread_nice);
  purge_wall_offset_ns_ = wall_minus_mono_ns(clock_);
  std::unique_ptr<NetWatcher> watcher;
  if (options_.watch_network) {
    watcher = std::make_unique<NetWatcher>([this] { network_changed(); });
    if (!watcher->ok()) log::warn("sync: " + watcher->error() + "; relying on retry timing alone");
  }
  while (!stop_) {
    try {
      store::Outbox outbox(options_.data_dir, clock_);
      work(outbox);
    } catch (const store::StoreError& e) {
      log::error(std::string("sync: the outbox failed: ") + e.what());
      publish(EngineState::StoreFault,
              std::string("the saved submissions cannot be read or written: ") + e.what(), nullptr,
              nullptr, std::nullopt);
      if (!sleep_until(clock_.now() + seconds(30))) break;
    } catch (const std::exception& e) {
      // Never let the sync thread take the kiosk down: report, wait, start over (records are safe
      // in the outbox; a claimed row is reset when the sender starts again).
      log::error(std::string("sync: unexpected error: ") + e.what());
      publish(EngineState::StoreFault,
              std::string("uploading stopped on an unexpected error: ") + e.what(), nullptr,
              nullptr, std::nullopt);
      if (!sleep_until(clock_.now() + seconds(30))) break;
    }
  }
}

void SyncEngine::work(store::Outbox& outbox) {
  SenderLock lock;
  std::string lock_error;
  while (!lock.try_acquire(options_.data_dir, lock_error)) {
    if (lock_error.empty())
      publish(EngineState::Busy, "another kiosk process is uploading from this data dir", &outbox,
              nullptr, std::nullopt);
    else
      publish(EngineState::StoreFault, lock_error, &outbox, nullptr, std::nullopt);
    if (!sleep_until(clock_.now() + options_.lock_retry)) return;
  }
  const EndpointCheck check = check_endpoint(options_.sender.upload);
  if (!check.warning.empty()) log::warn("sync: " + check.warning);
  if (check.configured && !check.usable) log::error("sync: uploads disabled: " + check.error);

  Sender sender(outbox, *transport_, clock_, options_.sender);
  sender.on_rows_changed(
      [&] { publish(EngineState::Sending, "", &outbox, &sender, std::nullopt); });
  sender.startup();
  for (;;) {
    bool retry = false, net = false;
    {
      std::lock_guard lk(mu_);
      if (stop_) return;
      retry = retry_;
      net = network_;
      retry_ = network_ = wake_ = false;
    }
    Clock::Mono recheck = std::min(clock_.now() + options_.recheck, purge_if_due(outbox));
    if (!check.usable) {
      publish(check.configured ? EngineState::ConfigFault : EngineState::Offline, check.error,
              &outbox, &sender, std::nullopt);
      if (!sleep_until(recheck)) return;
      continue;
    }
    if (retry) sender.resume();
    if (net) sender.network_changed();
    if (!sender.paused()) {
      sender.check_wall_clock();
      sender.send_due(stop_);
      if (stop_) return;
    }
    // The heartbeat goes out paused or not: a paused booth is what the department must notice.
    const Clock::Mono beat = heartbeat_ ? heartbeat_->run_if_due(outbox) : Clock::Mono::max();
    if (sender.paused()) {
      publish(EngineState::Paused, sender.state().paused_reason, &outbox, &sender, std::nullopt);
      if (!sleep_until(std::min(clock_.now() + hours(24), beat))) return;
      continue;
    }
    std::optional<Clock::Mono> next = sender.next_wake();
    bool pending = outbox.counts().pending > 0;
    publish(pending ? EngineState::Waiting : EngineState::Idle,
            pending ? sender.state().last_error : "", &outbox, &sender,
            pending ? next : std::nullopt);
    Clock::Mono deadline = recheck;
    if (next && *next < deadline) deadline = *next;
    if (beat < deadline) deadline = beat;
    if (!sleep_until(deadline)) return;
  }
}

}  // namespace kiosk::sync
