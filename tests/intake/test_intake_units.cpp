// kiosk-intake's pure parts: which address a request counts against (X-Forwarded-For only from a
// trusted proxy), the look-up rate limit, reading a v2 envelope, the configuration file, and the
// inbox's password hashing and roles.
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

#include "intake/client_address.h"
#include "intake/config.h"
#include "intake/envelope_v2.h"
#include "intake/rate_limiter.h"
#include "intake/staff.h"
#include "kiosk/crypto/department_key.h"
#include "kiosk/crypto/record_signature.h"
#include "kiosk/crypto/seal.h"
#include "kiosk/crypto/signing_key.h"
#include "kiosk/crypto/sodium_init.h"

using namespace intake;

TEST_CASE("intake: address ranges match IPv4, IPv6 and CIDR prefixes") {
  auto lo = AddressRange::parse("127.0.0.1");
  REQUIRE(lo);
  CHECK(lo->contains("127.0.0.1"));
  CHECK(lo->contains("::ffff:127.0.0.1"));
  CHECK_FALSE(lo->contains("127.0.0.2"));
  auto net = AddressRange::parse("10.1.0.0/16");
  REQUIRE(net);
  CHECK(net->contains("10.1.200.3"));
  CHECK_FALSE(net->contains("10.2.0.1"));
  auto v6 = AddressRange::parse("fd00::/8");
  REQUIRE(v6);
  CHECK(v6->contains("fd12::1"));
  CHECK_FALSE(v6->contains("fe80::1"));
  CHECK_FALSE(AddressRange::parse("10.0.0.0/33"));
  CHECK_FALSE(AddressRange::parse("proxy.example.org"));
  CHECK_FALSE(net->contains("not an address"));
}

TEST_CASE("intake: X-Forwarded-For counts only when the peer is a trusted proxy") {
  ClientAddressResolver r({"127.0.0.1", "10.0.0.0/8"});
  CHECK(r.resolve("203.0.113.5", "198.51.100.1") ==
        "203.0.113.5");  // untrusted peer: header ignored
  CHECK(r.resolve("127.0.0.1", "") == "127.0.0.1");
  CHECK(r.resolve("127.0.0.1", "198.51.100.1") == "198.51.100.1");
  // The right-most untrusted hop is the client; what the client wrote to its left is ignored.
  CHECK(r.resolve("127.0.0.1", "192.0.2.9, 198.51.100.1, 10.0.0.4") == "198.51.100.1");
  CHECK(r.resolve("127.0.0.1", "10.0.0.4") == "127.0.0.1");  // only proxies: the peer
  CHECK(r.resolve("127.0.0.1", "garbage") == "127.0.0.1");
}

TEST_CASE("intake: the look-up limit allows a burst per client, then refills") {
  RateLimiter limiter(3);
  auto t0 = RateLimiter::Clock::now();
  int retry = 0;
  for (int i = 0; i < 3; ++i) CHECK(limiter.allow("a", retry, t0));
  CHECK_FALSE(limiter.allow("a", retry, t0));
  CHECK(retry == 20);  // one token every 20 s at 3 per minute
  CHECK(limiter.allow("b", retry, t0));
  CHECK(limiter.allow("a", retry, t0 + std::chrono::seconds(21)));
  CHECK_FALSE(limiter.allow("a", retry, t0 + std::chrono::seconds(21)));
}

namespace {

nlohmann::json sample_envelope() {
  return {{"id", "3f2b8c1e-5d4a-4b6c-9e7f-0a1b2c3d4e5f"},
          {"form_id", "signup"},
          {"form_version", 2},
          {"program_id", "block_watch"},
          {"event_tag", nullptr},
          {"created_at", "2026-08-04T18:00:00Z"},
          {"kiosk_id", "k-1"},
          {"collected_by_kiosk_id", "k-0"},
          {"app_version", "0.1.0"},
          {"event_id", nullptr},
          {"signer_kiosk_id", "k-0"},
          {"sealed_to", "0123456789abcdef"},
          {"sealed_payload", "AAECAw=="},
          {"collector_public_key", "key"},
          {"signature", "sig"}};
}

}  // namespace

