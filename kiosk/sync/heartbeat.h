// Heartbeat: tells the department that this kiosk is alive and how its queue stands, so a booth
// whose uploads stopped is noticed without anyone looking at its screen.
//   POST {endpoint}/v1/heartbeat   (same token, TLS rules and timeouts as the uploads)
// every [upload] heartbeat_minutes on the monotonic clock, the first one as soon as the engine
// has a usable endpoint. Body: kiosk id, its collector public key (issue 10: the key the
// department registers), whether it seals to the demo key, version, counts by status, oldest pending record's time
// and age, last success, last error, pause, staff PIN lockouts in the last 24 h and its own
// interval (so a server can tell a silent kiosk) — never personal data (no answers, names, ids of
// submissions or event tags). A failed heartbeat is logged and simply waits for the next one: it
// never retries early and never touches the records' backoff. Runs on the sync thread
// (SyncEngine::work calls run_if_due); docs/upload-protocol.md documents the request.
#pragma once
#include <memory>
#include <optional>
#include <string>

#include "kiosk/core/clock.h"
#include "kiosk/sync/http_client.h"
#include "kiosk/sync/sync_state.h"
#include "offline-cache/outbox.h"

namespace kiosk::sync {

// What the heartbeat says about the kiosk's keys.
struct HeartbeatIdentity {
  std::string collector_public_key;  // base64 of the kiosk's Ed25519 public key
  bool demo = false;                 // sealing to the bundled demo key
};

struct HeartbeatReport {
  std::string kiosk_id;
  HeartbeatIdentity identity;
  std::string app_version;
  std::string sent_at;  // RFC 3339, the kiosk's wall clock
  store::StatusCounts counts;
  std::optional<int64_t> oldest_pending_age_s;  // by the kiosk's wall clock; never negative
  SyncState sync;                               // last success / error, pause
  int64_t pin_lockouts_24h = 0;   // staff PIN lockouts that began in the last 24 h (pin_lockouts.h)
  int64_t heartbeat_minutes = 0;  // this kiosk's interval: silence for a few of them means trouble
};

// The JSON body (compact).
std::string heartbeat_body(const HeartbeatReport& r);

// {endpoint}/v1/heartbeat from the submissions URL ({endpoint}/v2/submissions).
std::string heartbeat_url(const std::string& submissions_url);

class Heartbeat {
 public:
  Heartbeat(std::unique_ptr<HttpTransport> transport, Clock& clock, Clock::Millis every,
            std::string app_version, HeartbeatIdentity identity = {});

  // Sends one heartbeat when one is due (the first call always), reading the counts and sync
  // state from `outbox`; returns when the next one is due. Never throws: a store or transport
  // failure is logged and waits for the next interval.
  Clock::Mono run_if_due(store::Outbox& outbox);
  // Ends an in-flight heartbeat request at once (engine stop); thread-safe.
  void cancel() { transport_->cancel(); }

  uint64_t sent() const { return sent_; }  // heartbeats the server acknowledged (2xx)
  uint64_t failed() const { return failed_; }

 private:
  bool send(store::Outbox& outbox);

  std::unique_ptr<HttpTransport> transport_;
  Clock& clock_;
  Clock::Millis every_;
  std::string app_version_;
  HeartbeatIdentity identity_;
  std::optional<Clock::Mono> next_;
  std::string last_failure_;  // logged once per distinct failure, not every interval
  uint64_t sent_ = 0, failed_ = 0;
};

}  // namespace kiosk::sync
