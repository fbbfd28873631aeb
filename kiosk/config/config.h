// Config: the kiosk's read-only TOML configuration (kiosk.toml), its defaults and validation.
// The kiosk never writes this file; run-time settings live in the data dir's database.
// Every key is documented in docs/config.md; an absent file means all defaults.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/crypto/department_key.h"
#include "kiosk/crypto/signing_key.h"

namespace kiosk {

struct UploadConfig {
  std::string endpoint;           // "https://records.example.org/kiosk"; empty = work offline
  std::string token;              // bearer token for the department's endpoint
  std::string ca_file;            // PEM bundle to verify the server; empty = system store
  std::string pinned_public_key;  // "sha256//base64..." or a PEM/DER file; empty = no pin
  int connect_timeout_s = 10;
  int timeout_s = 30;
  int backoff_base_s = 5;
  int backoff_cap_s = 15 * 60;
  bool allow_insecure_http = false;
  std::string proxy;  // empty = libcurl's environment (http_proxy, https_proxy)
  int heartbeat_minutes = 15;
};

struct Config {
  // [kiosk]
  std::string language = "en";      // default language on the attract screen: en | es
  int idle_timeout_s = 90;          // lobby profile: seconds without touch before "Still there?"
  int booth_idle_timeout_s = 45;    // booth profile
  int idle_countdown_s = 20;        // length of the "Still there?" countdown
  int attract_rotate_s = 8;         // seconds between attract-screen highlights
  int confirmation_timeout_s = 60;  // the confirmation screen returns home after this
  std::string content_dir;          // empty = bundled demo content
  // [privacy]
  int sent_retention_days = 30;  // payload of sent records is erased after this
  // The department's X25519 public key records are sealed to; nullopt = the bundled demo key.
  std::optional<crypto::DepartmentPublicKey> department_public_key;
  // Kiosk id (UUID) -> that kiosk's Ed25519 public key: whose signatures --import accepts as
  // authentic, beyond merely intact. Empty = integrity checks only.
  std::map<std::string, crypto::CollectorPublicKey> trusted_collector_keys;
  // A damaged database's copy (kiosk.db.corrupt-*) is deleted this many days after its readable
  // records were salvaged into the outbox.
  int damaged_copy_retention_days = 30;
  // [capture] limits on visitor saves from the touch screen (not --submit or --import)
  int capture_max_per_hour = 120;  // saves in any hour; the next is refused with a message
  int capture_max_outbox_mb =
      500;  // unexported answers held; at it visitor forms close (80 %: warn)
  // [staff]
  int staff_timeout_s = 120;
  // [log]
  std::string log_level = "info";
  int log_max_kb = 1024;
  // [upload]
  UploadConfig upload;
};

struct ConfigResult {
  Config config;
  std::vector<std::string> errors;  // invalid values: "kiosk.idle_timeout_s: expected ..., got ..."
  std::vector<std::string> warnings;  // unknown keys
  bool ok() const { return errors.empty(); }
};

// Parses TOML text. `origin` names the file in messages.
ConfigResult parse_config(const std::string& toml_text, const std::string& origin);
// Reads and parses `path`. A missing file at the default location is not an error (`must_exist`
// false); a missing file named with --config is.
ConfigResult load_config(const std::string& path, bool must_exist);

// The key records are sealed to: the configured department key, else the bundled demo key.
crypto::DepartmentPublicKey sealing_key(const Config& config);
// Demo mode: sealing to the bundled demo key (none configured, or the demo key named), whose
// secret is public. Shown on every visitor screen and in --status.
bool demo_mode(const Config& config);

// $XDG_CONFIG_HOME/community-kiosk/kiosk.toml (or ~/.config/...).
std::string default_config_path();
// $XDG_DATA_HOME/community-kiosk (or ~/.local/share/...).
std::string default_data_dir();

}  // namespace kiosk
