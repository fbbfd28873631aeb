// Protocol v2 record signing text, signature and verification.
#include "kiosk/crypto/record_signature.h"

#include <iterator>
#include <utility>

namespace kiosk::crypto {

Result<std::string> signing_text(const RecordSignedFields& f) {
  const std::pair<const char*, const std::string*> named[] = {
      {"id", &f.id},
      {"form_id", &f.form_id},
      {"program_id", &f.program_id},
      {"event_id", &f.event_id},
      {"event_tag", &f.event_tag},
      {"created_at", &f.created_at},
      {"collected_by_kiosk_id", &f.collected_by_kiosk_id},
      {"signer_kiosk_id", &f.signer_kiosk_id},
      {"sealed_to", &f.sealed_to},
  };
  for (const auto& [name, value] : named)
    if (value->find('\n') != std::string::npos)
      return Result<std::string>::failure(std::string("the record's ") + name +
                                          " contains a line break, which a signed record "
                                          "cannot hold");
  const std::string version = std::to_string(f.form_version);
  const std::string payload = to_base64(f.sealed_payload);
  // The order is the protocol (see the header comment): never reorder these.
  const std::string_view lines[] = {kRecordSigningHeader,
                                    f.id,
                                    f.form_id,
                                    version,
                                    f.program_id,
                                    f.event_id,
                                    f.event_tag,
                                    f.created_at,
                                    f.collected_by_kiosk_id,
                                    f.signer_kiosk_id,
                                    f.sealed_to,
                                    payload};
  std::string text(lines[0]);
  for (std::size_t i = 1; i < std::size(lines); ++i) {
    text += '\n';
    text += lines[i];
  }
  return text;
}

Result<std::string> sign_record(const KioskSigningKey& key, const RecordSignedFields& fields) {
  Result<std::string> text = signing_text(fields);
  if (!text) return text;
  return to_base64(key.sign(*text));
}

RecordVerdict verify_record(std::string_view collector_public_key_base64,
                            const RecordSignedFields& fields, std::string_view signature_base64) {
  auto key = CollectorPublicKey::parse(collector_public_key_base64);
  if (!key) return {false, "collector_public_key " + key.error()};
  auto sig = from_base64(signature_base64, kSignatureBytes);
  if (!sig) return {false, "the signature " + sig.error()};
  Result<std::string> text = signing_text(fields);
  if (!text) return {false, text.error()};
  if (!verify(*key, *text, *sig))
    return {false,
            "the signature does not match the record and collector_public_key (altered "
            "record or wrong key)"};
  return {true, ""};
}

}  // namespace kiosk::crypto
