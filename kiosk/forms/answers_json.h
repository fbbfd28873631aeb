// Answers as JSON: the answers file `kiosk --submit` reads and `--answers-example` prints, and the
// normalised answers stored in the outbox payload. Formats per field type in docs/forms.md.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "kiosk/core/lang.h"
#include "kiosk/forms/answers.h"
#include "kiosk/forms/field_validation.h"

namespace kiosk::forms {

// Fills `out` from an answers object {field_id: value}. Returns shape errors (unknown field, wrong
// JSON type, unknown choice, malformed strokes, strokes beside a typed name); values are copied verbatim, never trimmed or
// cut, so validate_answers() judges exactly what was given.
std::vector<FieldError> answers_from_json(const nlohmann::json& obj, Answers& out);

// The answers as stored: every visible, non-empty answer, normalised (trimmed text, phone as
// +1XXXXXXXXXX, ZIP as 12345 or 12345-6789, state in capitals, email domain in lower case,
// consent with its text's SHA-256, signature with strokes and a PNG in base64 or, typed, as
// {"typed_name": trimmed name}). Call only on
// answers that passed validate_answers().
nlohmann::json normalized_answers(const Answers& answers);

// Every non-empty answer, visible or not, in the answers-file format (for --answers-example).
nlohmann::json answers_file_json(const Answers& answers);

// Overwrites every string inside `j` (keys stay) with zeros: JSON built from answers is personal data.
void wipe_json(nlohmann::json& j);

// A human-readable answer for the review screen: choice labels, long dates, "(555) 555-0123",
// address on lines, "Signed" (or "Signed by typing: NAME") / "Agreed". Empty for an empty answer.
SecureString display_answer(const FieldSpec& field, const Answer& answer, Lang lang);

}  // namespace kiosk::forms
