// Outbox: opening (with recovery of a damaged file), the kiosk id, and every read and write of the
// submissions, settings and events tables. All SQL is constant; values are bound.
#include "offline-cache/outbox.h"

#include <sqlite3.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <mutex>

#include "kiosk/core/log.h"
#include "offline-cache/database.h"
#include "offline-cache/migrations.h"
#include "offline-cache/recovery.h"
#include "offline-cache/uuid.h"
#include "offline-cache/write_lock.h"

namespace kiosk::store {
namespace {

#define SUBMISSION_COLUMNS                                                                     \
  "id, form_id, form_version, program_id, event_tag, created_at, status, attempts, "           \
  "next_attempt_at, "                                                                          \
  "last_error, exported_at, payload, receipt_id, sent_at, erased_at, collected_by, event_id, " \
  "sealed_payload, sealed_to, signer_kiosk_id, collector_public_key, signature"

Status parse_status(const std::string& s) {
  if (s == "pending") return Status::Pending;
  if (s == "sending") return Status::Sending;
  if (s == "sent") return Status::Sent;
  if (s == "rejected") return Status::Rejected;
  if (s == "discarded") return Status::Discarded;
  // The CHECK constraint makes this unreachable unless the file was edited by hand.
  throw StoreError(StoreErrorKind::Corrupt, "submission with unknown status '" + s + "'");
}

Submission read_submission(const StatementUse& q) {
  Submission s;
  s.id = q.text(0);
  s.form_id = q.text(1);
  s.form_version = static_cast<int>(q.int64(2));
  s.program_id = q.text(3);
  s.event_tag = q.optional_text(4);
  s.created_at = q.text(5);
  s.status = parse_status(q.text(6));
  s.attempts = static_cast<int>(q.int64(7));
  s.next_attempt_at = q.text(8);
  s.last_error = q.text(9);
  s.exported_at = q.optional_text(10);
  s.payload_json = q.text(11);
  s.receipt_id = q.text(12);
  s.sent_at = q.text(13);
  s.erased_at = q.optional_text(14);
  s.collected_by = q.optional_text(15);
  s.event_id = q.text(16);
  s.sealed_payload = q.blob(17);
  s.sealed_to = q.text(18);
  s.signer_kiosk_id = q.text(19);
  s.collector_public_key = q.text(20);
  s.signature = q.text(21);
  return s;
}

void require_time(const std::string& t, const char* what) {
  // Times are compared as text: only the canonical form keeps text order equal to time order.
  Clock::Wall parsed;
  if (!parse_rfc3339(t, parsed) || format_rfc3339(parsed) != t) {
    throw StoreError(
        StoreErrorKind::Other,
        std::string(what) + ": not an RFC 3339 UTC time (YYYY-MM-DDTHH:MM:SSZ): '" + t + "'");
  }
}

// Every statement the outbox runs, compiled once per connection.
struct Statements {
  explicit Statements(Database& db)
      : begin_immediate(db, "BEGIN IMMEDIATE"),
        begin_read(db, "BEGIN"),
        commit(db, "COMMIT"),
        rollback(db, "ROLLBACK"),
        insert(db,
               "INSERT INTO submissions (id, form_id, form_version, program_id, event_tag, "
               "created_at, next_attempt_at, payload, event_id, sealed_payload, sealed_to, "
               "signer_kiosk_id, collector_public_key, signature) "
               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"),
        get(db, "SELECT " SUBMISSION_COLUMNS " FROM submissions WHERE id = ?1"),
        list(db, "SELECT " SUBMISSION_COLUMNS
                 " FROM submissions WHERE status = ?1 ORDER BY created_at, seq LIMIT ?2"),
        due(db, "SELECT " SUBMISSION_COLUMNS
                " FROM submissions WHERE status = 'pending' AND next_attempt_at <= ?1 "
                "ORDER BY created_at, seq LIMIT ?2"),
        // Without ANALYZE statistics the planner prefers submissions_by_status and scans every pending
        // row; the partial index answers min() with its first entry.
        earliest(db,
                 "SELECT min(next_attempt_at) FROM submissions INDEXED BY submissions_due WHERE "
                 "status = 'pending'"),
        claim(db,
              "UPDATE submissions SET status = 'sending', attempts = attempts + 1 WHERE id = ?1 "
              "AND status = 'pending'"),
        // A row reset to pending by another process's start-up may still be acknowledged: accept both.
        mark_sent(db,
                  "UPDATE submissions SET status = 'sent', receipt_id = ?2, sent_at = ?3, "
                  "last_error = '' "
                  "WHERE id = ?1 AND status IN ('sending', 'pending')"),
        mark_retry(
            db,
            "UPDATE submissions SET status = 'pending', next_attempt_at = ?2, last_error = ?3 "
            "WHERE id = ?1 AND status IN ('sending', 'pending')"),
        mark_rejected(db,
                      "UPDATE submissions SET status = 'rejected', last_error = ?2 "
                      "WHERE id = ?1 AND status IN ('sending', 'pending')"),
        reset_sending(db, "UPDATE submissions SET status = 'pending' WHERE status = 'sending'"),
        release(db,
                "UPDATE submissions SET status = 'pending', attempts = max(attempts - 1, 0) "
                "WHERE id = ?1 AND status = 'sending'"),
        clamp(db,
              "UPDATE submissions SET next_attempt_at = ?1 WHERE status = 'pending' AND "
              "next_attempt_at > ?1"),
        count_by_status(db, "SELECT status, count(*) FROM submissions GROUP BY status"),
        oldest_pending(db, "SELECT min(created_at) FROM submissions WHERE status = 'pending'"),
        get_setting(db, "SELECT value FROM settings WHERE key = ?1"),
        set_setting(db,
                    "INSERT INTO settings (key, value) VALUES (?1, ?2) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
        delete_setting(db, "DELETE FROM settings WHERE key = ?1"),
        purge(db,
              "UPDATE submissions SET payload = '', sealed_payload = NULL, erased_at = ?2 "
              "WHERE status = 'sent' AND (payload <> '' OR sealed_payload IS NOT NULL) "
              "AND sent_at <> '' AND sent_at <= ?1"),
        discard(db,
                "UPDATE submissions SET status = 'discarded', payload = '', sealed_payload = NULL, "
                "erased_at = ?2 "
                "WHERE id = ?1 AND status IN ('pending', 'rejected')"),
        retry_now(db,
                  "UPDATE submissions SET status = 'pending', next_attempt_at = ?2 "
                  "WHERE id = ?1 AND status IN ('pending', 'rejected')"),
        mark_exported(
            db, "UPDATE submissions SET exported_at = ?2 WHERE id = ?1 AND status <> 'discarded'"),
        insert_event(db, "INSERT INTO events (at, kind, detail) VALUES (?1, ?2, ?3)"),
        list_events(db, "SELECT seq, at, kind, detail FROM events ORDER BY seq DESC LIMIT ?1") {}

  Statement begin_immediate, begin_read, commit, rollback;
  Statement insert, get, list, due, earliest;
  Statement claim, mark_sent, mark_retry, mark_rejected, reset_sending, release, clamp;
  Statement count_by_status, oldest_pending;
  Statement get_setting, set_setting, delete_setting;
  Statement purge, discard, retry_now, mark_exported;
  Statement insert_event, list_events;
};

}  // namespace

const char* status_name(Status s) {
  switch (s) {
    case Status::Pending: return "pending";
    case Status::Sending: return "sending";
    case Status::Sent: return "sent";
    case Status::Rejected: return "rejected";
    case Status::Discarded: return "discarded";
  }
  return "pending";
}

const char* error_kind_name(StoreErrorKind k) {
  switch (k) {
    case StoreErrorKind::Busy: return "busy";
    case StoreErrorKind::Full: return "full";
    case StoreErrorKind::ReadOnly: return "read_only";
    case StoreErrorKind::Corrupt: return "corrupt";
    case StoreErrorKind::Io: return "io";
    case StoreErrorKind::Other: return "other";
  }
  return "?";
}

// One write: the file's process-wide lock (write_lock.h), then BEGIN IMMEDIATE. commit() ends
// both; on a throw the transaction rolls back before the lock is released (member order).
class WriteTransaction {
 public:
  WriteTransaction(std::unique_lock<WriteMutex> lock, Statement& begin, Statement& commit,
                   Statement& rollback, const std::string& what)
      : lock_(std::move(lock)), tx_(begin, commit, rollback, what) {}
  void commit() {
    tx_.commit();
    lock_.unlock();
  }

