// What a kiosk stores for one completed form (issue 10): the self-describing plaintext (answers plus
// every field's and choice's label in English and in the visitor's language, form id and version),
// sealed to the department key and signed by the kiosk: what the store keeps (the app copies it
// into a store::NewSubmission).
// FormFlow's save, `kiosk --submit` and the sealing migration all go through here, so no writer can
// store answers in clear.
//
// Invariants: the plaintext is built and sealed in zero-on-free buffers and wiped before returning;
// the result holds only sealed bytes and non-personal metadata; a signed field holding a line break
// is refused (an error, nothing sealed).
#pragma once
#include <string>

#include "kiosk/core/lang.h"
#include "kiosk/crypto/department_key.h"
#include "kiosk/crypto/record_signature.h"
#include "kiosk/crypto/result.h"
#include "kiosk/crypto/signing_key.h"
#include "kiosk/forms/form_spec.h"
#include "kiosk/forms/secure_buffer.h"

namespace kiosk::forms {

// The plaintext the department opens: the stored payload (make_submission's JSON: form_id,
// form_version, program_id, lang, channel, answers) plus
//   "labels": {"<field id>": {"en": "...", "<lang>": "...",
//                             "choices": {"<choice id>": {"en": "...", "<lang>": "..."}}}}
// for every field of `form` (choices only for choice fields). `payload_json` must be a JSON object.
SecureString describe_payload(const FormSpec& form, const SecureString& payload_json, Lang lang);

// Who seals and signs, and to whom.
struct Sealer {
  const crypto::DepartmentPublicKey& to;
  const crypto::KioskSigningKey& key;
  std::string kiosk_id;  // this kiosk: the signer
};

// The metadata the signature covers beside the sealed bytes (id and created_at chosen by the caller).
struct RecordMeta {
  std::string id;
  std::string created_at;
  std::string form_id;
  int form_version = 1;
  std::string program_id;
  std::string event_id;
  std::string event_tag;
  std::string collected_by_kiosk_id;  // "" = the signer collected it
};

// A sealed, signed record: the signed fields (sealed bytes included) and the signature.
struct SealedRecord {
  crypto::RecordSignedFields fields;
  std::string collector_public_key;  // base64
  std::string signature;             // base64
};

// Seals `plaintext` to sealer.to and signs the record as sealer.kiosk_id. The caller wipes its
// plaintext right after. Fails (why, naming the field) on a line break in a signed field.
crypto::Result<SealedRecord> seal_record(const Sealer& sealer, const RecordMeta& meta,
                                         const SecureString& plaintext);

}  // namespace kiosk::forms
