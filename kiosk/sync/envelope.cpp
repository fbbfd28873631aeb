// Builds the upload body: the protocol v2 record line (sealed payload and signature as stored).
#include "kiosk/sync/envelope.h"

#include "kiosk/sync/record_line.h"

#include <cctype>

namespace kiosk::sync {

namespace {

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
  if (!s.sealed()) {
    why = s.payload_json.empty()
              ? "the stored answers are missing; this record cannot be uploaded"
              : "the record is not sealed yet (set [privacy] department_public_key to upgrade); "
                "this record cannot be uploaded";
    return std::nullopt;
  }
  if (s.signature.empty() || s.sealed_to.empty() || s.collector_public_key.empty()) {
    why = "the record has no signature; this record cannot be uploaded";
    return std::nullopt;
  }
  Envelope e;
  e.body = sealed_record_line(s, ctx.kiosk_id, &ctx.app_version);
  e.headers = {"Content-Type: application/json", "Idempotency-Key: " + s.id};
  return e;
}

std::string user_agent(const std::string& app_version) { return "community-kiosk/" + app_version; }

}  // namespace kiosk::sync