 private:
  std::unique_lock<WriteMutex> lock_;
  Transaction tx_;
};

struct Outbox::Impl {
  Impl(const std::string& dir, Clock& c, const OutboxOptions& o)
      : clock(c),
        options(o),
        data_dir(dir),
        path((std::filesystem::path(dir) / kDatabaseFile).string()),
        write_mu(write_mutex_for(path)) {}

  Clock& clock;
  OutboxOptions options;
  std::string data_dir;
  std::string path;
  std::string kiosk_id;
  std::vector<std::string> startup_events;
  std::mutex mu;  // one call at a time on this connection (the contract is one Outbox per thread)
  std::shared_ptr<WriteMutex> write_mu;  // shared by every connection to `path` in this process
  std::chrono::microseconds last_write_wait{0};
  // Declared in this order so the statements are finalized before the connection closes.
  std::unique_ptr<Database> db;
  std::unique_ptr<Statements> st;

  std::string now() const { return format_rfc3339(clock.wall()); }

  // Waits for the other connections of this process (first come, first served), timing the wait.
  std::unique_lock<WriteMutex> lock_writes() {
    // Real time on purpose: this is how long the caller's thread was held, whatever the app clock.
    const auto t0 = std::chrono::steady_clock::now();
    std::unique_lock<WriteMutex> lk(*write_mu);
    last_write_wait = std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::steady_clock::now() - t0);
    return lk;
  }
  WriteTransaction write(const std::string& what) {
    return WriteTransaction(lock_writes(), st->begin_immediate, st->commit, st->rollback, what);
  }

