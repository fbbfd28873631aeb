// The form loader: parses a form file and checks every rule of docs/forms.md, collecting all
// defects (not just the first) with the JSON pointer of each. Fields are checked by the field
// format's one validator (kiosk/content/field_format.h), the same one the content loader uses.
#include "kiosk/forms/form_spec.h"

#include <algorithm>
#include <set>

#include "kiosk/content/catalogue.h"
#include "kiosk/content/json_reader.h"
#include "kiosk/core/digest.h"
#include "kiosk/core/embedded_assets.h"

namespace kiosk::forms {
namespace {

using content::child_path;
using content::ErrorSink;
using content::ObjectReader;
using nlohmann::json;

constexpr std::size_t kMaxSteps = 20;

bool is_id(const std::string& s) {
  if (s.empty() || s.size() > 64) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

constexpr const char* kIdRule = "expected an id of a-z, 0-9 and _ (at most 64)";

EarlierFields index_fields(const std::vector<const FieldSpec*>& fields) {
  EarlierFields m;
  for (const FieldSpec* f : fields) m[f->id] = f;
  return m;
}

// Reads one step at `path`; its fields join `earlier`, so later steps' show_if may name them.
std::optional<StepSpec> parse_step(const json& s, const std::string& path, ErrorSink& errors,
                                   EarlierFields& earlier, std::set<std::string>& step_ids,
                                   int& program_steps) {
  ObjectReader r(s, path, errors, "a step object");
  if (!r.ok()) return std::nullopt;
  StepSpec step;
  if (auto id = r.string("id", true)) {
    step.id = *id;
    if (!is_id(step.id))
      errors.add(r.path_of("id"), kIdRule);
    else if (!step_ids.insert(step.id).second)
      errors.add(r.path_of("id"), "duplicate step id \"" + step.id + "\"");
  }
  if (auto t = r.text("title", true, content::kMaxLabel, false)) step.title = *t;
  if (auto h = r.text("help", false, content::kMaxHelp, true)) step.help = *h;
  step.program_fields = r.boolean("program_fields", false).value_or(false);
  const json* fields = r.optional("fields");
  if (step.program_fields) {
    if (++program_steps > 1)
      errors.add(r.path_of("program_fields"), "only one step may hold the program's fields");
    if (fields)
      errors.add(r.path_of("fields"), "a program_fields step gets its fields from the program");
  } else if (!fields || !fields->is_array() || fields->empty()) {
    errors.add(r.path_of("fields"), "expected a non-empty list of fields");
  } else {
    content::parse_field_list(*fields, r.path_of("fields"), errors, earlier, step.fields);
  }
  r.finish();
  return step;
}

}  // namespace

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
  ErrorSink errors(file_name, r.errors);
  json doc = json::parse(json_text.begin(), json_text.end(), nullptr, false);
  if (doc.is_discarded()) {
    // Re-parse with exceptions for the position and reason (nlohmann's message names the byte).
    try {
      json again = json::parse(json_text.begin(), json_text.end());
      (void)again;
    } catch (const json::parse_error& e) {
      errors.add("", std::string("not valid JSON: ") + e.what());
    }
    if (r.errors.empty()) errors.add("", "not valid JSON");
    return r;
  }
  ObjectReader o(doc, "", errors, "a JSON object (a form)");
  if (!o.ok()) return r;
  FormSpec form;
  if (auto id = o.string("id", true)) {
    form.id = *id;
    if (!is_id(form.id))
      errors.add("/id", kIdRule);
    else if (file_name != form.id + ".json" && !file_name.starts_with(form.id + ".v"))
      errors.add("/id", "\"" + form.id + "\" does not match the file name (expected " + form.id +
                            ".json)");
  }
  if (const json* v = o.required("version")) {
    if (!v->is_number_integer()) {
      errors.add("/version", "expected a whole number, got " + content::describe_type(*v));
    } else {
      long long n =
          v->is_number_unsigned()
              ? static_cast<long long>(std::min<std::uint64_t>(v->get<std::uint64_t>(), 1000001))
              : v->get<long long>();
      if (n < 1 || n > 1000000)
        errors.add("/version", "expected a whole number from 1 to 1000000, got " + v->dump());
      else
        form.version = static_cast<int>(n);
    }
  }
  // A released version kept as "<id>.v<N>.json" must say that it is version N.
  if (!form.id.empty() && file_name.starts_with(form.id + ".v") &&
      file_name != versioned_file_name(form.id, form.version))
    errors.add("/version", "expected " + file_name + " to hold a version named by its file name");
  form.code_prefix = o.string("code_prefix", true).value_or("");
  if (o.has("code_prefix") && (form.code_prefix.size() != 2 ||
                               !std::all_of(form.code_prefix.begin(), form.code_prefix.end(),
                                            [](char ch) { return ch >= 'A' && ch <= 'Z'; })))
    errors.add("/code_prefix", "expected two capital letters, like \"CR\"");
  if (auto t = o.text("title", true, content::kMaxLabel, false)) form.title = *t;
  if (auto t = o.text("summary", false, content::kMaxHelp, true)) form.summary = *t;

