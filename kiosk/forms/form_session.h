// FormSession: one visitor filling one form, for an immediate-mode UI. It owns the answers (in
// secure, pre-sized buffers), knows the steps and which fields are visible given the answers so
// far (show_if), validates a step when the visitor presses Next, lists the answers for review and
// builds the payload to store. Nothing here depends on SDL, ImGui or the store.
//
// Invariants:
// - Answers change only through the editing calls below: they check every input (valid UTF-8,
//   BMP, no control characters, max length) so text buffers never grow past the capacity
//   reserved at construction (no reallocation leaves an unzeroed copy behind).
// - Answers are language-free (choice ids, ISO dates): set_lang() changes only the messages.
// - wipe() overwrites every byte of every answer buffer and returns to step 0.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/clock.h"
#include "kiosk/core/lang.h"
#include "kiosk/forms/answers.h"
#include "kiosk/forms/field_validation.h"
#include "kiosk/forms/form_spec.h"

namespace kiosk::forms {

// Why typed input was refused (the UI shows input_message() briefly beside the field).
enum class InputResult { Ok, TooLong, NotAllowed };
LocalText input_message(InputResult r, int max_length);

// One answer as the review screen lists it.
struct ReviewItem {
  const FieldSpec* field;
  int step;            // visible step index, for "Edit"
  SecureString value;  // in the session's language; empty = not answered
};

// What the app hands to the outbox (NewSubmission) after validation passed.
struct SubmissionDraft {
  std::string form_id;
  int form_version = 0;
  std::string program_id;
  SecureString payload_json;  // see docs/forms.md "Stored payload"
};

// The payload for validated answers: {"form_id", "form_version", "program_id", "lang", "channel",
// "answers": normalized_answers()}. `channel` is "kiosk" (a visitor) or "staff_entry" (--submit).
SubmissionDraft make_submission(const Answers& answers, Lang lang, std::string_view channel);

class FormSession {
 public:
  // `form` is what compose_form() returned. `clock` gives "today" for date ranges.
  FormSession(std::shared_ptr<const FormSpec> form, Lang lang, Clock& clock = process_clock());

  const FormSpec& form() const { return *form_; }
  Lang lang() const { return lang_; }
  void set_lang(Lang lang) { lang_ = lang; }

  // --- Steps ("Step 2 of 5"): the form's steps with at least one visible field.
  int step_count() const;
  int step_index() const;  // 0-based; == step_count() on the review screen
  bool on_review() const;
  const StepSpec& step() const;  // the current step; precondition: !on_review()
  std::vector<const FieldSpec*> visible_fields() const;  // of the current step, in order
  std::vector<const FieldSpec*> visible_fields_of(int step_index) const;
  bool is_visible(std::string_view field_id) const;

  // Next: validates the current step's visible fields. With errors, stays and shows them
  // (returns false). Without, moves on: to the next step, or to review after the last step (or
  // straight back to review after edit(), when the whole form is valid). On review, does nothing.
  bool next();
  bool back();                           // false on the first step
  void edit(std::string_view field_id);  // review's "Edit": go to the field's step

  // Errors beside a field: shown after the visitor pressed Next on its step (then live, so they
  // vanish as soon as the answer is fixed). Part::None for every type but address_us.
  std::optional<LocalText> error(std::string_view field_id, Part part = Part::None) const;
  std::vector<FieldError> errors_shown() const;  // all errors currently shown, form order
  std::vector<FieldError> validate_all() const;  // every visible field, shown or not

  // --- Answers (read).
  const Answer& answer(std::string_view field_id) const;  // throws std::out_of_range
  std::string_view text(std::string_view field_id, Part part = Part::None) const;
  int max_length(std::string_view field_id, Part part = Part::None) const;

  // --- Editing: text (keyboard). Input is refused whole, never altered.
  InputResult insert_text(std::string_view field_id, Part part, std::string_view utf8);
  InputResult set_text(std::string_view field_id, Part part, std::string_view utf8);
  bool backspace(std::string_view field_id, Part part = Part::None);  // removes the last code point
  void clear_text(std::string_view field_id, Part part = Part::None);  // zeroes the bytes

  // --- Editing: pickers and buttons.
  std::pair<Date, Date> date_range(std::string_view field_id) const;
  Date today() const;
  std::optional<Date> date(std::string_view field_id) const;
  // False (unchanged) outside the range or on a day the field's schedule does not allow.
  bool set_date(std::string_view field_id, const Date& d);
  // Why `d` cannot be the field's answer, in the validator's own words ("Choose a date from
  // March 1, 1926 to today."); nullopt when it can.
  std::optional<LocalText> date_refusal(std::string_view field_id, const Date& d) const;
  std::optional<TimeOfDay> time(std::string_view field_id) const;
  void set_time(std::string_view field_id, const TimeOfDay& t);
  // Stepper: from empty, either button starts at 1 clamped into [min, max]; then +/- delta, clamped.
  void step_number(std::string_view field_id, int delta);
  void set_number(std::string_view field_id,
                  std::optional<long long> n);  // clamped into [min, max]
  void choose(std::string_view field_id,
              std::string_view choice_id);  // single_choice; yes_no "yes"/"no"
  void toggle(std::string_view field_id, std::string_view choice_id);  // multi_choice
  bool is_chosen(std::string_view field_id, std::string_view choice_id) const;
  void set_agreed(std::string_view field_id, bool agreed);  // consent
  // Signature pad: points normalised 0..1 across and down the 3:1 pad.
  bool begin_stroke(std::string_view field_id);
  bool add_point(std::string_view field_id, float x, float y);
  void clear_signature(std::string_view field_id);
  // "Type your name instead" / "Draw instead": wipes what the other way held. The typed name is
  // then edited with the text calls above (Part::None).
  void set_signature_typed(std::string_view field_id, bool typed);
  const Signature& signature(std::string_view field_id) const;

  // --- Review and submit.
  std::vector<ReviewItem> review() const;  // every visible field, form order, in lang()
  // The payload when every visible field is valid (else nullopt: see validate_all()).
  std::optional<SubmissionDraft> submission() const;

  // Overwrites every answer buffer, forgets shown errors, returns to the first step.
  void wipe();
  bool all_buffers_zero_for_test() const;

 private:
  const FieldSpec& field(std::string_view id) const;  // throws std::out_of_range
  Answer& mut(std::string_view id);
  SecureString& slot(std::string_view id, Part part);
  std::vector<int> visible_steps() const;  // form step indices
  bool step_has_errors(int form_step) const;
  ValidationContext context() const;

  std::shared_ptr<const FormSpec> form_;
  Lang lang_;
  Clock* clock_;
  Answers answers_;
  int current_ = 0;              // form step index; == steps.size() on review
  std::vector<char> attempted_;  // per form step: Next was pressed there (errors shown)
  bool return_to_review_ = false;
};

}  // namespace kiosk::forms
