// Envelope (protocol v2): the upload body carries every protocol field, the sealed payload and the
// signature exactly as stored (so the signature verifies and the department opens the answers),
// no plaintext, and the id both in the body and in the Idempotency-Key header; a row without
// sealed answers or signature is refused with a reason.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "kiosk/crypto/base64.h"
#include "kiosk/crypto/record_signature.h"
#include "kiosk/sync/envelope.h"
#include "tests/support/sealed_rows.h"

using namespace kiosk;
using namespace kiosk::sync;

namespace {
const char* const kAnswers =
    R"({"name":"Ana O'Brien; DROP TABLE x;--","household":4,"note":"ñ \"quoted\""})";

store::Submission sample() {
  store::NewSubmission n;
  n.id = "0b8e6f1c-3a52-4c1e-9a77-2f4d5e6a7b8c";
  n.form_id = "signup";
  n.form_version = 3;
  n.program_id = "block_watch";
  n.event_tag = "night-out-2026";
  n.created_at = "2026-08-04T18:00:00Z";
  VirtualClock clock;
  n = kiosk::testing::sealed(n, kAnswers, clock, "kiosk-1234");
  store::Submission s;
  s.id = n.id;
  s.form_id = n.form_id;
  s.form_version = n.form_version;
  s.program_id = n.program_id;
  s.event_tag = n.event_tag;
  s.created_at = n.created_at;
  s.sealed_payload = n.sealed_payload;
  s.sealed_to = n.sealed_to;
  s.signer_kiosk_id = n.signer_kiosk_id;
  s.collector_public_key = n.collector_public_key;
  s.signature = n.signature;
  return s;
}
const EnvelopeContext kCtx{"kiosk-1234", "0.1.0"};

// The fields the signature covers, as the department rebuilds them from the envelope.
crypto::RecordSignedFields signed_fields(const nlohmann::json& j) {
  auto str = [](const nlohmann::json& v) {
    return v.is_null() ? std::string() : v.get<std::string>();
  };
  crypto::RecordSignedFields f;
  f.id = j["id"];
  f.form_id = j["form_id"];
  f.form_version = j["form_version"];
  f.program_id = str(j["program_id"]);
  f.event_id = str(j["event_id"]);
  f.event_tag = str(j["event_tag"]);
  f.created_at = j["created_at"];
  f.collected_by_kiosk_id = j["collected_by_kiosk_id"];
  f.signer_kiosk_id = j["signer_kiosk_id"];
  f.sealed_to = j["sealed_to"];
  f.sealed_payload = *crypto::from_base64(j["sealed_payload"].get<std::string>());
  return f;
}
}  // namespace

TEST_CASE("the v2 envelope carries every protocol field, a verifiable signature, no plaintext") {
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
  CHECK(j["event_id"].is_null());
  CHECK(j["signer_kiosk_id"] == "kiosk-1234");
  CHECK(j["sealed_to"] == crypto::DepartmentPublicKey::demo().key_id());
  CHECK(j["collector_public_key"] == kiosk::testing::test_signing_key().public_key_base64());
  CHECK_FALSE(j.contains("payload"));
  CHECK(e->body.find("Ana") == std::string::npos);  // nothing of the answers in clear
  CHECK(j.size() == 15);
  // The department's checks: the signature verifies over the fields as sent, and the payload opens.
  CHECK(crypto::verify_record(j["collector_public_key"].get<std::string>(), signed_fields(j),
                              j["signature"].get<std::string>()));
  CHECK(kiosk::testing::open_demo(signed_fields(j).sealed_payload) == kAnswers);
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

TEST_CASE("a row without sealed answers or signature is refused with a reason") {
  store::Submission erased = sample();
  erased.sealed_payload.clear();
  store::Submission legacy = erased;
  legacy.payload_json = R"({"name":"x"})";  // schema <= 3, not migrated
  store::Submission unsigned_row = sample();
  unsigned_row.signature.clear();
  for (const store::Submission& s : {erased, legacy, unsigned_row}) {
    std::string why;
    CHECK_FALSE(build_envelope(s, kCtx, why));
    CHECK(why.find("cannot be uploaded") != std::string::npos);
  }
  std::string why;
  build_envelope(legacy, kCtx, why);
  CHECK(why.find("department_public_key") != std::string::npos);
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
