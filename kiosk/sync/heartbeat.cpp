// Heartbeat request: body, URL and the interval (see heartbeat.h).
#include "kiosk/sync/heartbeat.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "kiosk/core/log.h"
#include "kiosk/sync/pin_lockouts.h"

namespace kiosk::sync {

using nlohmann::json;

std::string heartbeat_body(const HeartbeatReport& r) {
  json j;
  j["kiosk_id"] = r.kiosk_id;
  j["collector_public_key"] = r.identity.collector_public_key;
  j["demo"] = r.identity.demo;
  j["app_version"] = r.app_version;
  j["sent_at"] = r.sent_at;
  j["counts"] = {{"pending", r.counts.pending},
                 {"sending", r.counts.sending},
                 {"sent", r.counts.sent},
                 {"rejected", r.counts.rejected},
                 {"discarded", r.counts.discarded}};
  j["oldest_pending_created_at"] =
      r.counts.oldest_pending_created_at ? json(*r.counts.oldest_pending_created_at) : json();
  j["oldest_pending_age_s"] = r.oldest_pending_age_s ? json(*r.oldest_pending_age_s) : json();
  auto or_null = [](const std::string& s) { return s.empty() ? json() : json(s); };
  j["last_success_at"] = or_null(r.sync.last_success_at);
  j["last_error"] = or_null(r.sync.last_error);
  j["last_error_at"] = or_null(r.sync.last_error_at);
  j["paused"] = r.sync.paused;
  j["paused_reason"] = or_null(r.sync.paused_reason);
  j["pin_lockouts_24h"] = r.pin_lockouts_24h;
  j["heartbeat_minutes"] = r.heartbeat_minutes;
  return j.dump();
}

std::string heartbeat_url(const std::string& submissions_url) {
  static const std::string suffix = "/v2/submissions";
  std::string base = submissions_url;
  if (base.size() >= suffix.size() &&
      base.compare(base.size() - suffix.size(), suffix.size(), suffix) == 0)
    base.resize(base.size() - suffix.size());
  return base + "/v1/heartbeat";
}

Heartbeat::Heartbeat(std::unique_ptr<HttpTransport> transport, Clock& clock, Clock::Millis every,
                     std::string app_version, HeartbeatIdentity identity)
    : transport_(std::move(transport)),
      clock_(clock),
      every_(every),
      app_version_(std::move(app_version)),
      identity_(std::move(identity)) {}

Clock::Mono Heartbeat::run_if_due(store::Outbox& outbox) {
  const Clock::Mono now = clock_.now();
  if (next_ && now < *next_) return *next_;
  if (send(outbox)) {
    ++sent_;
    if (!last_failure_.empty()) log::info("heartbeat: delivered again");
    last_failure_.clear();
  } else {
    ++failed_;
  }
  // From when this one was due, not when it finished: a slow request does not drift the schedule.
  next_ = now + every_;
  return *next_;
}

bool Heartbeat::send(store::Outbox& outbox) {
  HeartbeatReport r;
  std::string failure;
  try {
    r.kiosk_id = outbox.kiosk_id();
    r.counts = outbox.counts();
    r.sync = load_sync_state(outbox);
    r.pin_lockouts_24h = pin_lockouts_24h(outbox, clock_.wall());
  } catch (const store::StoreError& e) {
    failure = std::string("cannot read the outbox: ") + e.what();
  }
  if (failure.empty()) {
    r.app_version = app_version_;
    r.identity = identity_;
    // Whole minutes, rounded up (the config allows 1 to 1440; tests run shorter intervals).
    r.heartbeat_minutes = std::max<int64_t>(1, (every_.count() + 59'999) / 60'000);
    const Clock::Wall wall = clock_.wall();
    r.sent_at = format_rfc3339(wall);
    Clock::Wall oldest;
    if (r.counts.oldest_pending_created_at &&
        parse_rfc3339(*r.counts.oldest_pending_created_at, oldest))
      r.oldest_pending_age_s = std::max<int64_t>(
          0, std::chrono::duration_cast<std::chrono::seconds>(wall - oldest).count());
    HttpReply reply = transport_->post(
        heartbeat_body(r), {"Content-Type: application/json", "Accept: application/json"});
    if (reply.transport == Transport::Aborted) return false;  // stopping: nothing to report
    if (reply.transport != Transport::Ok)
      failure = reply.error;
    else if (reply.status < 200 || reply.status > 299)
      failure = "the server answered HTTP " + std::to_string(reply.status);
    else
      return true;
  }
  if (failure != last_failure_) log::warn("heartbeat: not delivered: " + failure);
  last_failure_ = failure;
  return false;
}

}  // namespace kiosk::sync
