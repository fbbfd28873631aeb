// Parses kiosk.toml with toml++ into Config, checking each value's type and range, naming the key.
#include "kiosk/config/config.h"

#include <cstdlib>
#include <set>
#include <sstream>
#include <toml++/toml.h>

#include "kiosk/config/toml_guard.h"
#include "kiosk/core/file_io.h"
#include "kiosk/core/redact.h"

namespace kiosk {
namespace {

// Keys whose values are secrets: a message names the key and what is wrong, never the value (an
// error reaches the public Out of service screen, --status, stderr and the log).
bool is_secret_key(const std::string& key) { return key == "upload.token"; }
// Keys holding URLs that may carry a password ("https://user:pass@host"): shown without it.
bool is_url_key(const std::string& key) {
  return key == "upload.endpoint" || key == "upload.proxy";
}

std::string type_words(const toml::node& n) {
  if (n.is_string()) return "a string";
  if (n.is_integer()) return "a whole number";
  if (n.is_floating_point()) return "a decimal number";
  if (n.is_boolean()) return "a boolean";
  if (n.is_table()) return "a table";
  if (n.is_array()) return "an array";
  return "a date or time";
}

struct Reader {
  const toml::table& root;
  const std::string& origin;
  ConfigResult& out;

  void error(const std::string& key, const std::string& expected, const toml::node& got) {
    std::ostringstream os;
    os << origin << ": " << key << ": expected " << expected << ", got ";
    if (is_secret_key(key))
      os << type_words(got) << " (not shown: a secret)";
    else if (got.is_string() && is_url_key(key))
      os << '"' << redact::without_user_info(got.as_string()->get()) << '"';
    else if (got.is_string())
      os << '"' << got.as_string()->get() << '"';
    else if (got.is_integer())
      os << got.as_integer()->get();
    else if (got.is_floating_point())
      os << got.as_floating_point()->get();
    else if (got.is_boolean())
      os << (got.as_boolean()->get() ? "true" : "false");
    else if (got.is_table())
      os << "a table";
    else if (got.is_array())
      os << "an array";
    else
      os << "a date or time";
    out.errors.push_back(os.str());
  }

  void integer(const toml::table& t, const std::string& section, const char* key, int& dst, int lo,
               int hi) {
    const toml::node* n = t.get(key);
    if (!n) return;
    std::string full = section + "." + key;
    auto v = n->value<int64_t>();
    if (!n->is_integer() || !v || *v < lo || *v > hi) {
      error(full, "a whole number from " + std::to_string(lo) + " to " + std::to_string(hi), *n);
      return;
    }
    dst = static_cast<int>(*v);
  }

  void boolean(const toml::table& t, const std::string& section, const char* key, bool& dst) {
    const toml::node* n = t.get(key);
    if (!n) return;
    if (!n->is_boolean()) return error(section + "." + key, "true or false", *n);
    dst = n->as_boolean()->get();
  }

  void string(const toml::table& t, const std::string& section, const char* key, std::string& dst,
              const std::set<std::string>& allowed = {}) {
    const toml::node* n = t.get(key);
    if (!n) return;
    std::string full = section + "." + key;
    std::string expected = "a string";
    if (!allowed.empty()) {
      expected = "one of";
      for (const auto& a : allowed) expected += " \"" + a + "\"";
    }
    if (!n->is_string()) return error(full, expected, *n);
    std::string v = n->as_string()->get();
    if (!allowed.empty() && !allowed.count(v)) return error(full, expected, *n);
    dst = v;
  }

  void unknown_keys(const toml::table& t, const std::string& section,
                    const std::set<std::string>& known) {
    for (const auto& [k, v] : t) {
      std::string key(k.str());
      if (!known.count(key))
        out.warnings.push_back(origin + ": unknown key " + (section.empty() ? "" : section + ".") +
                               key + " (ignored)");
    }
  }

