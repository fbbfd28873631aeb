// Database: a thin RAII layer over one SQLite connection — open with the kiosk's pragmas, prepared
// statements (values are always bound, never spliced into SQL), short transactions, and the mapping
// of SQLite result codes to StoreError kinds. Used by the outbox and its migrations; no schema here.
//
// Invariants:
// - Every statement is reset when its use ends (StatementUse), so no read transaction outlives a call.
// - A write Transaction begins with BEGIN IMMEDIATE (takes the write lock up front, waiting up to the
//   busy timeout) and rolls back in its destructor unless commit() returned.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <span>
#include <string_view>
#include <vector>

#include "offline-cache/outbox.h"

struct sqlite3;
struct sqlite3_stmt;

namespace kiosk::store {

struct OpenOptions {
  bool read_only = false;      // open through a URI with mode=ro: every write fails as ReadOnly
  bool create = true;          // create the file when absent (ignored when read_only)
  int busy_timeout_ms = 5000;  // how long a statement waits for another connection's lock
  int64_t max_page_count =
      0;  // > 0: this connection may not grow the file past it (tests: "disk full")
};

// Maps a SQLite result code (and, for I/O errors, the OS errno) to a StoreError with a message that
// says what failed and what to do. `what` names the operation ("enqueue", "open"). No personal data.
StoreError store_error(sqlite3* db, int rc, const std::string& what);
StoreErrorKind store_error_kind(int extended_rc, int system_errno);

// How many SQL statements every store connection of this process has started (counted through
// sqlite3_trace_v2, SQLITE_TRACE_STMT): a test proves the staff screens draw without querying.
uint64_t sql_statements_started();

class Database {
 public:
  // Opens (or creates) `path` and applies: busy timeout, journal_mode=WAL, synchronous=FULL,
  // secure_delete=ON, foreign_keys=ON, max_page_count when set. Throws StoreError.
  Database(const std::string& path, const OpenOptions& options);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  sqlite3* handle() const { return db_; }
  const std::string& path() const { return path_; }
  bool read_only() const { return options_.read_only; }

  // Runs constant SQL with no values (pragmas, DDL, the migrations' scripts). Throws StoreError.
  void exec(const char* sql, const std::string& what);
  // A pragma (or any one-row, one-column query) returning an integer.
  int64_t query_int(const char* sql, const std::string& what);
  int64_t changes() const;
  bool in_transaction() const;

  [[noreturn]] void fail(int rc, const std::string& what) const;

 private:
  void apply_pragmas();

  sqlite3* db_ = nullptr;
  std::string path_;
  OpenOptions options_;
};

// A prepared statement, compiled once and reused (SQLITE_PREPARE_PERSISTENT).
class Statement {
 public:
  Statement(Database& db, const char* sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  sqlite3_stmt* handle() const { return stmt_; }
  Database& db() const { return db_; }

 private:
  Database& db_;
  sqlite3_stmt* stmt_ = nullptr;
};

// One use of a Statement: bind, step, read columns; resets and clears bindings when it ends.
class StatementUse {
 public:
  StatementUse(Statement& st, std::string what);
  ~StatementUse();
  StatementUse(const StatementUse&) = delete;
  StatementUse& operator=(const StatementUse&) = delete;

  // Parameters are 1-based, in the order of the ?s in the SQL.
  StatementUse& bind(int i, std::string_view text);
  StatementUse& bind(int i, int64_t value);
  StatementUse& bind_or_null(int i, const std::optional<std::string>& text_or_null);
  StatementUse& bind_null(int i);
  StatementUse& bind_blob(int i,
                          std::span<const unsigned char> bytes);  // empty binds a 0-byte blob

  bool step();  // true: a row is ready; false: done. Throws StoreError.
  void run();   // steps a statement that returns no row

  // Columns are 0-based.
  std::string text(int col) const;  // NULL reads as ""
  std::optional<std::string> optional_text(int col) const;
  int64_t int64(int col) const;
  std::vector<unsigned char> blob(int col) const;  // NULL reads as empty
  bool is_null(int col) const;

 private:
  Statement& st_;
  std::string what_;
};

// BEGIN [IMMEDIATE] ... COMMIT; rollback on scope exit unless committed. The statements are the
// caller's cached ones, so a transaction costs no compilation. Writers pass "BEGIN IMMEDIATE";
// readers that need one snapshot across several queries pass "BEGIN".
class Transaction {
 public:
  Transaction(Statement& begin, Statement& commit, Statement& rollback, const std::string& what);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Statement& commit_;
  Statement& rollback_;
  std::string what_;
  bool done_ = false;
};

}  // namespace kiosk::store
