// The form loader: parses a form file or a list of fields and checks every rule of docs/forms.md,
// collecting all defects (not just the first) with the JSON pointer of each.
#include "kiosk/forms/form_spec.h"

#include <algorithm>
#include <set>

#include "kiosk/content/catalogue.h"
#include "kiosk/content/field_format.h"
#include "kiosk/core/digest.h"
#include "kiosk/core/embedded_assets.h"
#include "kiosk/core/utf8.h"

namespace kiosk::forms {
namespace {

using nlohmann::json;

namespace field_format = content::field_format;
// FieldType's order is field_format::kTypeNames' order: field_type_name indexes one by the other.
static_assert(static_cast<std::size_t>(FieldType::Signature) + 1 ==
              field_format::kTypeNames.size());

constexpr int kMaxSteps = 20, kMaxFieldsPerStep = 40, kMaxChoices = 30;
constexpr int kMaxLabel = 200, kMaxHelp = 1000, kMaxConsentText = 4000;
constexpr long long kNumberLimit = 1000000000LL;

std::string type_list() {
  std::string s;
  for (auto name : field_format::kTypeNames) s += (s.empty() ? "" : ", ") + std::string(name);
  return s;
}

bool is_id(const std::string& s, bool allow_dash) {
  if (s.empty() || s.size() > 64) return false;
  return std::all_of(s.begin(), s.end(), [&](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || (allow_dash && c == '-');
  });
}

bool is_choice_type(FieldType t) { return field_format::is_choice_type(field_type_name(t)); }

// Collects "<where><pointer>: <message>" lines while walking one JSON document.
class Checker {
 public:
  explicit Checker(std::string where) : where_(std::move(where)) {}
  void error(const std::string& ptr, const std::string& msg) {
    errors.push_back(where_ + ptr + ": " + msg);
  }
  std::vector<std::string> errors;

  // Unknown keys are errors, so a typo ("requried") never silently drops a rule.
  void only_keys(const json& obj, const std::string& ptr,
                 std::initializer_list<const char*> allowed) {
    for (const auto& item : obj.items()) {
      const std::string& key = item.key();  // a named variable: clang 14 cannot capture a binding
      if (std::none_of(allowed.begin(), allowed.end(), [&](const char* a) { return key == a; }))
        error(ptr + "/" + key,
              "unknown key (see docs/forms.md for the keys a " + kind_ + " may have)");
    }
  }
  void set_kind(std::string k) { kind_ = std::move(k); }

  bool text(const json& obj, const std::string& ptr, const char* key, int max_len, bool multiline,
            std::string& out) {
    std::string p = ptr + "/" + key;
    if (!obj.contains(key)) {
      error(p, "missing");
      return false;
    }
    const json& v = obj.at(key);
    if (!v.is_string()) {
      error(p, "expected a string");
      return false;
    }
    out = v.get<std::string>();
    if (out.empty()) {
      error(p, "must not be empty");
      return false;
    }
    if (!utf8::is_bmp_only(out)) {
      error(p,
            "has characters outside the Basic Multilingual Plane (emoji?): the kiosk cannot draw "
            "them");
      return false;
    }
    if (static_cast<int>(utf8::length(out)) > max_len) {
      error(p, "longer than " + std::to_string(max_len) + " characters");
      return false;
    }
    for (unsigned char c : out)
      if ((c < 0x20 && !(multiline && c == '\n')) || c == 0x7F) {
        error(p, "contains a control character");
        return false;
      }
    return true;
  }

  // A bilingual text {"en": ..., "es": ...}; both required when `required`, else both or neither.
  void local_text(const json& obj, const std::string& ptr, const char* key, int max_len,
                  bool required, bool multiline, LocalText& out) {
    std::string p = ptr + "/" + key;
    if (!obj.contains(key)) {
      if (required) error(p, "missing (expected {\"en\": ..., \"es\": ...})");
      return;
    }
    const json& v = obj.at(key);
    if (!v.is_object()) {
      error(p, "expected an object {\"en\": ..., \"es\": ...}");
      return;
    }
    only_keys(v, p, {"en", "es"});
    text(v, p, "en", max_len, multiline, out.en);
    text(v, p, "es", max_len, multiline, out.es);
  }

