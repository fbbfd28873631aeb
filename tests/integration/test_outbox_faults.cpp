// Storage faults across processes, injected without privileges (CI runs as root, where chmod does not
// stop writes): an unprivileged child (setpriv to uid/gid 65534) facing a read-only data dir, an OS
// file-size limit (RLIMIT_FSIZE) as a full disk, a write lock held by another process; and
// `kiosk --status` on a good and a broken data dir. Each case checks the error really ran (kind and
// message), nothing was half-written, and saving works again once the fault clears.
#include <sys/stat.h>

#include <nlohmann/json.hpp>

#include "offline-cache/outbox.h"
#include "tests/integration/outbox_child.h"
#include "tests/integration/outbox_crash_payload.h"
#include "tests/unit/test_outbox_util.h"

#ifndef OUTBOX_CRASH_CHILD
#error "OUTBOX_CRASH_CHILD (path of the outbox_crash_child executable) must be defined by the build"
#endif

using outbox_test::ChildProcess;
using outbox_test::RawDb;
using outbox_test::TempDir;

namespace {

struct Result {
  int code = -1;
  std::string out;  // stdout (and stderr when merged)
};

Result run(std::vector<std::string> argv, bool merge_stderr = false) {
  ChildProcess child(argv, merge_stderr);
  Result r;
  r.out = child.read_all();
  r.code = child.wait();
  return r;
}

bool is_root() { return getuid() == 0; }

std::vector<std::string> as_nobody(std::vector<std::string> argv) {
  std::vector<std::string> full = {"/usr/bin/setpriv", "--reuid=65534", "--regid=65534",
                                   "--clear-groups"};
  full.insert(full.end(), argv.begin(), argv.end());
  return full;
}

// A data dir the child may read but not write: made 0555. As root (CI), where chmod does not stop
// root's writes, the child runs as uid/gid 65534 through setpriv and the dir is handed to that user
// (the kiosk refuses a data dir of another user, issue 11). clear() (and the destructor) lift the
// fault.
class NoWriteDir {
 public:
  explicit NoWriteDir(const std::string& path) : path_(path) {
    if (is_root()) REQUIRE(chown(path_.c_str(), 65534, 65534) == 0);
    REQUIRE(chmod(path_.c_str(), 0555) == 0);
  }
  ~NoWriteDir() { clear(); }
  NoWriteDir(const NoWriteDir&) = delete;
  NoWriteDir& operator=(const NoWriteDir&) = delete;
  void clear() {
    if (is_root()) {
      [[maybe_unused]] int rc = chown(path_.c_str(), 0, 0);  // back to root, who made it
    }
    chmod(path_.c_str(), 0755);
  }
  std::vector<std::string> child(std::vector<std::string> argv) const {
    return is_root() ? as_nobody(argv) : argv;
  }

 private:
  std::string path_;
};

std::vector<std::string> enqueue_argv(const std::string& dir, std::vector<std::string> extra = {}) {
  std::vector<std::string> argv = {OUTBOX_CRASH_CHILD, "enqueue-once", dir};
  argv.insert(argv.end(), extra.begin(), extra.end());
  return argv;
}

Result enqueue_once(const std::string& dir, std::vector<std::string> extra = {}) {
  return run(enqueue_argv(dir, extra));
}

Result enqueue_once_in(const NoWriteDir& fault, const std::string& dir) {
  return run(fault.child(enqueue_argv(dir)));
}

bool has(const std::string& text, const std::string& words) {
  return text.find(words) != std::string::npos;
}

// A data dir holding a database with `rows` rows.
void make_data_dir(const TempDir& dir, int rows) {
  kiosk::store::Outbox box(dir.path());
  for (int n = 0; n < rows; ++n) {
    kiosk::store::NewSubmission s;
    s.form_id = "signup";
    s.payload_json = outbox_crash::expected_payload(9, n);
    box.enqueue(s);
  }
}

int64_t row_count(const std::string& db) {
  RawDb raw(db);
  REQUIRE(raw.scalar("PRAGMA integrity_check") == "ok");
  return std::stoll(raw.scalar("SELECT count(*) FROM submissions"));
}

}  // namespace

