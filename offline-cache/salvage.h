// Salvage of damaged-database copies: recovery.h moves a damaged kiosk.db aside to
// `kiosk.db.corrupt-<utc>[-N]`; at start-up the readable open records of each such copy come back
// into the outbox (deduplicated by id, audited with counts only), the copy is marked salvaged, and
// once salvaged it is deleted after [privacy] damaged_copy_retention_days (docs/outbox.md).
//
// Invariants:
// - A copy is only ever read (SQLite read-only, never written); it is deleted only after its
//   salvage was committed and marked, and only once the retention has passed on the given clock.
// - Only records the department has not received come back (pending, sending, rejected); sent and
//   discarded rows are not revived. A row already in the outbox is left exactly as it is.
// - Audit events and log lines carry file names and counts, never a record's contents.
#pragma once
#include <string>
#include <vector>

#include "kiosk/core/clock.h"
#include "offline-cache/outbox.h"

namespace kiosk::store {

// The marker written beside a copy once its salvage is committed: `<copy>.salvaged`, holding the
// RFC 3339 UTC time of the salvage (the retention counts from it).
inline constexpr const char* kSalvagedSuffix = ".salvaged";

// What reading one copy found.
struct SalvageRead {
  int schema_version = 0;        // the copy's user_version (0: unreadable)
  std::vector<Submission> open;  // pending, sending and rejected rows, as read
  int closed = 0;                // sent or discarded rows (not salvaged)
  int unreadable = 0;            // rows (or row slots) that could not be read
  std::string note;              // why nothing (more) could be read; "" when all was read
};

// Reads every readable row of the damaged database `path` (read-only; row by row, so a damaged
// page costs the rows on it, not the rest). Never throws: what cannot be read is counted or noted.
SalvageRead read_damaged_copy(const std::string& path);

struct SalvageReport {
  int copies_salvaged = 0;  // copies read this time (now marked)
  int records_added = 0;    // open records added to the outbox
  int already_present = 0;  // open records whose id the outbox already held
  int copies_deleted = 0;   // salvaged copies past their retention, deleted with companions
};

// The start-up pass over `data_dir`: salvages every unmarked `kiosk.db.corrupt-*` copy into
// `outbox`, then deletes each marked copy (and its -wal, -shm and marker) salvaged at least
// `retention_days` ago by `clock`. Each salvage and deletion is an audit event. Throws StoreError
// when the outbox cannot take the rows (the copy then stays unmarked and is tried next start).
SalvageReport salvage_damaged_copies(Outbox& outbox, const std::string& data_dir,
                                     int retention_days, Clock& clock);

}  // namespace kiosk::store
