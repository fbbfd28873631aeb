// Salvage of damaged-database copies (see salvage.h): reading a damaged file row by row through a
// read-only SQLite connection, handing its open records to the outbox, marking and later deleting it.
#include "offline-cache/salvage.h"

#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <optional>

#include "kiosk/core/log.h"
#include "offline-cache/recovery.h"

namespace kiosk::store {
namespace {

namespace fs = std::filesystem;

constexpr const char* kCopyPrefix = "kiosk.db.corrupt-";
// More row slots than this are not tried one by one (a damaged max(seq) could be anything).
constexpr int64_t kMaxSlots = 5'000'000;

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// A copy's main file name (not a companion, marker or temporary file).
bool is_copy_name(const std::string& name) {
  return name.rfind(kCopyPrefix, 0) == 0 && !ends_with(name, "-wal") && !ends_with(name, "-shm") &&
         !ends_with(name, kSalvagedSuffix) && !ends_with(name, ".tmp");
}

// The columns a copy of schema `v` has, in read_row()'s order; what an older schema lacks is a
// constant (event_id '', no sealed columns: such rows keep their plaintext for the sealing migration).
std::string select_for(int v) {
  std::string sql =
      "SELECT id, form_id, form_version, program_id, event_tag, created_at, status, attempts, "
      "last_error, exported_at, CASE WHEN payload = '' OR json_valid(payload) THEN payload END, ";
  sql += v >= 3 ? "collected_by, " : "NULL, ";
  sql += v >= 4 ? "event_id, sealed_payload, sealed_to, signer_kiosk_id, collector_public_key, "
                  "signature "
                : "'', NULL, '', '', '', '' ";
  sql += "FROM submissions WHERE seq = ?1";
  return sql;
}

std::string text_at(sqlite3_stmt* q, int col) {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(q, col));
  return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(q, col))) : std::string();
}

std::optional<std::string> optional_text_at(sqlite3_stmt* q, int col) {
  if (sqlite3_column_type(q, col) == SQLITE_NULL) return std::nullopt;
  return text_at(q, col);
}

bool canonical_time(const std::string& t) {
  Clock::Wall w;
  return parse_rfc3339(t, w) && format_rfc3339(w) == t;
}

// One row as the outbox would take it, or nullopt when what was read cannot be a record (a damaged
// page can hand back garbage that still parses as a row).
std::optional<Submission> read_row(sqlite3_stmt* q, bool& closed) {
  closed = false;
  Submission s;
  s.id = text_at(q, 0);
  s.form_id = text_at(q, 1);
  s.form_version = static_cast<int>(sqlite3_column_int64(q, 2));
  s.program_id = text_at(q, 3);
  s.event_tag = optional_text_at(q, 4);
  s.created_at = text_at(q, 5);
  const std::string status = text_at(q, 6);
  s.attempts = static_cast<int>(std::clamp<int64_t>(sqlite3_column_int64(q, 7), 0, 1'000'000));
  s.last_error = text_at(q, 8);
  s.exported_at = optional_text_at(q, 9);
  const bool payload_valid = sqlite3_column_type(q, 10) != SQLITE_NULL;
  s.payload_json = text_at(q, 10);
  s.collected_by = optional_text_at(q, 11);
  s.event_id = text_at(q, 12);
  if (sqlite3_column_type(q, 13) == SQLITE_BLOB) {
    const auto* b = static_cast<const unsigned char*>(sqlite3_column_blob(q, 13));
    s.sealed_payload.assign(b, b + sqlite3_column_bytes(q, 13));
  }
  s.sealed_to = text_at(q, 14);
  s.signer_kiosk_id = text_at(q, 15);
  s.collector_public_key = text_at(q, 16);
  s.signature = text_at(q, 17);
  if (status == "sent" || status == "discarded") {
    closed = true;
    return std::nullopt;
  }
  if (status == "pending")
    s.status = Status::Pending;
  else if (status == "sending")
    s.status = Status::Sending;
  else if (status == "rejected")
    s.status = Status::Rejected;
  else
    return std::nullopt;
  const bool ok = s.id.size() == 36 && !s.form_id.empty() && s.form_version >= 1 &&
                  canonical_time(s.created_at) && payload_valid &&
                  (!s.exported_at || canonical_time(*s.exported_at)) &&
                  (!s.collected_by || s.collected_by->size() == 36) &&
                  (s.sealed() || !s.payload_json.empty());
  if (!ok) return std::nullopt;
  return s;
}

