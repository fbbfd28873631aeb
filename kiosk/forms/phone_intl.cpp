// International phone numbers (phone_intl): country list, E.164 checks, formatting.
#include "kiosk/forms/phone_intl.h"

#include <array>
#include <vector>

#include "kiosk/forms/field_validation.h"

namespace kiosk::forms {
namespace {

// National lengths from each country's numbering plan (ITU-T E.164 national annexes).
constexpr std::array<PhoneCountry, 8> kCountries = {{
    {"us", "1", 10, 10},
    {"mx", "52", 10, 10},
    {"gb", "44", 9, 10},
    {"es", "34", 9, 9},
    {"gt", "502", 8, 8},
    {"sv", "503", 8, 8},
    {"hn", "504", 8, 8},
    {"co", "57", 10, 10},
}};

bool is_separator(char c) { return c == ' ' || c == '(' || c == ')' || c == '-' || c == '.'; }

// The digits of `typed`, or nullopt-like empty + false when a character is not allowed.
bool digits_of(std::string_view typed, std::string& out) {
  for (std::size_t i = 0; i < typed.size(); ++i) {
    char c = typed[i];
    if (c >= '0' && c <= '9')
      out += c;
    else if (c == '+' ? i != 0 : !is_separator(c))
      return false;
  }
  return true;
}

std::string_view trim_spaces(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

const PhoneCountry* listed_by_digits(std::string_view digits) {
  for (const PhoneCountry& c : kCountries)
    if (digits.starts_with(c.code)) return &c;
  return nullptr;
}

// Group sizes for a listed country's national number, so it reads as people there write it.
std::vector<int> groups_for(const PhoneCountry& c, std::string_view national) {
  const std::size_t n = national.size();
  if (c.id == "us" || c.id == "co") return {3, 3, 4};
  if (c.id == "mx") return {2, 4, 4};
  if (c.id == "es") return {3, 3, 3};
  if (c.id == "gb") {
    if (n == 10 && national[0] == '2') return {2, 4, 4};  // London, Cardiff, ...: 20 7946 0958
    if (n == 10) return {4, 6};                           // mobiles and most areas: 7700 900123
    return {4, 5};
  }
  return {4, 4};  // Guatemala, El Salvador, Honduras: 2345 6789
}

}  // namespace

std::span<const PhoneCountry> phone_countries() { return kCountries; }

const PhoneCountry* phone_country_of(std::string_view typed) {
  typed = trim_spaces(typed);
  if (!typed.starts_with('+')) return &kCountries[0];
  std::string d;
  for (char c : typed.substr(1)) {
    if (c >= '0' && c <= '9')
      d += c;
    else if (!is_separator(c))
      break;
    if (const PhoneCountry* p = listed_by_digits(d)) return p;
    if (c == ' ' && !d.empty()) break;  // the code ended without matching a listed one
  }
  return nullptr;
}

std::string e164(std::string_view typed) {
  typed = trim_spaces(typed);
  std::string d;
  if (typed.empty() || !digits_of(typed, d)) return {};
  if (!typed.starts_with('+')) {
    std::string us = phone_digits(typed);
    return us.empty() ? std::string() : "+1" + us;
  }
  if (const PhoneCountry* c = listed_by_digits(d)) {
    std::string national = d.substr(c->code.size());
    if (c->id == "gb" && national.starts_with('0')) national.erase(0, 1);  // "+44 (0)20 ..."
    if (c->id == "us") {
      std::string us = phone_digits(national);
      return us.empty() ? std::string() : "+1" + us;
    }
    const auto n = static_cast<int>(national.size());
    if (n < c->min_national || n > c->max_national || national[0] == '0') return {};
    return "+" + std::string(c->code) + national;
  }
  // An unlisted code: 1 to 3 digits, so 8 to 15 digits in all leaves a national number of 4 to 14.
  if (d.size() < 8 || d.size() > 15 || d[0] == '0') return {};
  return "+" + d;
}

std::string format_e164(std::string_view number) {
  if (!number.starts_with('+')) return std::string(number);
  std::string_view d = number.substr(1);
  const PhoneCountry* c = listed_by_digits(d);
  if (!c) return std::string(number);
  std::string_view national = d.substr(c->code.size());
  std::string out = "+" + std::string(c->code);
  std::size_t at = 0;
  for (int g : groups_for(*c, national)) {
    if (at >= national.size()) break;
    out += ' ';
    out += national.substr(at, static_cast<std::size_t>(g));
    at += static_cast<std::size_t>(g);
  }
  if (at < national.size()) out += national.substr(at);
  return out;
}

std::string with_country(std::string_view typed, const PhoneCountry* c) {
  // "Other": the code comes first and the keypad only types at the end, so start again from "+".
  if (!c) return "+";
  typed = trim_spaces(typed);
  std::string_view rest = typed;
  if (rest.starts_with('+')) {
    // Drop "+" and the code: a listed one by its digits, else everything up to the first space.
    const PhoneCountry* old = phone_country_of(typed);
    rest.remove_prefix(1);
    if (old) {
      std::size_t seen = 0, i = 0;
      for (; i < rest.size() && seen < old->code.size(); ++i)
        if (rest[i] >= '0' && rest[i] <= '9') ++seen;
      rest.remove_prefix(i);
    } else {
      std::size_t sp = rest.find(' ');
      rest = sp == std::string_view::npos ? std::string_view() : rest.substr(sp);
    }
    rest = trim_spaces(rest);
  }
  if (c == &kCountries[0]) return std::string(rest);
  return "+" + std::string(c->code) + " " + std::string(rest);
}

}  // namespace kiosk::forms
