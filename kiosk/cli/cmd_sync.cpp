// kiosk --sync-once: tries every pending record once, oldest first, ignoring backoff (a staff
// retry: it also lifts a pause), prints a summary, and exits 0 when nothing is left pending,
// 1 on a configuration fault (or a storage error), 3 when retryable records remain.
// It takes the sender lock, so it never races the running kiosk's sync thread. It ends with one
// heartbeat (the queue as it now stands), as the running kiosk sends them, so a booth drained by
// hand is seen alive by the department too.
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

#include "kiosk/cli/commands.h"
#include "kiosk/core/log.h"
#include "kiosk/crypto/signing_key.h"
#include "kiosk/crypto/sodium_init.h"
#include "kiosk/sync/endpoint_policy.h"
#include "kiosk/sync/heartbeat.h"
#include "kiosk/sync/sender.h"
#include "kiosk/sync/sender_lock.h"
#include "kiosk/sync/sync_engine.h"
#include "offline-cache/outbox.h"

namespace kiosk {

namespace {

// The heartbeat's collector key: "" (logged) when the signing key cannot be read, so a damaged
// key file never stops the uploads themselves.
std::string collector_key_or_empty(const std::string& data_dir) {
  try {
    return crypto::KioskSigningKey::load_or_create(data_dir).public_key_base64();
  } catch (const crypto::CryptoError& e) {
    log::error(std::string("sync-once: the kiosk's signing key cannot be read: ") + e.what());
    return "";
  }
}

int64_t left_pending(const store::StatusCounts& c) { return c.pending + c.sending; }

void print_summary(const sync::PassSummary& s, const store::StatusCounts& c) {
  std::printf(
      "sync-once: %d tried, %d sent (%d already on the server), %d rejected by the server, %d "
      "unusable, "
      "%d to retry later\n",
      s.tried, s.sent, s.already_there, s.rejected, s.unsendable, s.retry);
  std::printf("outbox: %lld pending, %lld sent, %lld rejected\n",
              static_cast<long long>(left_pending(c)), static_cast<long long>(c.sent),
              static_cast<long long>(c.rejected));
  if (s.paused)
    std::printf("paused: %s\n", s.last_error.c_str());
  else if (s.ended_early)
    std::printf("stopped early: %s\n", s.last_error.c_str());
  else if (!s.last_error.empty())
    std::printf("last error: %s\n", s.last_error.c_str());
}

}  // namespace

int cmd_sync_once(const RunContext& ctx) {
  const UploadConfig& upload = ctx.config.upload;
  const sync::EndpointCheck check = sync::check_endpoint(upload);
  try {
    store::Outbox box(ctx.data_dir);
    if (!check.usable) {
      std::fprintf(stderr, "kiosk: sync-once: %s%s; %lld record(s) wait in the outbox\n",
                   check.error.c_str(),
                   check.configured ? "" : " (set [upload] endpoint in the config file)",
                   static_cast<long long>(left_pending(box.counts())));
      return 1;
    }
    if (!check.warning.empty()) std::fprintf(stderr, "kiosk: warning: %s\n", check.warning.c_str());
    sync::SenderLock lock;
    std::string lock_error;
    if (!lock.try_acquire(ctx.data_dir, lock_error)) {
      if (!lock_error.empty()) {
        std::fprintf(stderr, "kiosk: sync-once: %s\n", lock_error.c_str());
        return 1;
      }
      const int64_t left = left_pending(box.counts());
      std::printf(
          "sync-once: the running kiosk is already uploading from this data dir; %lld record(s) "
          "pending\n",
          static_cast<long long>(left));
      return left > 0 ? 3 : 0;
    }
    sync::CurlHttpClient client(sync::http_options_for(upload, KIOSK_VERSION));
    sync::SenderSettings settings;
    settings.upload = upload;
    sync::Sender sender(box, client, process_clock(), settings);
    sender.startup();
    const std::atomic<bool> stop{false};
    const sync::PassSummary summary = sender.send_all_once(stop);
    sync::HttpClientOptions beat = sync::http_options_for(upload, KIOSK_VERSION);
    beat.url = sync::heartbeat_url(beat.url);
    sync::Heartbeat(
        std::make_unique<sync::CurlHttpClient>(beat), process_clock(),
        std::chrono::minutes(upload.heartbeat_minutes), KIOSK_VERSION,
        sync::HeartbeatIdentity{collector_key_or_empty(ctx.data_dir), demo_mode(ctx.config)})
        .run_if_due(box);  // never throws; a failure is logged
    const store::StatusCounts counts = box.counts();
    print_summary(summary, counts);
    log::info("sync-once: " + std::to_string(summary.sent) + " sent, " +
              std::to_string(summary.rejected) + " rejected, " +
              std::to_string(left_pending(counts)) + " pending");
    if (summary.paused) return 1;
    return left_pending(counts) > 0 ? 3 : 0;
  } catch (const store::StoreError& e) {
    std::fprintf(stderr, "kiosk: sync-once: the saved submissions cannot be read or written: %s\n",
                 e.what());
    log::error(std::string("sync-once: ") + e.what());
    return 1;
  }
}

}  // namespace kiosk
