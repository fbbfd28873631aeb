// Structural checks of per-program sign-up fields in the shared field format: known types, keys
// that fit the type, bilingual labels, sane bounds, compilable patterns, consistent show_if.
#include "kiosk/content/signup_fields.h"

#include <algorithm>
#include <map>
#include <regex>
#include <set>
#include <vector>

#include "kiosk/content/field_format.h"
#include "kiosk/content/value_rules.h"

namespace kiosk::content {
namespace {

using field_format::is_choice_type;
using field_format::is_text_type;

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
const json* key_for_types(ObjectReader& r, const std::string& key, bool fits,
                          const std::string& which) {
  const json* v = r.optional(key);
  if (v && !fits)
    r.errors().add(r.path_of(key), "\"" + key + "\" only applies to " + which + " fields");
  return fits ? v : nullptr;
}

// A whole number within [lo, hi]; lengths and number bounds are both integers in the forms format.
std::optional<long long> read_whole(ObjectReader& r, const json* v, const std::string& key,
                                    long long lo, long long hi) {
  if (!v) return std::nullopt;
  bool whole = v->is_number_integer() || v->is_number_unsigned();
  if (!whole || v->get<long long>() < lo || v->get<long long>() > hi) {
    r.errors().add(r.path_of(key), "expected a whole number from " + std::to_string(lo) + " to " +
                                       std::to_string(hi) +
                                       (whole ? "" : ", got " + describe_type(*v)));
    return std::nullopt;
  }
  return v->get<long long>();
}

constexpr long long kLengthCap = 10000;         // longest text a form may ask for
constexpr long long kNumberLimit = 1000000000;  // |min|, |max| of number fields

void check_bounds(ObjectReader& r, const std::string& type) {
  bool text = is_text_type(type);
  const std::string text_types = "text, long_text, person_name and email";
  auto min_len =
      read_whole(r, key_for_types(r, "min_length", text, text_types), "min_length", 0, kLengthCap);
  auto max_len =
      read_whole(r, key_for_types(r, "max_length", text, text_types), "max_length", 1, kLengthCap);
  if (min_len && max_len && *min_len > *max_len)
    r.errors().add(r.path_of("min_length"), "is greater than max_length");

  bool number = type == "number";
  auto min =
      read_whole(r, key_for_types(r, "min", number, "number"), "min", -kNumberLimit, kNumberLimit);
  auto max =
      read_whole(r, key_for_types(r, "max", number, "number"), "max", -kNumberLimit, kNumberLimit);
  if (min && max && *min > *max) r.errors().add(r.path_of("min"), "is greater than max");

  for (const char* key : {"min_date", "max_date"}) {
    const json* v = key_for_types(r, key, type == "date", "date");
    if (!v) continue;
    if (!v->is_string())
      r.errors().add(r.path_of(key), "expected a string, got " + describe_type(*v));
    else if (auto m = check_relative_date(v->get<std::string>()); !m.empty())
      r.errors().add(r.path_of(key), m);
  }

  bool patterned = text && type != "email";  // e-mail has its own rules
  const json* p = key_for_types(r, "pattern", patterned, "text, long_text and person_name");
  if (r.has("pattern_message") && !p)
    r.errors().add(r.path_of("pattern_message"), "only with a pattern");
  if (p)
    r.text("pattern_message", false, kHelpMax, false);
  else
    r.optional("pattern_message");
  if (p) {
    if (!p->is_string() || p->get<std::string>().empty()) {
      r.errors().add(r.path_of("pattern"), "expected a non-empty ECMAScript regular expression");
    } else {
      try {
        std::regex re(p->get<std::string>(), std::regex::ECMAScript);
      } catch (const std::regex_error& e) {
        r.errors().add(r.path_of("pattern"),
                       std::string("not a valid ECMAScript regular expression: ") + e.what());
      }
    }
  }
}

void check_choices(ObjectReader& r, const std::string& type, KnownField& known) {
  bool choice = is_choice_type(type);
  const json* v = choice ? r.required("choices")
                         : key_for_types(r, "choices", false, "single_choice and multi_choice");
  if (!v) return;
  std::string path = r.path_of("choices");
  if (v->is_array() && v->size() < 2) r.errors().add(path, "expected at least two choices");
  for_each_element(*v, path, r.errors(), [&](const json& c, const std::string& cpath) {
    ObjectReader cr(c, cpath, r.errors(), "a choice object with \"id\" and \"label\"");
    if (auto id = cr.string("id", true)) {
      if (auto m = check_field_id(*id); !m.empty())
        r.errors().add(cr.path_of("id"), m);
      else if (!known.choice_ids.insert(*id).second)
        r.errors().add(cr.path_of("id"), "duplicate choice id \"" + *id + "\"");
    }
    cr.text("label", true, kChoiceLabelMax, false);
    cr.finish();
  });
}

// The answers that can satisfy a show_if on `target`, or nullptr when `target` cannot be depended on.
bool is_answer_of(const KnownField& target, const std::string& value) {
  if (target.type == "yes_no") return value == "yes" || value == "no";
  return is_choice_type(target.type) && target.choice_ids.count(value);
}

void check_show_if(ObjectReader& r, const std::string& own_id,
                   const std::map<std::string, KnownField>& earlier,
                   const std::set<std::string>& all_ids) {
  const json* v = r.optional("show_if");
  if (!v) return;
  ObjectReader s(*v, r.path_of("show_if"), r.errors(),
                 "an object with \"field\" and \"equals\" (or \"in\")");
  auto field = s.string("field", true);
  const json* equals = s.optional("equals");
  const json* in = s.optional("in");
  s.finish();
  if (!s.ok()) return;
  std::vector<std::string> values;
  if ((equals != nullptr) == (in != nullptr)) {
    r.errors().add(s.path(),
                   "expected exactly one of \"equals\" (a value) or \"in\" (a list of values)");
  } else if (equals && !equals->is_string()) {
    r.errors().add(s.path_of("equals"), "expected a string (a choice id, or \"yes\"/\"no\"), got " +
                                            describe_type(*equals));
  } else if (equals) {
    values.push_back(equals->get<std::string>());
  } else if (!in->is_array() || in->empty() ||
             !std::all_of(in->begin(), in->end(), [](const json& x) { return x.is_string(); })) {
    r.errors().add(s.path_of("in"), "expected a non-empty list of strings");
  } else {
    for (const auto& x : *in) values.push_back(x.get<std::string>());
  }
  if (!field) return;
  if (*field == own_id) {
    r.errors().add(s.path_of("field"), "a field cannot depend on itself");
    return;
  }
  auto it = earlier.find(*field);
  if (it == earlier.end()) {
    // Not among this program's extra fields: it may be a field of the base form, which only the
    // forms library knows (it checks that case when composing). A later field of this list never is.
    if (all_ids.count(*field))
      r.errors().add(
          s.path_of("field"),
          "\"" + *field + "\" comes later in the form; show_if must refer to an earlier field");
    return;
  }
  const KnownField& target = it->second;
  if (target.type != "yes_no" && !is_choice_type(target.type)) {
    r.errors().add(s.path_of("field"),
                   "\"" + *field + "\" is a " + target.type +
                       " field; show_if may only depend on single_choice, multi_choice or yes_no");
    return;
  }
  for (const auto& value : values)
    if (!is_answer_of(target, value))
      r.errors().add(s.path(), "\"" + value + "\" is not a possible answer of \"" + *field + "\"");
}

}  // namespace

void check_signup_fields(const json& fields, const std::string& path, ErrorSink& errors) {
  std::set<std::string> all_ids;
  if (fields.is_array())
    for (const auto& f : fields)
      if (f.is_object() && f.contains("id") && f["id"].is_string())
        all_ids.insert(f["id"].get<std::string>());

  std::map<std::string, KnownField> earlier;
  std::set<std::string> seen;
  for_each_element(fields, path, errors, [&](const json& f, const std::string& fpath) {
    ObjectReader r(f, fpath, errors, "a field object");
    if (!r.ok()) return;
    auto id = r.string("id", true);
    if (id) {
      if (auto m = check_field_id(*id); !m.empty())
        errors.add(r.path_of("id"), m);
      else if (!seen.insert(*id).second)
        errors.add(r.path_of("id"), "duplicate field id \"" + *id + "\"");
    }
    auto type = r.string("type", true);
    if (type && !field_format::is_type(*type)) {
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
      if (*type == "consent")
        r.text("consent_text", true, kConsentMax, true);
      else
        key_for_types(r, "consent_text", false, "consent");
    } else {
      // Without a known type the type-specific keys cannot be judged; accept them as known keys.
      for (const char* k : {"min_length", "max_length", "min", "max", "min_date", "max_date",
                            "pattern", "pattern_message", "choices", "consent_text"})
        r.optional(k);
    }
    check_show_if(r, id.value_or(""), earlier, all_ids);
    r.finish();
    if (id) earlier.emplace(*id, std::move(known));
  });
}

}  // namespace kiosk::content
