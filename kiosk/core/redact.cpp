// Strips user-info from URLs by hand (no libcurl here: kiosk/core is the bottom layer), erring on
// the side of removing too much: a mistyped URL ("https://u:pa/ss@host") has no well-formed
// authority, so everything up to the LAST '@' goes, even if that hides part of a path.
#include "kiosk/core/redact.h"

namespace kiosk::redact {
namespace {

std::size_t after_scheme(const std::string& url) {
  auto s = url.find("://");
  return s == std::string::npos ? 0 : s + 3;
}

}  // namespace

bool has_user_info(const std::string& url) {
  auto at = url.rfind('@');
  return at != std::string::npos && at >= after_scheme(url);
}

std::string without_user_info(const std::string& url) {
  if (!has_user_info(url)) return url;
  const std::size_t begin = after_scheme(url);
  return url.substr(0, begin) + url.substr(url.rfind('@') + 1);
}

}  // namespace kiosk::redact
