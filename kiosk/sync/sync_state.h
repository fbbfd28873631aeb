// Sync state: what staff need to know about uploading, kept in the outbox's settings table under
// one key ("sync.state", JSON) so it survives restarts and `kiosk --status` can read it from
// another process: last success, last error (human words), and whether the queue is paused by a
// configuration fault, why, and for which configuration (a fingerprint, never the token itself).
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "kiosk/config/config.h"
#include "offline-cache/outbox.h"

namespace kiosk::sync {

inline constexpr const char* kSyncStateKey = "sync.state";

struct SyncState {
  std::string last_success_at;  // RFC 3339 UTC; "" = never
  std::string last_error;       // human words; "" = none yet
  std::string last_error_at;
  bool paused = false;  // a configuration fault stopped the queue
  std::string paused_reason;
  std::string paused_at;
  std::string config_fingerprint;  // of the [upload] config the pause happened under

  nlohmann::json to_json() const;
  static SyncState from_json(
      const nlohmann::json& j);  // tolerant: bad or missing fields = defaults
};

// Reads the state; an absent or unreadable value gives the defaults (never throws on bad JSON;
// a StoreError from the database itself propagates).
SyncState load_sync_state(store::Outbox& outbox);
void save_sync_state(store::Outbox& outbox, const SyncState& s);

// A digest of everything in [upload] that a configuration fault can be about, including the
// contents' identity (size, mtime) of the CA and pin files: a pause lifts when this changes.
std::string upload_fingerprint(const UploadConfig& u);

// The "sync" object of `kiosk --status`: server, last_success_at, last_error, last_error_at,
// paused, paused_reason. `server` is "no server configured" when there is no endpoint.
nlohmann::json sync_status_json(const SyncState& s, const UploadConfig& u);

}  // namespace kiosk::sync
