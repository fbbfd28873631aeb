// Builds the outbox status object (see outbox_status.h).
#include "offline-cache/outbox_status.h"

namespace kiosk::store {

nlohmann::json outbox_status_json(Outbox& box) {
  const StatusCounts c = box.counts();
  nlohmann::json j;
  j["counts"] = {{"pending", c.pending},
                 {"sending", c.sending},
                 {"sent", c.sent},
                 {"rejected", c.rejected},
                 {"discarded", c.discarded}};
  j["oldest_pending_created_at"] = c.oldest_pending_created_at
                                       ? nlohmann::json(*c.oldest_pending_created_at)
                                       : nlohmann::json(nullptr);
  j["kiosk_id"] = box.kiosk_id();
  j["database"] = box.path();
  j["startup_events"] = box.startup_events();
  return j;
}

}  // namespace kiosk::store
