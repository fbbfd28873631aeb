// The field format's one validator: walks each field with ObjectReader (so unknown keys, wrong
// types and bad texts read the same as everywhere in content) and builds its FieldSpec.
#include "kiosk/content/field_format.h"

#include <re2/re2.h>

#include <algorithm>
#include <set>

#include "kiosk/content/value_rules.h"
#include "kiosk/core/digest.h"

namespace kiosk::content {

namespace field_format {

bool is_type(std::string_view t) {
  return std::find(kTypeNames.begin(), kTypeNames.end(), t) != kTypeNames.end();
}

}  // namespace field_format

// FieldType's order is kTypeNames' order: field_type_name indexes one by the other.
static_assert(static_cast<std::size_t>(FieldType::Signature) + 1 ==
              field_format::kTypeNames.size());

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
bool is_choice_type(FieldType t) { return field_format::is_choice_type(field_type_name(t)); }

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

bool matches_pattern(const FieldSpec& field, std::string_view value) {
  return !field.regex ||
         re2::RE2::FullMatch(re2::StringPiece(value.data(), value.size()), *field.regex);
}

const Choice* FieldSpec::find_choice(std::string_view choice_id) const {
  for (const auto& c : choices)
    if (c.id == choice_id) return &c;
  return nullptr;
}

namespace {

constexpr std::size_t kMaxFieldsPerList = 40;
constexpr std::size_t kMaxChoices = 30;
constexpr long long kNumberLimit = 1000000000LL;

std::string type_list() {
  std::string s;
  for (auto name : field_format::kTypeNames) s += (s.empty() ? "" : ", ") + std::string(name);
  return s;
}

// A whole number within [lo, hi] at `key`, or nullopt (reported) when it is anything else.
std::optional<long long> read_whole(ObjectReader& r, const std::string& key, long long lo,
                                    long long hi) {
  const json* v = r.optional(key);
  if (!v) return std::nullopt;
  if (!v->is_number_integer()) {
    r.errors().add(r.path_of(key), "expected a whole number, got " + describe_type(*v));
    return std::nullopt;
  }
  long long n = v->is_number_unsigned()
                    ? static_cast<long long>(std::min<uint64_t>(v->get<uint64_t>(), INT64_MAX))
                    : v->get<long long>();
  if (n < lo || n > hi) {
    r.errors().add(r.path_of(key), "expected a whole number from " + std::to_string(lo) + " to " +
                                       std::to_string(hi) + ", got " + std::to_string(n));
    return std::nullopt;
  }
  return n;
}

// Keys that belong to other types: each is asked for (so it is not also "unknown") and reported.
void reject(ObjectReader& r, FieldType type, std::initializer_list<const char*> keys,
            const char* why) {
  for (const char* k : keys)
    if (r.optional(k))
      r.errors().add(r.path_of(k), std::string("not used by a ") + field_type_name(type) +
                                       " field (" + why + ")");
}

void parse_text_bounds(ObjectReader& r, FieldSpec& field) {
  int cap = max_length_cap(field.type);
  field.max_length = default_max_length(field.type);
  if (auto v = read_whole(r, "max_length", 1, cap)) field.max_length = static_cast<int>(*v);
  field.min_length = field.required ? 1 : 0;
  if (auto v = read_whole(r, "min_length", 0, cap)) {
    field.min_length = std::max(field.min_length, static_cast<int>(*v));
    if (*v > field.max_length)
      r.errors().add(r.path_of("min_length"),
                     "greater than max_length (" + std::to_string(field.max_length) + ")");
  }
  const json* p = r.optional("pattern");
  if (!p) {
    if (r.optional("pattern_message"))
      r.errors().add(r.path_of("pattern_message"), "only with a pattern");
    return;
  }
  std::string path = r.path_of("pattern");
  if (!p->is_string() || p->get<std::string>().empty()) {
    r.errors().add(path, "expected a non-empty regular expression (RE2 syntax)");
    r.optional("pattern_message");
    return;
  }
  if (field.type == FieldType::Email) {
    r.errors().add(path, "email fields have their own rules; no pattern");
    r.optional("pattern_message");
    return;
  }
  if (field.max_length > kMaxPatternFieldLength) {
    r.errors().add(path, "a field with a pattern needs max_length of at most " +
                             std::to_string(kMaxPatternFieldLength));
    r.optional("pattern_message");
    return;
  }
  field.pattern = p->get<std::string>();
  if (auto m = r.text("pattern_message", false, kMaxHelp, false)) field.pattern_message = *m;
  // RE2 matches in time linear in the input, whatever the pattern (std::regex backtracked: one
  // pattern could freeze the screen); the price is no lookaround and no backreferences.
  re2::RE2::Options options;
  options.set_log_errors(false);  // the error is reported below, naming the field
  auto re = std::make_shared<const re2::RE2>(field.pattern, options);
  if (re->ok())
    field.regex = std::move(re);
  else
    r.errors().add(path, "not a valid RE2 regular expression (no lookaround, no backreferences): " +
                             re->error());
}

void parse_date_bounds(ObjectReader& r, FieldSpec& field) {
  for (const char* key : {"min_date", "max_date"}) {
    const json* v = r.optional(key);
    if (!v) continue;
    if (!v->is_string()) {
      r.errors().add(r.path_of(key), "expected a string, got " + describe_type(*v));
      continue;
    }
    auto b = cal::parse_date_bound(v->get<std::string>());
    if (!b) {
      r.errors().add(r.path_of(key), check_relative_date(v->get<std::string>()));
      continue;
    }
    (std::string(key) == "min_date" ? field.min_date : field.max_date) = b;
  }
  if (field.min_date && field.max_date && field.min_date->relative == field.max_date->relative) {
    bool reversed = field.min_date->relative
                        ? field.min_date->offset_days > field.max_date->offset_days
                        : field.min_date->date > field.max_date->date;
    if (reversed) r.errors().add(r.path_of("min_date"), "later than max_date");
  }
}

// A date field's schedule: "weekdays": ["sat", "sun"], "nth_weekday": {"n": 2, "weekday": "sat"},
// "min_notice_days": 14, "max_notice_days": 180 (docs/forms.md, "Schedules").
void parse_date_schedule(ObjectReader& r, FieldSpec& field) {
  cal::DateSchedule& s = field.schedule;
  const char* kWeekdayRule = "expected a day of the week: sun, mon, tue, wed, thu, fri or sat";
  if (const json* v = r.optional("weekdays")) {
    std::string path = r.path_of("weekdays");
    if (!v->is_array() || v->empty()) {
      r.errors().add(path, "expected a non-empty list of days of the week, like [\"sat\"]");
    } else {
      for_each_element(*v, path, r.errors(), [&](const json& w, const std::string& wpath) {
        auto day = w.is_string() ? cal::parse_weekday(w.get<std::string>()) : std::nullopt;
        if (!day)
          r.errors().add(
              wpath, std::string(kWeekdayRule) + ", got " +
                         (w.is_string() ? "\"" + w.get<std::string>() + "\"" : describe_type(w)));
        else if (s.weekdays & (1u << *day))
          r.errors().add(wpath, "\"" + w.get<std::string>() + "\" is listed twice");
        else
          s.weekdays |= 1u << *day;
      });
    }
  }
  if (const json* v = r.optional("nth_weekday")) {
    ObjectReader n(*v, r.path_of("nth_weekday"), r.errors(),
                   "an object with \"n\" (1 to 5, or -1 for the last) and \"weekday\"");
    if (n.ok()) {
      cal::NthWeekday nth;
      bool ok = true;
      if (const json* nv = n.required("n")) {
        if (!nv->is_number_integer() || nv->get<long long>() == 0 || nv->get<long long>() < -1 ||
            nv->get<long long>() > 5) {
          r.errors().add(n.path_of("n"),
                         "expected 1, 2, 3, 4 or 5 (the n-th in the month) or -1 (the last), got " +
                             nv->dump());
          ok = false;
        } else {
          nth.n = static_cast<int>(nv->get<long long>());
        }
      } else {
        ok = false;
      }
      if (auto w = n.string("weekday", true)) {
        if (auto day = cal::parse_weekday(*w)) {
          nth.weekday = *day;
        } else {
          r.errors().add(n.path_of("weekday"), std::string(kWeekdayRule) + ", got \"" + *w + "\"");
          ok = false;
        }
      } else {
        ok = false;
      }
      n.finish();
      if (ok) s.nth = nth;
    }
    if (r.optional("weekdays"))
      r.errors().add(r.path_of("nth_weekday"),
                     "give either weekdays or nth_weekday, not both (nth_weekday names its day)");
  }
  if (auto v = read_whole(r, "min_notice_days", 0, cal::kMaxNoticeDays))
    s.min_notice_days = static_cast<int>(*v);
  if (auto v = read_whole(r, "max_notice_days", 0, cal::kMaxNoticeDays))
    s.max_notice_days = static_cast<int>(*v);
  if (s.min_notice_days && s.max_notice_days && *s.min_notice_days > *s.max_notice_days)
    r.errors().add(r.path_of("min_notice_days"),
                   "greater than max_notice_days (" + std::to_string(*s.max_notice_days) + ")");
  // Notice counts forward from today: a range that ends before the notice begins allows nothing.
  if (s.min_notice_days && field.max_date && field.max_date->relative &&
      field.max_date->offset_days < *s.min_notice_days)
    r.errors().add(r.path_of("min_notice_days"),
                   "more days than max_date allows: no day could be chosen");
}

void parse_choices(ObjectReader& r, FieldSpec& field) {
  const json* v = r.required("choices");
  if (!v) return;
  std::string path = r.path_of("choices");
  if (v->is_array() && v->empty()) r.errors().add(path, "expected at least one choice");
  if (v->is_array() && v->size() > kMaxChoices)
    r.errors().add(path, "more than " + std::to_string(kMaxChoices) + " choices");
  std::set<std::string> seen;
  for_each_element(*v, path, r.errors(), [&](const json& c, const std::string& cpath) {
    ObjectReader cr(c, cpath, r.errors(), "a choice object with \"id\" and \"label\"");
    if (!cr.ok()) return;
    Choice choice;
    if (auto id = cr.string("id", true)) {
      if (auto m = check_field_id(*id); !m.empty())
        r.errors().add(cr.path_of("id"), m);
      else if (!seen.insert(*id).second)
        r.errors().add(cr.path_of("id"), "duplicate choice id \"" + *id + "\"");
      choice.id = *id;
    }
    if (auto label = cr.text("label", true, kMaxLabel, false)) choice.label = *label;
    cr.finish();
    field.choices.push_back(std::move(choice));
  });
}

// "choices_from": "pickup_places" in place of "choices" (docs/forms.md, "Choices from content").
void parse_choices_or_source(ObjectReader& r, FieldSpec& field) {
  if (!r.has("choices_from")) return parse_choices(r, field);
  auto from = r.string("choices_from", true);
  if (r.optional("choices"))
    r.errors().add(r.path_of("choices"), "give either choices or choices_from, not both");
  if (from && *from != kChoicesFromPickupPlaces)
    r.errors().add(r.path_of("choices_from"), "expected \"" +
                                                  std::string(kChoicesFromPickupPlaces) +
                                                  "\" (the places of "
                                                  "department.json with records_pickup), got \"" +
                                                  *from + "\"");
  else if (from)
    field.choices_from = *from;
}

// "not_before": an earlier field of the same type (date or time) this answer may not precede.
void parse_not_before(ObjectReader& r, FieldSpec& field, const EarlierFields& earlier) {
  auto other = r.string("not_before", false);
  if (!other) return;
  auto it = earlier.find(*other);
  if (it == earlier.end())
    r.errors().add(r.path_of("not_before"),
                   "\"" + *other + "\" is not a field that comes before this one");
  else if (it->second->type != field.type)
    r.errors().add(r.path_of("not_before"),
                   "\"" + *other + "\" is a " + field_type_name(it->second->type) +
                       " field; not_before must name a " + field_type_name(field.type) + " field");
  else
    field.not_before = *other;
}

void parse_show_if(ObjectReader& r, FieldSpec& field, const EarlierFields& earlier,
                   const std::set<std::string>& list_ids, ShowIfScope scope) {
  const json* v = r.optional("show_if");
  if (!v) return;
  ObjectReader s(*v, r.path_of("show_if"), r.errors(),
                 "an object with \"field\" and \"equals\" (or \"in\")");
  if (!s.ok()) return;
  auto target = s.string("field", true);
  const json* equals = s.optional("equals");
  const json* in = s.optional("in");
  s.finish();
  ShowIf rule;
  bool values_ok = false;
  if ((equals != nullptr) == (in != nullptr)) {
    r.errors().add(s.path(),
                   "expected exactly one of \"equals\" (a value) or \"in\" (a list of values)");
  } else if (equals && !equals->is_string()) {
    r.errors().add(s.path_of("equals"), "expected a string (a choice id, or \"yes\"/\"no\"), got " +
                                            describe_type(*equals));
  } else if (equals) {
    rule.values.push_back(equals->get<std::string>());
    values_ok = true;
  } else if (!in->is_array() || in->empty() ||
             !std::all_of(in->begin(), in->end(), [](const json& x) { return x.is_string(); })) {
    r.errors().add(s.path_of("in"), "expected a non-empty list of strings");
  } else {
    for (const auto& x : *in) rule.values.push_back(x.get<std::string>());
    values_ok = true;
  }
  if (!target) return;
  rule.field = *target;
  if (rule.field == field.id) {
    r.errors().add(s.path_of("field"), "a field cannot depend on itself");
    return;
  }
  auto it = earlier.find(rule.field);
  if (it == earlier.end()) {
    if (scope == ShowIfScope::EarlierOnly || list_ids.count(rule.field))
      r.errors().add(s.path_of("field"),
                     "\"" + rule.field + "\" is not a field that comes before this one");
    return;
  }
  const FieldSpec& src = *it->second;
  if (src.type != FieldType::YesNo && !is_choice_type(src.type)) {
    r.errors().add(s.path_of("field"),
                   "\"" + rule.field + "\" is a " + field_type_name(src.type) +
                       " field; show_if may only depend on single_choice, multi_choice or yes_no");
    return;
  }
  if (!src.choices_from.empty()) {
    r.errors().add(s.path_of("field"), "\"" + rule.field +
                                           "\" takes its choices from content (choices_from); "
                                           "show_if cannot name them");
    return;
  }
  if (!values_ok) return;
  for (const auto& value : rule.values) {
    bool ok = src.type == FieldType::YesNo ? (value == "yes" || value == "no")
                                           : src.find_choice(value) != nullptr;
    if (!ok) {
      r.errors().add(s.path(),
                     "\"" + value + "\" is not a possible answer of \"" + rule.field + "\"");
      return;
    }
  }
  field.show_if = std::move(rule);
}

std::optional<FieldSpec> parse_field(const json& f, const std::string& path, ErrorSink& errors,
                                     const EarlierFields& earlier, std::set<std::string>& seen,
                                     const std::set<std::string>& list_ids, ShowIfScope scope) {
  ObjectReader r(f, path, errors, "a field object");
  if (!r.ok()) return std::nullopt;
  std::size_t before = errors.count();
  FieldSpec field;
  if (auto id = r.string("id", true)) {
    if (auto m = check_field_id(*id); !m.empty())
      errors.add(r.path_of("id"), m);
    else if (earlier.count(*id) || !seen.insert(*id).second)
      errors.add(r.path_of("id"), "duplicate field id \"" + *id + "\"");
    field.id = *id;
  }
  auto type_name = r.string("type", true);
  auto type = type_name ? parse_field_type(*type_name) : std::nullopt;
  if (type_name && !type)
    errors.add(r.path_of("type"),
               "unknown type \"" + *type_name + "\" (expected one of " + type_list() + ")");
  // Without a type, the type's keys cannot be judged: report what can be and stop.
  if (!type) return std::nullopt;
  field.type = *type;
  if (auto label = r.text("label", true, kMaxLabel, false)) field.label = *label;
  if (auto help = r.text("help", false, kMaxHelp, true)) field.help = *help;
  if (auto reminder = r.text("reminder", false, kMaxHelp, false)) field.reminder = *reminder;
  field.required = r.boolean("required", false).value_or(false);

  if (is_text_type(field.type))
    parse_text_bounds(r, field);
  else
    reject(r, field.type, {"min_length", "max_length", "pattern", "pattern_message"},
           "only text fields have lengths and patterns");
  if (field.type == FieldType::Number) {
    if (auto v = read_whole(r, "min", -kNumberLimit, kNumberLimit)) field.min = *v;
    if (auto v = read_whole(r, "max", -kNumberLimit, kNumberLimit)) field.max = *v;
    if (field.min > field.max) errors.add(r.path_of("min"), "greater than max");
  } else {
    reject(r, field.type, {"min", "max"}, "only number fields have min and max");
  }
  if (field.type == FieldType::Date) {
    parse_date_bounds(r, field);
    parse_date_schedule(r, field);
  } else {
    reject(r, field.type, {"min_date", "max_date"}, "only date fields have a date range");
    reject(r, field.type, {"weekdays", "nth_weekday", "min_notice_days", "max_notice_days"},
           "only date fields have a schedule");
  }
  if (is_choice_type(field.type))
    parse_choices_or_source(r, field);
  else
    reject(r, field.type, {"choices", "choices_from"},
           "only single_choice and multi_choice fields have choices");
  if (field.type == FieldType::Date || field.type == FieldType::Time)
    parse_not_before(r, field, earlier);
  else
    reject(r, field.type, {"not_before"}, "only date and time fields can follow another");
  if (field.type == FieldType::Consent) {
    if (auto t = r.text("consent_text", true, kMaxConsentText, true)) field.consent_text = *t;
    field.consent_sha256 = sha256_hex(field.consent_text.en + "\n" + field.consent_text.es);
  } else {
    reject(r, field.type, {"consent_text"}, "only consent fields have a consent text");
  }
  parse_show_if(r, field, earlier, list_ids, scope);
  r.finish();
  if (errors.count() != before) return std::nullopt;
  return field;
}

}  // namespace

void parse_field_list(const json& fields, const std::string& path, ErrorSink& errors,
                      EarlierFields& earlier, std::vector<FieldSpec>& out, ShowIfScope scope) {
  if (fields.is_array() && fields.size() > kMaxFieldsPerList)
    errors.add(path, "more than " + std::to_string(kMaxFieldsPerList) + " fields");
  // Every id the list holds, so a show_if naming a later field is told so.
  std::set<std::string> list_ids;
  if (fields.is_array())
    for (const auto& f : fields)
      if (f.is_object() && f.contains("id") && f["id"].is_string())
        list_ids.insert(f["id"].get<std::string>());
  out.reserve(out.size() + (fields.is_array() ? fields.size() : 0));
  std::set<std::string> seen;
  for_each_element(fields, path, errors, [&](const json& f, const std::string& fpath) {
    auto field = parse_field(f, fpath, errors, earlier, seen, list_ids, scope);
    if (!field) return;
    out.push_back(std::move(*field));
    earlier[out.back().id] = &out.back();
  });
}

void check_signup_fields(const json& fields, const std::string& path, ErrorSink& errors) {
  EarlierFields none;
  std::vector<FieldSpec> parsed;
  parse_field_list(fields, path, errors, none, parsed, ShowIfScope::AlsoOutsideFields);
}

}  // namespace kiosk::content
