// Envelope: the upload body carries every protocol field, the answers verbatim, and the id both
// in the body and in the Idempotency-Key header; unusable stored answers are refused with a reason.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "kiosk/sync/envelope.h"

using namespace kiosk;
using namespace kiosk::sync;

namespace {
store::Submission sample() {
  store::Submission s;
  s.id = "0b8e6f1c-3a52-4c1e-9a77-2f4d5e6a7b8c";
  s.form_id = "signup";
  s.form_version = 3;
  s.program_id = "block_watch";
  s.event_tag = "night-out-2026";
  s.created_at = "2026-08-04T18:00:00Z";
  s.payload_json = R"({"name":"Ana O'Brien; DROP TABLE x;--","household":4,"note":"ñ \"quoted\""})";
  return s;
}
const EnvelopeContext kCtx{"kiosk-1234", "0.1.0"};
}  // namespace

TEST_CASE("the envelope carries every protocol field and the answers verbatim") {
  std::string why;
  auto e = build_envelope(sample(), kCtx, why);
  REQUIRE(e);
  auto j = nlohmann::json::parse(e->body);
  CHECK(j["id"] == "0b8e6f1c-3a52-4c1e-9a77-2f4d5e6a7b8c");
  CHECK(j["form_id"] == "signup");
  CHECK(j["form_version"] == 3);
  CHECK(j["program_id"] == "block_watch");
  CHECK(j["event_tag"] == "night-out-2026");
  CHECK(j["created_at"] == "2026-08-04T18:00:00Z");
  CHECK(j["kiosk_id"] == "kiosk-1234");
  CHECK(j["collected_by_kiosk_id"] == "kiosk-1234");  // its own record
  CHECK(j["app_version"] == "0.1.0");
  CHECK(j["payload"] == nlohmann::json::parse(sample().payload_json));
  // Byte-for-byte: the stored text appears unchanged inside the body.
  CHECK(e->body.find(sample().payload_json) != std::string::npos);
  CHECK(e->headers ==
        std::vector<std::string>{"Content-Type: application/json",
                                 "Idempotency-Key: 0b8e6f1c-3a52-4c1e-9a77-2f4d5e6a7b8c"});
  CHECK(user_agent("0.1.0") == "community-kiosk/0.1.0");
}

TEST_CASE("an imported record names the kiosk that collected it - kiosk_id stays the uploader") {
  store::Submission s = sample();
  s.collected_by = "d8320393-1bb0-45b4-93f2-56e454df3fc8";
  std::string why;
  auto e = build_envelope(s, kCtx, why);
  REQUIRE(e);
  auto j = nlohmann::json::parse(e->body);
  CHECK(j["collected_by_kiosk_id"] == "d8320393-1bb0-45b4-93f2-56e454df3fc8");
  CHECK(j["kiosk_id"] == "kiosk-1234");
}

TEST_CASE("absent program and event tag are JSON null") {
  store::Submission s = sample();
  s.program_id.clear();
  s.event_tag.reset();
  std::string why;
  auto e = build_envelope(s, kCtx, why);
  REQUIRE(e);
  auto j = nlohmann::json::parse(e->body);
  CHECK(j["program_id"].is_null());
  CHECK(j["event_tag"].is_null());
  s.event_tag = "";
  CHECK(nlohmann::json::parse(build_envelope(s, kCtx, why)->body)["event_tag"].is_null());
}

TEST_CASE("stored answers that are not one JSON object are refused with a reason") {
  for (const char* bad :
       {"", "not json", "[1,2]", "{\"a\":1} trailing", "{\"a\":\"\xff\"}", "\"str\""}) {
    INFO(bad);
    store::Submission s = sample();
    s.payload_json = bad;
    std::string why;
    CHECK_FALSE(build_envelope(s, kCtx, why));
    CHECK(why.find("cannot be uploaded") != std::string::npos);
  }
}

TEST_CASE("an id that could inject a header is refused") {
  store::Submission s = sample();
  s.id = "abc\r\nX-Evil: 1";
  std::string why;
  CHECK_FALSE(build_envelope(s, kCtx, why));
  CHECK(why == "the record's id is not a UUID; this record cannot be uploaded");
}

TEST_CASE("odd bytes in identifying fields still give valid JSON") {
  store::Submission s = sample();
  s.form_id = "sign\"up\\\n";
  s.event_tag = std::string("tag\xff");
  std::string why;
  auto e = build_envelope(s, kCtx, why);
  REQUIRE(e);
  auto j = nlohmann::json::parse(e->body);
  CHECK(j["form_id"] == "sign\"up\\\n");
  CHECK(j["event_tag"] == "tag\xEF\xBF\xBD");  // replaced, never invalid JSON
}
