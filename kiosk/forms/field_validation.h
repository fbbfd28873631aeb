// Field validation: the one set of rules the form UI and `kiosk --submit` both apply. Every
// message is a string-table key ("val.zip": "Enter a 5-digit ZIP code, like 55501.") in English
// and Spanish and says what to do. Text is judged after trimming surrounding spaces; invalid UTF-8, control characters and
// characters outside the BMP (emoji: ImGui 1.86 cannot draw them) are rejected, never altered.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/email.h"
#include "kiosk/core/lang.h"
#include "kiosk/core/strings.h"
#include "kiosk/forms/answers.h"
#include "kiosk/forms/civil_date.h"
#include "kiosk/forms/form_spec.h"

namespace kiosk::forms {

// What is wrong, as a key of assets/strings ("val.number_range") with its {parameters}, or a
// form's own pattern_message. Turned into words by the strings module.
struct ValidationMessage {
  std::string key;                                        // empty: `custom` is the message
  std::vector<std::pair<std::string, std::string>> args;  // the same in both languages ("20")
  std::vector<std::pair<std::string, Date>> dates;        // written in the reader's language
  LocalText custom;
  // Words that differ by language ("Saturday" / "sábado"): a schedule's days of the week.
  std::vector<std::pair<std::string, LocalText>> words_args;

  std::string text(Lang lang, const Strings& strings) const;
  LocalText words(const Strings& strings) const;  // both languages
};

struct FieldError {
  std::string field_id;
  Part part = Part::None;  // which part of an address_us answer
  ValidationMessage what;
  LocalText message;  // `what` in words, from the built-in string tables
  // "mailing_address.zip" or "email": how --submit names it.
  std::string where() const;
  // An error whose words come from elsewhere than the string tables (a form's pattern_message,
  // the answers file of `kiosk --submit`).
  static FieldError with_text(std::string field_id, Part part, LocalText text);
};

// What validation needs besides the answers: the kiosk's local date, for date ranges.
struct ValidationContext {
  Date today;
};

// Errors of one field's answer (several only for address parts). Does not look at visibility.
std::vector<FieldError> validate_field(const FieldSpec& field, const Answer& answer,
                                       const ValidationContext& ctx);
// The same, plus the rules that look at another answer of the form (not_before: a window's "to"
// not before its "from"). What the form UI and validate_answers use.
std::vector<FieldError> validate_field(const FieldSpec& field, const Answers& answers,
                                       const ValidationContext& ctx);
// Errors of every visible field of the form, in form order. Hidden fields are not judged.
std::vector<FieldError> validate_answers(const Answers& answers, const ValidationContext& ctx);

// Surrounding spaces (ASCII whitespace, no-break space) removed; the view points into `s`.
std::string_view trim(std::string_view s);

// True when `s` is valid UTF-8 the kiosk can show: BMP only, no private-use, control or invisible
// characters ('\n' allowed when `multiline`). The on-screen and physical keyboards' input gate.
bool is_displayable_text(std::string_view s, bool multiline);

// Building blocks, exposed for tests and for normalising answers (answers_json).
bool is_usps_state(std::string_view code);  // "TX", "DC", "PR", "AE", ... (upper case)
// 10 NANP digits from a US phone as typed ("(555) 555-0123", "+1 555.555.0123"); empty if not one.
std::string phone_digits(std::string_view s);
std::string format_phone(std::string_view ten_digits);  // "(555) 555-0123"
// "55501" or "55501-1234" (also from 9 bare digits); empty when not a ZIP.
std::string normalize_zip(std::string_view s);
using kiosk::is_valid_email;  // kiosk/core/email.h

// The range a date field's answer must fall in, resolved for `today` (defaults: 1900-01-01 ..
// 2199-12-31), narrowed by the schedule's notice (min_notice_days, max_notice_days).
std::pair<Date, Date> date_range(const FieldSpec& field, const Date& today);
// Whether `d` may be a date field's answer: in date_range() and on a day its schedule allows.
bool date_allowed(const FieldSpec& field, const Date& d, const Date& today);
// The first day on or after `from` that date_allowed(); nullopt when the range holds none.
std::optional<Date> first_allowed_date(const FieldSpec& field, const Date& from, const Date& today);

}  // namespace kiosk::forms
