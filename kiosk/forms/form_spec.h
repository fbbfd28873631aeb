// FormSpec: a data-driven form (assets/forms/*.json, format in docs/forms.md) as loaded and
// checked: steps of typed, bilingual fields with bounds, patterns, choices and show_if rules.
// The loader reports every defect as "<file>: <JSON pointer>: <what is wrong>"; a bad form is
// not offered and the other forms still work.
#pragma once
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/lang.h"
#include "kiosk/forms/civil_date.h"

namespace kiosk {
struct Program;
}

namespace kiosk::forms {

enum class FieldType {
  Text,          // "text": one line
  LongText,      // "long_text": several lines
  PersonName,    // "person_name"
  Email,         // "email"
  PhoneUs,       // "phone_us": 10-digit NANP number
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

// Hard limits (code points) that no form may exceed: nothing typed is unbounded.
inline constexpr int kMaxTextLengthCap = 10000;     // long_text
inline constexpr int kMaxPatternFieldLength = 500;  // std::regex is recursive: keep its input short
// Default max_length per text type when the form gives none.
int default_max_length(FieldType t);
// Largest max_length a form may set for a type.
int max_length_cap(FieldType t);

// Bounds of address_us parts (code points).
inline constexpr int kStreetMax = 100, kUnitMax = 20, kCityMax = 60;

// A date bound: a fixed day, or today plus an offset in days (negative = past).
using cal::DateBound;
using cal::parse_date_bound;  // "today", "today+7d", "2020-01-31"

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
  bool required = false;
  int min_length = 0;                           // text types; 1 when required
  int max_length = 0;                           // text types; always set (default_max_length)
  long long min = 0, max = 9999;                // number
  std::optional<DateBound> min_date, max_date;  // date
  std::string pattern;                          // text types, may be empty
  std::shared_ptr<const std::regex> regex;      // compiled `pattern`
  LocalText pattern_message;    // shown when the pattern does not match; may be empty
  std::vector<Choice> choices;  // single_choice, multi_choice
  std::optional<ShowIf> show_if;
  LocalText consent_text;      // consent
  std::string consent_sha256;  // hex SHA-256 of consent_text (en, "\n", es): its version

  const Choice* find_choice(std::string_view choice_id) const;
};

struct StepSpec {
  std::string id;
  LocalText title;
  LocalText help;               // may be empty
  bool program_fields = false;  // placeholder replaced by a program's signup_fields
  std::vector<FieldSpec> fields;
};

struct FormSpec {
  std::string id;  // "crash_report": [a-z0-9_]+, the file name's stem
  int version = 1;
  std::string code_prefix;  // "CR": two letters, the confirmation code's kind prefix
  LocalText title;
  LocalText summary;       // may be empty
  std::string program_id;  // set by compose_form for a program's sign-up
  std::vector<StepSpec> steps;

  bool is_program_form() const;  // has a program_fields step (before compose_form)
  const FieldSpec* find_field(std::string_view field_id) const;
  std::vector<const FieldSpec*> all_fields() const;
};

struct FormLoadResult {
  std::optional<FormSpec> form;     // set only when errors is empty
  std::vector<std::string> errors;  // "crash_report.json: /steps/1/fields/0/max_length: ..."
};

// Parses and checks one form file; `file_name` ("crash_report.json") names it in messages and
// must be "<id>.json".
FormLoadResult load_form(const std::string& file_name, std::string_view json_text);

struct FormSet {
  std::vector<std::shared_ptr<const FormSpec>> forms;  // the good ones, sorted by id
  std::vector<std::string> errors;                     // every bad form's defects
  std::shared_ptr<const FormSpec> find(std::string_view id) const;
};

// Loads every "*.json" of `files` (name -> bytes); the bad ones are left out and reported.
FormSet load_forms(const std::map<std::string, std::string>& files);
// The forms compiled into the binary (assets/forms/), loaded once.
const FormSet& bundled_forms();

// Checks extra fields given in the field format (a program's signup_fields). `where` prefixes each
// message ("program neighborhood-watch: signup_fields"); `earlier` are the fields they may follow
// (ids must not clash; show_if may name them).
std::vector<std::string> parse_fields(const nlohmann::json& fields, const std::string& where,
                                      const std::vector<const FieldSpec*>& earlier,
                                      std::vector<FieldSpec>& out);

struct ComposeResult {
  std::shared_ptr<const FormSpec> form;  // set only when errors is empty
  std::vector<std::string> errors;
};

// The form a visitor fills: `base`, plus, for a program's sign-up, the program's signup_fields as
// their own step (in place of the base's program_fields step, else appended; no step when the
// program has none). Errors: a program form (one with a program_fields step) without a program, a
// program given to a form that is not its signup_form, a program that takes no sign-ups, invalid
// signup_fields.
ComposeResult compose_form(const FormSpec& base, const Program* program);

}  // namespace kiosk::forms
