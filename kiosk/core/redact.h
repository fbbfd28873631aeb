// Redaction: the one place that decides how a value that may hold a secret is shown in messages.
// Config errors, --status, the Out of service screen and the log print URLs through
// without_user_info(), so a password in an endpoint or proxy URL never reaches a screen or file.
#pragma once
#include <string>

namespace kiosk::redact {

// The URL with any "user:password@" removed from its authority ("https://u:p@host/x" ->
// "https://host/x"; "u:p@proxy:3128" -> "proxy:3128"). Text without user-info comes back as is.
std::string without_user_info(const std::string& url);

// True when `url` carries user-info (a user name, a password or both).
bool has_user_info(const std::string& url);

}  // namespace kiosk::redact
