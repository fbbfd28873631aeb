// libcurl behind HttpTransport: one easy handle driven through a multi handle, so the connection
// is reused (keep-alive) and cancel() can wake a blocked request from another thread.
#include "kiosk/sync/http_client.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>

namespace kiosk::sync {

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string trim(const std::string& s) {
  size_t a = s.find_first_not_of(" \t\r\n");
  if (a == std::string::npos) return "";
  size_t b = s.find_last_not_of(" \t\r\n");
  return s.substr(a, b - a + 1);
}

// Loopback never goes through a proxy: keeps the environment's no_proxy and adds loopback to it.
std::string no_proxy_list() {
  std::string list = "localhost,127.0.0.1,::1";
  for (const char* var : {"no_proxy", "NO_PROXY"})
    if (const char* v = std::getenv(var); v && *v) return std::string(v) + "," + list;
  return list;
}

std::string strip_prefix(std::string s, const char* prefix) {
  if (s.rfind(prefix, 0) == 0) s = s.substr(std::strlen(prefix));
  return s;
}

}  // namespace

Transport classify_curl_code(int code) {
  switch (static_cast<CURLcode>(code)) {
    case CURLE_OK: return Transport::Ok;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY: return Transport::Resolve;
    case CURLE_COULDNT_CONNECT:
    case CURLE_PROXY: return Transport::Connect;
    case CURLE_OPERATION_TIMEDOUT: return Transport::Timeout;
    case CURLE_GOT_NOTHING:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM: return Transport::ConnectionLost;
    case CURLE_SSL_CONNECT_ERROR: return Transport::TlsHandshake;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_INVALIDCERTSTATUS: return Transport::TlsVerify;
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH: return Transport::TlsPin;
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
    case CURLE_NOT_BUILT_IN:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_BAD_FUNCTION_ARGUMENT:
    case CURLE_UNKNOWN_OPTION: return Transport::LocalConfig;
    case CURLE_ABORTED_BY_CALLBACK: return Transport::Aborted;
    default: return Transport::Other;
  }
}

std::string describe_curl_failure(int code, const std::string& detail_in, Transport kind,
                                  std::chrono::milliseconds timeout) {
  std::string detail = trim(detail_in);
  if (detail.empty()) detail = curl_easy_strerror(static_cast<CURLcode>(code));
  const std::string secs = std::to_string((timeout.count() + 999) / 1000);
  switch (kind) {
    case Transport::Ok: return "";
    case Transport::Resolve: return "could not look up the server's address (DNS): " + detail;
    case Transport::Connect:
      return "could not connect to the server (refused or unreachable): " + detail;
    case Transport::Timeout:
      return "the server did not answer in time (limit " + secs + " s): " + detail;
    case Transport::ConnectionLost:
      return "the connection was cut before the server's reply arrived: " + detail;
    case Transport::TlsHandshake:
      return "the secure (TLS) connection could not be set up: " + detail;
    case Transport::TlsVerify:
      return "the server's certificate was refused: " +
             strip_prefix(detail, "SSL certificate problem: ") +
             " (check upload.ca_file and the server's certificate)";
    case Transport::TlsPin:
      return "the server's public key does not match upload.pinned_public_key (" + detail + ")";
    case Transport::LocalConfig: return "the kiosk's upload settings cannot be used: " + detail;
    case Transport::Aborted: return "the request was stopped because the kiosk is shutting down";
    case Transport::Other: break;
  }
  return "the upload failed: " + detail + " (libcurl code " + std::to_string(code) + ")";
}

struct CurlHttpClient::Impl {
  HttpClientOptions opt;
  CURL* easy = nullptr;
  CURLM* multi = nullptr;
  std::atomic<bool> cancelled{false};
  char errbuf[CURL_ERROR_SIZE] = {};
  HttpReply* reply = nullptr;  // the reply being filled, during perform only
  std::string no_proxy = no_proxy_list();

  static size_t on_body(char* p, size_t size, size_t n, void* self) {
    Impl* im = static_cast<Impl*>(self);
    size_t len = size * n;
    std::string& b = im->reply->body;
    if (b.size() < im->opt.max_body) b.append(p, std::min(len, im->opt.max_body - b.size()));
    return len;  // extra bytes are read and dropped: a long 2xx body is still an acknowledgement
  }

  // The last value of header `name` in the final response (not a proxy's CONNECT reply, not a
  // 1xx), as libcurl stored it with surrounding spaces trimmed; "" when absent.
  std::string header(const char* name) const {
    struct curl_header* h = nullptr;
    if (curl_easy_header(easy, name, 0, CURLH_HEADER, -1, &h) != CURLHE_OK) return "";
    if (h->amount > 1 &&
        curl_easy_header(easy, name, h->amount - 1, CURLH_HEADER, -1, &h) != CURLHE_OK)
      return "";
    return h->value ? h->value : "";
  }

