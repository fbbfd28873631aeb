// kiosk-intake's configuration file (TOML, docs/intake.md): the database URL, the listen address,
// body limit, trusted proxies and the department public keys whose `sealed_to` it accepts.
//
// Invariant: the configuration holds public keys and the *paths* of secret key files only; a
// department secret is never read here (only `inbox` reads those files, see inbox.h).
#pragma once
#include <cstddef>
#include <set>
#include <string>
#include <vector>

namespace intake {

struct Config {
  std::string database_url;
  std::string listen_host = "127.0.0.1";
  int listen_port = 8480;
  std::size_t max_body_kb = 512;
  std::vector<std::string> trusted_proxies;  // IPv4/IPv6 addresses or CIDR ranges
  int lookups_per_minute = 10;               // GET /v1/requests/{code} per client address
  std::set<std::string> accepted_key_ids;    // sealed_to values accepted (key ids of public keys)
  // The staff inbox (issue 13): [web] and [keys] department_secret_files.
  std::string web_host = "127.0.0.1";
  int web_port = 8490;
  bool secure_cookies = true;                        // false only for plain-HTTP demos on 127.0.0.1
  std::vector<std::string> department_secret_files;  // several while keys rotate
};

// Reads FILE; throws std::runtime_error naming the file and the key that is wrong.
Config load_config(const std::string& path);

}  // namespace intake