  const toml::table* section(const char* name) {
    const toml::node* n = root.get(name);
    if (!n) return nullptr;
    if (!n->is_table()) {
      error(name, "a [" + std::string(name) + "] table", *n);
      return nullptr;
    }
    return n->as_table();
  }
};

void check_endpoint(UploadConfig& u, const std::string& origin, ConfigResult& out) {
  if (u.endpoint.empty()) return;
  if (u.endpoint.rfind("https://", 0) != 0 && u.endpoint.rfind("http://", 0) != 0)
    out.errors.push_back(origin + ": upload.endpoint: expected an https:// URL, got \"" +
                         redact::without_user_info(u.endpoint) + "\"");
  while (!u.endpoint.empty() && u.endpoint.back() == '/') u.endpoint.pop_back();
}

bool is_uuid(const std::string& s) {
  if (s.size() != 36) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    const char c = s[i];
    if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

// Keys are checked for shape only; the messages never repeat a key's text (an operator pastes
// keys around, and a wrong one is best fixed from the source, not from a log line).
void read_privacy_keys(Reader& r, const toml::table& t, Config& c) {
  const std::string& origin = r.origin;
  if (const toml::node* n = t.get("department_public_key")) {
    const std::string key = "privacy.department_public_key";
    if (!n->is_string()) {
      r.error(key, "a string (the one line of a department.public file)", *n);
    } else {
      auto parsed = crypto::DepartmentPublicKey::parse(n->as_string()->get());
      if (parsed)
        c.department_public_key = *parsed;
      else
        r.out.errors.push_back(origin + ": " + key +
                               ": expected the base64 of a 32-byte department public key (the "
                               "one line of department.public), but the value " +
                               parsed.error());
    }
  }
  if (const toml::node* n = t.get("trusted_collector_keys")) {
    const std::string key = "privacy.trusted_collector_keys";
    if (!n->is_table()) {
      r.error(key, "a table of \"kiosk id\" = \"public key\" entries", *n);
      return;
    }
    for (const auto& [k, v] : *n->as_table()) {
      const std::string id(k.str());
      const std::string full = key + ".\"" + id + "\"";
      if (!is_uuid(id)) {
        r.out.errors.push_back(origin + ": " + full +
                               ": expected a kiosk id (a lower-case UUID, as kiosk --status "
                               "prints it) as the key");
        continue;
      }
      if (!v.is_string()) {
        r.error(full, "a string (the kiosk's collector_public_key from kiosk --status)", v);
        continue;
      }
      auto parsed = crypto::CollectorPublicKey::parse(v.as_string()->get());
      if (parsed)
        c.trusted_collector_keys.insert_or_assign(id, *parsed);
      else
        r.out.errors.push_back(origin + ": " + full +
                               ": expected the base64 of a 32-byte kiosk public key (its "
                               "collector_public_key), but the value " +
                               parsed.error());
    }
  }
}

}  // namespace

ConfigResult parse_config(const std::string& text, const std::string& origin) {
  ConfigResult out;
  toml::table root;
  if (auto bad = toml_non_ascii_outside_comments(text)) {  // before toml++: see toml_guard.h
    out.errors.push_back(origin + ": " + *bad);
    return out;
  }
  try {
    root = toml::parse(text, origin);
  } catch (const toml::parse_error& e) {
    std::ostringstream os;
    os << origin << ":" << e.source().begin.line << ":" << e.source().begin.column << ": "
       << e.description();
    out.errors.push_back(os.str());
    return out;
  }
  Reader r{root, origin, out};
  Config& c = out.config;
  r.unknown_keys(root, "", {"kiosk", "privacy", "capture", "staff", "log", "upload"});
  if (auto* t = r.section("kiosk")) {
    r.string(*t, "kiosk", "language", c.language, {"en", "es"});
    r.integer(*t, "kiosk", "idle_timeout_s", c.idle_timeout_s, 15, 3600);
    r.integer(*t, "kiosk", "booth_idle_timeout_s", c.booth_idle_timeout_s, 15, 3600);
    r.integer(*t, "kiosk", "idle_countdown_s", c.idle_countdown_s, 5, 120);
    r.integer(*t, "kiosk", "attract_rotate_s", c.attract_rotate_s, 2, 600);
    r.integer(*t, "kiosk", "confirmation_timeout_s", c.confirmation_timeout_s, 10, 600);
    r.string(*t, "kiosk", "content_dir", c.content_dir);
    r.unknown_keys(*t, "kiosk",
                   {"language", "idle_timeout_s", "booth_idle_timeout_s", "idle_countdown_s",
                    "attract_rotate_s", "confirmation_timeout_s", "content_dir"});
  }
  if (auto* t = r.section("privacy")) {
    r.integer(*t, "privacy", "sent_retention_days", c.sent_retention_days, 0, 3650);
    r.integer(*t, "privacy", "damaged_copy_retention_days", c.damaged_copy_retention_days, 0, 3650);
    read_privacy_keys(r, *t, c);
    r.unknown_keys(*t, "privacy",
                   {"sent_retention_days", "damaged_copy_retention_days", "department_public_key",
                    "trusted_collector_keys"});
  }
  if (auto* t = r.section("capture")) {
    r.integer(*t, "capture", "max_per_hour", c.capture_max_per_hour, 1, 100000);
    r.integer(*t, "capture", "max_outbox_mb", c.capture_max_outbox_mb, 1, 1000000);
    r.unknown_keys(*t, "capture", {"max_per_hour", "max_outbox_mb"});
  }
  if (auto* t = r.section("staff")) {
    r.integer(*t, "staff", "staff_timeout_s", c.staff_timeout_s, 30, 3600);
    r.unknown_keys(*t, "staff", {"staff_timeout_s"});
  }
  if (auto* t = r.section("log")) {
    r.string(*t, "log", "level", c.log_level, {"debug", "info", "warn", "error"});
    r.integer(*t, "log", "max_kb", c.log_max_kb, 16, 1024 * 1024);
    r.unknown_keys(*t, "log", {"level", "max_kb"});
  }
  if (auto* t = r.section("upload")) {
    UploadConfig& u = c.upload;
    r.string(*t, "upload", "endpoint", u.endpoint);
    r.string(*t, "upload", "token", u.token);
    r.string(*t, "upload", "ca_file", u.ca_file);
    r.string(*t, "upload", "pinned_public_key", u.pinned_public_key);
    r.integer(*t, "upload", "connect_timeout_s", u.connect_timeout_s, 1, 600);
    r.integer(*t, "upload", "timeout_s", u.timeout_s, 1, 3600);
    r.integer(*t, "upload", "backoff_base_s", u.backoff_base_s, 1, 3600);
    r.integer(*t, "upload", "backoff_cap_s", u.backoff_cap_s, 1, 24 * 3600);
    r.boolean(*t, "upload", "allow_insecure_http", u.allow_insecure_http);
    r.string(*t, "upload", "proxy", u.proxy);
    r.integer(*t, "upload", "heartbeat_minutes", u.heartbeat_minutes, 1, 24 * 60);
    r.unknown_keys(
        *t, "upload",
        {"endpoint", "token", "ca_file", "pinned_public_key", "connect_timeout_s", "timeout_s",
         "backoff_base_s", "backoff_cap_s", "allow_insecure_http", "proxy", "heartbeat_minutes"});
    check_endpoint(u, origin, out);
    if (u.backoff_cap_s < u.backoff_base_s)
      out.errors.push_back(
          origin + ": upload.backoff_cap_s: expected a value >= upload.backoff_base_s (" +
          std::to_string(u.backoff_base_s) + "), got " + std::to_string(u.backoff_cap_s));
  }
  // Uploading records sealed to the demo key (whose secret is public) would send visitors' answers
  // readable by anyone: a kiosk that uploads must name the department's key (issue 10).
  // (An endpoint that is not an http(s) URL is already an error of its own.)
  if (c.upload.endpoint.rfind("http", 0) == 0 && sealing_key(c).is_demo())
    out.errors.push_back(origin +
                         ": upload.endpoint is set, but records would be sealed to the bundled "
                         "demo key, whose secret is public (demo mode): set [privacy] "
                         "department_public_key to the department's public key");
  return out;
}

ConfigResult load_config(const std::string& path, bool must_exist) {
  std::string reason;
  auto text = read_file(path, reason);
  if (!text) {
    ConfigResult out;
    if (must_exist)
      out.errors.push_back(path +
                           ": cannot read the config file (does it exist and is it readable?)");
    return out;
  }
  return parse_config(*text, path);
}

crypto::DepartmentPublicKey sealing_key(const Config& config) {
  return config.department_public_key.value_or(crypto::DepartmentPublicKey::demo());
}

bool demo_mode(const Config& config) { return sealing_key(config).is_demo(); }

namespace {
std::string xdg(const char* var, const char* fallback_below_home) {
  if (const char* v = std::getenv(var); v && *v) return v;
  const char* home = std::getenv("HOME");
  return std::string(home && *home ? home : ".") + "/" + fallback_below_home;
}
}  // namespace

std::string default_config_path() {
  return xdg("XDG_CONFIG_HOME", ".config") + "/community-kiosk/kiosk.toml";
}
std::string default_data_dir() { return xdg("XDG_DATA_HOME", ".local/share") + "/community-kiosk"; }

}  // namespace kiosk
