// The department's fee table and places (department.json "fees" and "places") and the one way a
// text states a fee: a "{fee:<id>}" placeholder, expanded from the table when content or a form is
// loaded, so the table is the only place an amount is written (docs/content-format.md, "Fees").
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/lang.h"

namespace kiosk {

struct Fee {
  std::string id;  // "certified_copy": [a-z0-9_]+
  long long amount_cents = 0;
  std::string unit;  // "each", "page" or "request": what one amount buys
  LocalText label;   // "Certified copy"
};

// A place of the department: headquarters, a substation.
struct Place {
  std::string id;  // "headquarters": [a-z0-9_]+
  LocalText name;
  std::string address;          // "100 Main Street"
  LocalText hours;              // both empty when not given
  bool records_pickup = false;  // records and reports can be picked up here
};

namespace content {

// "$10.00", "$0.25", "$1,250.00": a US department states its fees in dollars in both languages.
std::string format_money(long long cents);

const Fee* find_fee(const std::vector<Fee>& fees, const std::string& id);

// `text` with every "{fee:<id>}" replaced by its amount (format_money). nullopt when a placeholder
// is malformed or names a fee the table lacks; `problem` then says which, in words.
std::optional<std::string> expand_fees(const std::string& text, const std::vector<Fee>& fees,
                                       std::string& problem);

// True when `text` holds a "{fee:" placeholder (expanded or not yet).
bool has_fee_placeholder(const std::string& text);

}  // namespace content
}  // namespace kiosk