  std::optional<long long> integer(const json& obj, const std::string& ptr, const char* key,
                                   long long lo, long long hi) {
    if (!obj.contains(key)) return std::nullopt;
    const json& v = obj.at(key);
    std::string p = ptr + "/" + key;
    if (!v.is_number_integer()) {
      error(p, "expected a whole number");
      return std::nullopt;
    }
    long long n = v.is_number_unsigned()
                      ? static_cast<long long>(std::min<uint64_t>(v.get<uint64_t>(), INT64_MAX))
                      : v.get<long long>();
    if (n < lo || n > hi) {
      error(p, "expected a whole number from " + std::to_string(lo) + " to " + std::to_string(hi) +
                   ", got " + std::to_string(n));
      return std::nullopt;
    }
    return n;
  }

 private:
  std::string where_;
  std::string kind_ = "form";
};

std::string json_string_or(const json& obj, const char* key) {
  auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

void parse_show_if(Checker& c, const json& f, const std::string& ptr, FieldSpec& field,
                   const std::map<std::string, const FieldSpec*>& earlier) {
  if (!f.contains("show_if")) return;
  std::string p = ptr + "/show_if";
  const json& s = f.at("show_if");
  if (!s.is_object()) {
    c.error(p, "expected {\"field\": ID, \"equals\": VALUE}");
    return;
  }
  c.only_keys(s, p, {"field", "equals", "in"});
  ShowIf rule;
  if (!s.contains("field") || !s.at("field").is_string()) {
    c.error(p + "/field", "expected the id of an earlier field");
    return;
  }
  rule.field = s.at("field").get<std::string>();
  bool has_eq = s.contains("equals"), has_in = s.contains("in");
  if (has_eq == has_in) {
    c.error(p, "expected exactly one of \"equals\" (a value) or \"in\" (a list of values)");
    return;
  }
  if (has_eq) {
    if (!s.at("equals").is_string()) {
      c.error(p + "/equals", "expected a string (a choice id, or yes/no)");
      return;
    }
    rule.values.push_back(s.at("equals").get<std::string>());
  } else {
    const json& in = s.at("in");
    if (!in.is_array() || in.empty()) {
      c.error(p + "/in", "expected a non-empty list of strings");
      return;
    }
    for (const auto& v : in) {
      if (!v.is_string()) {
        c.error(p + "/in", "expected a non-empty list of strings");
        return;
      }
      rule.values.push_back(v.get<std::string>());
    }
  }
  auto it = earlier.find(rule.field);
  if (rule.field == field.id) {
    c.error(p + "/field", "a field cannot depend on itself");
    return;
  }
  if (it == earlier.end()) {
    c.error(p + "/field", "\"" + rule.field + "\" is not a field that comes before this one");
    return;
  }
  const FieldSpec& src = *it->second;
  for (const auto& v : rule.values) {
    bool ok = src.type == FieldType::YesNo ? (v == "yes" || v == "no")
              : is_choice_type(src.type)   ? src.find_choice(v) != nullptr
                                           : false;
    if (!ok) {
      if (src.type == FieldType::YesNo || is_choice_type(src.type))
        c.error(p, "\"" + v + "\" is not a possible answer of \"" + rule.field + "\"");
      else
        c.error(p + "/field",
                "\"" + rule.field + "\" is a " + field_type_name(src.type) +
                    " field; show_if may only depend on single_choice, multi_choice or yes_no");
      return;
    }
  }
  field.show_if = rule;
}

void parse_choices(Checker& c, const json& f, const std::string& ptr, FieldSpec& field) {
  std::string p = ptr + "/choices";
  if (!f.contains("choices")) {
    c.error(p, "missing: a " + std::string(field_type_name(field.type)) + " field needs choices");
    return;
  }
  const json& arr = f.at("choices");
  if (!arr.is_array() || arr.empty()) {
    c.error(p, "expected a non-empty list of {\"id\", \"label\"}");
    return;
  }
  if (arr.size() > kMaxChoices) c.error(p, "more than " + std::to_string(kMaxChoices) + " choices");
  std::set<std::string> seen;
  for (std::size_t i = 0; i < arr.size(); ++i) {
    std::string cp = p + "/" + std::to_string(i);
    const json& ch = arr[i];
    if (!ch.is_object()) {
      c.error(cp, "expected {\"id\": ..., \"label\": {...}}");
      continue;
    }
    c.only_keys(ch, cp, {"id", "label"});
    Choice choice;
    choice.id = json_string_or(ch, "id");
    if (!is_id(choice.id, false))
      c.error(cp + "/id", "expected an id of a-z, 0-9 and _ (at most 64)");
    else if (!seen.insert(choice.id).second)
      c.error(cp + "/id", "duplicate choice id \"" + choice.id + "\"");
    c.local_text(ch, cp, "label", kMaxLabel, true, false, choice.label);
    field.choices.push_back(std::move(choice));
  }
}

void parse_text_bounds(Checker& c, const json& f, const std::string& ptr, FieldSpec& field) {
  int cap = max_length_cap(field.type);
  field.max_length = default_max_length(field.type);
  if (auto v = c.integer(f, ptr, "max_length", 1, cap)) field.max_length = static_cast<int>(*v);
  field.min_length = field.required ? 1 : 0;
  if (auto v = c.integer(f, ptr, "min_length", 0, cap)) {
    field.min_length = std::max(field.min_length, static_cast<int>(*v));
    if (*v > field.max_length)
      c.error(ptr + "/min_length",
              "greater than max_length (" + std::to_string(field.max_length) + ")");
  }
  if (!f.contains("pattern")) {
    if (f.contains("pattern_message")) c.error(ptr + "/pattern_message", "only with a pattern");
    return;
  }
  std::string p = ptr + "/pattern";
  if (!f.at("pattern").is_string() || f.at("pattern").get<std::string>().empty()) {
    c.error(p, "expected a non-empty ECMAScript regular expression");
    return;
  }
  if (field.type == FieldType::Email) {
    c.error(p, "email fields have their own rules; no pattern");
    return;
  }
  if (field.max_length > kMaxPatternFieldLength) {
    c.error(p, "a field with a pattern needs max_length of at most " +
                   std::to_string(kMaxPatternFieldLength));
    return;
  }
  field.pattern = f.at("pattern").get<std::string>();
  c.local_text(f, ptr, "pattern_message", kMaxHelp, false, false, field.pattern_message);
  try {
    field.regex = std::make_shared<const std::regex>(field.pattern, std::regex::ECMAScript);
  } catch (const std::regex_error& e) {
    c.error(p, std::string("not a valid regular expression: ") + e.what());
  }
}

void parse_date_bounds(Checker& c, const json& f, const std::string& ptr, FieldSpec& field) {
  for (const char* key : {"min_date", "max_date"}) {
    if (!f.contains(key)) continue;
    std::string p = ptr + "/" + key;
    const json& v = f.at(key);
    std::optional<DateBound> b =
        v.is_string() ? parse_date_bound(v.get<std::string>()) : std::nullopt;
    if (!b) {
      c.error(p, "expected \"today\", \"today+Nd\", \"today-Nd\" or YYYY-MM-DD");
      continue;
    }
    (std::string(key) == "min_date" ? field.min_date : field.max_date) = b;
  }
  if (field.min_date && field.max_date && field.min_date->relative == field.max_date->relative) {
    bool reversed = field.min_date->relative
                        ? field.min_date->offset_days > field.max_date->offset_days
                        : field.min_date->date > field.max_date->date;
    if (reversed) c.error(ptr + "/min_date", "later than max_date");
  }
}

std::optional<FieldSpec> parse_field(Checker& c, const json& f, const std::string& ptr,
                                     const std::map<std::string, const FieldSpec*>& earlier) {
  if (!f.is_object()) {
    c.error(ptr, "expected a field object");
    return std::nullopt;
  }
  c.set_kind("field");
  c.only_keys(
      f, ptr,
      {"id", "type", "label", "help", "required", "min_length", "max_length", "min", "max",
       "min_date", "max_date", "pattern", "pattern_message", "choices", "show_if", "consent_text"});
  std::size_t before = c.errors.size();
  FieldSpec field;
  field.id = json_string_or(f, "id");
  if (!is_id(field.id, false))
    c.error(ptr + "/id", "expected an id of a-z, 0-9 and _ (at most 64)");
  else if (earlier.count(field.id))
    c.error(ptr + "/id", "duplicate field id \"" + field.id + "\"");
  std::string type = json_string_or(f, "type");
  auto t = parse_field_type(type);
  if (!t) {
    c.error(ptr + "/type",
            (f.contains("type") ? "unknown type \"" + type + "\"" : std::string("missing")) +
                " (expected one of " + type_list() + ")");
    return std::nullopt;
  }
  field.type = *t;
  c.local_text(f, ptr, "label", kMaxLabel, true, false, field.label);
  c.local_text(f, ptr, "help", kMaxHelp, false, true, field.help);
  if (f.contains("required")) {
    if (!f.at("required").is_boolean())
      c.error(ptr + "/required", "expected true or false");
    else
      field.required = f.at("required").get<bool>();
  }

  auto reject = [&](std::initializer_list<const char*> keys, const char* why) {
    for (const char* k : keys)
      if (f.contains(k))
        c.error(ptr + "/" + k, std::string("not used by a ") + field_type_name(field.type) +
                                   " field (" + why + ")");
  };
  if (is_text_type(field.type))
    parse_text_bounds(c, f, ptr, field);
  else
    reject({"min_length", "max_length", "pattern", "pattern_message"},
           "only text fields have lengths and patterns");
  if (field.type == FieldType::Number) {
    if (auto v = c.integer(f, ptr, "min", -kNumberLimit, kNumberLimit)) field.min = *v;
    if (auto v = c.integer(f, ptr, "max", -kNumberLimit, kNumberLimit)) field.max = *v;
    if (field.min > field.max) c.error(ptr + "/min", "greater than max");
  } else {
    reject({"min", "max"}, "only number fields have min and max");
  }
  if (field.type == FieldType::Date)
    parse_date_bounds(c, f, ptr, field);
  else
    reject({"min_date", "max_date"}, "only date fields have a date range");
  if (is_choice_type(field.type))
    parse_choices(c, f, ptr, field);
  else
    reject({"choices"}, "only single_choice and multi_choice fields have choices");
  if (field.type == FieldType::Consent) {
    c.local_text(f, ptr, "consent_text", kMaxConsentText, true, true, field.consent_text);
    field.consent_sha256 = sha256_hex(field.consent_text.en + "\n" + field.consent_text.es);
  } else {
    reject({"consent_text"}, "only consent fields have a consent text");
  }
  parse_show_if(c, f, ptr, field, earlier);
  if (c.errors.size() != before) return std::nullopt;
  return field;
}

// Parses a JSON array of fields at `ptr`, appending the good ones; `earlier` grows as it goes.
void parse_field_list(Checker& c, const json& arr, const std::string& ptr,
                      std::map<std::string, const FieldSpec*>& earlier,
                      std::vector<FieldSpec>& out) {
  if (!arr.is_array()) {
    c.error(ptr, "expected a list of fields");
    return;
  }
  if (arr.size() > kMaxFieldsPerStep)
    c.error(ptr, "more than " + std::to_string(kMaxFieldsPerStep) + " fields");
  out.reserve(arr.size());  // `earlier` points into `out`: no reallocation while parsing
  for (std::size_t i = 0; i < arr.size(); ++i) {
    auto f = parse_field(c, arr[i], ptr + "/" + std::to_string(i), earlier);
    if (!f) continue;
    out.push_back(std::move(*f));
    earlier[out.back().id] = &out.back();
  }
}

std::map<std::string, const FieldSpec*> index_fields(const std::vector<const FieldSpec*>& fields) {
  std::map<std::string, const FieldSpec*> m;
  for (const FieldSpec* f : fields) m[f->id] = f;
  return m;
}

}  // namespace

const char* field_type_name(FieldType t) {
  auto i = static_cast<std::size_t>(t);
  // Every name is a literal, so data() is NUL-terminated.
  return i < field_format::kTypeNames.size() ? field_format::kTypeNames[i].data() : "?";
}

std::optional<FieldType> parse_field_type(std::string_view name) {
  for (std::size_t i = 0; i < field_format::kTypeNames.size(); ++i)
    if (name == field_format::kTypeNames[i]) return static_cast<FieldType>(i);
  return std::nullopt;
}

bool is_text_type(FieldType t) { return field_format::is_text_type(field_type_name(t)); }

int default_max_length(FieldType t) {
  switch (t) {
    case FieldType::LongText: return 2000;
    case FieldType::PersonName: return 100;
    case FieldType::Email: return 254;
    default: return 200;
  }
}

int max_length_cap(FieldType t) {
  switch (t) {
    case FieldType::LongText: return kMaxTextLengthCap;
    case FieldType::PersonName: return 200;
    case FieldType::Email: return 254;
    default: return 1000;
  }
}

const Choice* FieldSpec::find_choice(std::string_view choice_id) const {
  for (const auto& c : choices)
    if (c.id == choice_id) return &c;
  return nullptr;
}

bool FormSpec::is_program_form() const {
  return std::any_of(steps.begin(), steps.end(),
                     [](const StepSpec& s) { return s.program_fields; });
}

const FieldSpec* FormSpec::find_field(std::string_view field_id) const {
  for (const auto& s : steps)
    for (const auto& f : s.fields)
      if (f.id == field_id) return &f;
  return nullptr;
}

std::vector<const FieldSpec*> FormSpec::all_fields() const {
  std::vector<const FieldSpec*> out;
  for (const auto& s : steps)
    for (const auto& f : s.fields) out.push_back(&f);
  return out;
}

FormLoadResult load_form(const std::string& file_name, std::string_view json_text) {
  FormLoadResult r;
  Checker c(file_name + ": ");
  json doc = json::parse(json_text.begin(), json_text.end(), nullptr, false);
  if (doc.is_discarded()) {
    // Re-parse with exceptions for the position and reason (nlohmann's message names the byte).
    try {
      json again = json::parse(json_text.begin(), json_text.end());
      (void)again;
    } catch (const json::parse_error& e) {
      r.errors.push_back(file_name + ": not valid JSON: " + e.what());
    }
    if (r.errors.empty()) r.errors.push_back(file_name + ": not valid JSON");
    return r;
  }
  if (!doc.is_object()) {
    r.errors.push_back(file_name + ": expected a JSON object (a form)");
    return r;
  }
  c.only_keys(doc, "", {"id", "version", "code_prefix", "title", "summary", "steps"});
  FormSpec form;
  form.id = json_string_or(doc, "id");
  if (!is_id(form.id, false))
    c.error("/id", "expected an id of a-z, 0-9 and _ (at most 64)");
  else if (file_name != form.id + ".json")
    c.error("/id",
            "\"" + form.id + "\" does not match the file name (expected " + form.id + ".json)");
  if (!doc.contains("version"))
    c.error("/version", "missing");
  else if (auto v = c.integer(doc, "", "version", 1, 1000000))
    form.version = static_cast<int>(*v);
  form.code_prefix = json_string_or(doc, "code_prefix");
  if (form.code_prefix.size() != 2 || !std::all_of(form.code_prefix.begin(), form.code_prefix.end(),
                                                   [](char ch) { return ch >= 'A' && ch <= 'Z'; }))
    c.error("/code_prefix", "expected two capital letters, like \"CR\"");
  c.local_text(doc, "", "title", kMaxLabel, true, false, form.title);
  c.local_text(doc, "", "summary", kMaxHelp, false, true, form.summary);

  const json* steps = doc.contains("steps") ? &doc.at("steps") : nullptr;
  if (!steps || !steps->is_array() || steps->empty()) {
    c.error("/steps", "expected a non-empty list of steps");
  } else {
    if (steps->size() > kMaxSteps)
      c.error("/steps", "more than " + std::to_string(kMaxSteps) + " steps");
    form.steps.reserve(steps->size());  // `earlier` points into the steps' field lists
    std::map<std::string, const FieldSpec*> earlier;
    std::set<std::string> step_ids;
    int program_steps = 0;
    for (std::size_t i = 0; i < steps->size(); ++i) {
      std::string sp = "/steps/" + std::to_string(i);
      const json& s = (*steps)[i];
      if (!s.is_object()) {
        c.error(sp, "expected a step object");
        continue;
      }
      c.set_kind("step");
      c.only_keys(s, sp, {"id", "title", "help", "fields", "program_fields"});
      StepSpec step;
      step.id = json_string_or(s, "id");
      if (!is_id(step.id, false))
        c.error(sp + "/id", "expected an id of a-z, 0-9 and _ (at most 64)");
      else if (!step_ids.insert(step.id).second)
        c.error(sp + "/id", "duplicate step id \"" + step.id + "\"");
      c.local_text(s, sp, "title", kMaxLabel, true, false, step.title);
      c.local_text(s, sp, "help", kMaxHelp, false, true, step.help);
      if (s.contains("program_fields")) {
        if (!s.at("program_fields").is_boolean())
          c.error(sp + "/program_fields", "expected true or false");
        else
          step.program_fields = s.at("program_fields").get<bool>();
      }
      if (step.program_fields) {
        if (++program_steps > 1)
          c.error(sp + "/program_fields", "only one step may hold the program's fields");
        if (s.contains("fields"))
          c.error(sp + "/fields", "a program_fields step gets its fields from the program");
      } else if (!s.contains("fields") || !s.at("fields").is_array() || s.at("fields").empty()) {
        c.error(sp + "/fields", "expected a non-empty list of fields");
      } else {
        parse_field_list(c, s.at("fields"), sp + "/fields", earlier, step.fields);
      }
      form.steps.push_back(std::move(step));
    }
  }
  if (!c.errors.empty()) {
    r.errors = std::move(c.errors);
    return r;
  }
  r.form = std::move(form);
  return r;
}

std::shared_ptr<const FormSpec> FormSet::find(std::string_view id) const {
  for (const auto& f : forms)
    if (f->id == id) return f;
  return nullptr;
}

FormSet load_forms(const std::map<std::string, std::string>& files) {
  FormSet set;
  for (const auto& [name, bytes] : files) {
    if (!name.ends_with(".json")) continue;
    FormLoadResult r = load_form(name, bytes);
    if (r.form) {
      if (set.find(r.form->id))
        set.errors.push_back(name + ": /id: a form with id \"" + r.form->id +
                             "\" is already loaded");
      else
        set.forms.push_back(std::make_shared<const FormSpec>(std::move(*r.form)));
    }
    set.errors.insert(set.errors.end(), r.errors.begin(), r.errors.end());
  }
  std::sort(set.forms.begin(), set.forms.end(),
            [](const auto& a, const auto& b) { return a->id < b->id; });
  return set;
}

const FormSet& bundled_forms() {
  static const FormSet set = load_forms(assets::under("forms/"));
  return set;
}

std::vector<std::string> parse_fields(const nlohmann::json& fields, const std::string& where,
                                      const std::vector<const FieldSpec*>& earlier,
                                      std::vector<FieldSpec>& out) {
  Checker c(where);
  auto known = index_fields(earlier);
  std::vector<FieldSpec> parsed;
  parse_field_list(c, fields, "", known, parsed);
  if (c.errors.empty()) out.insert(out.end(), parsed.begin(), parsed.end());
  return std::move(c.errors);
}

ComposeResult compose_form(const FormSpec& base, const Program* program) {
  ComposeResult r;
  auto form = std::make_shared<FormSpec>(base);
  bool program_form = base.is_program_form();
  if (!program) {
    if (program_form)
      r.errors.push_back("form " + base.id + " is a program sign-up: name the program");
  } else if (!program->takes_signups || program->signup_form != base.id) {
    r.errors.push_back("program " + program->id + " does not take sign-ups with form " + base.id);
  }
  if (!r.errors.empty()) return r;

  auto slot_it = std::find_if(form->steps.begin(), form->steps.end(),
                              [](const StepSpec& s) { return s.program_fields; });
  std::size_t slot = static_cast<std::size_t>(slot_it - form->steps.begin());  // == size(): none
  if (program) {
    form->program_id = program->id;
    // show_if may only look back (fields before the slot); ids must not clash with any field.
    std::vector<const FieldSpec*> earlier, later;
    for (std::size_t i = 0; i < form->steps.size(); ++i)
      for (const auto& f : form->steps[i].fields) (i < slot ? earlier : later).push_back(&f);
    std::vector<FieldSpec> extra;
    auto errs = parse_fields(program->signup_fields, "program " + program->id + ": signup_fields",
                             earlier, extra);
    for (const auto& f : extra)
      for (const FieldSpec* l : later)
        if (l->id == f.id)
          errs.push_back("program " + program->id + ": signup_fields: duplicate field id \"" +
                         f.id + "\"");
    if (!errs.empty()) {
      r.errors = std::move(errs);
      return r;
    }
    if (!extra.empty() && slot < form->steps.size()) {
      form->steps[slot].fields = std::move(extra);
      form->steps[slot].program_fields = false;
      slot = form->steps.size();  // filled: keep it
    } else if (!extra.empty()) {
      StepSpec step;
      step.id = "program";
      step.title = program->title;
      step.fields = std::move(extra);
      form->steps.push_back(std::move(step));
      slot = form->steps.size();
    }
  }
  if (slot < form->steps.size())
    form->steps.erase(form->steps.begin() + static_cast<std::ptrdiff_t>(slot));
  r.form = std::move(form);
  return r;
}

}  // namespace kiosk::forms
