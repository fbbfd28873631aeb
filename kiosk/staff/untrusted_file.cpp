// Opening and bounded reading of files from a stick (see untrusted_file.h).
#include "kiosk/staff/untrusted_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace kiosk::staff {

using crypto::Result;

Result<UntrustedFile> UntrustedFile::open(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) {
    if (errno == ELOOP) return Result<UntrustedFile>::failure("is a symbolic link, not a file");
    return Result<UntrustedFile>::failure(std::string("cannot be opened: ") + std::strerror(errno));
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    ::close(fd);
    return Result<UntrustedFile>::failure("cannot be examined");
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    if (S_ISDIR(st.st_mode)) return Result<UntrustedFile>::failure("is a folder, not a file");
    if (S_ISFIFO(st.st_mode)) return Result<UntrustedFile>::failure("is a pipe, not a file");
    return Result<UntrustedFile>::failure("is a device or socket, not a regular file");
  }
  const int flags = ::fcntl(fd, F_GETFL);
  if (flags >= 0) ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
  return UntrustedFile(fd, static_cast<uint64_t>(st.st_size));
}

UntrustedFile::~UntrustedFile() {
  if (fd_ >= 0) ::close(fd_);
}

long UntrustedFile::read_some(char* buf, std::size_t n) {
  for (;;) {
    const ssize_t got = ::read(fd_, buf, n);
    if (got < 0 && errno == EINTR) continue;
    return static_cast<long>(got);
  }
}

Result<std::string> UntrustedFile::read_all(std::size_t limit) {
  if (size_ > limit)
    return Result<std::string>::failure("is larger than " + std::to_string(limit) + " bytes");
  std::string out;
  char buf[16384];
  for (;;) {
    const long got = read_some(buf, sizeof buf);
    if (got < 0)
      return Result<std::string>::failure(std::string("cannot be read: ") + std::strerror(errno));
    if (got == 0) return out;
    if (out.size() + static_cast<std::size_t>(got) > limit)
      return Result<std::string>::failure("is larger than " + std::to_string(limit) + " bytes");
    out.append(buf, static_cast<std::size_t>(got));
  }
}

}  // namespace kiosk::staff
