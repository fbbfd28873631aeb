// kiosk --status: prints the outbox's state as JSON on stdout (exit 0), or a storage error on
// stderr (exit 1). Opening the outbox creates the database on first use, like any other start,
// and the kiosk's signing key likewise; only its public half is printed.
#include <cstdio>
#include <nlohmann/json.hpp>

#include "kiosk/cli/commands.h"
#include "kiosk/core/log.h"
#include "kiosk/crypto/signing_key.h"
#include "kiosk/crypto/sodium_init.h"
#include "kiosk/sync/sync_state.h"
#include "offline-cache/outbox.h"
#include "offline-cache/outbox_status.h"

namespace kiosk {

int cmd_status(const RunContext& ctx) {
  try {
    store::Outbox box(ctx.data_dir);
    nlohmann::json status = store::outbox_status_json(box);
    // What the department registers with the kiosk id (issue 10), and whether records are sealed
    // to the demo key, whose secret is public.
    status["collector_public_key"] =
        crypto::KioskSigningKey::load_or_create(ctx.data_dir).public_key_base64();
    status["demo"] = demo_mode(ctx.config);
    status["sync"] =
        sync::sync_status_json(sync::load_sync_state(box), ctx.config.upload);  // issue 4
    std::printf("%s\n", status.dump(2).c_str());
    return 0;
  } catch (const store::StoreError& e) {
    log::error(std::string("status: ") + e.what());
    return 1;
  } catch (const crypto::CryptoError& e) {
    log::error(std::string("status: ") + e.what());
    return 1;
  }
}

}  // namespace kiosk