  const json* steps = o.optional("steps");
  if (!steps || !steps->is_array() || steps->empty()) {
    errors.add("/steps", "expected a non-empty list of steps");
  } else {
    if (steps->size() > kMaxSteps)
      errors.add("/steps", "more than " + std::to_string(kMaxSteps) + " steps");
    form.steps.reserve(steps->size());  // `earlier` points into the steps' field lists
    EarlierFields earlier;
    std::set<std::string> step_ids;
    int program_steps = 0;
    for (std::size_t i = 0; i < steps->size(); ++i) {
      auto step = parse_step((*steps)[i], child_path("/steps", i), errors, earlier, step_ids,
                             program_steps);
      if (step) form.steps.push_back(std::move(*step));
    }
  }
  o.finish();
  if (!r.errors.empty()) return r;
  r.form = std::move(form);
  return r;
}

std::string versioned_file_name(std::string_view id, int version) {
  return std::string(id) + ".v" + std::to_string(version) + ".json";
}

std::shared_ptr<const FormSpec> FormSet::find(std::string_view id) const {
  for (const auto& f : forms)
    if (f->id == id) return f;
  return nullptr;
}

std::shared_ptr<const FormSpec> FormSet::find(std::string_view id, int version) const {
  if (auto f = find(id); f && f->version == version) return f;
  for (const auto& f : released)
    if (f->id == id && f->version == version) return f;
  return nullptr;
}

std::vector<std::pair<std::string, int>> FormSet::versions() const {
  std::vector<std::pair<std::string, int>> out;
  for (const auto& f : forms) out.emplace_back(f->id, f->version);
  for (const auto& f : released) out.emplace_back(f->id, f->version);
  std::sort(out.begin(), out.end());
  return out;
}

FormSet load_forms(const std::map<std::string, std::string>& files) {
  FormSet set;
  // Current forms first: a released version is checked against its form's current version.
  std::vector<std::pair<std::string, FormSpec>> older;
  for (const auto& [name, bytes] : files) {
    if (!name.ends_with(".json")) continue;
    FormLoadResult r = load_form(name, bytes);
    if (r.form) {
      if (name != r.form->id + ".json")
        older.emplace_back(name, std::move(*r.form));
      else if (set.find(r.form->id))
        set.errors.push_back(name + ": /id: a form with id \"" + r.form->id +
                             "\" is already loaded");
      else
        set.forms.push_back(std::make_shared<const FormSpec>(std::move(*r.form)));
    }
    set.errors.insert(set.errors.end(), r.errors.begin(), r.errors.end());
  }
  for (auto& [name, form] : older) {
    auto current = set.find(form.id);
    if (!current)
      set.errors.push_back(name + ": /id: no current form \"" + form.id +
                           ".json\" to be a version of");
    else if (form.version >= current->version)
      set.errors.push_back(name + ": /version: a released version must be older than the current " +
                           std::to_string(current->version));
    else
      set.released.push_back(std::make_shared<const FormSpec>(std::move(form)));
  }
  auto by_id_version = [](const auto& a, const auto& b) {
    return std::pair(a->id, a->version) < std::pair(b->id, b->version);
  };
  std::sort(set.forms.begin(), set.forms.end(), by_id_version);
  std::sort(set.released.begin(), set.released.end(), by_id_version);
  return set;
}

const FormSet& bundled_forms() {
  static const FormSet set = load_forms(assets::under("forms/"));
  return set;
}

namespace {

// Every visitor-facing text of `form` with its "{fee:<id>}" placeholders expanded from the
// department's fee table; a placeholder the table lacks is an error naming the field.
void expand_form_fees(FormSpec& form, const std::vector<Fee>& fees,
                      std::vector<std::string>& errors) {
  auto expand = [&](LocalText& t, const std::string& where) {
    for (std::string* s : {&t.en, &t.es}) {
      if (!content::has_fee_placeholder(*s)) continue;
      std::string problem;
      if (auto e = content::expand_fees(*s, fees, problem))
        *s = std::move(*e);
      else
        errors.push_back("form " + form.id + ": " + where + ": " + problem);
    }
  };
  expand(form.title, "title");
  expand(form.summary, "summary");
  for (auto& step : form.steps) {
    expand(step.title, "step " + step.id);
    expand(step.help, "step " + step.id);
    for (auto& f : step.fields) {
      const std::string where = "field " + f.id;
      expand(f.label, where);
      expand(f.help, where);
      expand(f.reminder, where);
      expand(f.pattern_message, where);
      for (auto& c : f.choices) expand(c.label, where);
      if (f.type == FieldType::Consent && (content::has_fee_placeholder(f.consent_text.en) ||
                                           content::has_fee_placeholder(f.consent_text.es))) {
        expand(f.consent_text, where);
        // The agreement's version is the text the visitor reads, amounts included.
        f.consent_sha256 = sha256_hex(f.consent_text.en + "\n" + f.consent_text.es);
      }
    }
  }
}

// Fills each choices_from field from the content. With no place to offer (a bundle without
// places), the field is left out rather than offering nothing: staff then arrange the pickup.
void resolve_choice_sources(FormSpec& form, const Department& dept) {
  for (auto& step : form.steps) {
    for (auto& f : step.fields) {
      if (f.choices_from != content::kChoicesFromPickupPlaces) continue;
      for (const Place* p : dept.pickup_places())
        f.choices.push_back(Choice{
            p->id, LocalText{p->name.en + ", " + p->address, p->name.es + ", " + p->address}});
    }
    std::erase_if(step.fields,
                  [](const FieldSpec& f) { return !f.choices_from.empty() && f.choices.empty(); });
  }
  std::erase_if(form.steps,
                [](const StepSpec& s) { return s.fields.empty() && !s.program_fields; });
}

}  // namespace

ComposeResult compose_form(const FormSpec& base, const Program* program) {
  static const Catalogue bundled = bundled_catalogue();  // copied once, not per form
  return compose_form(base, program, bundled);
}

ComposeResult compose_form(const FormSpec& base, const Program* program, const Catalogue& content) {
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
    std::vector<std::string> errs;
    ErrorSink sink("program " + program->id, errs);
    EarlierFields known = index_fields(earlier);
    content::parse_field_list(program->signup_fields, "signup_fields", sink, known, extra);
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
  expand_form_fees(*form, content.department.fees, r.errors);
  if (!r.errors.empty()) return r;
  resolve_choice_sources(*form, content.department);
  r.form = std::move(form);
  return r;
}

}  // namespace kiosk::forms
