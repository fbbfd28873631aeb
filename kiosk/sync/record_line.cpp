// Builds the record line shared by upload and USB export (see record_line.h).
#include "kiosk/sync/record_line.h"

#include <nlohmann/json.hpp>

#include "kiosk/crypto/base64.h"

namespace kiosk::sync {

std::string json_quote(const std::string& s) {
  return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string record_line_prefix(const store::Submission& s, const std::string& kiosk_id,
                               const std::string* app_version) {
  std::string b;
  b.reserve(384);
  b += "{\"id\":" + json_quote(s.id);
  b += ",\"form_id\":" + json_quote(s.form_id);
  b += ",\"form_version\":" + std::to_string(s.form_version);
  b += ",\"program_id\":" + (s.program_id.empty() ? std::string("null") : json_quote(s.program_id));
  b += ",\"event_tag\":" +
       (s.event_tag && !s.event_tag->empty() ? json_quote(*s.event_tag) : std::string("null"));
  b += ",\"created_at\":" + json_quote(s.created_at);
  b += ",\"kiosk_id\":" + json_quote(kiosk_id);
  b += ",\"collected_by_kiosk_id\":" + json_quote(s.collected_by.value_or(kiosk_id));
  if (app_version) b += ",\"app_version\":" + json_quote(*app_version);
  b += ",\"payload\":";
  return b;
}

std::string record_line(const store::Submission& s, const std::string& kiosk_id,
                        const std::string& payload, const std::string* app_version) {
  std::string b = record_line_prefix(s, kiosk_id, app_version);
  b.reserve(b.size() + payload.size() + 1);
  b += payload;
  b += "}";
  return b;
}

namespace {
std::string quote_or_null(const std::string& s) {
  return s.empty() ? std::string("null") : json_quote(s);
}
}  // namespace

std::string sealed_record_line(const store::Submission& s, const std::string& kiosk_id,
                               const std::string* app_version) {
  const std::string sealed = crypto::to_base64(s.sealed_payload);
  std::string b;
  b.reserve(640 + sealed.size());
  b += "{\"id\":" + json_quote(s.id);
  b += ",\"form_id\":" + json_quote(s.form_id);
  b += ",\"form_version\":" + std::to_string(s.form_version);
  b += ",\"program_id\":" + quote_or_null(s.program_id);
  b += ",\"event_id\":" + quote_or_null(s.event_id);
  b += ",\"event_tag\":" + quote_or_null(s.event_tag.value_or(""));
  b += ",\"created_at\":" + json_quote(s.created_at);
  b += ",\"kiosk_id\":" + json_quote(kiosk_id);
  b += ",\"collected_by_kiosk_id\":" + json_quote(s.collected_by.value_or(kiosk_id));
  if (app_version) b += ",\"app_version\":" + json_quote(*app_version);
  b += ",\"signer_kiosk_id\":" + json_quote(s.signer_kiosk_id);
  b += ",\"sealed_to\":" + json_quote(s.sealed_to);
  b += ",\"sealed_payload\":\"" + sealed + "\"";  // base64: nothing to escape
  b += ",\"collector_public_key\":" + json_quote(s.collector_public_key);
  b += ",\"signature\":" + json_quote(s.signature);
  b += "}";
  return b;
}

}  // namespace kiosk::sync
