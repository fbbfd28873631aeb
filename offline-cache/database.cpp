// SQLite connection, statements and transactions for the store, and SQLite -> StoreError mapping.
#include "offline-cache/database.h"

#include <sqlite3.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>

namespace kiosk::store {
namespace {

// "file:" URI for `path` (RFC 3986 escaping of the few characters SQLite's URI parser treats specially).
std::string file_uri(const std::string& path, const char* query) {
  std::string uri = "file:";
  static const char hex[] = "0123456789ABCDEF";
  for (unsigned char c : path) {
    if (c == '%' || c == '?' || c == '#' || c < 0x20 || c == 0x7f) {
      uri += '%';
      uri += hex[c >> 4];
      uri += hex[c & 15];
    } else {
      uri += static_cast<char>(c);
    }
  }
  return uri + "?" + query;
}

const char* kind_hint(StoreErrorKind kind) {
  switch (kind) {
    case StoreErrorKind::Busy:
      return "the database is locked by another connection for longer than the busy timeout; try "
             "again";
    case StoreErrorKind::Full:
      return "no space left for the database (disk full or size limit reached); free space in the "
             "data dir";
    case StoreErrorKind::ReadOnly:
      return "the database or its directory is read-only; check the permissions and mount of the "
             "data dir";
    case StoreErrorKind::Corrupt:
      return "the database file is damaged; restart the kiosk: it moves the file aside and starts "
             "a fresh one";
    case StoreErrorKind::Io: return "input/output error on the database file; check the disk";
    case StoreErrorKind::Other: return "unexpected database error";
  }
  return "unexpected database error";
}

}  // namespace

StoreErrorKind store_error_kind(int extended_rc, int system_errno) {
  const bool no_space = system_errno == ENOSPC || system_errno == EDQUOT || system_errno == EFBIG;
  const bool denied = system_errno == EACCES || system_errno == EPERM || system_errno == EROFS;
  switch (extended_rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return StoreErrorKind::Busy;
    case SQLITE_FULL: return StoreErrorKind::Full;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH: return StoreErrorKind::ReadOnly;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB: return StoreErrorKind::Corrupt;
    case SQLITE_CANTOPEN: return denied ? StoreErrorKind::ReadOnly : StoreErrorKind::Io;
    case SQLITE_IOERR:
      if (no_space) return StoreErrorKind::Full;
      if (denied) return StoreErrorKind::ReadOnly;
      return StoreErrorKind::Io;
    default: return StoreErrorKind::Other;
  }
}

StoreError store_error(sqlite3* db, int rc, const std::string& what) {
  int extended = db ? sqlite3_extended_errcode(db) : rc;
  if ((extended & 0xff) != (rc & 0xff)) extended = rc;  // the handle's last error is another one
  const int sys = db ? sqlite3_system_errno(db) : 0;
  const StoreErrorKind kind = store_error_kind(extended, sys);
  const bool constraint = (extended & 0xff) == SQLITE_CONSTRAINT;
  std::string msg =
      what + ": " + (constraint ? "the data breaks a rule of the schema" : kind_hint(kind));
  msg += std::string(" (sqlite: ") + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)) + ", code " +
         std::to_string(extended);
  if (sys != 0 && kind != StoreErrorKind::Other) msg += std::string(", ") + std::strerror(sys);
  if (db) {
    if (const char* file = sqlite3_db_filename(db, "main"); file && *file)
      msg += std::string(", ") + file;
  }
  msg += ")";
  return StoreError(kind, msg);
}

namespace {
std::atomic<uint64_t> statements_started{0};

int count_statement(unsigned /*event*/, void* /*ctx*/, void* /*stmt*/, void* /*sql*/) {
  statements_started.fetch_add(1, std::memory_order_relaxed);
  return 0;
}
}  // namespace

uint64_t sql_statements_started() { return statements_started.load(std::memory_order_relaxed); }

Database::Database(const std::string& path, const OpenOptions& options)
    : path_(path), options_(options) {
  int flags =
      SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX;  // one thread at a time per connection (Outbox locks)
  std::string name;
  if (options.read_only) {
    flags |= SQLITE_OPEN_READONLY;
    name = file_uri(path, "mode=ro");
  } else {
    flags |= SQLITE_OPEN_READWRITE | (options.create ? SQLITE_OPEN_CREATE : 0);
    name = file_uri(path, options.create ? "mode=rwc" : "mode=rw");
  }
  const int rc = sqlite3_open_v2(name.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    StoreError err = store_error(db_, rc, "open " + path);
    sqlite3_close_v2(db_);
    db_ = nullptr;
    throw err;
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_trace_v2(db_, SQLITE_TRACE_STMT, count_statement, nullptr);
  try {
    apply_pragmas();
  } catch (...) {
    sqlite3_close_v2(db_);
    db_ = nullptr;
    throw;
  }
}

Database::~Database() {
  // All statements are finalized by their owners first (members are destroyed before this runs).
  if (db_) sqlite3_close_v2(db_);
}

void Database::apply_pragmas() {
  sqlite3_busy_timeout(db_, options_.busy_timeout_ms);
  // Read the schema now, so a file that is not a database (or a damaged header) fails here, at open.
  query_int("SELECT count(*) FROM sqlite_schema", "open " + path_);
  if (!options_.read_only) {
    // Switching a new file to WAL needs its exclusive lock. When another connection opening the
    // same new file holds a shared lock, SQLite answers SQLITE_BUSY at once, without the busy
    // handler (waiting there could deadlock): try again, within the same busy timeout.
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::milliseconds(options_.busy_timeout_ms);
    int rc = SQLITE_BUSY;
    std::string mode;
    for (;;) {
      sqlite3_stmt* st = nullptr;
      rc = sqlite3_prepare_v2(db_, "PRAGMA journal_mode=WAL", -1, &st, nullptr);
      if (rc == SQLITE_OK) {
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) mode = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
      }
      sqlite3_finalize(st);
      if ((rc & 0xff) != SQLITE_BUSY || std::chrono::steady_clock::now() >= deadline) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    if (rc != SQLITE_ROW) fail(rc, "open " + path_ + ": set journal_mode=WAL");
    if (mode != "wal")
      throw StoreError(StoreErrorKind::Other,
                       "open " + path_ + ": SQLite refused WAL mode (got " + mode + ")");
  }
  exec("PRAGMA synchronous=FULL", "open");  // each COMMIT is on disk before it returns
  exec("PRAGMA secure_delete=ON", "open");  // erased payloads are overwritten, not just unlinked
  exec("PRAGMA foreign_keys=ON", "open");
  if (options_.max_page_count > 0) {
    // A pragma takes no bound values; this is an integer from the caller's options, not user data.
    const std::string sql = "PRAGMA max_page_count=" + std::to_string(options_.max_page_count);
    exec(sql.c_str(), "open");
  }
}

void Database::exec(const char* sql, const std::string& what) {
  const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) fail(rc, what);
}

