// The form-field format's vocabulary (docs/forms.md), in one place for the two readers of it:
// the content loader, which checks a program's signup_fields when a bundle loads, and the forms
// library (kiosk/forms/form_spec.cpp), which builds FieldSpecs from forms and signup_fields.
#pragma once
#include <array>
#include <string_view>

namespace kiosk::content::field_format {

// Every field type, in the order of forms::FieldType (form_spec.cpp checks the two agree).
inline constexpr std::array<std::string_view, 14> kTypeNames = {
    "text", "long_text", "person_name",   "email",        "phone_us", "address_us", "date",
    "time", "number",    "single_choice", "multi_choice", "yes_no",   "consent",    "signature"};

// The types whose answer is one typed string (lengths, an optional pattern).
constexpr bool is_text_type(std::string_view t) {
  return t == "text" || t == "long_text" || t == "person_name" || t == "email";
}
constexpr bool is_choice_type(std::string_view t) {
  return t == "single_choice" || t == "multi_choice";
}
bool is_type(std::string_view t);

}  // namespace kiosk::content::field_format
