// The protocol v2 record signature: the exact signing text, signing and verifying it, and every
// alteration refused with a reason (a flipped bit in the payload or the signature, another key,
// any changed field, a line break in a value).
#include <catch2/catch.hpp>

#include "kiosk/crypto/record_signature.h"
#include "kiosk/crypto/seal.h"

using namespace kiosk::crypto;

namespace {

RecordSignedFields known_record() {
  RecordSignedFields f;
  f.id = "3f2b8c1e-5d4a-4b6c-9e7f-0a1b2c3d4e5f";
  f.form_id = "signup";
  f.form_version = 12;
  f.program_id = "youth-academy";
  f.event_id = "";
  f.event_tag = "fall-festival";
  f.created_at = "2026-08-04T18:00:00Z";
  f.collected_by_kiosk_id = "aa09e530-e00b-460d-894f-e95c1d2c6236";
  f.signer_kiosk_id = "bb09e530-e00b-460d-894f-e95c1d2c6237";
  f.sealed_to = "f7d0122c3ae4d9cc";
  f.sealed_payload = {'s', 'e', 'a', 'l', 'e', 'd'};
  return f;
}

}  // namespace

TEST_CASE("the signing text is the protocol's lines joined by newlines, none at the end") {
  auto text = signing_text(known_record());
  REQUIRE(text.ok());
  CHECK(*text ==
        "community-kiosk record v2\n"
        "3f2b8c1e-5d4a-4b6c-9e7f-0a1b2c3d4e5f\n"
        "signup\n"
        "12\n"
        "youth-academy\n"
        "\n"
        "fall-festival\n"
        "2026-08-04T18:00:00Z\n"
        "aa09e530-e00b-460d-894f-e95c1d2c6236\n"
        "bb09e530-e00b-460d-894f-e95c1d2c6237\n"
        "f7d0122c3ae4d9cc\n"
        "c2VhbGVk");
  RecordSignedFields empty;
  CHECK(*signing_text(empty) == "community-kiosk record v2\n\n\n0\n\n\n\n\n\n\n\n");
}

TEST_CASE("a value with a line break is refused, naming the field, and never signed") {
  KioskSigningKey key = KioskSigningKey::generate();
  for (std::string RecordSignedFields::*field :
       {&RecordSignedFields::id, &RecordSignedFields::form_id, &RecordSignedFields::program_id,
        &RecordSignedFields::event_id, &RecordSignedFields::event_tag,
        &RecordSignedFields::created_at, &RecordSignedFields::collected_by_kiosk_id,
        &RecordSignedFields::signer_kiosk_id, &RecordSignedFields::sealed_to}) {
    RecordSignedFields f = known_record();
    f.*field += "\nforged line";
    auto text = signing_text(f);
    REQUIRE_FALSE(text.ok());
    CHECK(text.error().find("contains a line break") != std::string::npos);
    CHECK(text.error().find("forged") == std::string::npos);
    CHECK_FALSE(sign_record(key, f).ok());
  }
  RecordSignedFields f = known_record();
  f.event_tag = "fall\nfestival";
  CHECK(signing_text(f).error() ==
        "the record's event_tag contains a line break, which a signed record cannot hold");
}

TEST_CASE("a signed record verifies, and any alteration does not") {
  KioskSigningKey key = KioskSigningKey::generate();
  DepartmentKeyPair dept = DepartmentKeyPair::generate();
  RecordSignedFields f = known_record();
  f.sealed_to = dept.public_key.key_id();
  f.sealed_payload = seal(dept.public_key, std::string_view(R"({"name":"Ana"})"));
  auto sig = sign_record(key, f);
  REQUIRE(sig.ok());
  CHECK(from_base64(*sig, kSignatureBytes).ok());
  RecordVerdict good = verify_record(key.public_key_base64(), f, *sig);
  CHECK(good.ok);
  CHECK(good.reason.empty());

  SECTION("a flipped bit in the sealed payload") {
    f.sealed_payload[f.sealed_payload.size() / 2] ^= 0x04;
    RecordVerdict v = verify_record(key.public_key_base64(), f, *sig);
    CHECK_FALSE(v.ok);
    CHECK(v.reason.find("the signature does not match") == 0);
  }
  SECTION("a flipped bit in the signature") {
    Bytes raw = *from_base64(*sig);
    raw[5] ^= 0x80;
    CHECK_FALSE(verify_record(key.public_key_base64(), f, to_base64(raw)));
  }
  SECTION("a swapped collector key") {
    CHECK_FALSE(verify_record(KioskSigningKey::generate().public_key_base64(), f, *sig));
  }
  SECTION("each signed field changed") {
    for (std::string RecordSignedFields::*field :
         {&RecordSignedFields::id, &RecordSignedFields::form_id, &RecordSignedFields::program_id,
          &RecordSignedFields::event_id, &RecordSignedFields::event_tag,
          &RecordSignedFields::created_at, &RecordSignedFields::collected_by_kiosk_id,
          &RecordSignedFields::signer_kiosk_id, &RecordSignedFields::sealed_to}) {
      RecordSignedFields changed = f;
      changed.*field += "x";
      CHECK_FALSE(verify_record(key.public_key_base64(), changed, *sig));
    }
    RecordSignedFields changed = f;
    changed.form_version = 13;
    CHECK_FALSE(verify_record(key.public_key_base64(), changed, *sig));
  }
  SECTION("a field moved into its neighbour is a different text") {
    RecordSignedFields moved = f;
    moved.event_id = moved.event_tag;
    moved.event_tag.clear();
    CHECK_FALSE(verify_record(key.public_key_base64(), moved, *sig));
  }
  SECTION("malformed key or signature text, with the reason") {
    RecordVerdict bad_key = verify_record("abc", f, *sig);
    CHECK_FALSE(bad_key.ok);
    CHECK(bad_key.reason.find("collector_public_key is not standard base64") == 0);
    RecordVerdict bad_sig = verify_record(key.public_key_base64(), f, "c2ln");
    CHECK_FALSE(bad_sig.ok);
    CHECK(bad_sig.reason == "the signature decodes to 3 bytes, not the expected 64");
  }
}
