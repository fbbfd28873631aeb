// The form-field format (docs/forms.md) and its one validator. Two readers use it: the content
// loader, which checks a program's signup_fields when a bundle loads (the base form is not known
// then), and the forms library (kiosk/forms/form_spec.cpp), which builds the FieldSpecs of its
// forms and, when composing a sign-up, of a program's signup_fields. It lives in content because
// the forms library links content, never the other way round.
#pragma once
#include <array>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/content/json_reader.h"
#include "kiosk/core/calendar.h"
#include "kiosk/core/lang.h"

namespace re2 {
class RE2;
}

namespace kiosk::content {

namespace field_format {

// Every field type, in the order of FieldType (field_format.cpp checks the two agree).
inline constexpr std::array<std::string_view, 15> kTypeNames = {
    "text",          "long_text",    "person_name", "email",   "phone_us",
    "phone_intl",    "address_us",   "date",        "time",    "number",
    "single_choice", "multi_choice", "yes_no",      "consent", "signature"};

// The types whose answer is one typed string (lengths, an optional pattern).
constexpr bool is_text_type(std::string_view t) {
  return t == "text" || t == "long_text" || t == "person_name" || t == "email";
}
constexpr bool is_choice_type(std::string_view t) {
  return t == "single_choice" || t == "multi_choice";
}
bool is_type(std::string_view t);

}  // namespace field_format

enum class FieldType {
  Text,          // "text": one line
  LongText,      // "long_text": several lines
  PersonName,    // "person_name"
  Email,         // "email"
  PhoneUs,       // "phone_us": 10-digit NANP number
  PhoneIntl,     // "phone_intl": E.164 (a US number without "+"), kiosk/forms/phone_intl.h
  AddressUs,     // "address_us": street, unit, city, state, ZIP
  Date,          // "date": picked, never typed
  Time,          // "time": HH:MM
  Number,        // "number": integer stepper
  SingleChoice,  // "single_choice"
  MultiChoice,   // "multi_choice"
  YesNo,         // "yes_no"
  Consent,       // "consent": checkbox + consent_text
  Signature,     // "signature": strokes + PNG
};

const char* field_type_name(FieldType t);
std::optional<FieldType> parse_field_type(std::string_view name);
// Types whose answer is one typed string (bounded by min_length/max_length, optional pattern).
bool is_text_type(FieldType t);
bool is_choice_type(FieldType t);

// The one choice source a form may name: the content's places where records can be picked up.
inline constexpr std::string_view kChoicesFromPickupPlaces = "pickup_places";

// Hard limits (code points) that no form may exceed: nothing typed is unbounded.
inline constexpr int kMaxTextLengthCap = 10000;     // long_text
inline constexpr int kMaxPatternFieldLength = 500;  // a patterned field holds a short code
// Default max_length per text type when the form gives none.
int default_max_length(FieldType t);
// Largest max_length a form may set for a type.
int max_length_cap(FieldType t);

// Bounds of the visitor-facing texts of a field (code points).
inline constexpr std::size_t kMaxLabel = 200, kMaxHelp = 1000, kMaxConsentText = 4000;

struct Choice {
  std::string id;
  LocalText label;
};

// Shown (and only then required/validated/submitted) when `field`'s answer is one of `values`
// (for multi_choice: contains one of them; for yes_no: "yes" or "no").
struct ShowIf {
  std::string field;
  std::vector<std::string> values;
};

struct FieldSpec {
  std::string id;
  FieldType type = FieldType::Text;
  LocalText label;
  LocalText help;  // may be empty
  // May be empty: said again beside the answer on the review when the field is shown ("Bring a
  // photo ID when you pick up the report"), for what the visitor must remember afterwards.
  LocalText reminder;
  bool required = false;
  int min_length = 0;                                // text types; 1 when required
  int max_length = 0;                                // text types; always set
  long long min = 0, max = 9999;                     // number
  std::optional<cal::DateBound> min_date, max_date;  // date
  cal::DateSchedule schedule;                        // date: weekdays, nth_weekday, notice
  std::string pattern;                               // text types, may be empty
  std::shared_ptr<const re2::RE2> regex;             // compiled `pattern` (RE2: linear time)
  LocalText pattern_message;    // shown when the pattern does not match; may be empty
  std::vector<Choice> choices;  // single_choice, multi_choice
  // Instead of `choices`: where the choices come from when a form session starts (resolved by
  // forms::compose_form from the loaded content; empty until then). kChoicesFromPickupPlaces only.
  std::string choices_from;
  // date, time: the answer may not be earlier than this earlier field's (same type) answer, as a
  // window's "to" after its "from". Judged only when both are shown and valid on their own.
  std::string not_before;
  std::optional<ShowIf> show_if;
  LocalText consent_text;      // consent
  std::string consent_sha256;  // hex SHA-256 of consent_text (en, "\n", es): its version

  const Choice* find_choice(std::string_view choice_id) const;
};

// True when `field` has no pattern or the whole of `value` matches it (RE2 FullMatch, so a pattern
// without ^ and $ still judges the whole answer, as std::regex_match did).
bool matches_pattern(const FieldSpec& field, std::string_view value);

// The fields a list follows, by id: their ids may not be taken again and show_if may name them.
using EarlierFields = std::map<std::string, const FieldSpec*>;

// What a show_if may name besides `earlier`: nothing (a whole form is known), or any field the list
// itself does not hold (a program's signup_fields checked before the base form is known: the forms
// library checks those names again when it composes the sign-up).
enum class ShowIfScope { EarlierOnly, AlsoOutsideFields };

// Checks the array `fields` at `path`, reporting every defect to `errors`, and appends the good
// fields to `out` (adding each to `earlier` as it goes; `out` is reserved first, so the pointers
// stay valid).
void parse_field_list(const json& fields, const std::string& path, ErrorSink& errors,
                      EarlierFields& earlier, std::vector<FieldSpec>& out,
                      ShowIfScope scope = ShowIfScope::EarlierOnly);

// A program's signup_fields as the content loader checks them: every rule of the field format, with
// show_if allowed to name fields of the (not yet known) base form.
void check_signup_fields(const json& fields, const std::string& path, ErrorSink& errors);

}  // namespace kiosk::content
