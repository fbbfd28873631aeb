// The record line: one outbox row as the JSON object the department receives, the same for the
// upload body (envelope.h) and each line of a USB export (kiosk/staff/export.h). Members in a
// fixed order. Protocol v2 (sealed_record_line): the sealed payload in base64 with the signature
// and the fields it covers, no plaintext (docs/upload-protocol.md). The v1 form (record_line, the
// stored answers appended verbatim as "payload") stays only until USB export format 2 replaces it.
#pragma once
#include <string>

#include "offline-cache/outbox.h"

namespace kiosk::sync {

// A JSON string literal for `s` (invalid UTF-8 replaced, never thrown on).
std::string json_quote(const std::string& s);

// Every member before the payload, ending in `"payload":`: id, form_id, form_version, program_id,
// event_tag, created_at, kiosk_id (this kiosk), collected_by_kiosk_id (the collecting kiosk, this
// one for its own records) and, when `app_version` is given (uploads), app_version.
std::string record_line_prefix(const store::Submission& s, const std::string& kiosk_id,
                               const std::string* app_version = nullptr);

// The whole object: prefix + payload + "}".
std::string record_line(const store::Submission& s, const std::string& kiosk_id,
                        const std::string& payload, const std::string* app_version = nullptr);

// Protocol v2, members in this order: id, form_id, form_version, program_id (null when empty),
// event_id (null when empty), event_tag (null when none), created_at, kiosk_id (this kiosk),
// collected_by_kiosk_id, app_version (uploads only, when given), signer_kiosk_id, sealed_to,
// sealed_payload (standard base64), collector_public_key, signature. Every value comes from the
// row as stored, so the department can rebuild the exact signing text (record_signature.h).
std::string sealed_record_line(const store::Submission& s, const std::string& kiosk_id,
                               const std::string* app_version = nullptr);

}  // namespace kiosk::sync
