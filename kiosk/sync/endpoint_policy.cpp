// Checks the [upload] section before any request: URL scheme and host (curl's own URL parser, so
// what is checked is what will be contacted), token, CA file, pinned key and proxy. Messages never
// carry the token or a URL's user-info (redact.h): they reach the staff screen and the log.
#include "kiosk/sync/endpoint_policy.h"

#include <curl/curl.h>

#include <cstdio>
#include <fstream>
#include <memory>

#include "kiosk/core/redact.h"

namespace kiosk::sync {

namespace {

struct UrlParts {
  std::string scheme, host, user, password, query, fragment;
};

std::string part(CURLU* u, CURLUPart which) {
  char* v = nullptr;
  if (curl_url_get(u, which, &v, 0) != CURLUE_OK || !v) return "";
  std::string s(v);
  curl_free(v);
  return s;
}

bool parse_url(const std::string& url, UrlParts& out) {
  std::unique_ptr<CURLU, decltype(&curl_url_cleanup)> u(curl_url(), curl_url_cleanup);
  if (!u || curl_url_set(u.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) return false;
  out.scheme = part(u.get(), CURLUPART_SCHEME);
  out.host = part(u.get(), CURLUPART_HOST);
  out.user = part(u.get(), CURLUPART_USER);
  out.password = part(u.get(), CURLUPART_PASSWORD);
  out.query = part(u.get(), CURLUPART_QUERY);
  out.fragment = part(u.get(), CURLUPART_FRAGMENT);
  return !out.host.empty();
}

bool readable(const std::string& path) { return std::ifstream(path, std::ios::binary).good(); }

bool token_ok(const std::string& t) {
  for (unsigned char c : t)
    if (c < 0x21 || c > 0x7e) return false;
  return true;
}

}  // namespace

bool is_loopback_host(const std::string& host) {
  if (host == "localhost" || host == "localhost." || host == "[::1]" || host == "::1") return true;
  unsigned a, b, c, d;
  char extra;
  if (std::sscanf(host.c_str(), "%u.%u.%u.%u%c", &a, &b, &c, &d, &extra) == 4)
    return a == 127 && b <= 255 && c <= 255 && d <= 255;
  return false;
}

EndpointCheck check_endpoint(const UploadConfig& u) {
  EndpointCheck r;
  if (u.endpoint.empty()) {
    r.error = kNoServerConfigured;
    return r;
  }
  r.configured = true;
  UrlParts p;
  if (!parse_url(u.endpoint, p)) {
    r.error =
        "upload.endpoint is not a valid URL: \"" + redact::without_user_info(u.endpoint) + "\"";
    return r;
  }
  r.host = p.host;
  if (p.scheme != "https" && p.scheme != "http") {
    r.error = "upload.endpoint must start with https:// (got " + p.scheme + "://)";
    return r;
  }
  if (!p.user.empty() || !p.password.empty()) {
    r.error =
        "upload.endpoint must not contain a user name or password; put the credential in "
        "upload.token";
    return r;
  }
  if (!p.query.empty() || !p.fragment.empty()) {
    r.error = "upload.endpoint must not contain '?' or '#': give the base URL only";
    return r;
  }
  if (p.scheme == "http") {
    r.plain_http = true;
    if (!is_loopback_host(p.host) && !u.allow_insecure_http) {
      r.error =
          "upload.endpoint uses plain http:// to " + p.host +
          ", which would send visitors' data unencrypted; use https:// (or, in a lab only, set "
          "upload.allow_insecure_http = true)";
      return r;
    }
    if (!is_loopback_host(p.host))
      r.warning = "upload.allow_insecure_http is on: submissions go to " + p.host +
                  " UNENCRYPTED over plain http://; never use this outside a lab";
  }
  if (u.token.empty()) {
    r.error = "upload.token is empty: the kiosk needs its bearer token to upload";
    return r;
  }
  if (!token_ok(u.token)) {
    r.error = "upload.token contains spaces or control characters; copy the token again";
    return r;
  }
  if (!u.ca_file.empty() && !readable(u.ca_file)) {
    r.error = "cannot read upload.ca_file " + u.ca_file;
    return r;
  }
  const std::string& pin = u.pinned_public_key;
  if (!pin.empty() && pin.rfind("sha256//", 0) != 0 && !readable(pin)) {
    r.error =
        "upload.pinned_public_key is neither \"sha256//BASE64\" nor a readable key file: " + pin;
    return r;
  }
  if (!u.proxy.empty()) {
    UrlParts pp;
    if (!parse_url(u.proxy.find("://") == std::string::npos ? "http://" + u.proxy : u.proxy, pp)) {
      r.error = "upload.proxy is not a valid proxy address: \"" +
                redact::without_user_info(u.proxy) + "\"";
      return r;
    }
  }
  std::string base = u.endpoint;
  while (!base.empty() && base.back() == '/') base.pop_back();
  r.submissions_url = base + "/v2/submissions";
  r.usable = true;
  return r;
}

}  // namespace kiosk::sync
