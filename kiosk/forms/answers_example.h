// Example answers: a complete, valid set of answers for any form (every field filled with a
// plausible value, hidden ones too), for `kiosk --answers-example` (a template for entering paper
// sign-up sheets) and for tests. Only invented data: no real person.
#pragma once
#include "kiosk/forms/answers.h"
#include "kiosk/forms/civil_date.h"

namespace kiosk::forms {

// Fills every field of `out`'s form. Text fields with a pattern get the first of a few stock
// values that matches it (a form whose pattern none matches gets "Example", and fails validation:
// the shipped forms are tested to pass).
void fill_example_answers(Answers& out, const Date& today);

}  // namespace kiosk::forms
