// Reply classification: every status class and transport failure of the upload protocol maps to
// the right verdict, reason and Retry-After; the server's reason and receipt are read safely.
#include <catch2/catch.hpp>

#include "kiosk/core/clock.h"
#include "kiosk/sync/reply_classifier.h"

using namespace std::chrono;
using namespace kiosk::sync;

namespace {
const system_clock::time_point kNow =
    system_clock::from_time_t(1785873600);  // 2026-08-04T20:00:00Z

HttpReply status(long s, std::string body = "", std::string type = "application/json") {
  HttpReply r;
  r.status = s;
  r.body = std::move(body);
  r.content_type = std::move(type);
  return r;
}

HttpReply transport(Transport t, std::string error = "details") {
  HttpReply r;
  r.transport = t;
  r.error = std::move(error);
  return r;
}
}  // namespace

TEST_CASE("2xx and 409 are acknowledgements - whatever the body") {
  for (long s : {200L, 201L, 202L, 204L, 409L}) {
    INFO(s);
    CHECK(classify_reply(status(s), kNow).verdict == Verdict::Sent);
    CHECK(classify_reply(status(s, "<html>not json"), kNow).verdict == Verdict::Sent);
    CHECK(classify_reply(status(s, std::string("\xff\xfe\x00garbage", 10)), kNow).verdict ==
          Verdict::Sent);
  }
  CHECK(classify_reply(status(201, R"({"receipt_id":"R-123"})"), kNow).receipt_id == "R-123");
  CHECK(classify_reply(status(409, R"({"receipt_id":77,"error":"duplicate"})"), kNow).receipt_id ==
        "77");
  CHECK(classify_reply(status(201, R"({"receipt_id":"has space"})"), kNow).receipt_id.empty());
  CHECK(classify_reply(status(201, R"({"receipt_id":{"x":1}})"), kNow).receipt_id.empty());
  CHECK(classify_reply(status(201, R"(["receipt_id"])"), kNow).receipt_id.empty());
  CHECK(classify_reply(status(201, "{\"receipt_id\":\"" + std::string(200, 'a') + "\"}"), kNow)
            .receipt_id.empty());
}

TEST_CASE("400 - 404 - 413 and 422 reject that record with the server's reason") {
  for (long s : {400L, 404L, 413L, 422L}) {
    INFO(s);
    Outcome o = classify_reply(status(s, R"({"error":"field 'zip' must be 5 digits"})"), kNow);
    CHECK(o.verdict == Verdict::Rejected);
    CHECK(o.reason == "the server rejected this record (HTTP " + std::to_string(s) +
                          "): field 'zip' must be 5 digits");
  }
  CHECK(classify_reply(status(422, R"({"error":{"message":"bad date"}})"), kNow).reason ==
        "the server rejected this record (HTTP 422): bad date");
  CHECK(classify_reply(status(422, "too large\r\n  really", "text/plain"), kNow).reason ==
        "the server rejected this record (HTTP 422): too large really");
  CHECK(classify_reply(status(422, "<html><body>Error</body></html>", "text/html"), kNow).reason ==
        "the server rejected this record (HTTP 422)");
  CHECK(classify_reply(status(413), kNow).reason == "the server rejected this record (HTTP 413)");
}

TEST_CASE("401 - 403 - 407 - unknown 4xx and redirects pause the queue as configuration faults") {
  Outcome o401 = classify_reply(status(401, R"({"error":"token revoked"})"), kNow);
  CHECK(o401.verdict == Verdict::Pause);
  CHECK(o401.reason ==
        "the server refused the kiosk's token (HTTP 401); check upload.token: token revoked");
  CHECK(classify_reply(status(403), kNow).verdict == Verdict::Pause);
  CHECK(classify_reply(status(407), kNow).reason.find("upload.proxy") != std::string::npos);
  CHECK(classify_reply(status(405), kNow).verdict == Verdict::Pause);
  CHECK(classify_reply(status(410), kNow).reason.find("upload.endpoint") != std::string::npos);
  HttpReply redirect = status(301);
  redirect.location = "https://new.example.org/kiosk/v1/submissions";
  Outcome o = classify_reply(redirect, kNow);
  CHECK(o.verdict == Verdict::Pause);
  CHECK(o.reason ==
        "the server redirected the upload (HTTP 301) to "
        "https://new.example.org/kiosk/v1/submissions; "
        "set upload.endpoint to the final address");
}

