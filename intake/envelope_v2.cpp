// Parses and type-checks a v2 envelope (see envelope_v2.h). The field list matches
// tests/support/test_server.py's V2_FIELDS, the reference server the kiosk is tested against.
#include "intake/envelope_v2.h"

#include <array>
#include <nlohmann/json.hpp>

namespace intake {

namespace {

constexpr std::array<const char*, 15> kV2Fields = {"id",
                                                   "form_id",
                                                   "form_version",
                                                   "program_id",
                                                   "event_tag",
                                                   "created_at",
                                                   "kiosk_id",
                                                   "collected_by_kiosk_id",
                                                   "app_version",
                                                   "event_id",
                                                   "signer_kiosk_id",
                                                   "sealed_to",
                                                   "sealed_payload",
                                                   "collector_public_key",
                                                   "signature"};

// A required string (nullable ones may be null, read as ""). Limits keep one row small.
bool read_string(const nlohmann::json& env, const char* name, bool nullable, std::string& out,
                 EnvelopeRefusal& refusal, std::size_t max_len = 256) {
  const auto& v = env.at(name);
  if (v.is_null() && nullable) {
    out.clear();
    return true;
  }
  if (!v.is_string()) {
    refusal = {422, std::string(name) + " must be a string"};
    return false;
  }
  out = v.get<std::string>();
  if (out.size() > max_len) {
    refusal = {422, std::string(name) + " is too long"};
    return false;
  }
  return true;
}

}  // namespace

std::optional<EnvelopeV2> parse_envelope_v2(const std::string& body,
                                            const std::string& idempotency_key,
                                            EnvelopeRefusal& refusal) {
  nlohmann::json env = nlohmann::json::parse(body, nullptr, false);
  if (env.is_discarded()) {
    refusal = {400, "the body is not JSON"};
    return std::nullopt;
  }
  if (!env.is_object()) {
    refusal = {422, "the envelope is not a JSON object"};
    return std::nullopt;
  }
  std::string missing;
  for (const char* f : kV2Fields)
    if (!env.contains(f)) missing += (missing.empty() ? "" : ", ") + std::string(f);
  if (!missing.empty()) {
    refusal = {422, "the envelope lacks " + missing};
    return std::nullopt;
  }
  if (env.contains("payload")) {
    refusal = {422, "a v2 envelope carries no plaintext payload"};
    return std::nullopt;
  }
  if (!env["id"].is_string() || idempotency_key.empty() ||
      env["id"].get<std::string>() != idempotency_key) {
    refusal = {400, "Idempotency-Key must be the submission id"};
    return std::nullopt;
  }
  EnvelopeV2 e;
  auto& s = e.signed_fields;
  const auto& fv = env["form_version"];
  if (!fv.is_number_integer() || fv.get<long long>() < 0 || fv.get<long long>() > 1000000) {
    refusal = {422, "form_version must be a whole number"};
    return std::nullopt;
  }
  s.form_version = fv.get<int>();
  std::string sealed_b64;
  if (!read_string(env, "id", false, s.id, refusal) ||
      !read_string(env, "form_id", false, s.form_id, refusal) ||
      !read_string(env, "program_id", true, s.program_id, refusal) ||
      !read_string(env, "event_id", true, s.event_id, refusal) ||
      !read_string(env, "event_tag", true, s.event_tag, refusal) ||
      !read_string(env, "created_at", false, s.created_at, refusal) ||
      !read_string(env, "kiosk_id", false, e.kiosk_id, refusal) ||
      !read_string(env, "collected_by_kiosk_id", false, s.collected_by_kiosk_id, refusal) ||
      !read_string(env, "app_version", false, e.app_version, refusal) ||
      !read_string(env, "signer_kiosk_id", false, s.signer_kiosk_id, refusal) ||
      !read_string(env, "sealed_to", false, s.sealed_to, refusal) ||
      !read_string(env, "collector_public_key", false, e.collector_public_key, refusal) ||
      !read_string(env, "signature", false, e.signature, refusal) ||
      !read_string(env, "sealed_payload", false, e.sealed_payload_base64, refusal, body.size()))
    return std::nullopt;
  if (s.id.empty() || s.form_id.empty() || s.signer_kiosk_id.empty()) {
    refusal = {422, "id, form_id and signer_kiosk_id must not be empty"};
    return std::nullopt;
  }
  auto sealed = kiosk::crypto::from_base64(e.sealed_payload_base64);
  if (!sealed) {
    refusal = {422, "sealed_payload " + sealed.error()};
    return std::nullopt;
  }
  s.sealed_payload = std::move(*sealed);
  return e;
}

}  // namespace intake
