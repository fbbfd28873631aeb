// Answers: one Answer slot per field of a form, in the form's order, in secure buffers sized once
// for the field's maximum so typing never reallocates (no stale copies left in freed memory).
// Visibility (show_if) is decided here, from the answers themselves.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/forms/form_spec.h"
#include "kiosk/forms/secure_buffer.h"
#include "kiosk/forms/signature.h"

namespace kiosk::forms {

// The parts of an address_us answer; None for every other type.
enum class Part { None, Street, Unit, City, State, Zip };
const char* part_name(Part p);  // "street", "unit", "city", "state", "zip"; "" for None
// Max code points of a part (None: 0).
int part_max_length(Part p);

struct Address {
  SecureString street, unit, city, state, zip;
  SecureString& part(Part p);
  const SecureString& part(Part p) const;
};

// An answer in the slot its field's type uses; the other slots stay empty.
//   text, long_text, person_name, email, phone_us, date (YYYY-MM-DD), time (HH:MM),
//   single_choice (choice id), yes_no ("yes"/"no")    -> text
//   number                                            -> number (nullopt = not answered)
//   multi_choice                                      -> chosen[i] != 0 for field.choices[i]
//   address_us                                        -> address
//   consent                                           -> agreed
//   signature                                         -> signature
struct Answer {
  SecureString text;
  std::optional<long long> number;
  SecureVector<char> chosen;
  Address address;
  bool agreed = false;
  Signature signature;

  bool is_empty(FieldType t) const;
  void wipe();
  bool all_zero_for_test() const;
};

// Bytes a text slot may hold: room for max_length BMP code points (3 bytes each) so it never grows.
std::size_t text_capacity(int max_code_points);

class Answers {
 public:
  explicit Answers(const FormSpec& form);

  const FormSpec& form() const { return *form_; }
  Answer* find(std::string_view field_id);
  const Answer* find(std::string_view field_id) const;
  Answer& at(std::string_view field_id);  // throws std::out_of_range for an unknown id
  const Answer& at(std::string_view field_id) const;

  // True when the field is shown: no show_if, or its source field is shown and answered with one
  // of the listed values (multi_choice: one of them chosen).
  bool is_visible(const FieldSpec& field) const;

  void wipe();                     // every slot's buffers overwritten and emptied
  bool all_zero_for_test() const;  // every buffer's whole capacity is zero

 private:
  const FormSpec* form_;  // outlives this (FormSession holds the shared_ptr)
  std::vector<const FieldSpec*> fields_;
  std::vector<Answer> slots_;  // parallel to fields_
};

}  // namespace kiosk::forms
