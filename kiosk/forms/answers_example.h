// Example answers: a complete, valid set of answers for any form (every field filled with a
// plausible value, hidden ones too), for `kiosk --answers-example` (a template for entering paper
// sign-up sheets) and for tests. Only invented data: no real person.
#pragma once
#include "kiosk/forms/answers.h"
#include "kiosk/forms/civil_date.h"

namespace kiosk::forms {

// Fills every field of `out`'s form. A text field whose stock value does not satisfy its pattern
// gets the first of a few other stock values that does (if none does, the last one stays and the
// example fails validation: a test runs every shipped form and program through it).
void fill_example_answers(Answers& out, const Date& today);

}  // namespace kiosk::forms