  void open();
  std::unique_ptr<Database> open_checked();
  void ensure_identity();
  void insert_event(const std::string& kind, const std::string& detail);
  void scrub_wal(const std::string& why);
  bool scrub_pending();
  void note_scrub_pending(const std::string& why);  // inside the erasing transaction
};

// quick_check reads every page (O(size): about 10 ms per MB) and catches damage at
// start-up, where it can be moved aside, rather than in the middle of a visitor's submission.
static void quick_check(Database& d) {
  sqlite3_stmt* q = nullptr;
  int rc = sqlite3_prepare_v2(d.handle(), "PRAGMA quick_check(1)", -1, &q, nullptr);
  std::string verdict;
  if (rc == SQLITE_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
    verdict = reinterpret_cast<const char*>(sqlite3_column_text(q, 0));
  }
  if (rc != SQLITE_ROW) {
    StoreError err = store_error(d.handle(), rc, "open " + d.path() + ": quick_check");
    sqlite3_finalize(q);
    throw err;
  }
  sqlite3_finalize(q);
  if (verdict != "ok") {
    throw StoreError(StoreErrorKind::Corrupt,
                     "open " + d.path() + ": quick_check found damage: " + verdict);
  }
}

std::unique_ptr<Database> Outbox::Impl::open_checked() {
  OpenOptions oo;
  oo.read_only = options.read_only;
  oo.busy_timeout_ms = options.busy_timeout_ms;
  oo.max_page_count = options.max_page_count;
  if (!options.read_only && std::filesystem::exists(path)) {
    // Look at an existing file through a read-only connection first: a writable one may checkpoint
    // into a damaged file or drop a WAL it cannot read, and what we move aside must be as found.
    OpenOptions probe = oo;
    probe.read_only = true;
    Database d(path, probe);
    if (options.check_integrity) quick_check(d);
  }
  auto d = std::make_unique<Database>(path, oo);
  if (options.read_only && options.check_integrity) quick_check(*d);
  migrate(*d);
  return d;
}

void Outbox::Impl::open() {
  if (!options.read_only) {
    std::error_code ec;
    std::filesystem::create_directories(data_dir, ec);
    if (ec) {
      const bool denied = ec == std::errc::permission_denied ||
                          ec == std::errc::read_only_file_system ||
                          ec == std::errc::operation_not_permitted;
      throw StoreError(denied ? StoreErrorKind::ReadOnly : StoreErrorKind::Io,
                       "open: cannot create the data dir " + data_dir + ": " + ec.message());
    }
  }
  const bool existed = std::filesystem::exists(path);
  std::string moved_to, reason;
  try {
    db = open_checked();
  } catch (const StoreError& e) {
    if (e.kind != StoreErrorKind::Corrupt || options.read_only) throw;
    reason = e.what();
    log::error("store: " + reason);
    moved_to = move_aside(path, clock.wall());  // throws if it cannot: nothing is ever deleted
    db = open_checked();
  }
  if (!existed || !moved_to.empty())
    fsync_dir(data_dir);  // the new file's directory entry is durable
  st = std::make_unique<Statements>(*db);
  ensure_identity();
  if (!moved_to.empty()) {
    const std::string msg =
        "the database was damaged; it was moved aside to " + moved_to +
        " (its readable records are salvaged when the kiosk starts) and a fresh database "
        "was created";
    startup_events.push_back(msg);
    log::warn("store: " + msg);
    WriteTransaction tx = write("record the damaged database");
    insert_event("database_moved_aside", moved_to + ": " + reason);
    tx.commit();
  }
}

// The kiosk id lives in the identity table; a copy in <data_dir>/kiosk-id lets a fresh database
// (after a damaged one was moved aside) keep the same id.
void Outbox::Impl::ensure_identity() {
  auto select_id = [&]() -> std::string {
    Statement sel(*db, "SELECT kiosk_id FROM identity WHERE singleton = 1");
    StatementUse q(sel, "read kiosk id");
    return q.step() ? q.text(0) : std::string();
  };
  kiosk_id = select_id();
  if (options.read_only) return;
  const std::string copy_path = (std::filesystem::path(data_dir) / "kiosk-id").string();
  std::optional<std::string> copy = read_small_file(copy_path);
  if (copy) {
    while (!copy->empty() && (copy->back() == '\n' || copy->back() == '\r')) copy->pop_back();
    if (!is_uuid_v4(*copy)) copy.reset();
  }
  if (kiosk_id.empty()) {
    const std::string candidate = copy ? *copy : uuid_v4();
    Statement ins(
        *db, "INSERT OR IGNORE INTO identity (singleton, kiosk_id, created_at) VALUES (1, ?1, ?2)");
    WriteTransaction tx = write("create kiosk id");
    StatementUse(ins, "create kiosk id").bind(1, candidate).bind(2, now()).run();
    tx.commit();
    kiosk_id = select_id();  // another process may have won the race: its id is the id
    log::info("store: kiosk id " + kiosk_id + (copy ? " (restored from kiosk-id)" : " (new)"));
  }
  if (!copy || *copy != kiosk_id) {
    if (!write_file_atomically(copy_path, kiosk_id + "\n")) {
      log::warn("store: could not write " + copy_path + ": " + std::strerror(errno));
    }
  }
}

void Outbox::Impl::insert_event(const std::string& kind, const std::string& detail) {
  StatementUse(st->insert_event, "record event").bind(1, now()).bind(2, kind).bind(3, detail).run();
}

// After erasing a payload: secure_delete has zeroed it in the pages, but the WAL still holds the old
// page images until a checkpoint copies the new ones back and TRUNCATE empties the WAL file. A reader
// on another connection can block that; the setting below keeps the debt until a later call pays it.
constexpr const char* kScrubPendingKey = "store.wal_scrub_pending";

void Outbox::Impl::scrub_wal(const std::string& why) {
  int wal_frames = 0, copied = 0;
  std::unique_lock<WriteMutex> lk = lock_writes();  // the checkpoint writes the file too
  const int rc = sqlite3_wal_checkpoint_v2(db->handle(), "main", SQLITE_CHECKPOINT_TRUNCATE,
                                           &wal_frames, &copied);
  if (rc == SQLITE_OK) {
    WriteTransaction tx(std::move(lk), st->begin_immediate, st->commit, st->rollback, why);
    StatementUse(st->delete_setting, why).bind(1, kScrubPendingKey).run();
    tx.commit();
    return;
  }
  if ((rc & 0xff) != SQLITE_BUSY) db->fail(rc, why + ": checkpoint");
  log::warn("store: " + why +
            ": another connection is reading, so erased bytes stay in kiosk.db-wal until the next "
            "purge_sent() or discard() checkpoints it");
}

bool Outbox::Impl::scrub_pending() {
  StatementUse q(st->get_setting, "scrub pending");
  q.bind(1, kScrubPendingKey);
  return q.step();
}

void Outbox::Impl::note_scrub_pending(const std::string& why) {
  StatementUse(st->set_setting, why).bind(1, kScrubPendingKey).bind(2, "1").run();
}

Outbox::Outbox(const std::string& data_dir, Clock& clock)
    : Outbox(data_dir, clock, OutboxOptions{}) {}

Outbox::Outbox(const std::string& data_dir, Clock& clock, const OutboxOptions& options)
    : impl_(std::make_unique<Impl>(data_dir, clock, options)) {
  impl_->open();
}

Outbox::~Outbox() = default;

const std::string& Outbox::path() const { return impl_->path; }
std::chrono::microseconds Outbox::last_write_wait() const { return impl_->last_write_wait; }
const std::string& Outbox::kiosk_id() const { return impl_->kiosk_id; }
const std::vector<std::string>& Outbox::startup_events() const { return impl_->startup_events; }

namespace {
// Runs `body`, logging a StoreError (ids and SQLite's words only) before it reaches the caller.
template <class F>
auto logged(const char* what, F&& body) -> decltype(body()) {
  try {
    return body();
  } catch (const StoreError& e) {
    log::error(std::string("store: ") + what + " failed: " + e.what());
    throw;
  }
}
}  // namespace

std::string Outbox::enqueue(const NewSubmission& s) {
  if (s.form_id.empty()) throw StoreError(StoreErrorKind::Other, "enqueue: empty form id");
  if (s.form_version < 1)
    throw StoreError(StoreErrorKind::Other, "enqueue: form version must be >= 1");
  if (s.payload_json.empty() && s.sealed_payload.empty())
    throw StoreError(StoreErrorKind::Other, "enqueue: empty payload");
  if (!s.id.empty() && !is_uuid_v4(s.id))
    throw StoreError(StoreErrorKind::Other, "enqueue: the record id is not a UUIDv4");
  if (!s.created_at.empty()) require_time(s.created_at, "enqueue");
  return logged("enqueue", [&] {
    const std::string id = s.id.empty() ? uuid_v4() : s.id;
    const std::string created_at = s.created_at.empty() ? impl_->now() : s.created_at;
    std::lock_guard lk(impl_->mu);
    WriteTransaction tx = impl_->write("enqueue");
    StatementUse ins(impl_->st->insert, "enqueue");
    ins.bind(1, id).bind(2, s.form_id).bind(3, int64_t{s.form_version}).bind(4, s.program_id);
    if (s.event_tag.empty())
      ins.bind_null(5);
    else
      ins.bind(5, s.event_tag);
    ins.bind(6, created_at).bind(7, s.payload_json).bind(8, s.event_id);
    if (s.sealed_payload.empty())
      ins.bind_null(9);
    else
      ins.bind_blob(9, s.sealed_payload);
    ins.bind(10, s.sealed_to)
        .bind(11, s.signer_kiosk_id)
        .bind(12, s.collector_public_key)
        .bind(13, s.signature)
        .run();
    tx.commit();
    return id;
  });
}

std::optional<Submission> Outbox::get(const std::string& id) {
  return logged("get", [&]() -> std::optional<Submission> {
    std::lock_guard lk(impl_->mu);
    StatementUse q(impl_->st->get, "get");
    q.bind(1, id);
    if (!q.step()) return std::nullopt;
    return read_submission(q);
  });
}

std::vector<Submission> Outbox::list(Status s, int limit) {
  return logged("list", [&] {
    std::lock_guard lk(impl_->mu);
    std::vector<Submission> out;
    StatementUse q(impl_->st->list, "list");
    q.bind(1, status_name(s)).bind(2, int64_t{limit});
    while (q.step()) out.push_back(read_submission(q));
    return out;
  });
}

std::vector<Submission> Outbox::due(const std::string& now, int limit) {
  require_time(now, "due");
  return logged("due", [&] {
    std::lock_guard lk(impl_->mu);
    std::vector<Submission> out;
    StatementUse q(impl_->st->due, "due");
    q.bind(1, now).bind(2, int64_t{limit});
    while (q.step()) out.push_back(read_submission(q));
    return out;
  });
}

std::optional<std::string> Outbox::earliest_next_attempt() {
  return logged("earliest_next_attempt", [&] {
    std::lock_guard lk(impl_->mu);
    StatementUse q(impl_->st->earliest, "earliest_next_attempt");
    q.step();  // an aggregate always returns one row; NULL when nothing is pending
    return q.optional_text(0);
  });
}

bool Outbox::claim(const std::string& id) {
  return logged("claim", [&] {
    std::lock_guard lk(impl_->mu);
    WriteTransaction tx = impl_->write("claim");
    StatementUse(impl_->st->claim, "claim").bind(1, id).run();
    const bool claimed = impl_->db->changes() == 1;
    tx.commit();
    return claimed;
  });
}

std::vector<std::string> Outbox::claim(
    const std::vector<std::string>& ids,
    const std::vector<std::pair<std::string, std::string>>& acks) {
  if (ids.empty() && acks.empty()) return {};
  return logged("claim", [&] {
    std::lock_guard lk(impl_->mu);
    const std::string now = impl_->now();
    WriteTransaction tx = impl_->write("claim");
    for (const auto& [id, receipt] : acks) {
      StatementUse(impl_->st->mark_sent, "mark_sent")
          .bind(1, id)
          .bind(2, receipt)
          .bind(3, now)
          .run();
    }
    std::vector<std::string> claimed;
    for (const auto& id : ids) {
      StatementUse(impl_->st->claim, "claim").bind(1, id).run();
      if (impl_->db->changes() == 1) claimed.push_back(id);
    }
    tx.commit();
    return claimed;
  });
}

void Outbox::release(const std::vector<std::string>& ids) {
  if (ids.empty()) return;
  logged("release", [&] {
    std::lock_guard lk(impl_->mu);
    WriteTransaction tx = impl_->write("release");
    for (const auto& id : ids) StatementUse(impl_->st->release, "release").bind(1, id).run();
    tx.commit();
  });
}

void Outbox::mark_sent(const std::vector<std::pair<std::string, std::string>>& id_and_receipt) {
  if (id_and_receipt.empty()) return;
  logged("mark_sent", [&] {
    std::lock_guard lk(impl_->mu);
    const std::string now = impl_->now();
    WriteTransaction tx = impl_->write("mark_sent");
    for (const auto& [id, receipt] : id_and_receipt) {
      StatementUse(impl_->st->mark_sent, "mark_sent")
          .bind(1, id)
          .bind(2, receipt)
          .bind(3, now)
          .run();
    }
    tx.commit();
  });
}

void Outbox::mark_retry(const std::string& id, const std::string& next_attempt_at,
                        const std::string& error) {
  require_time(next_attempt_at, "mark_retry");
  logged("mark_retry", [&] {
    std::lock_guard lk(impl_->mu);
    WriteTransaction tx = impl_->write("mark_retry");
    StatementUse(impl_->st->mark_retry, "mark_retry")
        .bind(1, id)
        .bind(2, next_attempt_at)
        .bind(3, error)
        .run();
    tx.commit();
  });
}

void Outbox::mark_rejected(const std::string& id, const std::string& reason) {
  logged("mark_rejected", [&] {
    std::lock_guard lk(impl_->mu);
    WriteTransaction tx = impl_->write("mark_rejected");
    StatementUse(impl_->st->mark_rejected, "mark_rejected").bind(1, id).bind(2, reason).run();
    tx.commit();
  });
}

int Outbox::reset_sending() {
  return logged("reset_sending", [&] {
    std::lock_guard lk(impl_->mu);
    WriteTransaction tx = impl_->write("reset_sending");
    StatementUse(impl_->st->reset_sending, "reset_sending").run();
    const int n = static_cast<int>(impl_->db->changes());
    tx.commit();
    return n;
  });
}

int Outbox::clamp_next_attempts(const std::string& latest) {
  require_time(latest, "clamp_next_attempts");
  return logged("clamp_next_attempts", [&] {
    std::lock_guard lk(impl_->mu);
    WriteTransaction tx = impl_->write("clamp_next_attempts");
    StatementUse(impl_->st->clamp, "clamp_next_attempts").bind(1, latest).run();
    const int n = static_cast<int>(impl_->db->changes());
    tx.commit();
    return n;
  });
}

StatusCounts Outbox::counts() {
  return logged("counts", [&] {
    std::lock_guard lk(impl_->mu);
    StatusCounts c;
    // One read transaction: the counts and the oldest pending time come from the same snapshot.
    Transaction tx(impl_->st->begin_read, impl_->st->commit, impl_->st->rollback, "counts");
    {
      StatementUse q(impl_->st->count_by_status, "counts");
      while (q.step()) {
        const int64_t n = q.int64(1);
        switch (parse_status(q.text(0))) {
          case Status::Pending: c.pending = n; break;
          case Status::Sending: c.sending = n; break;
          case Status::Sent: c.sent = n; break;
          case Status::Rejected: c.rejected = n; break;
          case Status::Discarded: c.discarded = n; break;
        }
      }
    }
    {
      StatementUse q(impl_->st->oldest_pending, "counts");
      q.step();
      c.oldest_pending_created_at = q.optional_text(0);
    }
    tx.commit();
    return c;
  });
}

std::optional<std::string> Outbox::setting(const std::string& key) {
  return logged("setting", [&]() -> std::optional<std::string> {
    std::lock_guard lk(impl_->mu);
    StatementUse q(impl_->st->get_setting, "setting");
    q.bind(1, key);
    if (!q.step()) return std::nullopt;
    return q.text(0);
  });
}

void Outbox::set_setting(const std::string& key, const std::string& value) {
  logged("set_setting", [&] {
    std::lock_guard lk(impl_->mu);
    WriteTransaction tx = impl_->write("set_setting");
    StatementUse(impl_->st->set_setting, "set_setting").bind(1, key).bind(2, value).run();
    tx.commit();
  });
}

int Outbox::purge_sent(int days) {
  if (days < 0) throw StoreError(StoreErrorKind::Other, "purge_sent: negative retention");
  return logged("purge_sent", [&] {
    std::lock_guard lk(impl_->mu);
    const Clock::Wall wall = impl_->clock.wall();
    const std::string cutoff = format_rfc3339(wall - std::chrono::hours(24) * days);
    WriteTransaction tx = impl_->write("purge_sent");
    StatementUse(impl_->st->purge, "purge_sent")
        .bind(1, cutoff)
        .bind(2, format_rfc3339(wall))
        .run();
    const int n = static_cast<int>(impl_->db->changes());
    if (n > 0) {
      impl_->insert_event("payloads_erased", std::to_string(n) + " sent record(s) older than " +
                                                 std::to_string(days) + " day(s)");
      impl_->note_scrub_pending("purge_sent");
    }
    const bool scrub = n > 0 || impl_->scrub_pending();
    tx.commit();
    if (n > 0) log::info("store: erased the payload of " + std::to_string(n) + " sent record(s)");
    if (scrub) impl_->scrub_wal("purge_sent");
    return n;
  });
}

bool Outbox::discard(const std::string& id) {
  return logged("discard", [&] {
    std::lock_guard lk(impl_->mu);
    WriteTransaction tx = impl_->write("discard");
    StatementUse(impl_->st->discard, "discard").bind(1, id).bind(2, impl_->now()).run();
    const bool done = impl_->db->changes() == 1;
    if (done) {
      impl_->insert_event("discarded", id);
      impl_->note_scrub_pending("discard");
    }
    tx.commit();
    if (done) {
      log::info("store: discarded " + id);
      impl_->scrub_wal("discard");
    }
    return done;
  });
}

bool Outbox::retry_now(const std::string& id) {
  return logged("retry_now", [&] {
    std::lock_guard lk(impl_->mu);
    WriteTransaction tx = impl_->write("retry_now");
    StatementUse(impl_->st->retry_now, "retry_now").bind(1, id).bind(2, impl_->now()).run();
    const bool done = impl_->db->changes() == 1;
    if (done) impl_->insert_event("retry_now", id);
    tx.commit();
    return done;
  });
}

int Outbox::mark_exported(const std::vector<std::string>& ids) {
  return logged("mark_exported", [&] {
    std::lock_guard lk(impl_->mu);
    const std::string now = impl_->now();
    int n = 0;
    WriteTransaction tx = impl_->write("mark_exported");
    for (const std::string& id : ids) {
      StatementUse(impl_->st->mark_exported, "mark_exported").bind(1, id).bind(2, now).run();
      n += static_cast<int>(impl_->db->changes());
    }
    tx.commit();
    return n;
  });
}

void Outbox::record_event(const std::string& kind, const std::string& detail) {
  logged("record_event", [&] {
    std::lock_guard lk(impl_->mu);
    WriteTransaction tx = impl_->write("record_event");
    impl_->insert_event(kind, detail);
    tx.commit();
  });
}

std::vector<StoreEvent> Outbox::events(int limit) {
  return logged("events", [&] {
    std::lock_guard lk(impl_->mu);
    std::vector<StoreEvent> out;
    StatementUse q(impl_->st->list_events, "events");
    q.bind(1, int64_t{limit});
    while (q.step()) out.push_back(StoreEvent{q.int64(0), q.text(1), q.text(2), q.text(3)});
    return out;
  });
}

}  // namespace kiosk::store

namespace kiosk::store {

int Outbox::import_submissions(const std::vector<Submission>& rows) {
  for (const Submission& r : rows) {
    if (r.id.size() != 36)
      throw StoreError(StoreErrorKind::Other, "import: a record id is not a UUID");
    if (r.form_id.empty())
      throw StoreError(StoreErrorKind::Other, "import " + r.id + ": empty form id");
    if (r.form_version < 1)
      throw StoreError(StoreErrorKind::Other, "import " + r.id + ": form version must be >= 1");
    if (r.sealed_payload.empty() && r.payload_json.empty())
      throw StoreError(StoreErrorKind::Other, "import " + r.id + ": empty payload");
    require_time(r.created_at, "import");
    if (r.exported_at) require_time(*r.exported_at, "import");
    if (r.collected_by && r.collected_by->size() != 36)
      throw StoreError(StoreErrorKind::Other,
                       "import " + r.id + ": the collecting kiosk's id is not a UUID");
  }
  return logged("import_submissions", [&] {
    std::lock_guard lk(impl_->mu);
    // Rare (staff import): compiled here rather than kept in Statements.
    Statement ins(
        *impl_->db,
        "INSERT INTO submissions (id, form_id, form_version, program_id, event_tag, created_at, "
        "next_attempt_at, exported_at, payload, collected_by, event_id, sealed_payload, sealed_to, "
        "signer_kiosk_id, collector_public_key, signature, status, last_error) VALUES (?1, ?2, "
        "?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18) "
        "ON CONFLICT (id) DO NOTHING");
    const std::string now = impl_->now();
    int added = 0;
    WriteTransaction tx = impl_->write("import_submissions");
    for (const Submission& r : rows) {
      StatementUse q(ins, "import_submissions");
      q.bind(1, r.id).bind(2, r.form_id).bind(3, int64_t{r.form_version}).bind(4, r.program_id);
      if (r.event_tag && !r.event_tag->empty())
        q.bind(5, *r.event_tag);
      else
        q.bind_null(5);
      q.bind(6, r.created_at).bind(7, now);
      if (r.exported_at)
        q.bind(8, *r.exported_at);
      else
        q.bind_null(8);
      q.bind(9, r.payload_json);
      // This kiosk's own records come home as its own (NULL), whatever the file says.
      if (r.collected_by && *r.collected_by != impl_->kiosk_id)
        q.bind(10, *r.collected_by);
      else
        q.bind_null(10);
      q.bind(11, r.event_id);
      if (r.sealed_payload.empty())
        q.bind_null(12);
      else
        q.bind_blob(12, r.sealed_payload);
      q.bind(13, r.sealed_to)
          .bind(14, r.signer_kiosk_id)
          .bind(15, r.collector_public_key)
          .bind(16, r.signature);
      if (r.status == Status::Rejected)
        q.bind(17, "rejected").bind(18, "rejected by the department before it was exported");
      else
        q.bind(17, "pending").bind(18, "");
      q.run();
      added += static_cast<int>(impl_->db->changes());
    }
    tx.commit();
    return added;
  });
}

}  // namespace kiosk::store

namespace kiosk::store {

namespace {
constexpr const char* kVacuumOwedKey = "store.vacuum_owed";
}  // namespace

std::vector<Submission> Outbox::unsealed(int limit) {
  return logged("unsealed", [&] {
    std::lock_guard lk(impl_->mu);
    Statement sel(*impl_->db, "SELECT " SUBMISSION_COLUMNS
                              " FROM submissions WHERE payload <> '' AND sealed_payload IS NULL "
                              "ORDER BY created_at, seq LIMIT ?1");
    StatementUse q(sel, "unsealed");
    q.bind(1, int64_t{limit});
    std::vector<Submission> out;
    while (q.step()) out.push_back(read_submission(q));
    return out;
  });
}

int64_t Outbox::count_unsealed() {
  return logged("count_unsealed", [&] {
    std::lock_guard lk(impl_->mu);
    return impl_->db->query_int(
        "SELECT count(*) FROM submissions WHERE payload <> '' AND sealed_payload IS NULL",
        "count_unsealed");
  });
}

bool Outbox::seal_legacy(const std::string& id, const NewSubmission& n) {
  if (n.sealed_payload.empty() || n.signature.empty())
    throw StoreError(StoreErrorKind::Other, "seal_legacy " + id + ": nothing sealed");
  return logged("seal_legacy", [&] {
    std::lock_guard lk(impl_->mu);
    Statement upd(*impl_->db,
                  "UPDATE submissions SET sealed_payload = ?2, sealed_to = ?3, signer_kiosk_id = "
                  "?4, collector_public_key = ?5, signature = ?6, payload = '' "
                  "WHERE id = ?1 AND payload <> '' AND sealed_payload IS NULL");
    WriteTransaction tx = impl_->write("seal_legacy");
    StatementUse(upd, "seal_legacy")
        .bind(1, id)
        .bind_blob(2, n.sealed_payload)
        .bind(3, n.sealed_to)
        .bind(4, n.signer_kiosk_id)
        .bind(5, n.collector_public_key)
        .bind(6, n.signature)
        .run();
    const bool done = impl_->db->changes() == 1;
    if (done)
      StatementUse(impl_->st->set_setting, "seal_legacy")
          .bind(1, kVacuumOwedKey)
          .bind(2, "1")
          .run();
    tx.commit();
    return done;
  });
}

bool Outbox::vacuum_if_owed() {
  return logged("vacuum_if_owed", [&] {
    std::lock_guard lk(impl_->mu);
    {
      StatementUse q(impl_->st->get_setting, "vacuum_if_owed");
      q.bind(1, kVacuumOwedKey);
      if (!q.step()) return false;
    }
    {
      std::unique_lock<WriteMutex> lk2 = impl_->lock_writes();
      // VACUUM rewrites the file from live rows only: the freed pages that held clear text go.
      impl_->db->exec("VACUUM", "vacuum_if_owed");
    }
    WriteTransaction tx = impl_->write("vacuum_if_owed");
    StatementUse(impl_->st->delete_setting, "vacuum_if_owed").bind(1, kVacuumOwedKey).run();
    impl_->insert_event("records_sealed", "plaintext of older records sealed; database vacuumed");
    tx.commit();
    impl_->scrub_wal("vacuum_if_owed");
    log::info("store: older records sealed; database vacuumed");
    return true;
  });
}

}  // namespace kiosk::store

namespace kiosk::store {

int Outbox::add_salvaged(const std::vector<Submission>& rows) {
  for (const Submission& r : rows) {
    if (r.status != Status::Pending && r.status != Status::Sending && r.status != Status::Rejected)
      throw StoreError(StoreErrorKind::Other, "add_salvaged: only open records are salvaged");
  }
  if (rows.empty()) return 0;
  return logged("add_salvaged", [&] {
    std::lock_guard lk(impl_->mu);
    // Rare (start-up after damage): compiled here rather than kept in Statements.
    Statement ins(
        *impl_->db,
        "INSERT INTO submissions (id, form_id, form_version, program_id, event_tag, created_at, "
        "status, attempts, next_attempt_at, last_error, exported_at, payload, collected_by, "
        "event_id, sealed_payload, sealed_to, signer_kiosk_id, collector_public_key, signature) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
        "?19) ON CONFLICT (id) DO NOTHING");
    const std::string now = impl_->now();
    int added = 0;
    WriteTransaction tx = impl_->write("add_salvaged");
    for (const Submission& r : rows) {
      const bool rejected = r.status == Status::Rejected;
      StatementUse q(ins, "add_salvaged");
      q.bind(1, r.id).bind(2, r.form_id).bind(3, int64_t{r.form_version}).bind(4, r.program_id);
      q.bind_or_null(5, r.event_tag);
      q.bind(6, r.created_at)
          .bind(7, rejected ? "rejected" : "pending")
          .bind(8, int64_t{r.attempts})
          .bind(9, now)
          .bind(10, r.last_error)
          .bind_or_null(11, r.exported_at)
          .bind(12, r.payload_json)
          .bind_or_null(13, r.collected_by)
          .bind(14, r.event_id);
      if (r.sealed_payload.empty())
        q.bind_null(15);
      else
        q.bind_blob(15, r.sealed_payload);
      q.bind(16, r.sealed_to)
          .bind(17, r.signer_kiosk_id)
          .bind(18, r.collector_public_key)
          .bind(19, r.signature);
      q.run();
      added += static_cast<int>(impl_->db->changes());
    }
    tx.commit();
    return added;
  });
}

int64_t Outbox::unexported_bytes() {
  return logged("unexported_bytes", [&] {
    std::lock_guard lk(impl_->mu);
    // length() of a BLOB reads the record header only, not the payload's overflow pages.
    return impl_->db->query_int(
        "SELECT coalesce(sum(coalesce(length(sealed_payload), 0) + length(payload)), 0) "
        "FROM submissions WHERE status IN ('pending', 'sending', 'rejected') "
        "AND exported_at IS NULL",
        "unexported_bytes");
  });
}

}  // namespace kiosk::store
