// flock-based one-GUI-per-data-dir lock (see instance_lock.h).
#include "kiosk/core/instance_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>

namespace kiosk {

InstanceLock::~InstanceLock() { release(); }

InstanceLock::Result InstanceLock::try_acquire(const std::string& data_dir) {
  if (fd_ >= 0) return Result::Acquired;
  error_.clear();
  holder_pid_ = 0;
  path_ = data_dir + "/gui.lock";
  int fd = open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    error_ = "cannot open " + path_ + ": " + std::strerror(errno);
    return Result::Error;
  }
  if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    if (err == EWOULDBLOCK) {
      char buf[32] = {};
      ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
      if (n > 0) holder_pid_ = std::strtol(buf, nullptr, 10);
      close(fd);
      return Result::Held;
    }
    error_ = "cannot lock " + path_ + ": " + std::strerror(err);
    close(fd);
    return Result::Error;
  }
  // Only a hint for the refusal message: a failure to write it is harmless.
  const std::string pid = std::to_string(static_cast<long>(getpid())) + "\n";
  [[maybe_unused]] const bool wrote =
      ftruncate(fd, 0) == 0 && pwrite(fd, pid.data(), pid.size(), 0) > 0;
  fd_ = fd;
  return Result::Acquired;
}

void InstanceLock::release() {
  if (fd_ < 0) return;
  close(fd_);  // closing the only descriptor releases the flock (the file stays: harmless)
  fd_ = -1;
}

}  // namespace kiosk