TEST_CASE("intake: a v2 envelope is read into the signed fields") {
  EnvelopeRefusal why;
  auto e = parse_envelope_v2(sample_envelope().dump(), "3f2b8c1e-5d4a-4b6c-9e7f-0a1b2c3d4e5f", why);
  REQUIRE(e);
  CHECK(e->signed_fields.form_version == 2);
  CHECK(e->signed_fields.program_id == "block_watch");
  CHECK(e->signed_fields.event_tag.empty());
  CHECK(e->signed_fields.collected_by_kiosk_id == "k-0");
  CHECK(e->signed_fields.sealed_payload == kiosk::crypto::Bytes{0, 1, 2, 3});
  CHECK(e->kiosk_id == "k-1");
}

TEST_CASE("intake: malformed v2 envelopes are refused with the status and reason") {
  const std::string id = "3f2b8c1e-5d4a-4b6c-9e7f-0a1b2c3d4e5f";
  EnvelopeRefusal why;
  CHECK_FALSE(parse_envelope_v2("{not json", id, why));
  CHECK(why.status == 400);
  CHECK_FALSE(parse_envelope_v2(sample_envelope().dump(), "another-id", why));
  CHECK(why.status == 400);
  auto missing = sample_envelope();
  missing.erase("signature");
  missing.erase("sealed_to");
  CHECK_FALSE(parse_envelope_v2(missing.dump(), id, why));
  CHECK(why.status == 422);
  CHECK(why.reason == "the envelope lacks sealed_to, signature");
  auto plain = sample_envelope();
  plain["payload"] = {{"name", "x"}};
  CHECK_FALSE(parse_envelope_v2(plain.dump(), id, why));
  CHECK(why.reason.find("plaintext") != std::string::npos);
  auto bad_b64 = sample_envelope();
  bad_b64["sealed_payload"] = "AAECAw";  // no padding: not canonical
  CHECK_FALSE(parse_envelope_v2(bad_b64.dump(), id, why));
  CHECK(why.reason.find("sealed_payload") == 0);
  auto bad_version = sample_envelope();
  bad_version["form_version"] = "2";
  CHECK_FALSE(parse_envelope_v2(bad_version.dump(), id, why));
  CHECK(why.reason == "form_version must be a whole number");
}

TEST_CASE("intake: the configuration file is read, and its mistakes are named") {
  const std::string path = "intake-config-test.toml";
  auto write = [&](const std::string& text) { std::ofstream(path) << text; };
  const std::string key = kiosk::crypto::DepartmentPublicKey::demo().base64();
  write(
      "[database]\nurl = \"postgresql:///intake\"\n[server]\nlisten = "
      "\"0.0.0.0:9000\"\nmax_body_kb = 64\n"
      "trusted_proxies = [\"127.0.0.1\", \"10.0.0.0/8\"]\n[keys]\naccepted_public_keys = [\"" +
      key + "\"]\n");
  Config c = load_config(path);
  CHECK(c.database_url == "postgresql:///intake");
  CHECK(c.listen_host == "0.0.0.0");
  CHECK(c.listen_port == 9000);
  CHECK(c.max_body_kb == 64);
  CHECK(c.trusted_proxies.size() == 2);
  CHECK(c.accepted_key_ids ==
        std::set<std::string>{kiosk::crypto::DepartmentPublicKey::demo().key_id()});

  write("[database]\nurl = \"postgresql:///intake\"\n[keys]\naccepted_public_keys = [\"" + key +
        "\"]\n");
  CHECK(load_config(path).max_body_kb == 512);
  write("[database]\nurl = \"x\"\n[keys]\naccepted_public_keys = []\n");
  CHECK_THROWS_WITH(load_config(path), Catch::Contains("accepted_public_keys"));
  write(
      "[database]\nurl = \"x\"\n[server]\ntrusted_proxies = [\"proxy.local\"]\n[keys]\n"
      "accepted_public_keys = [\"" +
      key + "\"]\n");
  CHECK_THROWS_WITH(load_config(path), Catch::Contains("trusted_proxies"));
  write("[keys]\naccepted_public_keys = [\"" + key + "\"]\n");
  CHECK_THROWS_WITH(load_config(path), Catch::Contains("[database] url"));
  std::remove(path.c_str());
}

