// The process-wide write lock of one database file: every Outbox connection to the same file in
// this process (the UI thread's, the sync thread's, the CLI's) shares one WriteMutex, taken by the
// store around each write transaction. Callers never take it themselves.
//
// Why a lock of our own on top of SQLite's: SQLite's busy handler sleeps and retries, so a writer
// that commits back to back (the upload drain) could starve a visitor's save for several
// transactions. The WriteMutex is first come, first served (a ticket lock): a waiting save is served
// as soon as the current transaction ends. Across processes SQLite's own locking (busy_timeout)
// still applies.
#pragma once
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

namespace kiosk::store {

// A first-come, first-served mutex. Meets BasicLockable (std::lock_guard, std::unique_lock).
class WriteMutex {
 public:
  void lock() {
    std::unique_lock lk(mu_);
    const uint64_t ticket = next_++;
    cv_.wait(lk, [&] { return serving_ == ticket; });
  }
  void unlock() {
    {
      std::lock_guard lk(mu_);
      ++serving_;
    }
    cv_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  uint64_t next_ = 0, serving_ = 0;
};

// The WriteMutex of the database at `path` (made canonical, so "dir/kiosk.db" and
// "./dir/../dir/kiosk.db" share one). It lives while any holder keeps it.
std::shared_ptr<WriteMutex> write_mutex_for(const std::string& path);

}  // namespace kiosk::store
