// Pieces shared by the form screens: the text targets of a step, one field's drawing, the review
// list, and leaving a form.
#pragma once
#include <set>
#include <string>
#include <vector>

#include "kiosk/forms/form_session.h"
#include "ui/screens/form_ui.h"
#include "ui/widgets/ui.h"

namespace kiosk::ui {

// The typed fields of `fields` in screen order (an address gives its five parts).
// (A signature is one while it is typed: "Type your name instead".)
std::vector<TextTarget> text_targets(const forms::FormSession& s,
                                     const std::vector<const forms::FieldSpec*>& fields);
// FormUi::spans's key of a typed box ("requester_name/", "mailing_address/zip").
std::string target_key(const TextTarget& t);
// FormUi::spans key suffix: a typed box's own span (target_key + kBoxSpan), without its label and
// message line, shown when the whole does not fit above the keyboard.
inline constexpr const char* kBoxSpan = "#box";
// Gives `t` the keyboard (its layout, capitals) and asks the step to scroll it into view.
void focus_target(FormUi& fu, const forms::FieldSpec& field, const TextTarget& t);

struct FieldContext {
  float width = 0;                   // content width of the field
  std::set<std::string> dup_labels;  // choice labels used by two fields of the step: qualify them
  bool several_times = false;        // two time pickers on the step: their buttons name the field
};
// Draws one field: label, help, its widget, the error beside it (current language).
void draw_field(Ui& ui, FormUi& fu, forms::FormSession& s, const forms::FieldSpec& f,
                const FieldContext& ctx);
// The label a choice registers under.
std::string choice_label(const FieldContext& ctx, const std::string& field_label,
                         const std::string& choice);
std::vector<std::string> choice_texts(const Ui& ui, const forms::FieldSpec& f);

// Review: every answer with Edit, the save-failure notice, Back and Submit.
void draw_review(Ui& ui, FormUi& fu, forms::FormSession& s, Rect content);

// Leaves the form: asks first when the visitor entered anything. `back`: to the previous screen
// (else home).
void request_leave(Ui& ui, FormUi& fu, bool back);
void leave_now(Ui& ui, FormUi& fu, bool back);

}  // namespace kiosk::ui
