// FairMutex: a first-come, first-served (ticket) mutex. The sync engine and the UI thread share
// one for outbox writes; with std::mutex the engine, which writes back to back, could take the
// lock again before a woken UI thread runs, making a visitor's save wait several transactions.
// Here a waiting save is served as soon as the engine's current transaction ends.
// Meets BasicLockable (std::lock_guard, std::unique_lock).
#pragma once
#include <condition_variable>
#include <cstdint>
#include <mutex>

namespace kiosk::sync {

class FairMutex {
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

}  // namespace kiosk::sync
