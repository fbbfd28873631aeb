// Structural checks of per-program sign-up fields in the shared field format: known types, keys
// that fit the type, bilingual labels, sane bounds, compilable patterns, consistent show_if.
#include "kiosk/content/signup_fields.h"

#include <map>
#include <regex>
#include <set>

#include "kiosk/content/value_rules.h"

namespace kiosk::content {
namespace {

const std::set<std::string>& field_types() {
  static const std::set<std::string> t = {"text",   "long_text",     "person_name",  "email",  "phone_us",
                                          "address_us", "date",      "time",         "number", "single_choice",
                                          "multi_choice", "yes_no",  "consent",      "signature"};
  return t;
}

bool is_text_type(const std::string& t) { return t == "text" || t == "long_text" || t == "person_name"; }
bool is_choice_type(const std::string& t) { return t == "single_choice" || t == "multi_choice"; }

constexpr std::size_t kLabelMax = 80;
constexpr std::size_t kHelpMax = 240;
constexpr std::size_t kChoiceLabelMax = 40;
constexpr std::size_t kConsentMax = 1200;

// What earlier fields offer to a later field's show_if.
struct KnownField {
  std::string type;
  std::set<std::string> choice_ids;
};

// A key that only makes sense for some types: read it anyway (so it is not "unknown") and say why
// it does not belong when the type does not fit.
const json* key_for_types(ObjectReader& r, const std::string& key, bool fits, const std::string& which) {
  const json* v = r.optional(key);
  if (v && !fits) r.errors().add(r.path_of(key), "\"" + key + "\" only applies to " + which + " fields");
  return fits ? v : nullptr;
}

std::optional<double> read_number(ObjectReader& r, const json* v, const std::string& key, bool whole) {
  if (!v) return std::nullopt;
  if (!v->is_number() || (whole && !v->is_number_integer() && !v->is_number_unsigned())) {
    r.errors().add(r.path_of(key), std::string("expected ") + (whole ? "a whole number" : "a number") + ", got " +
                                       describe_type(*v));
    return std::nullopt;
  }
  double d = v->get<double>();
  if (whole && (d < 0 || d > 100000)) {
    r.errors().add(r.path_of(key), "expected a whole number from 0 to 100000");
    return std::nullopt;
  }
  return d;
}

void check_bounds(ObjectReader& r, const std::string& type) {
  bool text = is_text_type(type);
  auto min_len = read_number(r, key_for_types(r, "min_length", text, "text, long_text and person_name"), "min_length", true);
  auto max_len = read_number(r, key_for_types(r, "max_length", text, "text, long_text and person_name"), "max_length", true);
  if (min_len && max_len && *min_len > *max_len) r.errors().add(r.path_of("min_length"), "is greater than max_length");

  bool number = type == "number";
  auto min = read_number(r, key_for_types(r, "min", number, "number"), "min", false);
  auto max = read_number(r, key_for_types(r, "max", number, "number"), "max", false);
  if (min && max && *min > *max) r.errors().add(r.path_of("min"), "is greater than max");

  for (const char* key : {"min_date", "max_date"}) {
    const json* v = key_for_types(r, key, type == "date", "date");
    if (!v) continue;
    if (!v->is_string()) r.errors().add(r.path_of(key), "expected a string, got " + describe_type(*v));
    else if (auto m = check_relative_date(v->get<std::string>()); !m.empty()) r.errors().add(r.path_of(key), m);
  }

  if (const json* p = key_for_types(r, "pattern", text, "text, long_text and person_name")) {
    if (!p->is_string()) {
      r.errors().add(r.path_of("pattern"), "expected a string, got " + describe_type(*p));
    } else {
      try {
        std::regex re(p->get<std::string>(), std::regex::ECMAScript);
      } catch (const std::regex_error& e) {
        r.errors().add(r.path_of("pattern"), std::string("not a valid ECMAScript regular expression: ") + e.what());
      }
    }
  }
}

void check_choices(ObjectReader& r, const std::string& type, KnownField& known) {
  bool choice = is_choice_type(type);
  const json* v = choice ? r.required("choices") : key_for_types(r, "choices", false, "single_choice and multi_choice");
  if (!v) return;
  std::string path = r.path_of("choices");
  if (v->is_array() && v->size() < 2) r.errors().add(path, "expected at least two choices");
  for_each_element(*v, path, r.errors(), [&](const json& c, const std::string& cpath) {
    ObjectReader cr(c, cpath, r.errors(), "a choice object with \"id\" and \"label\"");
    if (auto id = cr.string("id", true)) {
      if (auto m = check_field_id(*id); !m.empty()) r.errors().add(cr.path_of("id"), m);
      else if (!known.choice_ids.insert(*id).second) r.errors().add(cr.path_of("id"), "duplicate choice id \"" + *id + "\"");
    }
    cr.text("label", true, kChoiceLabelMax, false);
    cr.finish();
  });
}

void check_show_if(ObjectReader& r, const std::string& own_id, const std::map<std::string, KnownField>& earlier,
                   const std::set<std::string>& all_ids) {
  const json* v = r.optional("show_if");
  if (!v) return;
  ObjectReader s(*v, r.path_of("show_if"), r.errors(), "an object with \"field\" and \"equals\"");
  auto field = s.string("field", true);
  const json* equals = s.required("equals");
  s.finish();
  if (!field) return;
  if (*field == own_id) {
    r.errors().add(s.path_of("field"), "a field cannot depend on itself");
    return;
  }
  auto it = earlier.find(*field);
  if (it == earlier.end()) {
    // Not among this program's extra fields: it must then be a field of the base form, which only
    // the forms library knows. A later field of this list would make the form order confusing.
    if (all_ids.count(*field))
      r.errors().add(s.path_of("field"), "\"" + *field + "\" comes later in the form; show_if must refer to an earlier field");
    return;
  }
  if (!equals) return;
  const KnownField& target = it->second;
  if (target.type == "yes_no") {
    if (!equals->is_boolean()) r.errors().add(s.path_of("equals"), "expected true or false (\"" + *field + "\" is a yes_no field)");
  } else if (!equals->is_string()) {
    r.errors().add(s.path_of("equals"), "expected a string, got " + describe_type(*equals));
  } else if (is_choice_type(target.type) && !target.choice_ids.count(equals->get<std::string>())) {
    r.errors().add(s.path_of("equals"), "\"" + equals->get<std::string>() + "\" is not a choice of \"" + *field + "\"");
  }
}

}  // namespace

void check_signup_fields(const json& fields, const std::string& path, ErrorSink& errors) {
  std::set<std::string> all_ids;
  if (fields.is_array())
    for (const auto& f : fields)
      if (f.is_object() && f.contains("id") && f["id"].is_string()) all_ids.insert(f["id"].get<std::string>());

  std::map<std::string, KnownField> earlier;
  std::set<std::string> seen;
  for_each_element(fields, path, errors, [&](const json& f, const std::string& fpath) {
    ObjectReader r(f, fpath, errors, "a field object");
    if (!r.ok()) return;
    auto id = r.string("id", true);
    if (id) {
      if (auto m = check_field_id(*id); !m.empty()) errors.add(r.path_of("id"), m);
      else if (!seen.insert(*id).second) errors.add(r.path_of("id"), "duplicate field id \"" + *id + "\"");
    }
    auto type = r.string("type", true);
    if (type && !field_types().count(*type)) {
      errors.add(r.path_of("type"), "unknown field type \"" + *type + "\"");
      type.reset();
    }
    r.text("label", true, kLabelMax, false);
    r.text("help", false, kHelpMax, false);
    r.boolean("required", false);
    KnownField known;
    known.type = type.value_or("");
    if (type) {
      check_bounds(r, *type);
      check_choices(r, *type, known);
      if (*type == "consent") r.text("consent_text", true, kConsentMax, true);
      else key_for_types(r, "consent_text", false, "consent");
    } else {
      // Without a known type the type-specific keys cannot be judged; accept them as known keys.
      for (const char* k : {"min_length", "max_length", "min", "max", "min_date", "max_date", "pattern", "choices", "consent_text"})
        r.optional(k);
    }
    check_show_if(r, id.value_or(""), earlier, all_ids);
    r.finish();
    if (id) earlier.emplace(*id, std::move(known));
  });
}

}  // namespace kiosk::content
