// The answer slots of a form and show_if visibility.
#include "kiosk/forms/answers.h"

#include <algorithm>
#include <stdexcept>

namespace kiosk::forms {

const char* part_name(Part p) {
  switch (p) {
    case Part::Street: return "street";
    case Part::Unit: return "unit";
    case Part::City: return "city";
    case Part::State: return "state";
    case Part::Zip: return "zip";
    case Part::None: break;
  }
  return "";
}

int part_max_length(Part p) {
  switch (p) {
    case Part::Street: return kStreetMax;
    case Part::Unit: return kUnitMax;
    case Part::City: return kCityMax;
    case Part::State: return 2;
    case Part::Zip: return 10;
    case Part::None: break;
  }
  return 0;
}

SecureString& Address::part(Part p) {
  switch (p) {
    case Part::Unit: return unit;
    case Part::City: return city;
    case Part::State: return state;
    case Part::Zip: return zip;
    default: return street;
  }
}

const SecureString& Address::part(Part p) const { return const_cast<Address*>(this)->part(p); }

bool Answer::is_empty(FieldType t) const {
  switch (t) {
    case FieldType::Number: return !number.has_value();
    case FieldType::MultiChoice:
      return std::none_of(chosen.begin(), chosen.end(), [](char c) { return c != 0; });
    case FieldType::AddressUs:
      return address.street.empty() && address.unit.empty() && address.city.empty() &&
             address.state.empty() && address.zip.empty();
    case FieldType::Consent: return !agreed;
    case FieldType::Signature: return signature.empty();
    default: return text.empty();
  }
}

void Answer::wipe() {
  wipe_buffer(text);
  number.reset();
  std::fill(chosen.begin(), chosen.end(), 0);  // size kept: one flag per choice
  for (Part p : {Part::Street, Part::Unit, Part::City, Part::State, Part::Zip})
    wipe_buffer(address.part(p));
  agreed = false;
  signature.wipe();
}

bool Answer::all_zero_for_test() const {
  bool strings = buffer_is_zero(text);
  for (Part p : {Part::Street, Part::Unit, Part::City, Part::State, Part::Zip})
    strings = strings && buffer_is_zero(address.part(p));
  return strings && !number && buffer_is_zero(chosen) && !agreed && signature.all_zero_for_test();
}

std::size_t text_capacity(int max_code_points) {
  return static_cast<std::size_t>(std::max(max_code_points, 0)) * 3;
}

Answers::Answers(const FormSpec& form)
    : form_(&form), fields_(form.all_fields()), slots_(fields_.size()) {
  for (std::size_t i = 0; i < fields_.size(); ++i) {
    const FieldSpec& f = *fields_[i];
    Answer& a = slots_[i];
    if (is_text_type(f.type))
      a.text.reserve(text_capacity(f.max_length));
    else if (f.type == FieldType::PhoneUs || f.type == FieldType::PhoneIntl)
      a.text.reserve(text_capacity(32));
    else
      a.text.reserve(64);  // date, time, yes/no, a choice id (ids are at most 64)
    if (f.type == FieldType::MultiChoice) a.chosen.assign(f.choices.size(), 0);
    if (f.type == FieldType::AddressUs)
      for (Part p : {Part::Street, Part::Unit, Part::City, Part::State, Part::Zip})
        a.address.part(p).reserve(text_capacity(part_max_length(p)));
  }
}

Answer* Answers::find(std::string_view field_id) {
  for (std::size_t i = 0; i < fields_.size(); ++i)
    if (fields_[i]->id == field_id) return &slots_[i];
  return nullptr;
}

const Answer* Answers::find(std::string_view field_id) const {
  return const_cast<Answers*>(this)->find(field_id);
}

Answer& Answers::at(std::string_view field_id) {
  Answer* a = find(field_id);
  if (!a)
    throw std::out_of_range("no field \"" + std::string(field_id) + "\" in form " + form_->id);
  return *a;
}

const Answer& Answers::at(std::string_view field_id) const {
  return const_cast<Answers*>(this)->at(field_id);
}

bool Answers::is_visible(const FieldSpec& field) const {
  // The loader guarantees show_if names an earlier field, so this recursion ends.
  if (!field.show_if) return true;
  const FieldSpec* src = form_->find_field(field.show_if->field);
  const Answer* a = find(field.show_if->field);
  if (!src || !a || !is_visible(*src)) return false;
  for (const std::string& v : field.show_if->values) {
    if (src->type == FieldType::MultiChoice) {
      for (std::size_t i = 0; i < src->choices.size() && i < a->chosen.size(); ++i)
        if (a->chosen[i] && src->choices[i].id == v) return true;
    } else if (std::string_view(a->text) == v) {
      return true;
    }
  }
  return false;
}

void Answers::wipe() {
  for (auto& a : slots_) a.wipe();
}

bool Answers::all_zero_for_test() const {
  return std::all_of(slots_.begin(), slots_.end(),
                     [](const Answer& a) { return a.all_zero_for_test(); });
}

}  // namespace kiosk::forms