TEST_CASE("the injected fault applies to the child: it cannot write in a NoWriteDir") {
  TempDir dir("ro");
  NoWriteDir fault(dir.path());
  Result r = run(fault.child({"/usr/bin/touch", dir.file("probe")}), true);
  CHECK(r.code != 0);
  CHECK_FALSE(std::filesystem::exists(dir.file("probe")));
  Result usage = run(fault.child({OUTBOX_CRASH_CHILD}), true);
  CHECK(usage.code == 2);  // and the child program itself starts there (a traversable build dir)
}

TEST_CASE(
    "read-only data dir: saving fails as read_only, the database is untouched, saving works "
    "after") {
  TempDir dir("ro");
  make_data_dir(dir, 3);
  const std::string db = dir.file("kiosk.db");
  const std::string before = outbox_test::read_bytes(db);
  NoWriteDir fault(dir.path());

  Result r = enqueue_once_in(fault, dir.path());
  INFO(r.out);
  CHECK(r.code == 1);
  CHECK(has(r.out, "error read_only "));
  CHECK(has(r.out, "read-only"));
  CHECK(outbox_test::read_bytes(db) == before);  // not a byte changed

  if (is_root()) {
    // Only root can hand the file to uid 65534: the file writable, its directory still not.
    REQUIRE(chown(db.c_str(), 65534, 65534) == 0);
    Result r2 = enqueue_once_in(fault, dir.path());
    INFO(r2.out);
    CHECK(r2.code == 1);
    CHECK(has(r2.out, "error read_only "));
  }
  fault.clear();
  CHECK(row_count(db) == 3);
  Result ok = enqueue_once(dir.path());  // the fault cleared: saving works again
  CHECK(ok.code == 0);
  CHECK(has(ok.out, "ok "));
  CHECK(row_count(db) == 4);
}

TEST_CASE("a data dir that cannot be created is reported as read_only with its path") {
  TempDir dir("ro");
  NoWriteDir fault(dir.path());
  Result r = enqueue_once_in(fault, dir.file("data"));
  INFO(r.out);
  CHECK(r.code == 1);
  CHECK(has(r.out, "error read_only "));
  CHECK(has(r.out, "cannot create the data dir " + dir.file("data")));
}

TEST_CASE("a damaged database that cannot be moved aside is reported and left exactly as found") {
  TempDir dir("ro");
  const std::string garbage(8192, 'Q');
  outbox_test::write_bytes(dir.file("kiosk.db"), garbage);
  NoWriteDir fault(dir.path());
  Result r = enqueue_once_in(fault, dir.path());
  INFO(r.out);
  CHECK(r.code == 1);
  CHECK(has(r.out, "error read_only "));
  CHECK(has(r.out, "is damaged and could not be moved aside"));
  CHECK(outbox_test::read_bytes(dir.file("kiosk.db")) == garbage);
  CHECK(outbox_test::files_starting_with(dir.path(), "kiosk.db.corrupt").empty());

  fault.clear();
  Result fixed = enqueue_once(dir.path());  // now it may rename: moved aside, fresh database, saved
  CHECK(fixed.code == 0);
  CHECK(outbox_test::read_bytes(dir.file(
            outbox_test::files_starting_with(dir.path(), "kiosk.db.corrupt").at(0))) == garbage);
}

// The OS refuses to grow the WAL mid-commit (EFBIG). SQLite 3.40 reports a failed write as
// SQLITE_IOERR_WRITE unless errno is ENOSPC, so this is the Io path; a true "disk full" (SQLITE_FULL)
// is injected with max_page_count in tests/unit/test_outbox_storage_faults.cpp.
TEST_CASE(
    "the OS refusing a write mid-commit (RLIMIT_FSIZE): saving fails as io, no half row, works "
    "after") {
  TempDir dir("full");
  make_data_dir(dir, 3);
  const std::string db = dir.file("kiosk.db");
  // Keep a connection open so kiosk.db-shm exists at full size and the WAL is where growth happens.
  RawDb holder(db);
  holder.scalar("SELECT count(*) FROM submissions");
  std::error_code ec;
  const auto largest =
      std::max({std::filesystem::file_size(db), std::filesystem::file_size(db + "-wal", ec),
                std::filesystem::file_size(db + "-shm", ec)});
  Result r = enqueue_once(dir.path(), {"--fsize-limit", std::to_string(largest)});
  INFO(r.out);
  CHECK(r.code == 1);
  CHECK(has(r.out, "error io enqueue: commit: "));
  CHECK(has(r.out, "input/output error"));
  CHECK(row_count(db) == 3);  // the failed save left nothing

  Result ok = enqueue_once(dir.path());
  CHECK(ok.code == 0);
  CHECK(row_count(db) == 4);
  RawDb raw(db);
  for (const auto& p : raw.column("SELECT payload FROM submissions"))
    CHECK(nlohmann::json::accept(p));
}