TEST_CASE("intake: an envelope signed by kiosk_crypto is read back and verifies") {
  auto key = kiosk::crypto::KioskSigningKey::generate();
  kiosk::crypto::RecordSignedFields f;
  f.id = "3f2b8c1e-5d4a-4b6c-9e7f-0a1b2c3d4e5f";
  f.form_id = "records_request";
  f.form_version = 1;
  f.created_at = "2026-08-04T18:00:00Z";
  f.collected_by_kiosk_id = f.signer_kiosk_id = "k-0";
  f.sealed_to = kiosk::crypto::DepartmentPublicKey::demo().key_id();
  f.sealed_payload = {1, 2, 3, 4, 5};
  auto sig = kiosk::crypto::sign_record(key, f);
  REQUIRE(sig);
  nlohmann::json env = sample_envelope();
  env["form_id"] = f.form_id;
  env["form_version"] = f.form_version;
  env["program_id"] = nullptr;
  env["collected_by_kiosk_id"] = f.collected_by_kiosk_id;
  env["signer_kiosk_id"] = f.signer_kiosk_id;
  env["sealed_to"] = f.sealed_to;
  env["sealed_payload"] = kiosk::crypto::to_base64(f.sealed_payload);
  env["collector_public_key"] = key.public_key_base64();
  env["signature"] = *sig;
  EnvelopeRefusal why;
  auto e = parse_envelope_v2(env.dump(), f.id, why);
  REQUIRE(e);
  CHECK(kiosk::crypto::verify_record(e->collector_public_key, e->signed_fields, e->signature));
  env["event_tag"] = "changed-on-the-way";
  auto altered = parse_envelope_v2(env.dump(), f.id, why);
  REQUIRE(altered);
  CHECK_FALSE(kiosk::crypto::verify_record(altered->collector_public_key, altered->signed_fields,
                                           altered->signature));
}

TEST_CASE("intake: the inbox [web] section and secret key files are read, cookies Secure") {
  const std::string path = "intake-web-config-test.toml";
  auto write = [&](const std::string& text) { std::ofstream(path) << text; };
  const std::string head =
      "[database]\nurl = \"postgresql:///intake\"\n[keys]\naccepted_public_keys = [\"" +
      kiosk::crypto::DepartmentPublicKey::demo().base64() + "\"]\n";
  write(head);
  Config c = load_config(path);
  CHECK(c.secure_cookies);
  CHECK(c.web_host == "127.0.0.1");
  CHECK(c.web_port == 8490);
  CHECK(c.department_secret_files.empty());
  write(head +
        "department_secret_files = [\"/k/new.secret\", \"/k/old.secret\"]\n[web]\nlisten = "
        "\"10.0.5.20:9490\"\nsecure_cookies = false\n");
  c = load_config(path);
  CHECK_FALSE(c.secure_cookies);
  CHECK(c.web_host == "10.0.5.20");
  CHECK(c.web_port == 9490);
  CHECK(c.department_secret_files == std::vector<std::string>{"/k/new.secret", "/k/old.secret"});
  write(head + "[web]\nsecure_cookies = \"no\"\n");
  CHECK_THROWS_WITH(load_config(path), Catch::Contains("secure_cookies"));
  write(head + "[web]\nlisten = \"nowhere\"\n");
  CHECK_THROWS_WITH(load_config(path), Catch::Contains("[web] listen"));
  std::remove(path.c_str());
}

TEST_CASE("intake: staff passwords are Argon2id hashes and roles open their own forms only") {
  kiosk::crypto::ensure_sodium();
  const std::string hash = hash_password("correct horse battery");
  CHECK(hash.rfind("$argon2id$", 0) == 0);
  CHECK(hash.find("correct horse") == std::string::npos);
  CHECK(password_matches(hash, "correct horse battery"));
  CHECK_FALSE(password_matches(hash, "correct horse batterY"));
  CHECK_FALSE(password_problem("short").empty());
  CHECK(password_problem("long enough pass").empty());
  CHECK(role_for_form("crash_report") == "records");
  CHECK(role_for_form("records_request") == "records");
  CHECK(role_for_form("signup") == "programs");
  CHECK(role_for_form("unknown_form").empty());
  CHECK(is_staff_role("admin"));
  CHECK_FALSE(is_staff_role("root"));
}
