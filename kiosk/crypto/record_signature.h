// The record signature of protocol v2 (issue 10, docs/upload-protocol.md): the exact text a kiosk
// signs for one sealed record, and signing and checking it. The outbox, the upload envelope, USB
// export/import and the department's intake all fill RecordSignedFields and call these.
//
// The signing text is the UTF-8 bytes of these lines joined by "\n", with no trailing newline:
//     community-kiosk record v2
//     <id>
//     <form_id>
//     <form_version as decimal>
//     <program_id>
//     <event_id>
//     <event_tag>
//     <created_at>
//     <collected_by_kiosk_id>
//     <signer_kiosk_id>
//     <sealed_to>
//     <sealed_payload as standard base64>
// An absent value is the empty string. Invariant: a value containing "\n" is refused (an error,
// never a signature), so no two different records have the same text.
#pragma once
#include <string>
#include <string_view>

#include "kiosk/crypto/base64.h"
#include "kiosk/crypto/result.h"
#include "kiosk/crypto/signing_key.h"

namespace kiosk::crypto {

inline constexpr std::string_view kRecordSigningHeader = "community-kiosk record v2";

// Plain data: what the signature covers. Filled by whoever builds or checks a v2 record.
struct RecordSignedFields {
  std::string id;
  std::string form_id;
  int form_version = 0;
  std::string program_id;
  std::string event_id;   // the specific event signed up for; empty until event sign-ups exist
  std::string event_tag;  // empty = none
  std::string created_at;
  std::string collected_by_kiosk_id;  // the kiosk that collected the answers
  std::string signer_kiosk_id;        // the kiosk that sealed and signed (collector or migrator)
  std::string sealed_to;              // the department key id (DepartmentPublicKey::key_id())
  Bytes sealed_payload;               // crypto_box_seal bytes (base64 in the text)
};

// The exact bytes to sign, or why the fields cannot be signed (names the field, not its value).
Result<std::string> signing_text(const RecordSignedFields& fields);

// The base64 of the 64-byte detached signature over signing_text(fields), or why it was refused.
Result<std::string> sign_record(const KioskSigningKey& key, const RecordSignedFields& fields);

struct RecordVerdict {
  bool ok = false;
  std::string reason;  // empty when ok; else names what failed ("the signature does not match ...")
  explicit operator bool() const { return ok; }
};

// Checks `signature_base64` over the fields with the collector key given in base64. This proves
// integrity only; whether that key belongs to `signer_kiosk_id` is the caller's check (the
// department's registration, or [privacy] trusted_collector_keys).
RecordVerdict verify_record(std::string_view collector_public_key_base64,
                            const RecordSignedFields& fields, std::string_view signature_base64);

}  // namespace kiosk::crypto