TEST_CASE(
    "another process holding the write lock: saving fails as busy after the timeout, then works") {
  TempDir dir("busy");
  make_data_dir(dir, 1);
  RawDb holder(dir.file("kiosk.db"));
  holder.exec("BEGIN IMMEDIATE");
  Result r = enqueue_once(dir.path(), {"--busy-timeout", "100"});
  INFO(r.out);
  CHECK(r.code == 1);
  CHECK(has(r.out, "error busy "));
  CHECK(has(r.out, "locked by another connection"));
  holder.exec("ROLLBACK");
  CHECK(enqueue_once(dir.path(), {"--busy-timeout", "100"}).code == 0);
  CHECK(row_count(dir.file("kiosk.db")) == 2);
}

namespace {

// An empty XDG config home: no user's kiosk.toml changes what the test sees.
void use_empty_config(const TempDir& home) {
  REQUIRE(chmod(home.path().c_str(), 0755) == 0);  // readable by the unprivileged child too
  setenv("XDG_CONFIG_HOME", home.path().c_str(), 1);
}

Result kiosk_cli(const std::vector<std::string>& args, const TempDir& home) {
  use_empty_config(home);
  std::vector<std::string> argv = {KIOSK_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  return run(argv, false);
}

}  // namespace

TEST_CASE("kiosk --status prints counts by status, the oldest pending time and the kiosk id") {
  TempDir home("home"), dir("status");
  std::string kiosk_id, oldest;
  {
    kiosk::Clock::Wall start;
    REQUIRE(kiosk::parse_rfc3339("2026-08-04T18:00:00Z", start));
    kiosk::VirtualClock clock(start);
    kiosk::store::Outbox box(dir.path(), clock);
    kiosk::store::NewSubmission s;
    s.form_id = "signup";
    s.payload_json = R"({"name":"Status Test Person"})";
    std::vector<std::string> ids;
    for (int i = 0; i < 6; ++i) {
      ids.push_back(box.enqueue(s));
      clock.advance(std::chrono::minutes(1));
    }
    box.claim(ids[0]);
    box.mark_sent({{ids[0], ""}});
    box.claim(ids[1]);
    box.mark_rejected(ids[1], "422");
    box.claim(ids[2]);
    box.discard(ids[3]);
    kiosk_id = box.kiosk_id();
  }
  Result r = kiosk_cli({"--data-dir", dir.path(), "--status"}, home);
  INFO(r.out);
  REQUIRE(r.code == 0);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["counts"] ==
        nlohmann::json{
            {"pending", 2}, {"sending", 1}, {"sent", 1}, {"rejected", 1}, {"discarded", 1}});
  CHECK(j["oldest_pending_created_at"] == "2026-08-04T18:04:00Z");
  CHECK(j["kiosk_id"] == kiosk_id);
  CHECK_FALSE(has(r.out, "Status Test Person"));  // counts and ids only

  TempDir empty("status");
  Result e = kiosk_cli({"--data-dir", empty.path(), "--status"}, home);
  REQUIRE(e.code == 0);
  auto je = nlohmann::json::parse(e.out);
  CHECK(je["counts"]["pending"] == 0);
  CHECK(je["oldest_pending_created_at"].is_null());
  CHECK(je["kiosk_id"].get<std::string>().size() == 36);
}

TEST_CASE("kiosk --status on storage it cannot use prints a clear message and exits 1") {
  TempDir home("home"), dir("status");
  use_empty_config(home);
  SECTION("kiosk.db is not a file") {
    std::filesystem::create_directory(dir.file("kiosk.db"));
    Result r = run({KIOSK_BINARY, "--data-dir", dir.path(), "--status"}, true);
    INFO(r.out);
    CHECK(r.code == 1);
    CHECK(has(r.out, "status: open "));
    CHECK(has(r.out, dir.file("kiosk.db")));
  }
  SECTION("a read-only data dir") {
    make_data_dir(dir, 1);
    NoWriteDir fault(dir.path());
    Result r = run(fault.child({KIOSK_BINARY, "--data-dir", dir.path(), "--status"}), true);
    INFO(r.out);
    CHECK(r.code == 1);
    CHECK(has(r.out, "read-only"));
  }
}
