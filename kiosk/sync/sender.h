// Sender: the upload logic of one process, without threads: takes due records from the outbox
// oldest first, sends each through an HttpTransport, and applies the verdict (sent / rejected /
// retry with backoff / pause) to the outbox and the sync state. The SyncEngine runs it on its
// background thread; `kiosk --sync-once` runs it once on the main thread.
//
// Invariants:
// - Constructed only while holding the SenderLock, so start-up may reset `sending` rows.
// - Records are claimed (sending) in groups of claim_group just before their requests, in the same
//   transaction that marks the previous group's acknowledgements sent (one durable COMMIT per
//   group, not per record); every verdict returns a record to pending, sent or rejected, and a pass
//   that ends early releases the claimed records it did not try. A crash in between leaves them
//   `sending`, reset at the next start and resent with the same Idempotency-Key, which the server
//   dedupes.
// - One record's failure never blocks the others: it gets its own backoff (next_attempt_at) and
//   the pass goes on to the next record. The queue-wide gate (monotonic) closes only when the
//   fault is the server's or the network's (unreachable, timeout, 429, 502-504, or 3 failures in
//   a row), and then spaces single probes with the same backoff, so a failing server is never
//   hammered with every queued record.
// - Backoff durations are measured on the monotonic clock; next_attempt_at (wall time) is only
//   the persisted copy, pulled back to at most now + cap at start-up and when the wall clock jumps
//   back, so no clock jump can stall the queue.
// - Nothing about a visitor is logged: ids, counts, status codes and transport errors only.
#pragma once
#include <atomic>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "kiosk/config/config.h"
#include "kiosk/core/clock.h"
#include "kiosk/sync/backoff.h"
#include "kiosk/sync/http_client.h"
#include "kiosk/sync/reply_classifier.h"
#include "kiosk/sync/sync_state.h"
#include "offline-cache/outbox.h"

namespace kiosk::sync {

struct SenderSettings {
  UploadConfig upload;
  std::string app_version = KIOSK_VERSION;
  uint64_t seed = 0;      // backoff jitter; 0 = from the OS
  int batch = 256;        // due rows read per query
  int ack_group = 128;    // sent updates per transaction (at most)
  int claim_group = 128;  // records claimed per transaction
};

struct PassSummary {
  int tried = 0;             // requests made
  int sent = 0;              // acknowledged (2xx or 409)
  int already_there = 0;     // of which 409: the server had it from an earlier attempt
  int rejected = 0;          // by the server (400/404/413/422)
  int unsendable = 0;        // refused locally: stored answers unusable
  int retry = 0;             // left pending for a later attempt
  bool paused = false;       // a configuration fault stopped the queue
  bool ended_early = false;  // a queue-wide fault (network, 429, 503) ended the pass
  bool interrupted = false;  // stop was requested
  std::string last_error;    // human words
};

class Sender {
 public:
  Sender(store::Outbox& outbox, HttpTransport& transport, Clock& clock, SenderSettings settings);

  // Start-up, holding the SenderLock: `sending` rows back to pending, next_attempt_at further than
  // the cap pulled back, the persisted state read, a pause lifted if the config has changed since.
  void startup();

  // Sends what is due now (per-record backoff and the queue gate respected) until nothing is due,
  // the gate closes, the queue pauses, or `stop` is set.
  PassSummary send_due(const std::atomic<bool>& stop);
  // Every pending record once, oldest first, ignoring backoff (`kiosk --sync-once`); ends early on
  // a queue-wide fault (the rest would meet it too) or a pause. Lifts a pause first (staff retry).
  PassSummary send_all_once(const std::atomic<bool>& stop);

  // Staff retry: lift the pause, open the gate, make every pending record due now.
  void resume();
  // The network changed: open the gate and probe the oldest record even if it is backing off.
  void network_changed();
  // Pulls persisted retry times back when the wall clock has jumped back (call before each pass).
  void check_wall_clock();

  // When something may next be due (monotonic), or nullopt when nothing is pending.
  std::optional<Clock::Mono> next_wake();
  std::optional<Clock::Mono> gate() const { return gate_; }
  bool paused() const { return state_.paused; }
  const SyncState& state() const { return state_; }
  uint64_t requests() const { return requests_; }
  // Called after every change to the outbox's rows (the engine republishes counts).
  void on_rows_changed(std::function<void()> f) { rows_changed_ = std::move(f); }

 private:
  enum class Step { Continue, EndPass };
  Step attempt(const store::Submission& s, PassSummary& sum);
  // Runs one pass's body; then writes the acks, or on a store failure forgets what is in memory
  // and has the next pass reset `sending` rows.
  template <class Body>
  PassSummary guarded_pass(const std::atomic<bool>& stop, Body body);
  // Tries rows[from..] in order until one ends the pass; claims them group by group.
  // Claims rows[from] and the next rows (up to claim_group, not already claimed or in `skip`) in
  // one transaction that also writes the pending acks.
  void claim_ahead(const std::vector<store::Submission>& rows, size_t from,
                   const std::unordered_set<std::string>* skip = nullptr);
  void release_claimed();
  void flush_acks();
  void acks_written();
  void save_state();
  void record_error(const std::string& words);
  // `reason` (may quote the server) goes to the sync state for staff; `log_reason` to the log.
  void pause(const std::string& reason, const std::string& log_reason);
  std::string ceil_wall_after(Millis d) const;
  void changed() {
    if (rows_changed_) rows_changed_();
  }

  store::Outbox& outbox_;
  HttpTransport& transport_;
  Clock& clock_;
  SenderSettings settings_;
  std::string url_host_;
  Backoff backoff_;
  SyncState state_;
  std::vector<std::pair<std::string, std::string>> acks_;
  std::unordered_set<std::string> claimed_;  // claimed by this pass, request not yet made
  std::optional<Clock::Mono> gate_;
  int consecutive_failures_ = 0;  // retryable failures in a row, any record
  int gate_failures_ = 0;         // times the gate closed since the last success
  bool outage_ = false;           // a queue-wide failure happened since the last success
  bool probe_ = false;            // network_changed(): try the oldest record whatever its backoff
  bool reset_needed_ = false;     // a store failure may have left our rows `sending`
  int64_t wall_offset_ns_ = 0;
  uint64_t requests_ = 0;
  std::function<void()> rows_changed_;
};

}  // namespace kiosk::sync
