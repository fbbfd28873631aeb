// SenderLock: at most one process uploads from a data dir at a time (the GUI's sync thread or a
// `kiosk --sync-once`), so resetting `sending` rows to `pending` at start-up can never undo a
// request another process has in flight. An flock on <data_dir>/sync.lock, released by the kernel
// when the holder exits or is killed -9: no stale lock after a crash.
#pragma once
#include <string>

namespace kiosk::sync {

class SenderLock {
 public:
  SenderLock() = default;
  ~SenderLock();
  SenderLock(const SenderLock&) = delete;
  SenderLock& operator=(const SenderLock&) = delete;

  // Takes the lock without waiting. False when another process holds it, or on error (`error` set).
  bool try_acquire(const std::string& data_dir, std::string& error);
  bool held() const { return fd_ >= 0; }
  void release();

 private:
  int fd_ = -1;
};

}  // namespace kiosk::sync
