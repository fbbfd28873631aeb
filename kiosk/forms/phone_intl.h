// International phone numbers for the "phone_intl" field type: the short list of countries a
// visitor picks from, E.164 validation and normalisation ("+44 20 7946 0958" -> "+442079460958"),
// and the formatted preview. A number typed without "+" is a US one, so the field also takes
// every answer a "phone_us" field takes. No UI here: form_fields.cpp draws the country buttons.
#pragma once
#include <span>
#include <string>
#include <string_view>

namespace kiosk::forms {

struct PhoneCountry {
  std::string_view id;    // "gb": the string-table key is "phone.country.<id>"
  std::string_view code;  // "44": the calling code, digits only
  int min_national = 4;   // national significant number, trunk "0" excluded
  int max_national = 14;
};

// The countries offered, in the order shown; the first is US/Canada (+1). "Other" is not in the
// list: any other calling code is typed after "+".
std::span<const PhoneCountry> phone_countries();

// The listed country whose code the typed number starts with: US/Canada when it has no "+",
// nullptr for "+" followed by an unlisted code (or nothing yet).
const PhoneCountry* phone_country_of(std::string_view typed);

// The number as E.164 ("+442079460958"), or empty if it is not a valid one: digits and the
// separators " ( ) - ." only, "+" only first; a listed country's number has that country's length
// (a UK trunk "0" after +44 is dropped; +1 numbers follow NANP rules); an unlisted code has 8 to
// 15 digits in all. Without "+" it must be a valid 10-digit US number.
std::string e164(std::string_view typed);

// How a valid E.164 number reads: "+44 20 7946 0958", "+1 555 555 0123"; an unlisted code's
// digits are left ungrouped after "+". Input that is not E.164 comes back unchanged.
std::string format_e164(std::string_view e164_number);

// The typed number with its country prefix replaced by `c`'s ("+44 "), or removed for US/Canada
// (a US number is typed as usual); for nullptr ("Other") just "+", for the visitor to type the
// code and then the number.
std::string with_country(std::string_view typed, const PhoneCountry* c);

}  // namespace kiosk::forms
