// Migrations: the store's schema, one numbered step per version, applied by PRAGMA user_version.
// Each step's SQL is kept forever (never edited once shipped) so tests can build a database exactly as
// any older version left it and open it with today's code.
//
// Invariants:
// - Steps run in one BEGIN IMMEDIATE transaction together with their user_version bump: a database
//   is always exactly at one version, never between two (a crash mid-migration rolls back).
// - A database newer than this build knows is refused (StoreErrorKind::Other), never touched.
#pragma once
#include <vector>

#include "offline-cache/database.h"

namespace kiosk::store {

struct Migration {
  int version;      // user_version after this step
  const char* why;  // one line for the log and docs/outbox.md
  const char* sql;  // constant DDL; ends by setting user_version
};

const std::vector<Migration>& migrations();  // versions 1..latest, in order
int latest_schema_version();

// Reads user_version. Throws StoreError.
int schema_version(Database& db);

// Brings `db` from its version up to `target` (latest by default) in one transaction. Returns the
// version it found. Throws StoreError (Other for a newer-than-known or unknown target version).
int migrate(Database& db, int target = -1);

}  // namespace kiosk::store
