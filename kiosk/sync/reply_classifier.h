// Reply classifier: turns one HttpReply into what happens to the record and to the queue, as the
// upload protocol (docs/upload-protocol.md) says. Pure: no I/O, no clock but the one passed in.
//
//   2xx, 409                    -> Sent (receipt id kept when the body has one; any body accepted)
//   400, 404, 413, 422          -> Rejected: this record only, with the server's reason
//   401, 403, other 4xx, 3xx,
//   TLS verify/pin, bad config  -> Pause: a configuration fault; no record is rejected
//   408, 425, 429, 5xx, network -> Retry, never giving up (Retry-After honoured by the caller)
#pragma once
#include <chrono>
#include <optional>
#include <string>

#include "kiosk/sync/backoff.h"
#include "kiosk/sync/http_reply.h"

namespace kiosk::sync {

enum class Verdict { Sent, Rejected, Retry, Pause, Interrupted };
const char* verdict_name(Verdict v);

struct Outcome {
  Verdict verdict = Verdict::Retry;
  std::string receipt_id;  // Sent: the server's receipt, "" when it gave none
  std::string reason;      // human words for staff: why it was rejected / paused / retried,
                           // with the server's own explanation (shortened); never logged
  std::string log_reason;  // the same without the server's text (its body's length instead)
  std::optional<Millis> retry_after;  // Retry: the server's Retry-After, parsed
  // Retry: the fault concerns the server or the network, not this record (unreachable, 429,
  // 502, 503, 504),
  // so trying the next record now would meet it too.
  bool queue_wide = false;
};

Outcome classify_reply(const HttpReply& reply, std::chrono::system_clock::time_point now_wall);

// The server's explanation from an error body: a JSON object's "error" / "message" / "reason" /
// "detail" (a string, or an object with a "message"), else a short plain-text body; cleaned to
// one line of printable UTF-8, at most 300 bytes. "" when the body says nothing usable.
std::string server_reason(const std::string& body, const std::string& content_type);

// The receipt id from a success body ({"receipt_id": "..."} or a number); "" when absent or odd.
std::string receipt_from_body(const std::string& body);

}  // namespace kiosk::sync
