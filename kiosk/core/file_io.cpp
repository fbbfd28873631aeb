// read_file on POSIX calls, so the reason is the system's own (errno) and the size bound holds
// even for files whose size fstat cannot tell (pipes, /proc).
#include "kiosk/core/file_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace kiosk {
namespace {

std::string too_large(std::uintmax_t size, std::uintmax_t max_bytes, bool at_least) {
  return "file too large (" + std::string(at_least ? "over " : "") + std::to_string(size) +
         " bytes; at most " + std::to_string(max_bytes) + ")";
}

// Closes the descriptor on every return path.
struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

std::optional<std::string> read_file(const std::string& path, std::string& reason,
                                     std::uintmax_t max_bytes) {
  Fd f{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (f.fd < 0) {
    reason = "cannot read: " + std::string(std::strerror(errno));
    return std::nullopt;
  }
  struct stat st {};
  if (::fstat(f.fd, &st) != 0) {
    reason = "cannot read: " + std::string(std::strerror(errno));
    return std::nullopt;
  }
  if (S_ISDIR(st.st_mode)) {
    reason = "cannot read: " + std::string(std::strerror(EISDIR));
    return std::nullopt;
  }
  std::string out;
  if (S_ISREG(st.st_mode)) {
    auto size = static_cast<std::uintmax_t>(st.st_size);
    if (size > max_bytes) {
      reason = too_large(size, max_bytes, false);
      return std::nullopt;
    }
    out.reserve(static_cast<std::size_t>(size));
  }
  char buf[64 * 1024];
  while (true) {
    ssize_t n = ::read(f.fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      reason = "cannot read: " + std::string(std::strerror(errno));
      return std::nullopt;
    }
    if (n == 0) break;
    if (out.size() + static_cast<std::size_t>(n) > max_bytes) {
      // The file grew after fstat, or is not a regular file: the bound still holds.
      reason = too_large(max_bytes, max_bytes, true);
      return std::nullopt;
    }
    out.append(buf, static_cast<std::size_t>(n));
  }
  return out;
}

}  // namespace kiosk