int64_t Database::query_int(const char* sql, const std::string& what) {
  sqlite3_stmt* st = nullptr;
  int rc = sqlite3_prepare_v2(db_, sql, -1, &st, nullptr);
  if (rc != SQLITE_OK) fail(rc, what);
  int64_t v = 0;
  rc = sqlite3_step(st);
  if (rc == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
    StoreError err = store_error(db_, rc, what);
    sqlite3_finalize(st);
    throw err;
  }
  sqlite3_finalize(st);
  return v;
}

int64_t Database::changes() const { return sqlite3_changes64(db_); }
bool Database::in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }

void Database::fail(int rc, const std::string& what) const { throw store_error(db_, rc, what); }

Statement::Statement(Database& db, const char* sql) : db_(db) {
  const int rc =
      sqlite3_prepare_v3(db.handle(), sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr);
  if (rc != SQLITE_OK) db.fail(rc, "prepare");
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

StatementUse::StatementUse(Statement& st, std::string what) : st_(st), what_(std::move(what)) {}

StatementUse::~StatementUse() {
  sqlite3_reset(
      st_.handle());  // ends the statement's read transaction (its error was reported by step)
  sqlite3_clear_bindings(st_.handle());
}

StatementUse& StatementUse::bind(int i, std::string_view text) {
  const int rc =
      sqlite3_bind_text64(st_.handle(), i, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  if (rc != SQLITE_OK) st_.db().fail(rc, what_ + ": bind");
  return *this;
}

StatementUse& StatementUse::bind(int i, int64_t value) {
  const int rc = sqlite3_bind_int64(st_.handle(), i, value);
  if (rc != SQLITE_OK) st_.db().fail(rc, what_ + ": bind");
  return *this;
}

StatementUse& StatementUse::bind_or_null(int i, const std::optional<std::string>& text_or_null) {
  return text_or_null ? bind(i, std::string_view(*text_or_null)) : bind_null(i);
}

StatementUse& StatementUse::bind_null(int i) {
  const int rc = sqlite3_bind_null(st_.handle(), i);
  if (rc != SQLITE_OK) st_.db().fail(rc, what_ + ": bind");
  return *this;
}

StatementUse& StatementUse::bind_blob(int i, std::span<const unsigned char> bytes) {
  // A 0-byte blob is still a blob (not NULL): sqlite3_bind_blob64 with nullptr would bind NULL.
  static const unsigned char kNone = 0;
  const int rc = sqlite3_bind_blob64(st_.handle(), i, bytes.empty() ? &kNone : bytes.data(),
                                     bytes.size(), SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) st_.db().fail(rc, what_ + ": bind");
  return *this;
}

bool StatementUse::step() {
  const int rc = sqlite3_step(st_.handle());
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  st_.db().fail(rc, what_);
}

void StatementUse::run() {
  while (step()) {}
}

std::string StatementUse::text(int col) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st_.handle(), col));
  const int n = sqlite3_column_bytes(st_.handle(), col);
  return p ? std::string(p, static_cast<std::size_t>(n)) : std::string();
}

std::optional<std::string> StatementUse::optional_text(int col) const {
  if (is_null(col)) return std::nullopt;
  return text(col);
}

std::vector<unsigned char> StatementUse::blob(int col) const {
  const auto* p = static_cast<const unsigned char*>(sqlite3_column_blob(st_.handle(), col));
  const int n = sqlite3_column_bytes(st_.handle(), col);
  return p ? std::vector<unsigned char>(p, p + n) : std::vector<unsigned char>();
}

int64_t StatementUse::int64(int col) const { return sqlite3_column_int64(st_.handle(), col); }
bool StatementUse::is_null(int col) const {
  return sqlite3_column_type(st_.handle(), col) == SQLITE_NULL;
}

Transaction::Transaction(Statement& begin, Statement& commit, Statement& rollback,
                         const std::string& what)
    : commit_(commit), rollback_(rollback), what_(what) {
  StatementUse(begin, what_ + ": begin").run();
}

Transaction::~Transaction() {
  if (done_ || !commit_.db().in_transaction()) return;  // committed, or SQLite already rolled back
  sqlite3_reset(rollback_.handle());
  sqlite3_step(
      rollback_.handle());  // nothing to report from a destructor; the caller's error stands
  sqlite3_reset(rollback_.handle());
}

void Transaction::commit() {
  StatementUse(commit_, what_ + ": commit").run();
  done_ = true;
}

}  // namespace kiosk::store
