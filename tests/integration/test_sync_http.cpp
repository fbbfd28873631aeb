// The HTTP client against the real test server on 127.0.0.1: the request carries the protocol's
// headers over one kept-alive connection; each network fault comes back classified, in words;
// TLS is refused with the reason named, accepted with the CA configured, checked against a pin;
// cancel() ends a hanging request at once.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "kiosk/sync/envelope.h"
#include "kiosk/sync/http_client.h"
#include "tests/support/test_server.h"

using namespace std::chrono;
using namespace kiosk::sync;
using kiosk::test_upload::closed_port;
using kiosk::test_upload::ScratchDir;
using kiosk::test_upload::TestServer;
using kiosk::test_upload::TestServerOptions;

namespace {

HttpClientOptions options_for(const std::string& base, const std::string& token = "test-token") {
  HttpClientOptions o;
  o.url = base + "/v1/submissions";
  o.token = token;
  o.user_agent = user_agent("0.1.0");
  o.connect_timeout = seconds(5);
  o.timeout = seconds(10);
  return o;
}

std::string body_for(const std::string& id) {
  return R"({"id":")" + id +
         R"(","form_id":"signup","form_version":1,"program_id":null,"event_tag":null,)"
         R"("created_at":"2026-08-04T18:00:00Z","kiosk_id":"k","collected_by_kiosk_id":"k","app_version":"0.1.0","payload":{"a":1}})";
}

std::vector<std::string> headers_for(const std::string& id) {
  return {"Content-Type: application/json", "Idempotency-Key: " + id};
}

const char* kId1 = "00000000-0000-4000-8000-000000000001";
const char* kId2 = "00000000-0000-4000-8000-000000000002";

}  // namespace

TEST_CASE("the request carries the protocol's headers - and the connection is kept alive") {
  ScratchDir dir;
  TestServer server(dir.path());
  CurlHttpClient client(options_for(server.url()));
  HttpReply r1 = client.post(body_for(kId1), headers_for(kId1));
  HttpReply r2 = client.post(body_for(kId2), headers_for(kId2));
  HttpReply r3 = client.post(body_for(kId1), headers_for(kId1));
  CHECK(r1.transport == Transport::Ok);
  CHECK(r1.status == 201);
  CHECK(r1.body.find("receipt_id") != std::string::npos);
  CHECK(r2.status == 201);
  CHECK(r3.status == 409);  // the server dedupes by Idempotency-Key
  CHECK(client.connects() == 1);

  auto reqs = server.requests();
  REQUIRE(reqs.size() == 3);
  for (const auto& q : reqs) {
    CHECK(q["authorization"] == "Bearer test-token");
    CHECK(q["content_type"] == "application/json");
    CHECK(q["user_agent"] == "community-kiosk/0.1.0");
    CHECK(q["expect"].is_null());                       // the empty Expect: suppresses 100-continue
    CHECK(q["client_port"] == reqs[0]["client_port"]);  // one connection for all three
  }
  CHECK(reqs[0]["key"] == kId1);
  CHECK(reqs[1]["key"] == kId2);
  auto stats = server.stats();
  CHECK(stats["stored"] == 2);
  CHECK(stats["replays"] == 1);
}

TEST_CASE("network faults come back classified and in words") {
  ScratchDir dir;
  TestServer server(dir.path());

  SECTION("connection refused") {
    CurlHttpClient client(options_for("http://127.0.0.1:" + std::to_string(closed_port())));
    HttpReply r = client.post(body_for(kId1), headers_for(kId1));
    CHECK(r.transport == Transport::Connect);
    CHECK(r.error.rfind("could not connect to the server", 0) == 0);
  }
  SECTION("DNS failure") {
    CurlHttpClient client(options_for("http://no-such-host.invalid"));
    HttpReply r = client.post(body_for(kId1), headers_for(kId1));
    CHECK(r.transport == Transport::Resolve);
    CHECK(r.error.find("DNS") != std::string::npos);
  }
  SECTION("a server that hangs past the timeout") {
    server.set_plan(R"([{"fault":"hang","seconds":20}])");
    HttpClientOptions o = options_for(server.url());
    o.timeout = milliseconds(400);
    CurlHttpClient client(o);
    HttpReply r = client.post(body_for(kId1), headers_for(kId1));
    CHECK(r.transport == Transport::Timeout);
    CHECK(r.error.rfind("the server did not answer in time (limit 1 s)", 0) == 0);
  }
  SECTION("a reset before the reply") {
    server.set_plan(R"([{"fault":"reset"}])");
    CurlHttpClient client(options_for(server.url()));
    HttpReply r = client.post(body_for(kId1), headers_for(kId1));
    CHECK(r.transport == Transport::ConnectionLost);
    CHECK(r.error.rfind("the connection was cut", 0) == 0);
    CHECK(server.stats()["stored"] == 0);
  }
  SECTION("stored, then the connection dropped before the reply") {
    server.set_plan(R"([{"fault":"store_drop","count":1}])");
    CurlHttpClient client(options_for(server.url()));
    HttpReply r = client.post(body_for(kId1), headers_for(kId1));
    CHECK(r.transport == Transport::ConnectionLost);
    CHECK(server.stats()["stored"] == 1);
    HttpReply again = client.post(body_for(kId1), headers_for(kId1));  // a new connection, same key
    CHECK(again.status == 409);
    CHECK(client.connects() == 2);
  }
  SECTION("a reply trickled slower than the timeout") {
    server.set_plan(R"([{"fault":"trickle","byte_ms":100,"count":1}])");
    HttpClientOptions o = options_for(server.url());
    o.timeout = milliseconds(500);
    CurlHttpClient client(o);
    HttpReply r = client.post(body_for(kId1), headers_for(kId1));
    CHECK(r.transport == Transport::Timeout);
    CHECK(server.stats()["stored"] == 1);
  }
  SECTION("a reply trickled within the timeout is read whole") {
    server.set_plan(R"([{"fault":"trickle","byte_ms":1,"count":1}])");
    CurlHttpClient client(options_for(server.url()));
    HttpReply r = client.post(body_for(kId1), headers_for(kId1));
    CHECK(r.status == 201);
    CHECK(r.body == R"({"receipt_id": "R-000001"})");
  }
  SECTION("Retry-After and Date headers are read") {
    server.set_plan(R"([{"fault":"503","retry_after":"120"}])");
    CurlHttpClient client(options_for(server.url()));
    HttpReply r = client.post(body_for(kId1), headers_for(kId1));
    CHECK(r.status == 503);
    CHECK(r.retry_after == "120");
    CHECK(r.date.find("GMT") != std::string::npos);
    CHECK(r.content_type == "application/json");
  }
}

