// flock-based single-sender lock (see sender_lock.h).
#include "kiosk/sync/sender_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace kiosk::sync {

SenderLock::~SenderLock() { release(); }

bool SenderLock::try_acquire(const std::string& data_dir, std::string& error) {
  if (fd_ >= 0) return true;
  error.clear();
  const std::string path = data_dir + "/sync.lock";
  int fd = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    error = "cannot open " + path + ": " + std::strerror(errno);
    return false;
  }
  if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno != EWOULDBLOCK) error = "cannot lock " + path + ": " + std::strerror(errno);
    close(fd);
    return false;
  }
  fd_ = fd;
  return true;
}

void SenderLock::release() {
  if (fd_ < 0) return;
  close(fd_);  // closing the only descriptor releases the flock
  fd_ = -1;
}

}  // namespace kiosk::sync
