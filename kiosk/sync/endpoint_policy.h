// Endpoint policy: whether the [upload] config can be used to send, checked before any request.
// https:// always; plain http:// only to a loopback host, or anywhere when allow_insecure_http is
// set (labs), with a warning. A missing endpoint means "no server configured": the kiosk works
// offline and the queue grows. Token, CA file, pin and proxy are checked here too, so a mistake is
// reported in words before the first request, not as a libcurl code after it.
#pragma once
#include <string>

#include "kiosk/config/config.h"

namespace kiosk::sync {

inline constexpr const char* kNoServerConfigured = "no server configured";

struct EndpointCheck {
  bool configured = false;      // an endpoint is set
  bool usable = false;          // configured and every check passed
  std::string submissions_url;  // {endpoint}/v2/submissions (protocol v2)
  std::string host;             // for messages and the status screen
  bool plain_http = false;
  std::string warning;  // e.g. plain http to a non-loopback host (allowed by config)
  std::string error;    // why it is not usable, in words naming the key; "no server configured"
};

EndpointCheck check_endpoint(const UploadConfig& upload);

// True for 127.0.0.0/8, ::1 and localhost.
bool is_loopback_host(const std::string& host);

}  // namespace kiosk::sync
