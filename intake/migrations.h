// The intake database schema as numbered migrations (like the kiosk outbox's): `init-db` applies
// every one not yet recorded in schema_migrations, each in its own transaction, under an advisory
// lock so two processes starting at once cannot both apply one.
#pragma once
#include <pqxx/pqxx>
#include <string>

namespace intake {

// The newest schema version this binary knows.
int latest_schema_version();

// Applies the missing migrations; returns the version reached. Throws std::runtime_error when the
// database is newer than this binary (a downgrade is never attempted).
int migrate(pqxx::connection& c);

// The version recorded in the database (0 when none); used by `serve` to refuse an old schema.
int schema_version(pqxx::connection& c);

// For `serve` and `inbox` at start: true when the database at `url` has this binary's schema;
// otherwise prints on stderr which version it has and that `init-db` upgrades it.
bool schema_is_current(const std::string& url);

}  // namespace intake
