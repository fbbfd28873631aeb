// Backoff: when to try again after a retryable upload failure. Exponential backoff with full
// jitter (delay drawn uniformly from [0, min(cap, base * 2^(n-1))]) on the monotonic clock, and
// the server's Retry-After (delta-seconds or HTTP-date) honoured up to the cap.
//
// Invariants: every delay is in [0, cap]; a Retry-After longer than the cap is shortened to the cap,
// so one header can never silence a booth for longer than the configured cap (the same bound the
// start-up clamp of next_attempt_at enforces).
#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <random>
#include <string>

namespace kiosk::sync {

using Millis = std::chrono::milliseconds;

class Backoff {
 public:
  // base and cap as in [upload] backoff_base_s / backoff_cap_s (cap >= base > 0).
  Backoff(Millis base, Millis cap, uint64_t seed);

  // The ceiling for the n-th consecutive failure (n >= 1): min(cap, base * 2^(n-1)).
  Millis ceiling(int failures) const;
  // A full-jitter delay for the n-th consecutive failure: uniform in [0, ceiling(n)].
  Millis delay(int failures);
  // The delay to use: the jittered one, or the server's Retry-After when longer; never above cap.
  Millis delay(int failures, std::optional<Millis> retry_after);

  Millis base() const { return base_; }
  Millis cap() const { return cap_; }

 private:
  Millis base_, cap_;
  std::mt19937_64 rng_;
};

// Parses a Retry-After value against the reply's Date header when it has one (a booth's own clock
// may be wrong: the server's two times share one clock), else against `now_wall`.
// Accepts delta-seconds ("120") and the three HTTP-date forms of RFC 9110 (IMF-fixdate, RFC 850,
// asctime). A date in the past gives 0. Returns nullopt for anything else.
std::optional<Millis> parse_retry_after(const std::string& value, const std::string& date_header,
                                        std::chrono::system_clock::time_point now_wall);

// Parses an HTTP-date (RFC 9110 section 5.6.7) into UTC. False on bad input.
bool parse_http_date(const std::string& s, std::chrono::system_clock::time_point& out);

}  // namespace kiosk::sync
