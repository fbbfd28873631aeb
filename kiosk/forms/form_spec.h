// FormSpec: a data-driven form (assets/forms/*.json, format in docs/forms.md) as loaded and
// checked: steps of typed, bilingual fields with bounds, patterns, choices and show_if rules.
// The loader reports every defect as "<file>: <JSON pointer>: <what is wrong>"; a bad form is
// not offered and the other forms still work.
#pragma once
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kiosk/content/field_format.h"
#include "kiosk/core/lang.h"
#include "kiosk/forms/civil_date.h"

namespace kiosk {
struct Program;
struct Catalogue;
}  // namespace kiosk

namespace kiosk::forms {

// The field format's types and its validator live in content (kiosk/content/field_format.h), which
// the content loader shares; the forms library uses them under its own names.
using content::Choice;
using content::default_max_length;
using content::EarlierFields;
using content::field_type_name;
using content::FieldSpec;
using content::FieldType;
using content::is_choice_type;
using content::is_text_type;
using content::kMaxPatternFieldLength;
using content::kMaxTextLengthCap;
using content::max_length_cap;
using content::parse_field_type;
using content::ShowIf;

// Bounds of address_us parts (code points).
inline constexpr int kStreetMax = 100, kUnitMax = 20, kCityMax = 60;

// A date bound: a fixed day, or today plus an offset in days (negative = past).
using cal::DateBound;
using cal::parse_date_bound;  // "today", "today+7d", "2020-01-31"

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

// Where a released (older) version of a form is kept: "crash_report.v1.json".
std::string versioned_file_name(std::string_view id, int version);

struct FormSet {
  std::vector<std::shared_ptr<const FormSpec>> forms;  // the current good ones, sorted by id
  // Earlier released versions ("<id>.v<N>.json"), sorted by id and version: a record made with
  // one (pending, exported, imported) still validates and reads against the form it was made with.
  std::vector<std::shared_ptr<const FormSpec>> released;
  std::vector<std::string> errors;                                  // every bad form's defects
  std::shared_ptr<const FormSpec> find(std::string_view id) const;  // the current version
  std::shared_ptr<const FormSpec> find(std::string_view id, int version) const;
  std::vector<std::pair<std::string, int>> versions() const;  // every (id, version) known
};

// Loads every "*.json" of `files` (name -> bytes); "<id>.json" is a form's current version and
// "<id>.v<N>.json" a released older one. The bad ones are left out and reported.
FormSet load_forms(const std::map<std::string, std::string>& files);
// The forms compiled into the binary (assets/forms/), loaded once.
const FormSet& bundled_forms();

struct ComposeResult {
  std::shared_ptr<const FormSpec> form;  // set only when errors is empty
  std::vector<std::string> errors;
};

// The form a visitor fills: `base`, plus, for a program's sign-up, the program's signup_fields as
// their own step (in place of the base's program_fields step, else appended; no step when the
// program has none). Errors: a program form (one with a program_fields step) without a program, a
// program given to a form that is not its signup_form, a program that takes no sign-ups, invalid
// signup_fields.
// It also fills in what comes from the loaded content (docs/forms.md): "{fee:<id>}" placeholders
// from the department's fee table (an unknown fee is an error: the form is not offered) and
// choices_from fields from its places (no place: the field is left out).
ComposeResult compose_form(const FormSpec& base, const Program* program, const Catalogue& content);
// The same with the bundled demo content (tests, tools without a bundle).
ComposeResult compose_form(const FormSpec& base, const Program* program);

}  // namespace kiosk::forms
