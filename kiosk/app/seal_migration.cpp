// The sealing migration of older plaintext rows (see seal_migration.h).
#include "kiosk/app/seal_migration.h"

#include <nlohmann/json.hpp>

#include "kiosk/core/log.h"
#include "kiosk/forms/sealed_payload.h"

namespace kiosk {

SealMigrationResult seal_legacy_records(store::Outbox& outbox, const SealingIdentity& who,
                                        const std::function<void(int)>& after_step) {
  SealMigrationResult r;
  if (outbox.count_unsealed() == 0) {
    r.outcome = outbox.vacuum_if_owed() ? SealMigration::Done : SealMigration::NothingToDo;
    return r;
  }
  if (who.to.is_demo()) {
    r.outcome = SealMigration::NeedsKey;
    r.error = kSealMigrationNeedsKey;
    return r;
  }
  for (;;) {
    std::vector<store::Submission> rows = outbox.unsealed(16);
    if (rows.empty()) break;
    for (store::Submission& row : rows) {
      forms::RecordMeta meta;
      meta.id = row.id;
      meta.created_at = row.created_at;
      meta.form_id = row.form_id;
      meta.form_version = row.form_version;
      meta.program_id = row.program_id;
      meta.event_id = row.event_id;
      meta.event_tag = row.event_tag.value_or("");
      meta.collected_by_kiosk_id = row.collector(who.kiosk_id);
      // The stored payload already names its form, version and language; the labels of a form
      // this build no longer has cannot be added, so the department reads the answers by field id.
      forms::SecureString plaintext = forms::to_secure(row.payload_json);
      forms::wipe_buffer(row.payload_json);
      crypto::Result<forms::SealedRecord> sealed =
          forms::seal_record(forms::Sealer{who.to, *who.key, who.kiosk_id}, meta, plaintext);
      forms::wipe_buffer(plaintext);
      if (!sealed) {
        r.outcome = SealMigration::Failed;
        r.error = "record " + row.id + ": " + sealed.error();
        log::error("store: sealing older records stopped: " + r.error);
        return r;
      }
      if (outbox.seal_legacy(row.id, to_new_submission(std::move(*sealed)))) ++r.sealed;
      if (after_step) after_step(r.sealed);
    }
  }
  if (after_step) after_step(-1);
  outbox.vacuum_if_owed();
  log::info("store: sealed " + std::to_string(r.sealed) +
            " older record(s) to the department key " + who.to.key_id());
  r.outcome = SealMigration::Done;
  return r;
}

}  // namespace kiosk