  void read_headers(HttpReply& r) const {
    r.content_type = lower(header("Content-Type"));
    r.retry_after = header("Retry-After");
    r.date = header("Date");
    r.location = header("Location");
  }

  void set_fixed_options() {
    curl_easy_setopt(easy, CURLOPT_URL, opt.url.c_str());
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(opt.connect_timeout.count()));
    curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(opt.timeout.count()));
    curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "https,http");
    curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!opt.ca_file.empty()) curl_easy_setopt(easy, CURLOPT_CAINFO, opt.ca_file.c_str());
    if (!opt.pinned_public_key.empty())
      curl_easy_setopt(easy, CURLOPT_PINNEDPUBLICKEY, opt.pinned_public_key.c_str());
    if (!opt.proxy.empty()) curl_easy_setopt(easy, CURLOPT_PROXY, opt.proxy.c_str());
    curl_easy_setopt(easy, CURLOPT_NOPROXY, no_proxy.c_str());
    curl_easy_setopt(easy, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(easy, CURLOPT_USERAGENT, opt.user_agent.c_str());
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &Impl::on_body);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, this);
    curl_easy_setopt(easy, CURLOPT_POST, 1L);
  }

  // Runs the transfer on the multi handle; returns the easy handle's result code.
  CURLcode perform() {
    if (curl_multi_add_handle(multi, easy) != CURLM_OK) return CURLE_FAILED_INIT;
    CURLcode result = CURLE_OK;
    int running = 1;
    while (running) {
      if (cancelled) {
        result = CURLE_ABORTED_BY_CALLBACK;
        break;
      }
      if (curl_multi_perform(multi, &running) != CURLM_OK) {
        result = CURLE_FAILED_INIT;
        break;
      }
      if (running) curl_multi_poll(multi, nullptr, 0, 1000, nullptr);
    }
    int left = 0;
    while (CURLMsg* m = curl_multi_info_read(multi, &left))
      if (m->msg == CURLMSG_DONE && m->easy_handle == easy && result == CURLE_OK)
        result = m->data.result;
    curl_multi_remove_handle(multi, easy);
    return result;
  }
};

CurlHttpClient::CurlHttpClient(HttpClientOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->opt = std::move(options);
  impl_->easy = curl_easy_init();
  impl_->multi = curl_multi_init();
  if (impl_->easy) impl_->set_fixed_options();
}

CurlHttpClient::~CurlHttpClient() {
  if (impl_->easy) curl_easy_cleanup(impl_->easy);
  if (impl_->multi) curl_multi_cleanup(impl_->multi);
}

void CurlHttpClient::cancel() {
  impl_->cancelled = true;
  if (impl_->multi) curl_multi_wakeup(impl_->multi);
}

HttpReply CurlHttpClient::post(const std::string& body, const std::vector<std::string>& headers) {
  HttpReply reply;
  Impl& im = *impl_;
  if (!im.easy || !im.multi) {
    reply.transport = Transport::Other;
    reply.curl_code = CURLE_FAILED_INIT;
    reply.error = "the HTTP client could not start (libcurl failed to initialise)";
    return reply;
  }
  struct curl_slist* list = nullptr;
  std::string auth = "Authorization: Bearer " + im.opt.token;
  list = curl_slist_append(list, auth.c_str());
  for (const auto& h : headers) list = curl_slist_append(list, h.c_str());
  list = curl_slist_append(list, "Accept: application/json");
  list = curl_slist_append(list, "Expect:");  // no 100-continue round trip
  curl_easy_setopt(im.easy, CURLOPT_HTTPHEADER, list);
  // POSTFIELDS does not copy: `body` outlives the transfer (it is ours until post() returns).
  curl_easy_setopt(im.easy, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(im.easy, CURLOPT_POSTFIELDS, body.data());
  im.errbuf[0] = 0;
  im.reply = &reply;
  CURLcode rc = im.perform();
  im.reply = nullptr;
  curl_easy_setopt(im.easy, CURLOPT_HTTPHEADER, nullptr);
  curl_slist_free_all(list);
  im.read_headers(reply);

  long n = 0;
  if (curl_easy_getinfo(im.easy, CURLINFO_NUM_CONNECTS, &n) == CURLE_OK) connects_ += n;
  reply.curl_code = rc;
  reply.transport = classify_curl_code(rc);
  if (rc == CURLE_OK) {
    curl_easy_getinfo(im.easy, CURLINFO_RESPONSE_CODE, &reply.status);
  } else {
    reply.error = describe_curl_failure(rc, im.errbuf, reply.transport, im.opt.timeout);
  }
  return reply;
}

}  // namespace kiosk::sync
