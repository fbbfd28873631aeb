// Loads and saves the sync state (one JSON settings value) and fingerprints the [upload] config.
#include "kiosk/sync/sync_state.h"

#include <sodium.h>
#include <sys/stat.h>

#include "kiosk/sync/endpoint_policy.h"

namespace kiosk::sync {

namespace {
std::string str(const nlohmann::json& j, const char* k) {
  auto it = j.find(k);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

std::string file_identity(const std::string& path) {
  struct stat st {};
  if (path.empty() || stat(path.c_str(), &st) != 0) return "-";
  return std::to_string(st.st_size) + ":" + std::to_string(st.st_mtim.tv_sec) + "." +
         std::to_string(st.st_mtim.tv_nsec);
}
}  // namespace

nlohmann::json SyncState::to_json() const {
  return {{"last_success_at", last_success_at},      {"last_error", last_error},
          {"last_error_at", last_error_at},          {"paused", paused},
          {"paused_reason", paused_reason},          {"paused_at", paused_at},
          {"config_fingerprint", config_fingerprint}};
}

SyncState SyncState::from_json(const nlohmann::json& j) {
  SyncState s;
  if (!j.is_object()) return s;
  s.last_success_at = str(j, "last_success_at");
  s.last_error = str(j, "last_error");
  s.last_error_at = str(j, "last_error_at");
  auto p = j.find("paused");
  s.paused = p != j.end() && p->is_boolean() && p->get<bool>();
  s.paused_reason = str(j, "paused_reason");
  s.paused_at = str(j, "paused_at");
  s.config_fingerprint = str(j, "config_fingerprint");
  return s;
}

SyncState load_sync_state(store::Outbox& outbox) {
  auto v = outbox.setting(kSyncStateKey);
  if (!v) return {};
  return SyncState::from_json(nlohmann::json::parse(*v, nullptr, false));
}

void save_sync_state(store::Outbox& outbox, const SyncState& s) {
  outbox.set_setting(kSyncStateKey,
                     s.to_json().dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

std::string upload_fingerprint(const UploadConfig& u) {
  std::string material = u.endpoint + '\n' + u.token + '\n' + u.ca_file + '\n' +
                         file_identity(u.ca_file) + '\n' + u.pinned_public_key + '\n' +
                         file_identity(u.pinned_public_key) + '\n' + u.proxy + '\n' +
                         (u.allow_insecure_http ? "1" : "0");
  unsigned char digest[16];
  if (sodium_init() < 0) return "";
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(material.data()),
                     material.size(), nullptr, 0);
  char hex[sizeof digest * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

nlohmann::json sync_status_json(const SyncState& s, const UploadConfig& u) {
  EndpointCheck c = check_endpoint(u);
  nlohmann::json j;
  if (!c.configured)
    j["server"] = kNoServerConfigured;
  else
    j["server"] = c.host;
  if (c.configured && !c.usable) j["config_error"] = c.error;
  j["last_success_at"] =
      s.last_success_at.empty() ? nlohmann::json() : nlohmann::json(s.last_success_at);
  j["last_error"] = s.last_error.empty() ? nlohmann::json() : nlohmann::json(s.last_error);
  j["last_error_at"] = s.last_error_at.empty() ? nlohmann::json() : nlohmann::json(s.last_error_at);
  // A pause lifts when the configuration changes (at the sync engine's next start): report it so.
  const bool paused = s.paused && s.config_fingerprint == upload_fingerprint(u);
  j["paused"] = paused;
  j["paused_reason"] = paused ? nlohmann::json(s.paused_reason) : nlohmann::json();
  return j;
}

}  // namespace kiosk::sync