// RAII for the copy's read-only connection and its statements.
struct Raw {
  sqlite3* db = nullptr;
  ~Raw() { sqlite3_close_v2(db); }
};
struct RawStmt {
  sqlite3_stmt* q = nullptr;
  ~RawStmt() { sqlite3_finalize(q); }
};

std::optional<int64_t> scalar_int(sqlite3* db, const char* sql) {
  RawStmt st;
  if (sqlite3_prepare_v2(db, sql, -1, &st.q, nullptr) != SQLITE_OK) return std::nullopt;
  if (sqlite3_step(st.q) != SQLITE_ROW) return std::nullopt;
  return sqlite3_column_int64(st.q, 0);
}

}  // namespace

SalvageRead read_damaged_copy(const std::string& path) {
  SalvageRead out;
  Raw raw;
  if (sqlite3_open_v2(path.c_str(), &raw.db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    out.note = std::string("cannot be opened: ") + (raw.db ? sqlite3_errmsg(raw.db) : "no memory");
    return out;
  }
  sqlite3_busy_timeout(raw.db, 1000);
  // Tolerate a damaged schema (an index whose pages are gone must not hide the table's rows); a
  // flag of this connection only, and the connection cannot write.
  sqlite3_exec(raw.db, "PRAGMA writable_schema = ON", nullptr, nullptr, nullptr);
  std::optional<int64_t> version = scalar_int(raw.db, "PRAGMA user_version");
  if (!version) {
    out.note = std::string("its header cannot be read: ") + sqlite3_errmsg(raw.db);
    return out;
  }
  out.schema_version = static_cast<int>(*version);
  if (*version < 1 || *version > 4) {
    out.note = "schema version " + std::to_string(*version) + " is not one this kiosk can read";
    return out;
  }
  const std::string sql = select_for(out.schema_version);
  RawStmt row;
  if (sqlite3_prepare_v2(raw.db, sql.c_str(), -1, &row.q, nullptr) != SQLITE_OK) {
    out.note = std::string("its table of records cannot be read: ") + sqlite3_errmsg(raw.db);
    return out;
  }
  // The row slots to try: 1..max(seq) one by one, each looked up from the table's root, so a damaged
  // page loses only the rows on it. When even max(seq) cannot be read, the slots a forward scan
  // reaches before the damage.
  std::vector<int64_t> slots;
  int64_t hi = 0;
  if (std::optional<int64_t> m = scalar_int(raw.db, "SELECT max(seq) FROM submissions")) {
    hi = std::min(*m, kMaxSlots);
    if (*m > kMaxSlots)
      out.note = "only the first " + std::to_string(kMaxSlots) + " rows were tried";
  } else {
    RawStmt scan;
    if (sqlite3_prepare_v2(raw.db, "SELECT seq FROM submissions ORDER BY seq", -1, &scan.q,
                           nullptr) == SQLITE_OK) {
      while (sqlite3_step(scan.q) == SQLITE_ROW && slots.size() < kMaxSlots)
        slots.push_back(sqlite3_column_int64(scan.q, 0));
    }
    out.note = "the end of its table of records cannot be read; rows after the damage are lost";
  }
  auto try_slot = [&](int64_t seq) {
    sqlite3_reset(row.q);
    sqlite3_bind_int64(row.q, 1, seq);
    const int rc = sqlite3_step(row.q);
    if (rc == SQLITE_DONE) return;  // no row in this slot
    if (rc != SQLITE_ROW) {
      ++out.unreadable;
      return;
    }
    bool closed = false;
    if (std::optional<Submission> s = read_row(row.q, closed))
      out.open.push_back(std::move(*s));
    else if (closed)
      ++out.closed;
    else
      ++out.unreadable;
  };
  if (hi > 0)
    for (int64_t seq = 1; seq <= hi; ++seq) try_slot(seq);
  else
    for (int64_t seq : slots) try_slot(seq);
  // The same id twice (a damaged page repeating a row) is one record.
  std::sort(out.open.begin(), out.open.end(),
            [](const Submission& a, const Submission& b) { return a.id < b.id; });
  out.open.erase(std::unique(out.open.begin(), out.open.end(),
                             [](const Submission& a, const Submission& b) { return a.id == b.id; }),
                 out.open.end());
  return out;
}

SalvageReport salvage_damaged_copies(Outbox& outbox, const std::string& data_dir,
                                     int retention_days, Clock& clock) {
  SalvageReport report;
  std::vector<std::string> copies, markers;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(data_dir, ec)) {
    const std::string name = e.path().filename().string();
    if (is_copy_name(name)) copies.push_back(name);
    if (name.rfind(kCopyPrefix, 0) == 0 && ends_with(name, kSalvagedSuffix))
      markers.push_back(name);
  }
  std::sort(copies.begin(), copies.end());
  const auto in_dir = [&](const std::string& name) { return (fs::path(data_dir) / name).string(); };
  bool dir_changed = false;

  for (const std::string& name : copies) {
    const std::string marker = in_dir(name + kSalvagedSuffix);
    if (fs::exists(marker, ec)) continue;
    SalvageRead r = read_damaged_copy(in_dir(name));
    const int added = outbox.add_salvaged(r.open);  // throws: unmarked, tried again next start
    const int present = static_cast<int>(r.open.size()) - added;
    std::string detail = name + ": " + std::to_string(added) + " record(s) added, " +
                         std::to_string(present) + " already present, " + std::to_string(r.closed) +
                         " sent or discarded (not needed), " + std::to_string(r.unreadable) +
                         " unreadable";
    if (!r.note.empty()) detail += "; " + r.note;
    outbox.record_event("damaged_copy_salvaged", detail);
    log::info("store: salvaged the damaged copy " + detail);
    if (!write_file_atomically(marker, format_rfc3339(clock.wall()) + "\n"))
      log::warn("store: could not mark " + name + " as salvaged (it is read again next start)");
    ++report.copies_salvaged;
    report.records_added += added;
    report.already_present += present;
    markers.push_back(name + kSalvagedSuffix);
  }

  const Clock::Wall now = clock.wall();
  std::sort(markers.begin(), markers.end());
  markers.erase(std::unique(markers.begin(), markers.end()), markers.end());
  for (const std::string& marker_name : markers) {
    const std::string name =
        marker_name.substr(0, marker_name.size() - std::string(kSalvagedSuffix).size());
    std::optional<std::string> text = read_small_file(in_dir(marker_name));
    Clock::Wall at;
    std::string when = text ? *text : std::string();
    while (!when.empty() && (when.back() == '\n' || when.back() == '\r')) when.pop_back();
    if (!parse_rfc3339(when, at)) {
      // An unreadable marker restarts the retention rather than deleting early.
      write_file_atomically(in_dir(marker_name), format_rfc3339(now) + "\n");
      continue;
    }
    if (now - at < std::chrono::hours(24) * retention_days) continue;
    const bool copy_present = fs::exists(in_dir(name), ec);
    for (const std::string& f : {name, name + "-wal", name + "-shm", marker_name})
      fs::remove(in_dir(f), ec);
    dir_changed = true;
    if (copy_present) {
      outbox.record_event("damaged_copy_deleted", name + " (salvaged " + when + ", kept " +
                                                      std::to_string(retention_days) + " day(s))");
      log::info("store: deleted the damaged copy " + name + " (salvaged " + when + ")");
      ++report.copies_deleted;
    }
  }
  if (dir_changed) fsync_dir(data_dir);
  return report;
}

}  // namespace kiosk::store
