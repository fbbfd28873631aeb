// Protocol v2 end to end between the C++ crypto code and an independent implementation (the test
// server's PyNaCl): a record sealed and signed here is accepted (201) and opened there; a repeat is
// 409; an altered payload, a conflicting repeat, an unregistered key and a key the server does not
// hold are 422 with the reason. Also `kiosk --new-department-keys` from the real binary.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>

#include "kiosk/crypto/record_signature.h"
#include "kiosk/crypto/seal.h"
#include "kiosk/sync/envelope.h"
#include "kiosk/sync/http_client.h"
#include "tests/support/kiosk_cli.h"
#include "tests/support/test_server.h"

using namespace kiosk::crypto;
using kiosk::sync::CurlHttpClient;
using kiosk::sync::HttpClientOptions;
using kiosk::sync::HttpReply;
using kiosk::test_upload::ScratchDir;
using kiosk::test_upload::TestServer;
using kiosk::test_upload::TestServerOptions;

namespace {

const char* kKioskId = "aa09e530-e00b-460d-894f-e95c1d2c6236";

struct SignedRecord {
  RecordSignedFields fields;
  std::string collector_public_key;
  std::string signature;
};

SignedRecord make_record(const std::string& id, const DepartmentPublicKey& to,
                         const KioskSigningKey& key, const std::string& answers_json) {
  SignedRecord r;
  RecordSignedFields& f = r.fields;
  f.id = id;
  f.form_id = "signup";
  f.form_version = 3;
  f.program_id = "youth-academy";
  f.event_tag = "";
  f.created_at = "2026-08-04T18:00:00Z";
  f.collected_by_kiosk_id = kKioskId;
  f.signer_kiosk_id = kKioskId;
  f.sealed_to = to.key_id();
  f.sealed_payload = seal(to, answers_json);
  r.collector_public_key = key.public_key_base64();
  auto sig = sign_record(key, f);
  REQUIRE(sig.ok());
  r.signature = *sig;
  return r;
}

std::string envelope(const SignedRecord& r) {
  const RecordSignedFields& f = r.fields;
  nlohmann::json j = {
      {"id", f.id},
      {"form_id", f.form_id},
      {"form_version", f.form_version},
      {"program_id", f.program_id},
      {"event_id", f.event_id},
      {"event_tag", nullptr},  // absent: the empty string in the signing text
      {"created_at", f.created_at},
      {"kiosk_id", kKioskId},
      {"collected_by_kiosk_id", f.collected_by_kiosk_id},
      {"app_version", "0.1.0"},
      {"signer_kiosk_id", f.signer_kiosk_id},
      {"sealed_to", f.sealed_to},
      {"sealed_payload", to_base64(f.sealed_payload)},
      {"collector_public_key", r.collector_public_key},
      {"signature", r.signature},
  };
  return j.dump();
}

HttpReply post(const TestServer& server, const SignedRecord& r) {
  HttpClientOptions o;
  o.url = server.url() + "/v2/submissions";
  o.token = server.token();
  o.user_agent = kiosk::sync::user_agent("0.1.0");
  o.connect_timeout = std::chrono::seconds(5);
  o.timeout = std::chrono::seconds(20);
  CurlHttpClient client(o);
  return client.post(envelope(r),
                     {"Content-Type: application/json", "Idempotency-Key: " + r.fields.id});
}

std::string error_of(const HttpReply& reply) {
  return nlohmann::json::parse(reply.body).value("error", "");
}

}  // namespace

TEST_CASE("the test server accepts a v2 record sealed and signed by the kiosk's code") {
  ScratchDir dir("kiosk-crypto-v2");
  KioskSigningKey key = KioskSigningKey::load_or_create(dir.path());
  TestServerOptions so;
  so.collector_keys = {{kKioskId, key.public_key_base64()}};  // the department registered it
  TestServer server(dir / "server", so);                      // holds the demo secret
  const DepartmentPublicKey demo = DepartmentPublicKey::demo();
  const std::string answers = R"({"first_name":"MARKER-7Q","age":"34"})";
  SignedRecord rec = make_record("00000000-0000-4000-8000-000000000001", demo, key, answers);

  HttpReply first = post(server, rec);
  REQUIRE(first.transport == kiosk::sync::Transport::Ok);
  INFO(first.body);
  CHECK(first.status == 201);
  auto records = server.records();
  REQUIRE(records.size() == 1);
  CHECK(records[0]["protocol"] == 2);
  CHECK(records[0]["opened"] == nlohmann::json::parse(answers));
  CHECK(records[0]["envelope"].dump().find("MARKER-7Q") == std::string::npos);

  SECTION("the same record again: 409, nothing stored") {
    HttpReply again = post(server, rec);
    CHECK(again.status == 409);
    CHECK(server.records().size() == 1);
  }
  SECTION("the payload altered (a flipped bit): 422, the signature does not verify") {
    SignedRecord altered = rec;
    altered.fields.sealed_payload[20] ^= 0x01;
    HttpReply reply = post(server, altered);
    CHECK(reply.status == 422);
    CHECK(error_of(reply).find("the signature does not verify") == 0);
  }
  SECTION("another record under the same id, signed by the genuine key: 422 conflict") {
    SignedRecord other = make_record(rec.fields.id, demo, key, R"({"first_name":"Other"})");
    HttpReply reply = post(server, other);
    CHECK(reply.status == 422);
    CHECK(error_of(reply).find("a different record with this id is already stored") == 0);
    CHECK(server.records()[0]["opened"] == nlohmann::json::parse(answers));
  }
  SECTION("re-signed with a key the department never registered: 422") {
    KioskSigningKey forger = KioskSigningKey::generate();
    SignedRecord forged =
        make_record("00000000-0000-4000-8000-000000000002", demo, forger, R"({"a":1})");
    HttpReply reply = post(server, forged);
    CHECK(reply.status == 422);
    CHECK(error_of(reply) == "collector_public_key is not the registered key of signer_kiosk_id");
  }
  SECTION("an unknown signer kiosk: 422") {
    SignedRecord r = rec;
    r.fields.id = "00000000-0000-4000-8000-000000000003";
    r.fields.signer_kiosk_id = "bb09e530-e00b-460d-894f-e95c1d2c6237";
    r.signature = *sign_record(key, r.fields);
    HttpReply reply = post(server, r);
    CHECK(reply.status == 422);
    CHECK(error_of(reply) == "signer_kiosk_id is not a registered kiosk");
  }
  SECTION("sealed to a department key the server does not hold: 422") {
    DepartmentKeyPair elsewhere = DepartmentKeyPair::generate();
    SignedRecord r =
        make_record("00000000-0000-4000-8000-000000000004", elsewhere.public_key, key, "{}");
    HttpReply reply = post(server, r);
    CHECK(reply.status == 422);
    CHECK(error_of(reply) == "sealed_to names a department key this server does not hold");
  }
  CHECK(server.records().size() == 1);
}

