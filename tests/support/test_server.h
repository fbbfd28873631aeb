// TestServer: starts tests/support/test_server.py (the misbehaving upload server) on 127.0.0.1 for
// one test, reads its ports, and queries or re-plans it through its control endpoints.
// The server dies with this object, when the test process dies (its stdin closes), or after its
// lifetime, whichever comes first.
#pragma once
#include <sys/types.h>

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace kiosk::test_upload {

struct TestServerOptions {
  std::string plan = "[]";           // the fault plan (see test_server.py)
  std::string token = "test-token";  // the bearer token it accepts
  bool tls = false;                  // also serve HTTPS with a fresh self-signed certificate
  int lifetime_s = 300;
  int port = 0;  // the plain HTTP port; 0 = a free one
  // Protocol v2 (issue 10): registered kiosks {kiosk id, base64 collector key}, and the
  // department.secret files whose keys records may be sealed to (empty = the demo secret).
  std::vector<std::pair<std::string, std::string>> collector_keys = {};
  std::vector<std::string> department_secret_files = {};
};

class TestServer {
 public:
  // Starts the server in `dir` (its SQLite and TLS files go there). Throws std::runtime_error.
  TestServer(const std::string& dir, const TestServerOptions& options = {});
  ~TestServer();
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::string tls_url() const { return "https://127.0.0.1:" + std::to_string(tls_port_); }
  int port() const { return port_; }
  const std::string& tls_cert() const {
    return tls_cert_;
  }  // the self-signed certificate (its own CA)
  const std::string& tls_pin() const { return tls_pin_; }  // "sha256//..." of its public key
  const std::string& token() const { return token_; }

  void set_plan(const std::string& plan_json);
  nlohmann::json stats();  // {"received", "stored", "replays", "by_status"}
  // [{"key", "envelope", "receipt_id"}] in storage order; a v2 record also has "protocol": 2 and
  // "opened" (its sealed payload opened: the JSON, or the text when not JSON).
  nlohmann::json records();
  // Registers a kiosk's collector_public_key for v2 after start (a kiosk makes its key on first use).
  void register_collector(const std::string& kiosk_id, const std::string& public_key_base64);
  nlohmann::json requests();  // one entry per submission request, with headers and timestamps
  nlohmann::json
  heartbeats();  // [{"authorization", "user_agent", "body"}] per POST /v1/heartbeat, in order
  // Blocks until the server has received `n` submission requests (or `timeout_s`); returns stats.
  nlohmann::json wait_received(int n, double timeout_s = 20);

 private:
  nlohmann::json control(const std::string& method, const std::string& path,
                         const std::string& body = "");
  pid_t pid_ = -1;
  int stdin_fd_ = -1;
  int port_ = 0, tls_port_ = 0;
  std::string tls_cert_, tls_pin_, token_;
};

// A fresh directory under $TMPDIR (or /tmp), removed with everything in it at destruction.
class ScratchDir {
 public:
  explicit ScratchDir(const std::string& prefix = "kiosk-sync-test");
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::string& path() const { return path_; }
  std::string operator/(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// A 127.0.0.1 TCP port with nothing listening on it (bound, then closed): "connection refused".
int closed_port();

}  // namespace kiosk::test_upload
