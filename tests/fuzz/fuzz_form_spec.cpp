// Fuzzes the form spec loader (assets/forms/*.json format, docs/forms.md): the input is one form
// file; a form that loads is composed with each bundled program, as a sign-up would be.
#include <cstdint>
#include <string>

#include "kiosk/content/catalogue.h"
#include "kiosk/forms/form_spec.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  static const kiosk::Catalogue catalogue = kiosk::bundled_catalogue();
  auto r = kiosk::forms::load_form("fuzz.json", kiosk::fuzz::as_text(data, size));
  if (!r.form) return 0;
  (void)kiosk::forms::compose_form(*r.form, nullptr);
  for (const auto& program : catalogue.programs)
    (void)kiosk::forms::compose_form(*r.form, &program);
  return 0;
}
