// Fee amounts in words, the "{fee:<id>}" placeholder expansion shared by the content loader and
// the forms library (one syntax, one money format, one message for an unknown fee), and the
// department's place look-ups.
#include "kiosk/content/fees.h"

#include <string_view>

#include "kiosk/content/catalogue.h"

namespace kiosk::content {
namespace {

constexpr std::string_view kOpen = "{fee:";

bool is_fee_id_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; }

}  // namespace

std::string format_money(long long cents) {
  bool negative = cents < 0;
  unsigned long long c = negative ? 0ULL - static_cast<unsigned long long>(cents)
                                  : static_cast<unsigned long long>(cents);
  std::string dollars = std::to_string(c / 100);
  for (int i = static_cast<int>(dollars.size()) - 3; i > 0; i -= 3)
    dollars.insert(static_cast<std::size_t>(i), ",");
  unsigned long long rest = c % 100;
  return std::string(negative ? "-" : "") + "$" + dollars + "." + (rest < 10 ? "0" : "") +
         std::to_string(rest);
}

const Fee* find_fee(const std::vector<Fee>& fees, const std::string& id) {
  for (const auto& f : fees)
    if (f.id == id) return &f;
  return nullptr;
}

bool has_fee_placeholder(const std::string& text) { return text.find(kOpen) != std::string::npos; }

std::optional<std::string> expand_fees(const std::string& text, const std::vector<Fee>& fees,
                                       std::string& problem) {
  std::string out;
  std::size_t pos = 0;
  while (true) {
    std::size_t open = text.find(kOpen, pos);
    if (open == std::string::npos) break;
    out.append(text, pos, open - pos);
    std::size_t id_start = open + kOpen.size();
    std::size_t end = id_start;
    while (end < text.size() && is_fee_id_char(text[end])) ++end;
    if (end == id_start || end >= text.size() || text[end] != '}') {
      problem =
          "malformed fee placeholder (write {fee:<id>}, an id of the fee table such as "
          "{fee:certified_copy})";
      return std::nullopt;
    }
    std::string id = text.substr(id_start, end - id_start);
    const Fee* fee = find_fee(fees, id);
    if (!fee) {
      std::string known;
      for (const auto& f : fees) known += (known.empty() ? "" : ", ") + f.id;
      problem = "{fee:" + id + "} names no fee of department.json /department/fees (" +
                (known.empty() ? std::string("the bundle has no fee table") : "fees: " + known) +
                ")";
      return std::nullopt;
    }
    out += format_money(fee->amount_cents);
    pos = end + 1;
  }
  out.append(text, pos, std::string::npos);
  return out;
}

}  // namespace kiosk::content

namespace kiosk {

const Place* Department::find_place(const std::string& id) const {
  for (const auto& p : places)
    if (p.id == id) return &p;
  return nullptr;
}

std::vector<const Place*> Department::pickup_places() const {
  std::vector<const Place*> out;
  for (const auto& p : places)
    if (p.records_pickup) out.push_back(&p);
  return out;
}

}  // namespace kiosk
