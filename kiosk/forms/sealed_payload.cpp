// Building the self-describing plaintext and sealing and signing it (see sealed_payload.h).
#include "kiosk/forms/sealed_payload.h"

#include <nlohmann/json.hpp>

#include "kiosk/crypto/seal.h"
#include "kiosk/forms/answers_json.h"

namespace kiosk::forms {
namespace {

nlohmann::json local_label(const LocalText& t, Lang lang) {
  nlohmann::json j = {{"en", t.en}};
  if (lang != Lang::En) j[lang_code(lang)] = t.get(lang);
  return j;
}

}  // namespace

SecureString describe_payload(const FormSpec& form, const SecureString& payload_json, Lang lang) {
  nlohmann::json payload =
      nlohmann::json::parse(payload_json.begin(), payload_json.end(), nullptr, false);
  if (!payload.is_object()) throw std::invalid_argument("describe_payload: not a JSON object");
  nlohmann::json labels = nlohmann::json::object();
  for (const FieldSpec* f : form.all_fields()) {
    nlohmann::json l = local_label(f->label, lang);
    if (!f->choices.empty()) {
      nlohmann::json choices = nlohmann::json::object();
      for (const Choice& c : f->choices) choices[c.id] = local_label(c.label, lang);
      l["choices"] = std::move(choices);
    }
    labels[f->id] = std::move(l);
  }
  payload["labels"] = std::move(labels);
  std::string text = payload.dump();
  SecureString out = to_secure(text);
  wipe_buffer(text);
  wipe_json(payload);
  return out;
}

crypto::Result<SealedRecord> seal_record(const Sealer& sealer, const RecordMeta& meta,
                                         const SecureString& plaintext) {
  crypto::RecordSignedFields f;
  f.id = meta.id;
  f.form_id = meta.form_id;
  f.form_version = meta.form_version;
  f.program_id = meta.program_id;
  f.event_id = meta.event_id;
  f.event_tag = meta.event_tag;
  f.created_at = meta.created_at;
  f.collected_by_kiosk_id =
      meta.collected_by_kiosk_id.empty() ? sealer.kiosk_id : meta.collected_by_kiosk_id;
  f.signer_kiosk_id = sealer.kiosk_id;
  f.sealed_to = sealer.to.key_id();
  // Checked before sealing so a refused record never costs a seal.
  if (crypto::Result<std::string> t = crypto::signing_text(f); !t)
    return crypto::Result<SealedRecord>::failure(t.error());
  f.sealed_payload = crypto::seal(sealer.to, std::string_view(plaintext.data(), plaintext.size()));
  crypto::Result<std::string> sig = crypto::sign_record(sealer.key, f);
  if (!sig) return crypto::Result<SealedRecord>::failure(sig.error());
  SealedRecord r;
  r.fields = std::move(f);
  r.collector_public_key = sealer.key.public_key_base64();
  r.signature = std::move(*sig);
  return r;
}

}  // namespace kiosk::forms
