// A token bucket per client address for the public status look-up: `per_minute` requests in a
// burst, refilled evenly over a minute. In memory, per process: behind a proxy with N intake
// processes a client gets at most N times the limit (docs/intake.md).
#pragma once
#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace intake {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  explicit RateLimiter(int per_minute) : capacity_(per_minute), per_second_(per_minute / 60.0) {}

  // True when `client` may make one more request now (and counts it); else false and the whole
  // seconds until it may.
  bool allow(const std::string& client, int& retry_after_s, Clock::time_point now = Clock::now());

 private:
  struct Bucket {
    double tokens;
    Clock::time_point last;
  };
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
  double capacity_;
  double per_second_;
};

}  // namespace intake
