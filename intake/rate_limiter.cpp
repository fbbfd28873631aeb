// Token buckets per client address (see rate_limiter.h).
#include "intake/rate_limiter.h"

#include <algorithm>
#include <cmath>

namespace intake {

bool RateLimiter::allow(const std::string& client, int& retry_after_s, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  // Bound memory against many addresses: forget buckets that have refilled completely.
  if (buckets_.size() > 100000) {
    std::erase_if(buckets_, [&](const auto& kv) {
      return kv.second.tokens +
                 std::chrono::duration<double>(now - kv.second.last).count() * per_second_ >=
             capacity_;
    });
  }
  auto [it, fresh] = buckets_.try_emplace(client, Bucket{capacity_, now});
  Bucket& b = it->second;
  if (!fresh) {
    double elapsed = std::chrono::duration<double>(now - b.last).count();
    b.tokens = std::min(capacity_, b.tokens + elapsed * per_second_);
    b.last = now;
  }
  if (b.tokens >= 1.0) {
    b.tokens -= 1.0;
    return true;
  }
  retry_after_s = std::max(1, static_cast<int>(std::ceil((1.0 - b.tokens) / per_second_)));
  return false;
}

}  // namespace intake
