// Fuzzes what the kiosk reads from the department's server after an upload: the status, the
// Content-Type, Retry-After and Date headers and the body (libcurl splits the reply; these are
// the parsers of its parts). Input: status, Content-Type, Retry-After, Date and Location on the
// first five lines, the body after them.
#include <charconv>
#include <chrono>
#include <cstdint>
#include <string>

#include "kiosk/sync/backoff.h"
#include "kiosk/sync/reply_classifier.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  using namespace std::chrono;
  // A fixed "now": the harness must answer the same on every run.
  const system_clock::time_point now = system_clock::from_time_t(1780000000);
  std::string_view rest = kiosk::fuzz::as_text(data, size);
  kiosk::sync::HttpReply reply;
  const std::string status = kiosk::fuzz::take_line(rest);
  std::from_chars(status.data(), status.data() + status.size(), reply.status);
  reply.content_type = kiosk::fuzz::take_line(rest);
  reply.retry_after = kiosk::fuzz::take_line(rest);
  reply.date = kiosk::fuzz::take_line(rest);
  reply.location = kiosk::fuzz::take_line(rest);
  reply.body = std::string(rest);

  auto outcome = kiosk::sync::classify_reply(reply, now);
  (void)kiosk::sync::verdict_name(outcome.verdict);
  (void)kiosk::sync::server_reason(reply.body, reply.content_type);
  (void)kiosk::sync::receipt_from_body(reply.body);
  if (auto wait = kiosk::sync::parse_retry_after(reply.retry_after, reply.date, now)) {
    if (wait->count() < 0) __builtin_trap();  // a wait is never negative
    kiosk::sync::Backoff backoff(seconds(1), seconds(600), 7);
    if (backoff.delay(3, wait) > seconds(600)) __builtin_trap();  // the cap always holds
  }
  system_clock::time_point when;
  (void)kiosk::sync::parse_http_date(reply.date, when);
  return 0;
}
