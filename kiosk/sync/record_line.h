// The record line: one outbox row as the JSON object the department receives, the same for the
// upload body (envelope.h) and each line of a USB export (kiosk/staff/export.h). Members in a
// fixed order, the stored answers appended verbatim as the last member "payload", so the bytes the
// visitor confirmed are the bytes that travel.
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

}  // namespace kiosk::sync
