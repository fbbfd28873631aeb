// Format checks for ids, phones, e-mail, URLs, dates and times in content bundles. Hand-written
// character checks rather than std::regex: they are exact, fast and their messages say what is expected.
#include "kiosk/content/value_rules.h"

#include <algorithm>
#include <cctype>
#include <string_view>

#include "kiosk/core/calendar.h"
#include "kiosk/core/email.h"
#include "kiosk/core/utf8.h"

namespace kiosk::content {
namespace {

// Event dates are the calendar's days from 2000 on: content describes what is coming, and a
// year like 1927 for 2027 is a typo the loader should catch.
constexpr int kFirstEventYear = 2000;

bool is_lower_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// 1..40 characters, each a lowercase letter, a digit or one of `extra`: the rule every id shares.
bool is_id_of(const std::string& s, std::string_view extra) {
  return !s.empty() && s.size() <= 40 && std::all_of(s.begin(), s.end(), [&](char c) {
    return is_lower_alnum(c) || extra.find(c) != std::string_view::npos;
  });
}

std::string quoted(const std::string& s) {
  // Values in messages are clipped so a pasted paragraph does not flood the report; the cut never
  // splits a UTF-8 sequence.
  if (s.size() <= 60) return "\"" + s + "\"";
  return "\"" + std::string(utf8::prefix_bytes(s, 57)) + "...\"";
}

// Digits at [pos, pos+n) parsed as a number, or -1.
int digits_at(const std::string& s, std::size_t pos, std::size_t n) {
  if (pos + n > s.size()) return -1;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (!is_digit(s[i])) return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

bool is_hostname(const std::string& host) {
  if (host.empty() || host.size() > 253 || host.find('.') == std::string::npos) return false;
  std::size_t start = 0;
  while (start <= host.size()) {
    std::size_t dot = host.find('.', start);
    std::string label =
        host.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-')
      return false;
    for (char c : label)
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') return false;
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return true;
}

}  // namespace

std::string check_id(const std::string& s) {
  bool ok =
      is_id_of(s, "-") && s.front() != '-' && s.back() != '-' && s.find("--") == std::string::npos;
  return ok ? ""
            : "expected an id of lowercase letters and digits joined by \"-\" (like "
              "\"station-tours\"), got " +
                  quoted(s);
}

std::string check_form_id(const std::string& s) {
  bool ok = is_id_of(s, "-_");
  return ok ? ""
            : "expected a form id of lowercase letters, digits, \"-\" and \"_\" (like \"signup\"), "
              "got " +
                  quoted(s);
}

std::string check_field_id(const std::string& s) {
  bool ok = is_id_of(s, "_");
  return ok ? ""
            : "expected a field id of lowercase letters, digits and \"_\" (like "
              "\"household_size\"), got " +
                  quoted(s);
}

std::string check_phone(const std::string& s) {
  // (NXX) NXX-XXXX: North American numbering, area code and exchange never start with 0 or 1.
  bool ok = s.size() == 14 && s[0] == '(' && s[4] == ')' && s[5] == ' ' && s[9] == '-' &&
            digits_at(s, 1, 3) >= 200 && digits_at(s, 6, 3) >= 200 && digits_at(s, 10, 4) >= 0;
  return ok ? "" : "expected a US phone number written like \"(555) 555-0100\", got " + quoted(s);
}

std::string check_email(const std::string& s) {
  return is_valid_email(s)
             ? ""
             : "expected an e-mail address like \"community@democity.example.org\", got " +
                   quoted(s);
}

std::string check_url(const std::string& s) {
  const std::string scheme = "https://";
  bool ok = s.size() <= 200 && s.rfind(scheme, 0) == 0 &&
            std::all_of(s.begin(), s.end(), [](char c) { return c > ' ' && c < 0x7F; });
  if (ok) {
    std::size_t host_end = s.find_first_of(":/?#", scheme.size());
    std::string host =
        s.substr(scheme.size(),
                 host_end == std::string::npos ? std::string::npos : host_end - scheme.size());
    ok = is_hostname(host);
    if (ok && host_end != std::string::npos && s[host_end] == ':') {
      std::size_t port_end = s.find_first_of("/?#", host_end + 1);
      std::string port =
          s.substr(host_end + 1,
                   port_end == std::string::npos ? std::string::npos : port_end - host_end - 1);
      ok = !port.empty() && port.size() <= 5 && std::all_of(port.begin(), port.end(), is_digit);
    }
  }
  return ok ? ""
            : "expected an https:// URL of at most 200 characters without spaces, got " + quoted(s);
}

std::string check_date(const std::string& s) {
  auto d = cal::parse_date(s);
  bool ok = d && d->year >= kFirstEventYear;
  return ok ? "" : "expected a date written YYYY-MM-DD (like \"2027-08-03\"), got " + quoted(s);
}

std::string check_time(const std::string& s) {
  // Content writes the two-digit hour ("09:30"), so files sort and diff cleanly.
  bool ok = s.size() == 5 && cal::parse_time(s);
  return ok ? "" : "expected a 24-hour time written HH:MM (like \"18:30\"), got " + quoted(s);
}

std::string check_relative_date(const std::string& s) {
  if (cal::parse_date_bound(s)) return "";
  return "expected \"today\", \"today+Nd\", \"today-Nd\" or a date YYYY-MM-DD, got " + quoted(s);
}

}  // namespace kiosk::content
