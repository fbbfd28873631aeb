// The store's schema history (see migrations.h). Append new steps; never edit a shipped one.
#include "offline-cache/migrations.h"

#include <string>

namespace kiosk::store {
namespace {

// Version 1: the outbox, the kiosk's identity and the run-time settings.
// - submissions.seq orders rows as written; id is the public UUIDv4.
// - Times are RFC 3339 UTC with seconds ("2026-11-21T23:49:06Z"), so text order is time order.
// - payload is '' once erased (retention or discard); otherwise valid JSON.
// - submissions_by_status serves counts by status, the oldest pending row and list();
//   submissions_due serves the sync engine's "next due pending" and earliest_next_attempt().
const char* const kV1 = R"sql(
CREATE TABLE settings (
  key   TEXT PRIMARY KEY NOT NULL,
  value TEXT NOT NULL
);
CREATE TABLE identity (
  singleton  INTEGER PRIMARY KEY CHECK (singleton = 1),
  kiosk_id   TEXT NOT NULL CHECK (length(kiosk_id) = 36),
  created_at TEXT NOT NULL
);
CREATE TABLE submissions (
  seq             INTEGER PRIMARY KEY,
  id              TEXT NOT NULL UNIQUE CHECK (length(id) = 36),
  form_id         TEXT NOT NULL CHECK (form_id <> ''),
  form_version    INTEGER NOT NULL CHECK (form_version >= 1),
  program_id      TEXT NOT NULL DEFAULT '',
  event_tag       TEXT,
  created_at      TEXT NOT NULL,
  status          TEXT NOT NULL DEFAULT 'pending'
                  CHECK (status IN ('pending', 'sending', 'sent', 'rejected', 'discarded')),
  attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at TEXT NOT NULL,
  last_error      TEXT NOT NULL DEFAULT '',
  exported_at     TEXT,
  payload         TEXT NOT NULL CHECK (payload = '' OR json_valid(payload)),
  receipt_id      TEXT NOT NULL DEFAULT '',
  sent_at         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX submissions_by_status ON submissions (status, created_at);
CREATE INDEX submissions_due ON submissions (next_attempt_at) WHERE status = 'pending';
PRAGMA user_version = 1;
)sql";

// Version 2: an audit trail for staff (database moved aside, discards, purges), and when a row's
// payload was erased (NULL while the answers are still held).
const char* const kV2 = R"sql(
CREATE TABLE events (
  seq    INTEGER PRIMARY KEY,
  at     TEXT NOT NULL,
  kind   TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT ''
);
ALTER TABLE submissions ADD COLUMN erased_at TEXT;
UPDATE submissions SET erased_at = sent_at WHERE payload = '' AND status = 'sent';
PRAGMA user_version = 2;
)sql";

// Version 3: the kiosk that collected a record, when it is not this one (records imported from
// another kiosk's USB export); NULL for this kiosk's own records.
const char* const kV3 = R"sql(
ALTER TABLE submissions ADD COLUMN collected_by TEXT CHECK (collected_by IS NULL OR length(collected_by) = 36);
PRAGMA user_version = 3;
)sql";

// Version 4: sealed and signed records (issue 10, docs/upload-protocol.md v2). The answers are kept
// only as crypto_box_seal bytes to the department key; the plaintext `payload` column stays for
// rows written by versions <= 3 until the sealing migration (offline-cache/seal_migration) has
// sealed them, and is '' for every other row. event_id is the specific event signed up for (empty
// until event sign-ups exist). The signature covers the record's signing text (record_signature.h).
// sealed_payload is NULL while a legacy row is unsealed and once a payload is erased.
const char* const kV4 = R"sql(
ALTER TABLE submissions ADD COLUMN event_id TEXT NOT NULL DEFAULT '';
ALTER TABLE submissions ADD COLUMN sealed_payload BLOB;
ALTER TABLE submissions ADD COLUMN sealed_to TEXT NOT NULL DEFAULT '';
ALTER TABLE submissions ADD COLUMN signer_kiosk_id TEXT NOT NULL DEFAULT '';
ALTER TABLE submissions ADD COLUMN collector_public_key TEXT NOT NULL DEFAULT '';
ALTER TABLE submissions ADD COLUMN signature TEXT NOT NULL DEFAULT '';
PRAGMA user_version = 4;
)sql";

StoreError newer_than_known(const Database& db, int found) {
  return StoreError(StoreErrorKind::Other,
                    "open " + db.path() + ": schema version " + std::to_string(found) +
                        " is newer than this kiosk build knows (" +
                        std::to_string(latest_schema_version()) +
                        "); install the newer kiosk software (the database was not changed)");
}

}  // namespace

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> all = {
      {1, "outbox, identity and settings", kV1},
      {2, "events (audit trail) and submissions.erased_at", kV2},
      {3, "submissions.collected_by (imported records)", kV3},
      {4, "sealed and signed records (sealed_payload, sealed_to, signer, key, signature, event_id)",
       kV4},
  };
  return all;
}

int latest_schema_version() { return migrations().back().version; }

int schema_version(Database& db) {
  return static_cast<int>(db.query_int("PRAGMA user_version", "read schema version"));
}

int migrate(Database& db, int target) {
  const int latest = latest_schema_version();
  if (target < 0) target = latest;
  if (target > latest) {
    throw StoreError(StoreErrorKind::Other, "migrate: no schema version " + std::to_string(target));
  }
  // Cheap check first: most opens find the database current and take no write lock.
  int found = schema_version(db);
  if (found == target) return found;
  if (found > latest) throw newer_than_known(db, found);
  if (db.read_only() && found < target) {
    throw StoreError(StoreErrorKind::ReadOnly,
                     "migrate " + db.path() + ": schema version " + std::to_string(found) +
                         " needs an upgrade, but the database is open read-only");
  }
  db.exec("BEGIN IMMEDIATE", "migrate: begin");
  try {
    found = schema_version(db);  // another process may have migrated while we waited for the lock
    if (found > latest) throw newer_than_known(db, found);
    for (const Migration& m : migrations()) {
      if (m.version > found && m.version <= target)
        db.exec(m.sql, "migrate to version " + std::to_string(m.version));
    }
    db.exec("COMMIT", "migrate: commit");
  } catch (...) {
    if (db.in_transaction()) {
      try {
        db.exec("ROLLBACK", "migrate: rollback");
      } catch (const StoreError&) {
        // The original error is the one worth reporting.
      }
    }
    throw;
  }
  return found;
}

}  // namespace kiosk::store
