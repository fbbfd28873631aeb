// Parses kiosk-intake's TOML configuration (see config.h and docs/intake.md).
#include "intake/config.h"

#include <toml++/toml.h>

#include <iostream>
#include <map>
#include <stdexcept>

#include "intake/client_address.h"
#include "kiosk/config/toml_guard.h"
#include "kiosk/core/file_io.h"
#include "kiosk/crypto/department_key.h"

namespace intake {

namespace {

[[noreturn]] void fail(const std::string& path, const std::string& why) {
  throw std::runtime_error(path + ": " + why);
}

// "host:port" or "[v6]:port", into `host` and `port`; `what` names the key in errors.
void parse_host_port(const std::string& path, const std::string& what, const std::string& text,
                     std::string& host_out, int& port_out) {
  auto colon = text.rfind(':');
  if (colon == std::string::npos || colon + 1 == text.size())
    fail(path, what + " must be HOST:PORT (e.g. \"127.0.0.1:8480\"), not \"" + text + "\"");
  std::string host = text.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  int port = 0;
  try {
    std::size_t used = 0;
    port = std::stoi(text.substr(colon + 1), &used);
    if (used != text.size() - colon - 1) port = -1;
  } catch (const std::exception&) {
    port = -1;
  }
  if (host.empty() || port < 0 || port > 65535)
    fail(path, what + " must be HOST:PORT with a port from 0 to 65535, not \"" + text + "\"");
  host_out = host;
  port_out = port;
}

// Unknown sections and keys are warnings, so a typo ("max_body_kB") never passes silently.
void warn_unknown(const std::string& path, const toml::table& t) {
  static const std::map<std::string, std::set<std::string>> known = {
      {"database", {"url"}},
      {"server", {"listen", "max_body_kb", "trusted_proxies", "lookups_per_minute"}},
      {"keys",
       {"accepted_public_keys", "department_secret_files"}},  // secrets: the inbox's (issue 13)
      {"web", {"listen", "secure_cookies"}}};
  for (const auto& [section, node] : t) {
    auto it = known.find(std::string(section.str()));
    if (it == known.end()) {
      std::cerr << "kiosk-intake: warning: " << path << ": unknown section [" << section.str()
                << "]\n";
      continue;
    }
    const auto* table = node.as_table();
    if (!table || it->second.empty()) continue;
    for (const auto& [key, value] : *table)
      if (!it->second.contains(std::string(key.str())))
        std::cerr << "kiosk-intake: warning: " << path << ": unknown key [" << section.str() << "] "
                  << key.str() << "\n";
  }
}

}  // namespace

// A department's config is a few hundred bytes; anything near this is not one.
constexpr std::size_t kMaxConfigBytes = 1 << 20;

Config load_config(const std::string& path) {
  toml::table t;
  std::string reason;
  const std::optional<std::string> text = kiosk::read_file(path, reason, kMaxConfigBytes);
  if (!text) fail(path, reason);
  // Before toml++: its 3.3.0 has undefined behaviour on non-ASCII outside strings (toml_guard.h).
  if (auto bad = kiosk::toml_non_ascii_outside_comments(*text))
    fail(path, "not valid TOML: " + *bad);
  try {
    t = toml::parse(*text, path);
  } catch (const toml::parse_error& e) {
    fail(path, std::string("not valid TOML: ") + std::string(e.description()));
  }
  warn_unknown(path, t);
  Config c;
  auto url = t["database"]["url"].value<std::string>();
  if (!url || url->empty())
    fail(path, "[database] url is required (e.g. \"postgresql:///intake\")");
  c.database_url = *url;

  if (auto listen = t["server"]["listen"].value<std::string>())
    parse_host_port(path, "[server] listen", *listen, c.listen_host, c.listen_port);
  if (auto listen = t["web"]["listen"].value<std::string>())
    parse_host_port(path, "[web] listen", *listen, c.web_host, c.web_port);
  if (auto node = t["web"]["secure_cookies"]; node) {
    auto v = node.value<bool>();
    if (!v) fail(path, "[web] secure_cookies must be true or false");
    c.secure_cookies = *v;
  }
  if (auto node = t["keys"]["department_secret_files"]; node) {
    const auto* arr = node.as_array();
    if (!arr) fail(path, "[keys] department_secret_files must be a list of file paths");
    for (const auto& el : *arr) {
      auto v = el.value<std::string>();
      if (!v || v->empty())
        fail(path, "[keys] department_secret_files: each entry must be a file path");
      c.department_secret_files.push_back(*v);
    }
  }
  if (auto node = t["server"]["max_body_kb"]; node) {
    auto kb = node.value<int64_t>();
    if (!kb || *kb < 1 || *kb > 1024 * 1024)
      fail(path, "[server] max_body_kb must be a whole number from 1 to 1048576");
    c.max_body_kb = static_cast<std::size_t>(*kb);
  }
  if (auto node = t["server"]["lookups_per_minute"]; node) {
    auto n = node.value<int64_t>();
    if (!n || *n < 1 || *n > 100000)
      fail(path, "[server] lookups_per_minute must be a whole number from 1 to 100000");
    c.lookups_per_minute = static_cast<int>(*n);
  }
  if (auto node = t["server"]["trusted_proxies"]; node) {
    const auto* arr = node.as_array();
    if (!arr) fail(path, "[server] trusted_proxies must be a list of addresses or CIDR ranges");
    for (const auto& el : *arr) {
      auto v = el.value<std::string>();
      if (!v || !AddressRange::parse(*v))
        fail(path,
             "[server] trusted_proxies: each entry must be an IP address or CIDR range (e.g. "
             "\"10.0.0.0/8\")");
      c.trusted_proxies.push_back(*v);
    }
  }
  if (auto node = t["keys"]["accepted_public_keys"]; node) {
    const auto* arr = node.as_array();
    if (!arr)
      fail(path, "[keys] accepted_public_keys must be a list of department public keys (base64)");
    for (const auto& el : *arr) {
      auto v = el.value<std::string>();
      if (!v) fail(path, "[keys] accepted_public_keys: each entry must be a string");
      auto key = kiosk::crypto::DepartmentPublicKey::parse(*v);
      if (!key) fail(path, "[keys] accepted_public_keys: an entry " + key.error());
      c.accepted_key_ids.insert(key->key_id());
    }
  }
  if (c.accepted_key_ids.empty())
    fail(path,
         "[keys] accepted_public_keys must list at least one department public key "
         "(the department.public file's line)");
  return c;
}

}  // namespace intake
