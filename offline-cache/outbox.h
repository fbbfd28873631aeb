// Outbox: the durable queue of visitor submissions in <data_dir>/kiosk.db (SQLite), plus the
// kiosk id and the run-time settings table. The one place submissions are written.
//
// Invariants (tested in tests/unit/test_outbox*.cpp and tests/integration/):
// - enqueue() returns only after COMMIT with synchronous=FULL: a returned id survives power loss.
// - Pending and rejected rows are never deleted; sent rows lose only their payload, after retention.
// - A row is `sending` only while its uploader's group is in flight (claimed just before the group's
//   requests, released if they are not made); reset_sending() at start-up undoes crashes.
// - Every write is one short transaction; none is held across user input or network I/O.
// - One Outbox per thread (each holds its own connection); processes share the file under WAL.
// - Writes are serialised here: every Outbox on the same file in this process shares one
//   first-come, first-served write lock (offline-cache/write_lock.h), taken around each write
//   transaction only. Callers never lock anything themselves.
#pragma once
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "kiosk/core/clock.h"

namespace kiosk::store {

enum class StoreErrorKind { Busy, Full, ReadOnly, Corrupt, Io, Other };
// "busy", "full", "read_only", "corrupt", "io", "other": for logs.
const char* error_kind_name(StoreErrorKind k);

// Every storage failure. what() is for the log (no personal data); kind picks the visitor message.
class StoreError : public std::runtime_error {
 public:
  StoreError(StoreErrorKind kind, const std::string& what) : std::runtime_error(what), kind(kind) {}
  StoreErrorKind kind;
};

enum class Status { Pending, Sending, Sent, Rejected, Discarded };
const char* status_name(Status s);  // "pending", "sending", "sent", "rejected", "discarded"

// A record as the kiosk stores it (schema 4, issue 10): the answers only as sealed bytes to the
// department key, signed by the kiosk that sealed them (kiosk/crypto/record_signature.h), plus the
// non-personal metadata staff and sync need. The signature covers id and created_at, so the caller
// chooses them (store::uuid_v4(), the clock) before signing.
struct NewSubmission {
  std::string id;          // UUIDv4 (signed); empty: made here (only for unsigned test rows)
  std::string created_at;  // RFC 3339 UTC (signed); empty: now
  std::string form_id;     // "signup", "crash_report", "records_request"
  int form_version = 1;
  std::string program_id;  // may be empty
  std::string event_id;    // the specific event signed up for; empty until event sign-ups exist
  std::string event_tag;   // empty = none (stored as NULL)
  std::vector<unsigned char>
      sealed_payload;                // crypto_box_seal bytes of the self-describing payload
  std::string sealed_to;             // the department key id the payload is sealed to
  std::string signer_kiosk_id;       // the kiosk that sealed and signed
  std::string collector_public_key;  // the signer's Ed25519 public key, base64
  std::string signature;             // base64 of the 64-byte detached signature
  // Legacy plaintext answers: only tests of the pre-sealing store write it; the kiosk never does.
  std::string payload_json;
};

struct Submission {
  std::string id;  // UUIDv4 from a CSPRNG
  std::string form_id;
  int form_version = 0;
  std::string program_id;
  std::string event_id;  // "" until event sign-ups exist
  std::optional<std::string> event_tag;
  std::string created_at;  // RFC 3339 UTC
  Status status = Status::Pending;
  int attempts = 0;
  std::string next_attempt_at;  // RFC 3339 UTC
  std::string last_error;
  std::optional<std::string> exported_at;
  std::vector<unsigned char> sealed_payload;  // empty once erased after retention or discard
  std::string sealed_to;                      // department key id ("" for an unsealed legacy row)
  std::string signer_kiosk_id;                // the kiosk that sealed and signed
  std::string collector_public_key;           // the signer's public key, base64
  std::string signature;                      // base64 detached signature over the signing text
  // Plaintext answers of a row written by schema <= 3 and not yet sealed by the migration; "" for
  // every sealed row and once erased.
  std::string payload_json;
  std::string receipt_id;  // the server's receipt, when it gave one
  std::string sent_at;
  std::optional<std::string> erased_at;  // when the payload was erased (retention or discard)
  std::optional<std::string>
      collected_by;  // the kiosk that collected it, when not this one (imported)
  // The kiosk that collected it: collected_by, or `this_kiosk_id` for this kiosk's own records.
  const std::string& collector(const std::string& this_kiosk_id) const {
    return collected_by ? *collected_by : this_kiosk_id;
  }
  bool sealed() const { return !sealed_payload.empty(); }
};

struct StatusCounts {
  int64_t pending = 0, sending = 0, sent = 0, rejected = 0, discarded = 0;
  std::optional<std::string> oldest_pending_created_at;
};

// Seams for tests and tools; the defaults are what the kiosk runs with.
struct OutboxOptions {
  bool read_only = false;      // open through file:...?mode=ro; every write throws ReadOnly
  int busy_timeout_ms = 5000;  // how long a call waits for another connection's write lock
  int64_t max_page_count = 0;  // > 0: this connection may not grow the file past it ("disk full")
  // PRAGMA quick_check at open (reads the whole file: ~200 ms for 20 MB under load) so a damaged
  // file is moved aside at start-up. A second Outbox in a process that already checked (the sync
  // thread's) may skip it.
  bool check_integrity = true;
};

// One line of the staff audit trail (events table): what happened to the store, never answers.
struct StoreEvent {
  int64_t seq = 0;
  std::string at;      // RFC 3339 UTC
  std::string kind;    // "database_moved_aside", "discarded", "payloads_erased", ...
  std::string detail;  // ids, counts, file names
};

// The database's file name inside the data dir.
inline constexpr const char* kDatabaseFile = "kiosk.db";

class Outbox {
 public:
  // Opens or creates <data_dir>/kiosk.db (WAL, synchronous=FULL, secure_delete=ON, busy timeout,
  // migrations by user_version). A corrupt file is moved aside (never deleted here; salvage.h
  // salvages it and deletes it only after the retention) and a fresh one made;
  // startup_events() then says so for staff. Throws StoreError.
  explicit Outbox(const std::string& data_dir, Clock& clock = process_clock());
  Outbox(const std::string& data_dir, Clock& clock, const OutboxOptions& options);
  ~Outbox();
  Outbox(const Outbox&) = delete;
  Outbox& operator=(const Outbox&) = delete;

