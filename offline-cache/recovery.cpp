// Moving a damaged database aside, and the few raw-file operations the store does outside SQLite.
#include "offline-cache/recovery.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>

#include "offline-cache/outbox.h"

namespace kiosk::store {
namespace {

std::string compact_utc(
    Clock::Wall t) {  // 20261121T234906Z: sortable, no ':' (safe on any file system)
  std::time_t s =
      std::chrono::system_clock::to_time_t(std::chrono::time_point_cast<std::chrono::seconds>(t));
  std::tm tm{};
  gmtime_r(&s, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
  return buf;
}

bool exists(const std::string& p) {
  struct stat st {};
  return ::lstat(p.c_str(), &st) == 0;
}

StoreErrorKind kind_of_errno(int e) {
  return (e == EACCES || e == EPERM || e == EROFS) ? StoreErrorKind::ReadOnly : StoreErrorKind::Io;
}

// rename(2) that refuses to replace an existing target.
int rename_noreplace(const std::string& from, const std::string& to) {
  return ::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE);
}

}  // namespace

std::string move_aside(const std::string& db_path, Clock::Wall now) {
  const std::string base = db_path + ".corrupt-" + compact_utc(now);
  std::string target = base;
  // Pick a name no file has: the main file and both companions must all be free.
  for (int n = 2; exists(target) || exists(target + "-wal") || exists(target + "-shm"); ++n) {
    target = base + "-" + std::to_string(n);
  }
  if (rename_noreplace(db_path, target) != 0) {
    const int e = errno;
    throw StoreError(kind_of_errno(e), "the database " + db_path +
                                           " is damaged and could not be moved aside to " + target +
                                           ": " + std::strerror(e) +
                                           " (move it away by hand; it was not deleted)");
  }
  for (const char* suffix : {"-wal", "-shm"}) {
    // The WAL belongs with the file it was written for: keep it beside the moved copy.
    if (exists(db_path + suffix) && rename_noreplace(db_path + suffix, target + suffix) != 0) {
      const int e = errno;
      throw StoreError(kind_of_errno(e), "the damaged database was moved to " + target +
                                             " but its " + suffix +
                                             " file could not follow: " + std::strerror(e));
    }
  }
  fsync_dir(std::filesystem::path(db_path).parent_path().string());
  return std::filesystem::path(target).filename().string();
}

bool fsync_dir(const std::string& dir) {
  const int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

bool write_file_atomically(const std::string& path, const std::string& text) {
  const std::string tmp = path + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return false;
  bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
            ::fsync(fd) == 0;
  ok = (::close(fd) == 0) && ok;
  if (ok) ok = ::rename(tmp.c_str(), path.c_str()) == 0;
  if (!ok) {
    const int e = errno;
    ::unlink(tmp.c_str());
    errno = e;
    return false;
  }
  fsync_dir(std::filesystem::path(path).parent_path().string());
  return true;
}

std::optional<std::string> read_small_file(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return std::nullopt;
  std::string s;
  char buf[256];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0 && s.size() < 4096) s.append(buf, n);
  std::fclose(f);
  return s;
}

}  // namespace kiosk::store
