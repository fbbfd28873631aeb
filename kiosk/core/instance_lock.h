// InstanceLock: one kiosk GUI per data dir. Two GUIs on one data dir would both show the visitor
// screens, both run an upload engine and fight over the screen; headless commands (--status,
// --submit, --export, --sync-once) do not take this lock and run beside the GUI.
// An flock on <data_dir>/gui.lock (like sync.lock, see kiosk/sync/sender_lock.h): released by the
// kernel when the holder exits or is killed -9, so a crash never leaves a stale lock. The holder
// writes its pid into the file, only so that the refusal can name it.
#pragma once
#include <string>

namespace kiosk {

class InstanceLock {
 public:
  enum class Result { Acquired, Held, Error };

  InstanceLock() = default;
  ~InstanceLock();
  InstanceLock(const InstanceLock&) = delete;
  InstanceLock& operator=(const InstanceLock&) = delete;

  // Takes the lock without waiting. Held: another process has it (`holder_pid` is its pid when
  // the file says so, else 0). Error: the file cannot be opened or locked (`error` says why).
  Result try_acquire(const std::string& data_dir);
  bool held() const { return fd_ >= 0; }
  void release();

  const std::string& path() const { return path_; }
  const std::string& error() const { return error_; }
  long holder_pid() const { return holder_pid_; }

 private:
  int fd_ = -1;
  std::string path_, error_;
  long holder_pid_ = 0;
};

}  // namespace kiosk
