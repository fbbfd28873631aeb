// is_valid_email: checked by hand, character by character, so the rule is exact and the same for
// every caller (std::regex would be slower and recursive on long input).
#include "kiosk/core/email.h"

#include <algorithm>

namespace kiosk {

bool is_valid_email(std::string_view s) {
  if (s.size() > 254) return false;
  std::size_t at = s.rfind('@');
  if (at == std::string_view::npos || at == 0 || at > 64 || s.find('@') != at) return false;
  std::string_view local = s.substr(0, at), domain = s.substr(at + 1);
  static constexpr std::string_view kLocalSpecial = "!#$%&'*+/=?^_`{|}~-.";
  for (char c : local) {
    bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!alnum && kLocalSpecial.find(c) == std::string_view::npos) return false;
  }
  if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos)
    return false;
  if (domain.empty() || domain.size() > 253) return false;
  std::size_t labels = 0;
  std::string_view last;
  while (true) {
    std::size_t dot = domain.find('.');
    std::string_view label = domain.substr(0, dot);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-')
      return false;
    for (char c : label)
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'))
        return false;
    ++labels;
    last = label;
    if (dot == std::string_view::npos) break;
    domain.remove_prefix(dot + 1);
  }
  if (labels < 2 || last.size() < 2) return false;
  return std::all_of(last.begin(), last.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); });
}

}  // namespace kiosk
