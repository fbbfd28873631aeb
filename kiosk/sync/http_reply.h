// HttpReply: what one upload request came back with, as plain data: either a transport failure
// (classified from libcurl's code, with a human explanation) or an HTTP status, headers and body.
// Produced by the HTTP client, read by the reply classifier; no libcurl types leak past here.
#pragma once
#include <string>

namespace kiosk::sync {

enum class Transport {
  Ok,              // an HTTP reply arrived (any status)
  Resolve,         // DNS: the host (or proxy) name did not resolve
  Connect,         // refused, unreachable, no route
  Timeout,         // connect or total timeout
  ConnectionLost,  // reset, closed before or during the reply, send/receive error
  TlsHandshake,    // TLS failed for a reason other than verification (retried)
  TlsVerify,       // the certificate failed verification: a configuration fault
  TlsPin,          // the public key does not match upload.pinned_public_key: a configuration fault
  LocalConfig,     // bad URL, unreadable CA file, unsupported protocol: a configuration fault
  Aborted,         // stopped by the kiosk itself (shutdown)
  Other,           // anything else libcurl reports: retried
};

struct HttpReply {
  Transport transport = Transport::Ok;
  int curl_code = 0;  // CURLcode, for the log
  std::string error;  // human words for a transport failure ("" when transport == Ok)
  long status = 0;    // HTTP status when transport == Ok
  std::string body;   // at most HttpClient's body cap
  std::string content_type;
  std::string retry_after;  // raw Retry-After header value
  std::string date;         // raw Date header value
  std::string location;     // raw Location header value (redirects are never followed)
};

}  // namespace kiosk::sync
