// kiosk --status: prints the outbox's state as JSON on stdout (exit 0), or a storage error on
// stderr (exit 1). Opening the outbox creates the database on first use, like any other start.
#include <cstdio>
#include <nlohmann/json.hpp>

#include "kiosk/cli/commands.h"
#include "kiosk/core/log.h"
#include "kiosk/sync/sync_state.h"
#include "offline-cache/outbox.h"
#include "offline-cache/outbox_status.h"

namespace kiosk {

int cmd_status(const RunContext& ctx) {
  try {
    store::Outbox box(ctx.data_dir);
    nlohmann::json status = store::outbox_status_json(box);
    status["sync"] =
        sync::sync_status_json(sync::load_sync_state(box), ctx.config.upload);  // issue 4
    std::printf("%s\n", status.dump(2).c_str());
    return 0;
  } catch (const store::StoreError& e) {
    log::error(std::string("status: ") + e.what());
    return 1;
  }
}

}  // namespace kiosk