TEST_CASE("the test server opens records sealed to a department key given on its command line") {
  ScratchDir dir("kiosk-crypto-v2");
  REQUIRE(write_new_department_keys(dir / "dept").ok());
  auto dept = read_department_public_file(dir / "dept/department.public");
  REQUIRE(dept.ok());
  KioskSigningKey key = KioskSigningKey::generate();
  TestServerOptions so;
  so.department_secret_files = {dir / "dept/department.secret"};
  TestServer server(dir / "server", so);
  server.register_collector(kKioskId, key.public_key_base64());  // after start, as a kiosk's is

  HttpReply ok =
      post(server, make_record("00000000-0000-4000-8000-000000000005", *dept, key, R"({"x":"y"})"));
  INFO(ok.body);
  CHECK(ok.status == 201);
  // Only the secrets named are held: the demo key is not, then.
  HttpReply demo = post(server, make_record("00000000-0000-4000-8000-000000000006",
                                            DepartmentPublicKey::demo(), key, "{}"));
  CHECK(demo.status == 422);
  REQUIRE(server.records().size() == 1);
  CHECK(server.records()[0]["opened"]["x"] == "y");
}

TEST_CASE("kiosk --new-department-keys writes a pair once and refuses to overwrite it") {
  ScratchDir dir("kiosk-crypto-cli");
  namespace tc = kiosk::test_cli;
  const std::string keys = dir / "keys";
  tc::Run made = tc::run_kiosk({"--new-department-keys", keys}, {.work = dir.path()});
  INFO(made.err);
  REQUIRE(made.code == 0);
  auto pub = read_department_public_file(keys + "/department.public");
  REQUIRE(pub.ok());
  CHECK(made.out.find("department_public_key = \"" + pub->base64() + "\"") != std::string::npos);
  CHECK(made.out.find("key id (sealed_to): " + pub->key_id()) != std::string::npos);
  const std::string secret = tc::read_file(keys + "/department.secret");
  CHECK(made.out.find(secret.substr(0, 20)) == std::string::npos);  // the secret is never printed

  tc::Run again = tc::run_kiosk({"--new-department-keys", keys}, {.work = dir.path()});
  CHECK(again.code == 1);
  CHECK(again.err.find("already exists; not overwriting it") != std::string::npos);
  CHECK(tc::read_file(keys + "/department.secret") == secret);
}

TEST_CASE("kiosk --status prints the collector public key and demo mode, never the secret") {
  ScratchDir dir("kiosk-crypto-cli");
  namespace tc = kiosk::test_cli;
  tc::write_file(dir / "kiosk.toml", "");
  tc::Run demo =
      tc::run_kiosk({"--status", "--data-dir", dir / "data", "--config", dir / "kiosk.toml"},
                    {.work = dir.path()});
  REQUIRE(demo.code == 0);
  auto j = nlohmann::json::parse(demo.out);
  KioskSigningKey key = KioskSigningKey::load_or_create(dir / "data");
  CHECK(j["collector_public_key"] == key.public_key_base64());
  CHECK(j["demo"] == true);
  const std::string seed = tc::read_file(dir / "data/signing-key");
  CHECK(demo.out.find(seed.substr(0, 20)) == std::string::npos);

  tc::write_file(
      dir / "kiosk.toml",
      "[privacy]\ndepartment_public_key = \"4AJVJU5o6ofYTxMX9a1iMd9nFYMDzFxWPZCo/9PRSE8=\"\n");
  tc::Run real =
      tc::run_kiosk({"--status", "--data-dir", dir / "data", "--config", dir / "kiosk.toml"},
                    {.work = dir.path()});
  REQUIRE(real.code == 0);
  auto k = nlohmann::json::parse(real.out);
  CHECK(k["demo"] == false);
  CHECK(k["collector_public_key"] == key.public_key_base64());  // the same key on every start
}
