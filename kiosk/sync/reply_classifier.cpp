// Maps HTTP statuses and transport failures to Sent / Rejected / Retry / Pause, with reasons in
// human words. The table is in reply_classifier.h and docs/upload-protocol.md.
#include "kiosk/sync/reply_classifier.h"

#include <nlohmann/json.hpp>

#include "kiosk/core/redact.h"
#include "kiosk/core/utf8.h"

namespace kiosk::sync {

const char* verdict_name(Verdict v) {
  switch (v) {
    case Verdict::Sent: return "sent";
    case Verdict::Rejected: return "rejected";
    case Verdict::Retry: return "retry";
    case Verdict::Pause: return "pause";
    case Verdict::Interrupted: return "interrupted";
  }
  return "?";
}

namespace {

// One line, printable, valid UTF-8, at most `max` bytes (cut on a character boundary).
std::string clean_line(const std::string& in, size_t max) {
  std::string s = in.substr(0, utf8::first_invalid(in));
  std::string out;
  for (unsigned char c : s) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    if (c < 0x20 || c == 0x7f) continue;
    if (c == ' ' && !out.empty() && out.back() == ' ') continue;
    out.push_back(static_cast<char>(c));
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  size_t first = out.find_first_not_of(' ');
  out = first == std::string::npos ? "" : out.substr(first);
  if (out.size() > max) {
    out.resize(max);
    while (!out.empty() && !utf8::is_valid(out)) out.pop_back();
    out += "...";
  }
  return out;
}

std::string string_field(const nlohmann::json& j) {
  if (j.is_string()) return j.get<std::string>();
  if (j.is_object()) {
    for (const char* k : {"message", "reason", "detail"})
      if (auto it = j.find(k); it != j.end() && it->is_string()) return it->get<std::string>();
  }
  return "";
}

bool looks_textual(const std::string& content_type) {
  return content_type.rfind("text/", 0) == 0 || content_type.empty();
}

std::string http_words(long status) {
  switch (status) {
    case 408: return "the server timed out waiting for the upload (HTTP 408)";
    case 425: return "the server refused an early request (HTTP 425)";
    case 429: return "the server asked the kiosk to slow down (HTTP 429)";
    case 500: return "the server had an internal error (HTTP 500)";
    case 502: return "a gateway in front of the server failed (HTTP 502)";
    case 503: return "the server is temporarily unavailable (HTTP 503)";
    case 504: return "a gateway in front of the server timed out (HTTP 504)";
    default: break;
  }
  if (status >= 500 && status <= 599)
    return "the server failed (HTTP " + std::to_string(status) + ")";
  return "the server gave an unexpected reply (HTTP " + std::to_string(status) + ")";
}

// Our own words only: the same text is safe for staff and for the log.
Outcome make(Verdict v, std::string reason, bool queue_wide = false) {
  Outcome o;
  o.verdict = v;
  o.reason = std::move(reason);
  o.log_reason = o.reason;
  o.queue_wide = queue_wide;
  return o;
}

Outcome classify_transport(const HttpReply& r) {
  switch (r.transport) {
    case Transport::TlsVerify:
    case Transport::TlsPin:
    case Transport::LocalConfig: return make(Verdict::Pause, r.error);
    case Transport::Aborted: return make(Verdict::Interrupted, r.error);
    case Transport::Ok: break;
    default: return make(Verdict::Retry, r.error, true);
  }
  return make(Verdict::Retry, r.error, true);
}

constexpr size_t kStaffServerTextBytes = 160;

// Staff read the server's own explanation (shortened); the log gets only its size: a server that
// echoes a requester's name must not put it in kiosk.log.
Outcome make_with_server_reason(Verdict v, const std::string& words, const HttpReply& r) {
  Outcome o = make(v, words);
  // Shortened further for what is stored (the record's last_error, the sync state in kiosk.db)
  // and shown: enough for staff to recognise the server's message, not a copy of its body.
  std::string why = clean_line(server_reason(r.body, r.content_type), kStaffServerTextBytes);
  if (!why.empty()) o.reason = words + ": " + why;
  o.log_reason = words + " (reply body " + std::to_string(r.body.size()) + " bytes, not logged)";
  return o;
}

}  // namespace

std::string server_reason(const std::string& body, const std::string& content_type) {
  if (body.empty()) return "";
  nlohmann::json j = nlohmann::json::parse(body, nullptr, false);
  if (!j.is_discarded()) {
    if (!j.is_object()) return "";
    for (const char* k : {"error", "message", "reason", "detail"})
      if (auto it = j.find(k); it != j.end()) {
        std::string s = clean_line(string_field(*it), 300);
        if (!s.empty()) return s;
      }
    return "";
  }
  // Not JSON: a short text body is the reason; HTML error pages and binary say nothing useful.
  if (!looks_textual(content_type) || content_type.rfind("text/html", 0) == 0) return "";
  if (body.find('<') != std::string::npos) return "";
  return clean_line(body, 300);
}

std::string receipt_from_body(const std::string& body) {
  nlohmann::json j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return "";
  auto it = j.find("receipt_id");
  if (it == j.end()) return "";
  std::string r;
  if (it->is_string())
    r = it->get<std::string>();
  else if (it->is_number_integer())
    r = std::to_string(it->get<long long>());
  else
    return "";
  if (r.size() > 128) return "";
  for (unsigned char c : r)
    if (c < 0x21 || c > 0x7e) return "";
  return r;
}

Outcome classify_reply(const HttpReply& r, std::chrono::system_clock::time_point now_wall) {
  if (r.transport != Transport::Ok) return classify_transport(r);
  const long s = r.status;
  const std::string code = "HTTP " + std::to_string(s);
  if ((s >= 200 && s <= 299) || s == 409) {
    Outcome o = make(Verdict::Sent, s == 409 ? "the server already had it (HTTP 409)" : "");
    o.receipt_id = receipt_from_body(r.body);
    return o;
  }
  if (s == 400 || s == 404 || s == 413 || s == 422)
    return make_with_server_reason(Verdict::Rejected,
                                   "the server rejected this record (" + code + ")", r);
  if (s == 401)
    return make_with_server_reason(
        Verdict::Pause, "the server refused the kiosk's token (" + code + "); check upload.token",
        r);
  if (s == 403)
    return make_with_server_reason(
        Verdict::Pause,
        "the server refused access (" + code + "); check upload.token and the kiosk's permissions",
        r);
  if (s == 407)
    return make(Verdict::Pause,
                "the proxy asks for credentials (" + code + "); check upload.proxy");
  if (s == 408 || s == 425 || s == 429 || (s >= 500 && s <= 599)) {
    // 429, 502, 503 and 504 speak for the whole server; a 500 may be about this one record.
    Outcome o = make(Verdict::Retry, http_words(s), s == 429 || s == 502 || s == 503 || s == 504);
    if (!r.retry_after.empty()) o.retry_after = parse_retry_after(r.retry_after, r.date, now_wall);
    return o;
  }
  if (s >= 300 && s <= 399) {
    std::string where = clean_line(redact::without_user_info(r.location), 200);
    std::string to = where.empty() ? "" : " to " + where;
    return make(Verdict::Pause, "the server redirected the upload (" + code + ")" + to +
                                    "; set upload.endpoint to the final address");
  }
  if (s >= 400 && s <= 499)
    return make_with_server_reason(
        Verdict::Pause,
        "the server does not accept the kiosk's uploads (" + code + "); check upload.endpoint", r);
  return make(Verdict::Retry, http_words(s), true);
}

}  // namespace kiosk::sync
