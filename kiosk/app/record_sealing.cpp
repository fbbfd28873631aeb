// Sealing a validated form for the outbox (see record_sealing.h).
#include "kiosk/app/record_sealing.h"

#include <utility>

#include "offline-cache/uuid.h"

namespace kiosk {

SealingIdentity SealingIdentity::load(const Config& config, const std::string& data_dir,
                                      std::string kiosk_id) {
  return SealingIdentity{sealing_key(config),
                         std::make_shared<const crypto::KioskSigningKey>(
                             crypto::KioskSigningKey::load_or_create(data_dir)),
                         std::move(kiosk_id)};
}

store::NewSubmission to_new_submission(forms::SealedRecord r) {
  store::NewSubmission ns;
  ns.id = std::move(r.fields.id);
  ns.created_at = std::move(r.fields.created_at);
  ns.form_id = std::move(r.fields.form_id);
  ns.form_version = r.fields.form_version;
  ns.program_id = std::move(r.fields.program_id);
  ns.event_id = std::move(r.fields.event_id);
  ns.event_tag = std::move(r.fields.event_tag);
  ns.sealed_payload = std::move(r.fields.sealed_payload);
  ns.sealed_to = std::move(r.fields.sealed_to);
  ns.signer_kiosk_id = std::move(r.fields.signer_kiosk_id);
  ns.collector_public_key = std::move(r.collector_public_key);
  ns.signature = std::move(r.signature);
  return ns;
}

crypto::Result<store::NewSubmission> seal_submission(const SealingIdentity& who,
                                                     const forms::FormSpec& form,
                                                     forms::SubmissionDraft& draft, Lang lang,
                                                     const std::string& event_tag, Clock& clock,
                                                     const std::string& event_id) {
  forms::RecordMeta meta;
  meta.id = store::uuid_v4();
  meta.created_at = format_rfc3339(clock.wall());
  meta.form_id = draft.form_id;
  meta.form_version = draft.form_version;
  meta.program_id = draft.program_id;
  meta.event_id = event_id;
  meta.event_tag = event_tag;
  forms::SecureString plaintext = forms::describe_payload(form, draft.payload_json, lang);
  forms::wipe_buffer(draft.payload_json);
  crypto::Result<forms::SealedRecord> sealed =
      forms::seal_record(forms::Sealer{who.to, *who.key, who.kiosk_id}, meta, plaintext);
  forms::wipe_buffer(plaintext);
  if (!sealed) return crypto::Result<store::NewSubmission>::failure(sealed.error());
  return to_new_submission(std::move(*sealed));
}

}  // namespace kiosk