  const std::string& path() const;
  // How long this connection's last write waited for the other connections of this process (the
  // shared write lock): instrumentation for the UI's saves.
  std::chrono::microseconds last_write_wait() const;
  const std::string& kiosk_id() const;  // generated once, kept in the database
  const std::vector<std::string>& startup_events() const;

  // Stores a new pending submission durably; returns its id after COMMIT. Throws StoreError.
  std::string enqueue(const NewSubmission& s);

  std::optional<Submission> get(const std::string& id);
  std::vector<Submission> list(Status s, int limit);
  // Pending rows with next_attempt_at <= now (RFC 3339), oldest created first.
  std::vector<Submission> due(const std::string& now, int limit);
  std::optional<std::string> earliest_next_attempt();  // among pending rows

  bool claim(const std::string& id);  // pending -> sending, attempts+1; false when not pending
  // One transaction for an uploader's group: first `acks` as mark_sent(), then each of `ids` still
  // pending becomes sending (attempts+1). Returns the ids claimed, in the order given. (One durable
  // COMMIT per group instead of one per record is what lets a drain keep up with the network.)
  std::vector<std::string> claim(const std::vector<std::string>& ids,
                                 const std::vector<std::pair<std::string, std::string>>& acks = {});
  // sending -> pending, attempts-1: rows claimed in a group whose request was never made (the pass
  // ended early). One transaction.
  void release(const std::vector<std::string>& ids);
  void mark_sent(
      const std::vector<std::pair<std::string, std::string>>& id_and_receipt);  // one transaction
  void mark_retry(const std::string& id, const std::string& next_attempt_at,
                  const std::string& error);
  void mark_rejected(const std::string& id, const std::string& reason);
  int reset_sending();  // sending -> pending, at start-up; returns how many
  // Pending rows whose next_attempt_at is later than `latest` get `latest` (clock jumped back).
  int clamp_next_attempts(const std::string& latest);

  StatusCounts counts();

  // Run-time settings (event tag, profile, PIN hash, sync state): a key/value table.
  std::optional<std::string> setting(const std::string& key);
  void set_setting(const std::string& key, const std::string& value);

  // Erases the payload of sent rows sent more than `days` ago (secure_delete + WAL checkpoint),
  // keeping id, form, times as a receipt. Returns how many were erased.
  int purge_sent(int days);

  // Staff: erases a pending or rejected row's answers (status `discarded`; the row stays as an audit
  // trace), the bytes gone from the file as for purge_sent. False when the row is in another state.
  bool discard(const std::string& id);
  // Staff: makes a pending or rejected row pending and due now. False when in another state.
  bool retry_now(const std::string& id);
  // USB export: stamps exported_at (now) on these rows, status unchanged, one transaction.
  int mark_exported(const std::vector<std::string>& ids);

  // The staff audit trail, newest first.
  void record_event(const std::string& kind, const std::string& detail);
  std::vector<StoreEvent> events(int limit);

  // The sealing migration (kiosk/app/seal_migration.h), in resumable steps: each row is sealed in
  // its own transaction, so a kill at any point leaves every row either in clear or sealed, never
  // lost. unsealed(): rows from schema <= 3 still holding plaintext, oldest first.
  std::vector<Submission> unsealed(int limit);
  int64_t count_unsealed();
  // Replaces the plaintext of row `id` with `sealed`'s sealed payload, sealed_to, signer, collector
  // key and signature (payload ''), and notes that a VACUUM is owed. False when the row is no
  // longer unsealed. One transaction.
  bool seal_legacy(const std::string& id, const NewSubmission& sealed);
  // When a sealing migration left a VACUUM owed: checkpoints the WAL and VACUUMs, so no freed page
  // keeps the clear text, then clears the note. Returns whether it ran. Safe to repeat after a kill.
  bool vacuum_if_owed();

  // USB import (kiosk/staff/export.h): adds each row whose id is not in the outbox yet, as pending
  // and due now, keeping id, form, program, event id and tag, created_at, exported_at, the sealed
  // payload with sealed_to, signer, collector key and signature (checked by the caller) (the
  // other fields are ignored); a row whose status is Rejected (flagged in the export) is added as
  // rejected instead, for staff to retry or discard; rows already present are left as they are.
  // One transaction: all or nothing. Returns how many were added. Throws StoreError.
  int import_submissions(const std::vector<Submission>& rows);

  // Start-up salvage of a damaged copy (offline-cache/salvage.h): adds each pending, sending or
  // rejected row whose id is not in the outbox yet, with its status (sending comes back pending,
  // due now), attempts, last error, times, export stamp, collector and sealed columns as read; a
  // legacy row keeps its plaintext for the sealing migration. Rows already present are left as they
  // are. One transaction. Returns how many were added. Throws StoreError.
  int add_salvaged(const std::vector<Submission>& rows);

  // The capture cap (docs/config.md [capture] max_outbox_mb): bytes of answers (sealed or legacy)
  // held for records the department has not received and that no USB export has carried away yet.
  int64_t unexported_bytes();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kiosk::store
