// Sealing the plaintext rows an older kiosk (schema <= 3) stored (issue 10): each is sealed to the
// configured department key and signed by this kiosk (signer_kiosk_id = this kiosk, whatever the
// row's collected_by), its clear text erased (secure_delete), then the database VACUUMed.
//
// Invariants: resumable: each row is one transaction (Outbox::seal_legacy), so a kill -9 at any
// point loses nothing and the next start carries on; the VACUUM is owed until it has run. With
// plaintext rows and only the demo key, nothing is touched: the kiosk must stay Out of service
// until a department key is configured.
#pragma once
#include <functional>
#include <string>

#include "kiosk/app/record_sealing.h"
#include "offline-cache/outbox.h"

namespace kiosk {

enum class SealMigration {
  NothingToDo,  // no plaintext row (a fresh or current data dir)
  Done,         // every plaintext row sealed, the database vacuumed
  NeedsKey,     // plaintext rows, but only the demo key: nothing migrated
  Failed,       // a row could not be sealed (error says why); rows sealed so far stay sealed
};

struct SealMigrationResult {
  SealMigration outcome = SealMigration::NothingToDo;
  int sealed = 0;
  std::string error;  // for the log and Out of service; never personal data
};

// The Out of service text for NeedsKey.
inline constexpr const char* kSealMigrationNeedsKey =
    "records from an older version are stored unsealed: set [privacy] department_public_key to "
    "upgrade";

// Seals every unsealed row as `who`. `after_step` (tests: a kill seam) runs after each row is
// sealed (with the count so far) and before the VACUUM (with -1).
SealMigrationResult seal_legacy_records(store::Outbox& outbox, const SealingIdentity& who,
                                        const std::function<void(int)>& after_step = {});

}  // namespace kiosk
