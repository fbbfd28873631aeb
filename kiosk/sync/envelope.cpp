// Builds the upload body. The stored answers are spliced in verbatim after a strict JSON check,
// so what the server receives is byte-for-byte what the visitor confirmed.
#include "kiosk/sync/envelope.h"

#include "kiosk/sync/record_line.h"

#include <cctype>

#include <nlohmann/json.hpp>

namespace kiosk::sync {

namespace {

// A JSON object and nothing else: the SAX parser checks syntax and UTF-8 without building a tree.
bool is_json_object(const std::string& text) {
  size_t i = text.find_first_not_of(" \t\r\n");
  return i != std::string::npos && text[i] == '{' && nlohmann::json::accept(text);
}

// The id travels in a header: only the characters of a UUID, so nothing can be injected there.
bool is_header_safe_id(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id)
    if (!std::isxdigit(static_cast<unsigned char>(c)) && c != '-') return false;
  return true;
}

}  // namespace

std::optional<Envelope> build_envelope(const store::Submission& s, const EnvelopeContext& ctx,
                                       std::string& why) {
  if (!is_header_safe_id(s.id)) {
    why = "the record's id is not a UUID; this record cannot be uploaded";
    return std::nullopt;
  }
  if (!is_json_object(s.payload_json)) {
    why = s.payload_json.empty()
              ? "the stored answers are missing; this record cannot be uploaded"
              : "the stored answers are not a valid JSON object; this record cannot be uploaded";
    return std::nullopt;
  }
  Envelope e;
  e.body = record_line(s, ctx.kiosk_id, s.payload_json, &ctx.app_version);
  e.headers = {"Content-Type: application/json", "Idempotency-Key: " + s.id};
  return e;
}

std::string user_agent(const std::string& app_version) { return "community-kiosk/" + app_version; }

}  // namespace kiosk::sync