TEST_CASE("cancel() ends a hanging request at once - and every later one") {
  ScratchDir dir;
  TestServer server(dir.path(), TestServerOptions{R"([{"fault":"hang","seconds":30}])"});
  CurlHttpClient client(options_for(server.url()));
  HttpReply r;
  std::thread t([&] { r = client.post(body_for(kId1), headers_for(kId1)); });
  server.wait_received(1);
  auto t0 = steady_clock::now();
  client.cancel();
  t.join();
  CHECK(r.transport == Transport::Aborted);
  // Not a timing assertion on the product: the request's own timeout is 10 s, so anything far
  // below that shows the wake-up worked rather than the timeout.
  CHECK(steady_clock::now() - t0 < seconds(5));
  CHECK(client.post(body_for(kId2), headers_for(kId2)).transport == Transport::Aborted);
}

TEST_CASE(
    "TLS: a self-signed certificate is refused naming the reason - accepted with its CA - checked "
    "against a pin") {
  ScratchDir dir;
  TestServerOptions so;
  so.tls = true;
  TestServer server(dir.path(), so);
  REQUIRE(!server.tls_cert().empty());

  SECTION("refused without the CA, the reason named") {
    CurlHttpClient client(options_for(server.tls_url()));
    HttpReply r = client.post(body_for(kId1), headers_for(kId1));
    CHECK(r.transport == Transport::TlsVerify);
    INFO(r.error);
    CHECK(r.error.rfind("the server's certificate was refused: self-signed certificate", 0) == 0);
    CHECK(r.error.find("upload.ca_file") != std::string::npos);
    CHECK(server.stats()["received"] == 0);  // nothing left the kiosk
  }
  SECTION("accepted with its CA configured") {
    HttpClientOptions o = options_for(server.tls_url());
    o.ca_file = server.tls_cert();
    CurlHttpClient client(o);
    HttpReply r = client.post(body_for(kId1), headers_for(kId1));
    INFO(r.error);
    CHECK(r.status == 201);
    CHECK(server.requests()[0]["tls"] == true);
  }
  SECTION("the right pin is accepted, a wrong pin refused naming the pin") {
    HttpClientOptions o = options_for(server.tls_url());
    o.ca_file = server.tls_cert();
    o.pinned_public_key = server.tls_pin();
    CHECK(CurlHttpClient(o).post(body_for(kId1), headers_for(kId1)).status == 201);
    o.pinned_public_key = "sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
    HttpReply r = CurlHttpClient(o).post(body_for(kId2), headers_for(kId2));
    CHECK(r.transport == Transport::TlsPin);
    CHECK(r.error.find("upload.pinned_public_key") != std::string::npos);
    CHECK(server.stats()["received"] == 1);
  }
  SECTION("the CA file of another server does not help") {
    ScratchDir other_dir;
    TestServerOptions other_opts;
    other_opts.tls = true;
    TestServer other(other_dir.path(), other_opts);
    HttpClientOptions o = options_for(server.tls_url());
    o.ca_file = other.tls_cert();
    HttpReply r = CurlHttpClient(o).post(body_for(kId1), headers_for(kId1));
    CHECK(r.transport == Transport::TlsVerify);
  }
}