TEST_CASE("408 - 425 - 429 and 5xx are retried - 429 - 502 - 503 and 504 concern the whole queue") {
  for (long s : {408L, 425L, 429L, 500L, 502L, 503L, 504L, 599L}) {
    INFO(s);
    Outcome o = classify_reply(status(s), kNow);
    CHECK(o.verdict == Verdict::Retry);
    CHECK(o.reason.find("HTTP " + std::to_string(s)) != std::string::npos);
    CHECK(o.queue_wide == (s == 429 || s == 502 || s == 503 || s == 504));
    CHECK_FALSE(o.retry_after);
  }
  CHECK(classify_reply(status(500), kNow).reason == "the server had an internal error (HTTP 500)");
  CHECK(classify_reply(status(102), kNow).verdict == Verdict::Retry);
  CHECK(classify_reply(status(600), kNow).verdict == Verdict::Retry);
}

TEST_CASE("Retry-After is read from 503 and 429 replies - seconds or HTTP-date") {
  HttpReply r = status(503);
  r.retry_after = "120";
  CHECK(classify_reply(r, kNow).retry_after == Millis(seconds(120)));
  r = status(429);
  r.retry_after = "Tue, 04 Aug 2026 20:00:45 GMT";
  CHECK(classify_reply(r, kNow).retry_after == Millis(seconds(45)));
  r.retry_after = "whenever";
  CHECK_FALSE(classify_reply(r, kNow).retry_after);
}

TEST_CASE("transport failures: network faults retry - TLS and local config faults pause") {
  for (Transport t : {Transport::Resolve, Transport::Connect, Transport::Timeout,
                      Transport::ConnectionLost, Transport::TlsHandshake, Transport::Other}) {
    Outcome o = classify_reply(transport(t, "why"), kNow);
    CHECK(o.verdict == Verdict::Retry);
    CHECK(o.queue_wide);
    CHECK(o.reason == "why");
  }
  for (Transport t : {Transport::TlsVerify, Transport::TlsPin, Transport::LocalConfig})
    CHECK(classify_reply(transport(t), kNow).verdict == Verdict::Pause);
  CHECK(classify_reply(transport(Transport::Aborted), kNow).verdict == Verdict::Interrupted);
}

TEST_CASE("the server's reason is cleaned: one line - printable - valid UTF-8 - bounded") {
  CHECK(server_reason(R"({"message":"  a\tb\u0007c  "})", "application/json") == "a bc");
  CHECK(server_reason(R"({"detail":"señal"})", "application/json") == "señal");
  CHECK(server_reason(R"({"other":"x"})", "application/json").empty());
  CHECK(server_reason(R"("just a string")", "application/json").empty());
  CHECK(server_reason("bad \xff\xfe bytes", "text/plain") == "bad");
  CHECK(server_reason("binary", "application/octet-stream").empty());
  std::string longer =
      server_reason("{\"error\":\"" + std::string(1000, 'x') + "\"}", "application/json");
  CHECK(longer.size() == 303);
  CHECK(longer.substr(300) == "...");
  // A cut never splits a multi-byte character.
  std::string accents;
  for (int i = 0; i < 400; ++i) accents += "é";
  std::string cut = server_reason("{\"error\":\"" + accents + "\"}", "application/json");
  CHECK(cut.size() <= 303);
  CHECK(cut.substr(0, cut.size() - 3).size() % 2 == 0);
}
