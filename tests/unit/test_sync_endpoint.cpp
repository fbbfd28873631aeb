// Endpoint policy: https always, plain http only to loopback or with allow_insecure_http (with a
// warning); missing endpoint = "no server configured"; token, CA file, pin and proxy checked in words.
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>

#include "kiosk/sync/endpoint_policy.h"

using namespace kiosk;
using namespace kiosk::sync;

namespace {
UploadConfig cfg(std::string endpoint) {
  UploadConfig u;
  u.endpoint = std::move(endpoint);
  u.token = "tok-123";
  return u;
}
}  // namespace

TEST_CASE("no endpoint: not configured - in those words") {
  EndpointCheck c = check_endpoint(UploadConfig{});
  CHECK_FALSE(c.configured);
  CHECK_FALSE(c.usable);
  CHECK(c.error == "no server configured");
}

TEST_CASE("https endpoints are usable and get the submissions path") {
  EndpointCheck c = check_endpoint(cfg("https://records.example.org/kiosk/"));
  CHECK(c.usable);
  CHECK(c.submissions_url == "https://records.example.org/kiosk/v2/submissions");
  CHECK(c.host == "records.example.org");
  CHECK(c.warning.empty());
}

TEST_CASE("plain http is refused unless loopback or allowed for a lab") {
  EndpointCheck c = check_endpoint(cfg("http://records.example.org"));
  CHECK_FALSE(c.usable);
  CHECK(c.error.find("unencrypted") != std::string::npos);
  CHECK(c.error.find("allow_insecure_http") != std::string::npos);
  // Tricks that look like loopback but are not.
  CHECK_FALSE(check_endpoint(cfg("http://127.0.0.1.evil.example")).usable);
  CHECK_FALSE(check_endpoint(cfg("http://localhost.evil.example")).usable);
  CHECK_FALSE(check_endpoint(cfg("http://128.0.0.1")).usable);
  for (const char* ok : {"http://127.0.0.1:8080", "http://127.8.9.10", "http://localhost:1234/x",
                         "http://[::1]:99"}) {
    INFO(ok);
    EndpointCheck l = check_endpoint(cfg(ok));
    CHECK(l.usable);
    CHECK(l.plain_http);
    CHECK(l.warning.empty());
  }
  UploadConfig lab = cfg("http://lab.example.org");
  lab.allow_insecure_http = true;
  EndpointCheck w = check_endpoint(lab);
  CHECK(w.usable);
  CHECK(w.warning.find("UNENCRYPTED") != std::string::npos);
}

TEST_CASE("endpoint shapes that cannot be right are refused in words") {
  CHECK(check_endpoint(cfg("ftp://x.example")).error.find("https://") != std::string::npos);
  CHECK(check_endpoint(cfg("https://user:pw@x.example")).error.find("user name or password") !=
        std::string::npos);
  CHECK(check_endpoint(cfg("https://x.example/?a=1")).error.find("'?'") != std::string::npos);
  CHECK(check_endpoint(cfg("not a url")).error.find("not a valid URL") != std::string::npos);
}

TEST_CASE("token - CA file - pin and proxy are checked before any request") {
  UploadConfig u = cfg("https://x.example");
  u.token = "";
  CHECK(check_endpoint(u).error.find("upload.token is empty") != std::string::npos);
  u.token = "abc def";
  CHECK(check_endpoint(u).error.find("spaces or control") != std::string::npos);
  u.token = "abc\r\nX-Evil: 1";
  CHECK_FALSE(check_endpoint(u).usable);
  u.token = "ok";
  u.ca_file = "/nonexistent/ca.pem";
  CHECK(check_endpoint(u).error == "cannot read upload.ca_file /nonexistent/ca.pem");
  u.ca_file = "";
  u.pinned_public_key = "/nonexistent/key.pem";
  CHECK(check_endpoint(u).error.find("pinned_public_key") != std::string::npos);
  u.pinned_public_key = "sha256//AAAA";
  CHECK(check_endpoint(u).usable);
  u.proxy = "http://proxy.example:3128";
  CHECK(check_endpoint(u).usable);
  u.proxy = "http://";
  CHECK(check_endpoint(u).error.find("upload.proxy") != std::string::npos);
}

TEST_CASE("loopback recognition") {
  CHECK(is_loopback_host("127.0.0.1"));
  CHECK(is_loopback_host("localhost"));
  CHECK(is_loopback_host("[::1]"));
  CHECK_FALSE(is_loopback_host("127.0.0.1x"));
  CHECK_FALSE(is_loopback_host("10.0.0.1"));
  CHECK_FALSE(is_loopback_host("127.0.0.256"));
  CHECK_FALSE(is_loopback_host(""));
}
