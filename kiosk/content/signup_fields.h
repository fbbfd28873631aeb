// Checks a program's extra sign-up fields (Program::signup_fields) against the shared form-field
// format (docs/forms.md; its vocabulary in field_format.h), so a content bundle with a broken field is rejected at
// load time rather than when a visitor opens the form. The forms library owns the full semantics.
#pragma once
#include <string>

#include "kiosk/content/json_reader.h"

namespace kiosk::content {

// Reports every defect of the array `fields` at `path` ("/programs/3/signup_fields").
void check_signup_fields(const json& fields, const std::string& path, ErrorSink& errors);

}  // namespace kiosk::content
