// Starts and talks to the Python test upload server (see test_server.h).
#include "test_server.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <stdexcept>
#include <vector>

extern char** environ;

namespace kiosk::test_upload {

namespace {

void curl_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

size_t append(char* p, size_t s, size_t n, void* out) {
  static_cast<std::string*>(out)->append(p, s * n);
  return s * n;
}

// Reads lines from `fd` until "READY" or the deadline; returns them.
std::vector<std::string> read_banner(int fd, std::chrono::seconds limit) {
  std::vector<std::string> lines;
  std::string buf;
  auto deadline = std::chrono::steady_clock::now() + limit;
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0)
      throw std::runtime_error("test server: no READY line within " +
                               std::to_string(limit.count()) + " s");
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
    char chunk[512];
    ssize_t n = read(fd, chunk, sizeof chunk);
    if (n <= 0) throw std::runtime_error("test server exited before READY (see its stderr above)");
    buf.append(chunk, static_cast<size_t>(n));
    size_t nl;
    while ((nl = buf.find('\n')) != std::string::npos) {
      std::string line = buf.substr(0, nl);
      buf.erase(0, nl + 1);
      if (line == "READY") return lines;
      lines.push_back(line);
    }
  }
}

}  // namespace

TestServer::TestServer(const std::string& dir, const TestServerOptions& o) : token_(o.token) {
  curl_once();
  std::filesystem::create_directories(dir);
  int in[2], out[2];
  if (pipe2(in, O_CLOEXEC) != 0 || pipe2(out, O_CLOEXEC) != 0)
    throw std::runtime_error("test server: pipe failed");
  std::string script = std::string(KIOSK_SOURCE_DIR) + "/tests/support/test_server.py";
  // Debian's python3, not the first on PATH: v2 needs its python3-nacl (scripts/deps-dev.sh).
  const char* python = "/usr/bin/python3";
  std::vector<std::string> args = {
      python,  script,   "--db", dir + "/server.db", "--token",
      o.token, "--plan", o.plan, "--lifetime",       std::to_string(o.lifetime_s)};
  for (const auto& [kiosk_id, key] : o.collector_keys) {
    args.push_back("--collector-key");
    args.push_back(kiosk_id + "=" + key);
  }
  for (const auto& f : o.department_secret_files) {
    args.push_back("--department-secret");
    args.push_back(f);
  }
  if (o.port > 0) {
    args.push_back("--port");
    args.push_back(std::to_string(o.port));
  }
  if (o.tls) {
    args.push_back("--tls-dir");
    args.push_back(std::filesystem::absolute(dir + "/tls").string());
  }
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, in[0], 0);
  posix_spawn_file_actions_adddup2(&fa, out[1], 1);
  int rc = posix_spawn(&pid_, python, &fa, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  close(in[0]);
  close(out[1]);
  stdin_fd_ = in[1];
  if (rc != 0) {
    close(out[0]);
    throw std::runtime_error(std::string("test server: cannot start ") + python +
                             " (install python3 and python3-nacl: scripts/deps-dev.sh)");
  }
  std::vector<std::string> lines;
  try {
    lines = read_banner(out[0], std::chrono::seconds(30));
  } catch (...) {
    close(out[0]);
    throw;
  }
  close(out[0]);
  for (const auto& l : lines) {
    auto value = [&](const char* key) { return l.substr(std::string(key).size() + 1); };
    if (l.rfind("PORT ", 0) == 0)
      port_ = std::stoi(value("PORT"));
    else if (l.rfind("TLS_PORT ", 0) == 0)
      tls_port_ = std::stoi(value("TLS_PORT"));
    else if (l.rfind("TLS_CERT ", 0) == 0)
      tls_cert_ = value("TLS_CERT");
    else if (l.rfind("TLS_PIN ", 0) == 0)
      tls_pin_ = value("TLS_PIN");
  }
  if (port_ <= 0) throw std::runtime_error("test server: no PORT line");
}

TestServer::~TestServer() {
  if (stdin_fd_ >= 0) close(stdin_fd_);  // the server exits when its stdin closes...
  if (pid_ > 0) {
    kill(pid_, SIGKILL);  // ...and at once here, so no test outlives its server's port
    int st = 0;
    waitpid(pid_, &st, 0);
  }
}

nlohmann::json TestServer::control(const std::string& method, const std::string& path,
                                   const std::string& body) {
  CURL* h = curl_easy_init();
  if (!h) throw std::runtime_error("test server control: curl_easy_init failed");
  std::string url = this->url() + path, reply;
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_NOPROXY, "*");
  curl_easy_setopt(h, CURLOPT_TIMEOUT, 90L);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &append);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &reply);
  if (method == "POST") {
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
    curl_easy_setopt(h, CURLOPT_COPYPOSTFIELDS, body.c_str());
  }
  CURLcode rc = curl_easy_perform(h);
  long status = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_cleanup(h);
  if (rc != CURLE_OK || status != 200)
    throw std::runtime_error("test server control " + path + " failed: " + curl_easy_strerror(rc) +
                             " HTTP " + std::to_string(status));
  return nlohmann::json::parse(reply);
}

void TestServer::set_plan(const std::string& plan_json) {
  control("POST", "/control/plan", plan_json);
}
nlohmann::json TestServer::stats() { return control("GET", "/control/stats"); }
nlohmann::json TestServer::records() { return control("GET", "/control/records"); }
void TestServer::register_collector(const std::string& kiosk_id,
                                    const std::string& public_key_base64) {
  control("POST", "/control/collector-keys",
          nlohmann::json{{"kiosk_id", kiosk_id}, {"public_key", public_key_base64}}.dump());
}
nlohmann::json TestServer::requests() { return control("GET", "/control/requests"); }
nlohmann::json TestServer::heartbeats() { return control("GET", "/control/heartbeats"); }
nlohmann::json TestServer::wait_received(int n, double timeout_s) {
  return control("GET", "/control/wait?received=" + std::to_string(n) +
                            "&timeout=" + std::to_string(timeout_s));
}

ScratchDir::ScratchDir(const std::string& prefix) {
  const char* t = std::getenv("TMPDIR");
  std::string tmpl = std::string(t && *t ? t : "/tmp") + "/" + prefix + "-XXXXXX";
  std::vector<char> buf(tmpl.begin(), tmpl.end());
  buf.push_back(0);
  if (!mkdtemp(buf.data())) throw std::runtime_error("cannot create a scratch dir under " + tmpl);
  path_ = buf.data();
}

ScratchDir::~ScratchDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

int closed_port() {
  int s = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof a;
  if (s < 0 || bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
      getsockname(s, reinterpret_cast<sockaddr*>(&a), &len) != 0)
    throw std::runtime_error("closed_port: cannot bind a loopback socket");
  int port = ntohs(a.sin_port);
  close(s);  // never listened: connecting now is refused
  return port;
}

}  // namespace kiosk::test_upload
