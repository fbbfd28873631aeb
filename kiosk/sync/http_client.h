// HTTP client: one upload request at a time over one reused libcurl easy handle (keep-alive),
// behind a small interface so the engine can be driven by a fake in unit tests.
//
// Invariants: TLS verification is always on (peer and host); redirects are never followed (the
// bearer token must not travel elsewhere); every request has a connect and a total timeout;
// CURLOPT_NOSIGNAL is set (the client runs on the sync thread); cancel() from any thread ends an
// in-flight request at once (curl_multi_wakeup) and every later one.
#pragma once
#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "kiosk/sync/http_reply.h"

namespace kiosk::sync {

class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  // POSTs `body` with `headers` ("Name: value"). Never throws; failures come back in the reply.
  virtual HttpReply post(const std::string& body, const std::vector<std::string>& headers) = 0;
  // Ends any in-flight request and makes every later post() return Transport::Aborted. Thread-safe.
  virtual void cancel() = 0;
};

struct HttpClientOptions {
  std::string url;                // the full submissions URL
  std::string token;              // sent as "Authorization: Bearer <token>"
  std::string user_agent;         // "community-kiosk/<version>"
  std::string ca_file;            // empty = the system store
  std::string pinned_public_key;  // empty = no pin
  std::string proxy;              // empty = libcurl's environment
  std::chrono::milliseconds connect_timeout{10000};
  std::chrono::milliseconds timeout{30000};
  size_t max_body = 64 * 1024;  // reply bytes kept (the rest is read and dropped)
};

class CurlHttpClient final : public HttpTransport {
 public:
  // curl_global_init must have run (main does it once; tests too).
  explicit CurlHttpClient(HttpClientOptions options);
  ~CurlHttpClient() override;
  CurlHttpClient(const CurlHttpClient&) = delete;
  CurlHttpClient& operator=(const CurlHttpClient&) = delete;

  HttpReply post(const std::string& body, const std::vector<std::string>& headers) override;
  void cancel() override;

  // Connections opened so far (1 while keep-alive holds): for tests and the benchmark.
  long connects() const { return connects_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  long connects_ = 0;
};

// Human words for a libcurl failure, naming the reason (used in replies and tests).
std::string describe_curl_failure(int curl_code, const std::string& curl_detail, Transport kind,
                                  std::chrono::milliseconds timeout);
Transport classify_curl_code(int curl_code);

}  // namespace kiosk::sync
