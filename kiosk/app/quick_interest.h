// QuickInterest: a festival visitor's one-screen sign-up at a booth (issue 17), without SDL or
// ImGui — a name, ONE contact (e-mail or phone), the booth's programs ticked and the sign-up form's
// consent; submit() stores one ordinary sign-up record per ticked program, sealed and signed like
// any other, with the answer `quick_interest: "yes"` inside the sealed answers.
//
// Invariants:
// - The answers live in a FormSession (zeroing buffers) of the quick variant of the sign-up form
//   (quick_signup_form); wipe() overwrites them, the ticks and the codes, and ends the visit.
// - Validation is the sign-up form's own (field_validation): the same words, the same rules; the
//   quick variant only leaves out what this screen does not ask (the program's own questions,
//   the best time to call, comments) and takes a phone number from any country.
// - All or nothing: every record is sealed before any is stored, and BatchSaver stores them in
//   one transaction; on any failure nothing is stored and every answer stays for another try.
#pragma once
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/app/form_flow.h"
#include "kiosk/app/text_input.h"
#include "kiosk/content/catalogue.h"
#include "kiosk/core/clock.h"
#include "kiosk/core/lang.h"
#include "kiosk/forms/form_session.h"
#include "offline-cache/outbox.h"

namespace kiosk {

class App;

// The answer every quick record carries, a declared field of the quick variant (docs/forms.md).
inline constexpr const char* kQuickInterestField = "quick_interest";
// The sign-up form's fields this screen fills (assets/forms/signup.json).
inline constexpr const char* kQuickFirstName = "first_name";
inline constexpr const char* kQuickLastName = "last_name";
inline constexpr const char* kQuickContactMethod = "contact_method";
inline constexpr const char* kQuickEmail = "email";
inline constexpr const char* kQuickPhone = "phone";
inline constexpr const char* kQuickConsent = "contact_consent";

enum class QuickContact { Email, Phone };

// The quick variant of `base` (the "signup" form) for `program`: the program's own questions left
// out, best time to call and comments left out, the phone field taking any country (phone_intl),
// and a last step with the `quick_interest` yes/no field the full form never has. Same id and
// version as `base`: the record is a sign-up, read by the intake from its own labels. Errors as
// compose_form's.
forms::ComposeResult quick_signup_form(const forms::FormSpec& base, const Program& program,
                                       const Catalogue& content);

// Stores every row durably in ONE transaction and returns their ids after COMMIT, in order; throws
// store::StoreError and then stores none of them.
using BatchSaver =
    std::function<std::vector<std::string>(const std::vector<store::NewSubmission>&)>;

// The kiosk's BatchSaver: Outbox::import_submissions (the outbox's one multi-row insert, one
// transaction) with each row pending and due now, as this kiosk's own record.
std::vector<std::string> store_all(store::Outbox& outbox,
                                   const std::vector<store::NewSubmission>& rows);

class QuickInterest : public TextInput {
 public:
  QuickInterest(Clock& clock, BatchSaver saver, FormFlow::Identity identity);
  // Seals to the bundled demo key with an in-memory signing key (tests).
  QuickInterest(Clock& clock, BatchSaver saver);

  // Begins a visit offering every program of `content` that takes sign-ups with the "signup"
  // form, in content order; a program whose form cannot be composed is left out (logged). When a
  // visit is already under way nothing changes (answers kept), except the language.
  void start(const Catalogue& content, Lang lang);
  bool active() const { return session_ != nullptr && !saved(); }
  void set_lang(Lang lang);

  struct Offered {
    std::string program_id;
    LocalText title;
  };
  const std::vector<Offered>& offered() const { return offered_; }

  // ---- answers
  std::string_view text(std::string_view field_id) const;  // first_name, last_name, email, phone
  QuickContact contact() const { return contact_; }
  void set_contact(QuickContact c);
  // The contact field the visitor fills: kQuickEmail or kQuickPhone.
  const char* contact_field() const;
  bool agreed() const;
  void set_agreed(bool agreed);
  bool ticked(std::string_view program_id) const;
  void toggle(std::string_view program_id);
  int ticked_count() const { return static_cast<int>(ticked_.size()); }
  // The consent text and label to show (the sign-up form's own).
  const forms::FieldSpec* field(std::string_view field_id) const;

  // ---- typing: into the focused field (a text field id, or none)
  const std::optional<std::string>& focus() const { return focus_; }
  void set_focus(std::optional<std::string> field_id);
  forms::InputResult type(std::string_view utf8);
  void backspace();
  void insert_text(std::string_view utf8) override { type(utf8); }
  void delete_back() override { backspace(); }
  const std::optional<LocalText>& input_message() const { return input_message_; }

  // ---- validation: errors are shown once Submit was pressed, then live
  // A field's error in words ("programs" for the check boxes), when shown.
  std::optional<LocalText> error(std::string_view field_id) const;
  bool errors_shown() const { return show_errors_; }
  // Every error now, shown or not, in screen order ("programs" included).
  std::vector<std::pair<std::string, LocalText>> errors() const;

  // ---- saving
  enum class SubmitResult { Saved, Invalid, Failed };
  // `event_tag`: the staff event tag (FormFlow::event_tag()). Saved: one record per ticked
  // program, the answers wiped, codes() filled. Failed: nothing stored, answers kept.
  SubmitResult submit(const std::string& event_tag);
  bool saved() const { return !codes_.empty(); }
  bool save_failed() const { return save_failed_; }
  struct Saved {
    std::string program_id;
    LocalText title;
    std::string code;  // "SU-7K3Q-9F2M"
  };
  const std::vector<Saved>& codes() const { return codes_; }

  // Overwrites every answer and code, forgets the ticks, and ends the visit.
  void wipe();
  // Registers wipe() with the App's session reset (idle timeout, "Start over", language home).
  void attach(App& app);
  bool all_buffers_zero_for_test() const;

 private:
  struct Composed {
    std::string program_id;
    LocalText title;
    std::shared_ptr<const forms::FormSpec> form;
  };
  bool is_text_field(std::string_view id) const;
  // A session of `form` holding this visit's answers (for one program's record).
  std::unique_ptr<forms::FormSession> copy_answers(
      std::shared_ptr<const forms::FormSpec> form) const;

  Clock& clock_;
  BatchSaver saver_;
  FormFlow::Identity identity_;
  std::vector<Composed> composed_;
  std::vector<Offered> offered_;
  std::unique_ptr<forms::FormSession> session_;  // the answers (first offered program's variant)
  std::unique_ptr<forms::FormSession> spent_;    // the last visit's wiped session (test hook)
  QuickContact contact_ = QuickContact::Email;
  std::set<std::string> ticked_;
  std::optional<std::string> focus_;
  std::optional<LocalText> input_message_;
  bool show_errors_ = false;
  bool save_failed_ = false;
  std::vector<Saved> codes_;
};

}  // namespace kiosk
