// The outbox's state as JSON, for `kiosk --status` and staff screens. Callers add their own fields
// (the sync engine adds last success, last error, paused state) to the object this returns.
#pragma once
#include <nlohmann/json.hpp>

#include "offline-cache/outbox.h"

namespace kiosk::store {

// {"counts": {"pending": n, "sending": n, "sent": n, "rejected": n, "discarded": n},
//  "oldest_pending_created_at": "RFC 3339" | null, "kiosk_id": "...", "database": "<path>",
//  "startup_events": ["..."]}. Counts and ids only: never a payload. Throws StoreError.
nlohmann::json outbox_status_json(Outbox& box);

}  // namespace kiosk::store
