// Fuzzes the answers file `kiosk --submit` reads (docs/forms.md): the first line names a bundled
// form, or a program whose sign-up form is then filled; the rest is the answers JSON, read,
// validated and normalised exactly as --submit does before anything is stored.
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "kiosk/content/catalogue.h"
#include "kiosk/forms/answers_json.h"
#include "kiosk/forms/form_spec.h"
#include "tests/fuzz/fuzz_input.h"

namespace {

using kiosk::forms::FormSpec;

// `name` as a form id, else as a program id (its sign-up), else the first bundled form.
std::shared_ptr<const FormSpec> form_named(const std::string& name) {
  static const kiosk::Catalogue catalogue = kiosk::bundled_catalogue();
  const auto& set = kiosk::forms::bundled_forms();
  if (auto form = set.find(name); form && !form->is_program_form()) return form;
  if (const kiosk::Program* p = catalogue.find_program(name); p && !p->signup_form.empty())
    if (auto base = set.find(p->signup_form)) return kiosk::forms::compose_form(*base, p).form;
  return set.forms.empty() ? nullptr : set.forms.front();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  std::string_view rest = kiosk::fuzz::as_text(data, size);
  auto form = form_named(kiosk::fuzz::take_line(rest));
  if (!form) return 0;
  nlohmann::json doc = nlohmann::json::parse(rest.begin(), rest.end(), nullptr, false);
  if (doc.is_discarded()) return 0;
  kiosk::forms::Answers answers(*form);
  auto errors = kiosk::forms::answers_from_json(doc, answers);
  // A fixed "today": the harness must answer the same on every run.
  auto invalid =
      kiosk::forms::validate_answers(answers, kiosk::forms::ValidationContext{{2026, 6, 1}});
  if (errors.empty() && invalid.empty()) {
    nlohmann::json stored = kiosk::forms::normalized_answers(answers);
    (void)stored.dump();
    for (const auto* f : form->all_fields())
      if (const auto* a = answers.find(f->id))
        (void)kiosk::forms::display_answer(*f, *a, kiosk::Lang::Es);
  }
  kiosk::forms::wipe_json(doc);
  answers.wipe();
  return 0;
}
