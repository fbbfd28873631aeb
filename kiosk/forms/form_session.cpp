// FormSession: step navigation, guarded editing, review lines and the stored payload.
#include "kiosk/forms/form_session.h"

#include <sodium.h>

#include <algorithm>
#include <stdexcept>

#include "kiosk/core/utf8.h"
#include "kiosk/forms/answers_json.h"

namespace kiosk::forms {
namespace {

constexpr int kPhoneMaxLength = 32;  // what a phone answer may hold as typed, separators included

bool typed(FieldType t) {
  return is_text_type(t) || t == FieldType::PhoneUs || t == FieldType::PhoneIntl ||
         t == FieldType::AddressUs || t == FieldType::Signature;  // a signature: the typed name
}

}  // namespace

LocalText input_message(InputResult r, int max_length) {
  if (r == InputResult::TooLong)
    return LocalText{
        "This answer can have at most " + std::to_string(max_length) + " characters.",
        "Esta respuesta puede tener como máximo " + std::to_string(max_length) + " caracteres."};
  if (r == InputResult::NotAllowed)
    return LocalText{
        "That character can't be used here (emoji and special symbols can't be shown).",
        "Ese carácter no se puede usar aquí (no se pueden mostrar emojis ni símbolos especiales)."};
  return LocalText{};
}

SubmissionDraft make_submission(const Answers& answers, Lang lang, std::string_view channel) {
  const FormSpec& form = answers.form();
  nlohmann::json payload = {
      {"form_id", form.id},
      {"form_version", form.version},
      {"program_id", form.program_id},
      {"lang", lang_code(lang)},
      {"channel", std::string(channel)},
      {"answers", normalized_answers(answers)},
  };
  std::string text = payload.dump();
  SubmissionDraft d{form.id, form.version, form.program_id, to_secure(text)};
  wipe_buffer(text);
  wipe_json(payload);
  return d;
}

FormSession::FormSession(std::shared_ptr<const FormSpec> form, Lang lang, Clock& clock)
    : form_(std::move(form)),
      lang_(lang),
      clock_(&clock),
      answers_(*form_),
      attempted_(form_->steps.size(), 0) {
  if (form_->steps.empty()) throw std::invalid_argument("form " + form_->id + " has no steps");
}

// --- Steps ---

std::vector<int> FormSession::visible_steps() const {
  std::vector<int> out;
  for (std::size_t i = 0; i < form_->steps.size(); ++i) {
    const auto& fields = form_->steps[i].fields;
    if (std::any_of(fields.begin(), fields.end(),
                    [&](const FieldSpec& f) { return answers_.is_visible(f); }))
      out.push_back(static_cast<int>(i));
  }
  return out;
}

int FormSession::step_count() const { return static_cast<int>(visible_steps().size()); }

int FormSession::step_index() const {
  auto vis = visible_steps();
  if (on_review()) return static_cast<int>(vis.size());
  auto it = std::lower_bound(vis.begin(), vis.end(), current_);
  return static_cast<int>(it - vis.begin());
}

bool FormSession::on_review() const { return current_ >= static_cast<int>(form_->steps.size()); }

const StepSpec& FormSession::step() const {
  if (on_review()) throw std::logic_error("FormSession::step() on the review screen");
  return form_->steps[static_cast<std::size_t>(current_)];
}

std::vector<const FieldSpec*> FormSession::visible_fields() const {
  std::vector<const FieldSpec*> out;
  if (on_review()) return out;
  for (const auto& f : step().fields)
    if (answers_.is_visible(f)) out.push_back(&f);
  return out;
}

std::vector<const FieldSpec*> FormSession::visible_fields_of(int index) const {
  std::vector<const FieldSpec*> out;
  auto vis = visible_steps();
  if (index < 0 || index >= static_cast<int>(vis.size())) return out;
  for (const auto& f :
       form_->steps[static_cast<std::size_t>(vis[static_cast<std::size_t>(index)])].fields)
    if (answers_.is_visible(f)) out.push_back(&f);
  return out;
}

bool FormSession::is_visible(std::string_view field_id) const {
  return answers_.is_visible(field(field_id));
}

ValidationContext FormSession::context() const { return ValidationContext{today()}; }

bool FormSession::step_has_errors(int form_step) const {
  for (const auto& f : form_->steps[static_cast<std::size_t>(form_step)].fields)
    if (answers_.is_visible(f) && !validate_field(f, answers_, context()).empty()) return true;
  return false;
}

namespace {
int step_of(const FormSpec& form, std::string_view field_id) {
  for (std::size_t i = 0; i < form.steps.size(); ++i)
    for (const auto& f : form.steps[i].fields)
      if (f.id == field_id) return static_cast<int>(i);
  return -1;
}
}  // namespace

bool FormSession::next() {
  if (on_review()) return false;
  attempted_[static_cast<std::size_t>(current_)] = 1;
  if (step_has_errors(current_)) return false;
  auto vis = visible_steps();
  auto later = std::upper_bound(vis.begin(), vis.end(), current_);
  if (later != vis.end() && !return_to_review_) {
    current_ = *later;
    return true;
  }
  // Entering review: the whole form must hold (an earlier answer may have revealed a field).
  auto errs = validate_all();
  if (errs.empty()) {
    current_ = static_cast<int>(form_->steps.size());
    return_to_review_ = false;
  } else {
    current_ = step_of(*form_, errs.front().field_id);
    attempted_[static_cast<std::size_t>(current_)] = 1;
  }
  return true;
}

bool FormSession::back() {
  return_to_review_ = false;
  auto vis = visible_steps();
  auto it = std::lower_bound(vis.begin(), vis.end(), current_);
  if (it == vis.begin()) return false;
  current_ = *std::prev(it);
  return true;
}

void FormSession::edit(std::string_view field_id) {
  int s = step_of(*form_, field_id);
  if (s < 0)
    throw std::out_of_range("no field \"" + std::string(field_id) + "\" in form " + form_->id);
  current_ = s;
  return_to_review_ = true;
}

// --- Errors ---

std::optional<LocalText> FormSession::error(std::string_view field_id, Part part) const {
  const FieldSpec& f = field(field_id);
  int s = step_of(*form_, field_id);
  if (!attempted_[static_cast<std::size_t>(s)] || !answers_.is_visible(f)) return std::nullopt;
  for (auto& e : validate_field(f, answers_, context()))
    if (e.part == part) return std::move(e.message);
  return std::nullopt;
}

std::vector<FieldError> FormSession::errors_shown() const {
  std::vector<FieldError> out;
  for (const auto& e : validate_all())
    if (attempted_[static_cast<std::size_t>(step_of(*form_, e.field_id))]) out.push_back(e);
  return out;
}

std::vector<FieldError> FormSession::validate_all() const {
  return validate_answers(answers_, context());
}

// --- Reading answers ---

const FieldSpec& FormSession::field(std::string_view id) const {
  const FieldSpec* f = form_->find_field(id);
  if (!f) throw std::out_of_range("no field \"" + std::string(id) + "\" in form " + form_->id);
  return *f;
}

Answer& FormSession::mut(std::string_view id) { return answers_.at(id); }

const Answer& FormSession::answer(std::string_view field_id) const { return answers_.at(field_id); }

SecureString& FormSession::slot(std::string_view id, Part part) {
  const FieldSpec& f = field(id);
  if ((f.type == FieldType::AddressUs) != (part != Part::None))
    throw std::invalid_argument("field " + f.id + ": an address takes a part, other fields none");
  if (f.type == FieldType::Signature) return mut(id).signature.typed_name_slot();
  return part == Part::None ? mut(id).text : mut(id).address.part(part);
}

std::string_view FormSession::text(std::string_view field_id, Part part) const {
  return const_cast<FormSession*>(this)->slot(field_id, part);
}

int FormSession::max_length(std::string_view field_id, Part part) const {
  const FieldSpec& f = field(field_id);
  if (f.type == FieldType::AddressUs) return part_max_length(part);
  if (f.type == FieldType::PhoneUs || f.type == FieldType::PhoneIntl) return kPhoneMaxLength;
  if (f.type == FieldType::Signature) return kMaxTypedNameLength;
  return is_text_type(f.type) ? f.max_length : 0;
}

// --- Editing text ---

InputResult FormSession::insert_text(std::string_view field_id, Part part, std::string_view utf8) {
  const FieldSpec& f = field(field_id);
  if (!typed(f.type) || !is_displayable_text(utf8, f.type == FieldType::LongText))
    return InputResult::NotAllowed;
  if (f.type == FieldType::Signature && !mut(field_id).signature.typed())
    return InputResult::NotAllowed;  // drawing, not typing
  SecureString& s = slot(field_id, part);
  if (utf8::length(s) + utf8::length(utf8) > static_cast<std::size_t>(max_length(field_id, part)))
    return InputResult::TooLong;
  s.append(utf8.data(), utf8.size());  // within the reserved capacity: max code points x 3 bytes
  return InputResult::Ok;
}

InputResult FormSession::set_text(std::string_view field_id, Part part, std::string_view utf8) {
  const FieldSpec& f = field(field_id);
  if (!typed(f.type) || !is_displayable_text(utf8, f.type == FieldType::LongText))
    return InputResult::NotAllowed;
  if (f.type == FieldType::Signature && !mut(field_id).signature.typed())
    return InputResult::NotAllowed;  // drawing, not typing
  if (utf8::length(utf8) > static_cast<std::size_t>(max_length(field_id, part)))
    return InputResult::TooLong;
  SecureString& s = slot(field_id, part);
  wipe_buffer(s);
  s.append(utf8.data(), utf8.size());
  return InputResult::Ok;
}

bool FormSession::backspace(std::string_view field_id, Part part) {
  SecureString& s = slot(field_id, part);
  if (s.empty()) return false;
  std::size_t n = utf8::last_code_point_start(std::string_view(s.data(), s.size()));
  sodium_memzero(s.data() + n, s.size() - n);
  s.resize(n);
  return true;
}

void FormSession::clear_text(std::string_view field_id, Part part) {
  wipe_buffer(slot(field_id, part));
}

// --- Pickers and buttons ---

Date FormSession::today() const { return local_date(clock_->wall()); }

std::pair<Date, Date> FormSession::date_range(std::string_view field_id) const {
  return forms::date_range(field(field_id), today());
}

std::optional<Date> FormSession::date(std::string_view field_id) const {
  return parse_date(answer(field_id).text);
}

bool FormSession::set_date(std::string_view field_id, const Date& d) {
  if (field(field_id).type != FieldType::Date)
    throw std::invalid_argument("field " + std::string(field_id) + " is not a date");
  // Outside the range or on a day the schedule does not allow: date_refusal() says why.
  if (!parse_date(format_date(d)) || !date_allowed(field(field_id), d, today())) return false;
  Answer& a = mut(field_id);
  wipe_buffer(a.text);
  a.text.append(format_date(d));
  return true;
}

std::optional<LocalText> FormSession::date_refusal(std::string_view field_id, const Date& d) const {
  Answer probe;
  probe.text.append(format_date(d));
  auto errors = validate_field(field(field_id), probe, context());
  probe.wipe();
  if (errors.empty()) return std::nullopt;
  return std::move(errors.front().message);
}

std::optional<TimeOfDay> FormSession::time(std::string_view field_id) const {
  return parse_time(answer(field_id).text);
}

void FormSession::set_time(std::string_view field_id, const TimeOfDay& t) {
  if (field(field_id).type != FieldType::Time)
    throw std::invalid_argument("field " + std::string(field_id) + " is not a time");
  Answer& a = mut(field_id);
  wipe_buffer(a.text);
  a.text.append(format_time(TimeOfDay{std::clamp(t.hour, 0, 23), std::clamp(t.minute, 0, 59)}));
}

void FormSession::step_number(std::string_view field_id, int delta) {
  const std::optional<long long>& n = answer(field_id).number;
  set_number(field_id, n ? *n + delta : 1);
}

void FormSession::set_number(std::string_view field_id, std::optional<long long> n) {
  const FieldSpec& f = field(field_id);
  if (f.type != FieldType::Number)
    throw std::invalid_argument("field " + f.id + " is not a number");
  mut(field_id).number = n ? std::optional<long long>(std::clamp(*n, f.min, f.max)) : std::nullopt;
}

void FormSession::choose(std::string_view field_id, std::string_view choice_id) {
  const FieldSpec& f = field(field_id);
  bool ok = f.type == FieldType::SingleChoice ? (choice_id.empty() || f.find_choice(choice_id))
            : f.type == FieldType::YesNo
                ? (choice_id.empty() || choice_id == "yes" || choice_id == "no")
                : false;
  if (!ok)
    throw std::invalid_argument("field " + f.id + ": cannot choose \"" + std::string(choice_id) +
                                "\"");
  Answer& a = mut(field_id);
  wipe_buffer(a.text);
  a.text.append(choice_id.data(), choice_id.size());
}

void FormSession::toggle(std::string_view field_id, std::string_view choice_id) {
  const FieldSpec& f = field(field_id);
  const Choice* c = f.type == FieldType::MultiChoice ? f.find_choice(choice_id) : nullptr;
  if (!c)
    throw std::invalid_argument("field " + f.id + ": cannot toggle \"" + std::string(choice_id) +
                                "\"");
  char& flag = mut(field_id).chosen[static_cast<std::size_t>(c - f.choices.data())];
  flag = flag ? 0 : 1;
}

bool FormSession::is_chosen(std::string_view field_id, std::string_view choice_id) const {
  const FieldSpec& f = field(field_id);
  const Answer& a = answer(field_id);
  if (f.type == FieldType::MultiChoice) {
    const Choice* c = f.find_choice(choice_id);
    return c && a.chosen[static_cast<std::size_t>(c - f.choices.data())];
  }
  return !choice_id.empty() && std::string_view(a.text) == choice_id;
}

void FormSession::set_agreed(std::string_view field_id, bool agreed) {
  if (field(field_id).type != FieldType::Consent)
    throw std::invalid_argument("field " + std::string(field_id) + " is not a consent");
  mut(field_id).agreed = agreed;
}

bool FormSession::begin_stroke(std::string_view field_id) {
  if (field(field_id).type != FieldType::Signature)
    throw std::invalid_argument("field " + std::string(field_id) + " is not a signature");
  return mut(field_id).signature.begin_stroke();
}

bool FormSession::add_point(std::string_view field_id, float x, float y) {
  return mut(field_id).signature.add_point(x, y);
}

void FormSession::clear_signature(std::string_view field_id) { mut(field_id).signature.clear(); }

void FormSession::set_signature_typed(std::string_view field_id, bool typed) {
  if (field(field_id).type != FieldType::Signature)
    throw std::invalid_argument("field " + std::string(field_id) + " is not a signature");
  mut(field_id).signature.set_typed(typed);
}

const Signature& FormSession::signature(std::string_view field_id) const {
  return answer(field_id).signature;
}

// --- Review, submit, wipe ---

std::vector<ReviewItem> FormSession::review() const {
  std::vector<ReviewItem> out;
  auto vis = visible_steps();
  for (std::size_t i = 0; i < vis.size(); ++i)
    for (const auto& f : form_->steps[static_cast<std::size_t>(vis[i])].fields)
      if (answers_.is_visible(f))
        out.push_back(
            ReviewItem{&f, static_cast<int>(i), display_answer(f, answers_.at(f.id), lang_)});
  return out;
}

std::optional<SubmissionDraft> FormSession::submission() const {
  if (!validate_all().empty()) return std::nullopt;
  return make_submission(answers_, lang_, "kiosk");
}

void FormSession::wipe() {
  answers_.wipe();
  std::fill(attempted_.begin(), attempted_.end(), 0);
  current_ = 0;
  return_to_review_ = false;
}

bool FormSession::all_buffers_zero_for_test() const { return answers_.all_zero_for_test(); }

}  // namespace kiosk::forms
