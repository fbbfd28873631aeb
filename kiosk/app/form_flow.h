// FormFlow: one visitor's trip through a form on the kiosk, without SDL or ImGui — the FormSession
// (answers), which text field the keyboard types into, typing with refusal messages, saving through
// the outbox and the confirmation code afterwards. The form screens draw it; the App's reset hook
// wipes it (ui/screens/form_ui.h), so an idle timeout leaves nothing of the visitor in memory.
//
// Invariants:
// - Every byte of a visitor's data the flow holds (answers, pending physical-keyboard text, the
//   confirmation code and the submission id) lives in zeroing buffers, and wipe() overwrites them
//   in place. Nothing here keeps a std::string copy of an answer.
// - submit() shows the confirmation only after Saver returned (COMMIT); on a StoreError the answers
//   stay exactly as they were, and the payload copy handed to the store is overwritten either way.
// - Capture limits (CaptureLimits) refuse a save before anything is sealed or stored: the refusal
//   is a save failure with its own words, the answers stay, and it is counted for staff.
// - The store is handed only sealed bytes (kiosk/app/record_sealing.h): the answers are sealed to
//   the department key and signed before the Saver sees them, and the plaintext wiped right after.
#pragma once
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/core/clock.h"
#include "kiosk/app/record_sealing.h"
#include "kiosk/app/text_input.h"
#include "kiosk/core/lang.h"
#include "kiosk/forms/form_session.h"
#include "offline-cache/outbox.h"

namespace kiosk {

// The capture limits (docs/config.md [capture]): touch-screen saves only; `--submit` and
// `--import` do not go through a FormFlow.
struct CaptureLimits {
  int max_per_hour = 120;        // saves in any hour (sliding, on the app clock); 0 = no limit
  int64_t max_outbox_bytes = 0;  // answers held unexported (Outbox::unexported_bytes); 0 = no cap
};

// Where the flow learns how full the outbox is and counts a refused save: the runner's outbox.
// Either may throw store::StoreError (then the cap is not applied, and the refusal only logged).
struct CaptureStore {
  std::function<int64_t()> unexported_bytes;
  std::function<void()> count_refusal;
};

// The typed field the keyboard edits: a text-like field, or one part of an address.
struct TextTarget {
  std::string field;  // a field id (form data, not personal)
  forms::Part part = forms::Part::None;
  bool operator==(const TextTarget&) const = default;
};

// The on-screen keyboard types into the focused field through TextInput.
class FormFlow : public TextInput {
 public:
  // Stores a submission durably and returns its id after COMMIT; throws store::StoreError.
  using Saver = std::function<std::string(const store::NewSubmission&)>;

  // Who seals at save time: called on each submit, so a store opened late still gives its kiosk id.
  // Throws (store::StoreError, crypto::CryptoError) when it cannot say: the save then fails.
  using Identity = std::function<SealingIdentity()>;
  // The demo department key and a kiosk key made for this process, in memory only: the tests'
  // and tools' identity (the kiosk itself seals with its stored key).
  static Identity in_memory_demo_identity();

  // Seals as `identity` says.
  FormFlow(Clock& clock, Saver saver, Identity identity);
  // Seals to the bundled demo key with a signing key held in memory and a made-up kiosk id: for
  // tests and tools that have no data dir (records sealed so are demo records, as in demo mode).
  FormFlow(Clock& clock, Saver saver);

  // Begins filling `form` (a composed form), named `key` ("crash_report", "signup/<program>"),
  // unless that same form is already being filled: then nothing changes (answers are kept).
  // `event_id` names the specific event a sign-up is for ("" = none): the saved record carries it
  // as its event_id, outside the sealed answers (kiosk/app/event_signup.h).
  void start(std::shared_ptr<const forms::FormSpec> form, std::string key, Lang lang,
             std::string event_id = {});
  bool active() const { return active_; }
  const std::string& key() const { return key_; }
  const std::string& event_id() const { return event_id_; }
  forms::FormSession* session() { return active_ ? session_.get() : nullptr; }
  const forms::FormSession* session() const { return active_ ? session_.get() : nullptr; }

  // True when the visitor has entered anything (leaving then asks first).
  bool has_answers() const;

  // ---- the text field the keyboard edits
  const std::optional<TextTarget>& focus() const { return focus_; }
  void set_focus(std::optional<TextTarget> t);
  // Types into the focused field; refused input leaves it unchanged and sets input_message().
  forms::InputResult type(std::string_view utf8);
  void backspace();
  void insert_text(std::string_view utf8) override { type(utf8); }
  void delete_back() override { backspace(); }
  // Why the last input was refused (shown beside the field until the next keystroke or focus change).
  const std::optional<LocalText>& input_message() const { return input_message_; }

  // Text from a physical keyboard, queued by the event loop and typed in the next frame.
  void queue_text(std::string_view utf8);
  void type_queued();

  // ---- the staff event tag ("" = none): stamped on every submission saved after this call. Not
  // visitor data: it outlives wipe() and sessions until staff change it.
  void set_event_tag(std::string tag) { event_tag_ = std::move(tag); }
  const std::string& event_tag() const { return event_tag_; }

  // ---- capture limits: a refused save is a save failure with its own message (the answers stay,
  // nothing is stored); at the cap start() refuses, so no form opens (forms_closed()).
  void set_capture_limits(CaptureLimits limits, CaptureStore store);
  // True while the outbox is at its cap; checked against the store at most every 30 s (and after
  // each save), so a frame that asks costs nothing.
  bool forms_closed();
  // Touch-screen saves refused by the hourly limit or the cap since this process started.
  int64_t refusals() const { return refusals_; }

  // ---- saving (on the review screen)
  enum class SubmitResult { Saved, Invalid, Failed };
  SubmitResult submit();
  bool save_failed() const { return save_failed_; }  // the last submit could not be stored
  void clear_save_failed() { save_failed_ = false; }
  // Why: the string-table key of the words for the visitor ("form.save_failed" when the store
  // failed, "form.rate_limited" or "form.outbox_full" when a limit refused the save).
  const char* save_failed_key() const { return save_failed_key_; }
  // After Saved (which also wipes the answers and ends filling): the code the visitor takes home
  // ("CR-7K3Q-9F2M"), until wipe().
  std::string_view confirmation_code() const { return code_; }
  bool has_confirmation() const { return !code_.empty(); }
  // After Saved: the content id of the place the visitor chose to pick the record up at (a shown
  // `choices_from: "pickup_places"` field, so only for pickup delivery), for the confirmation's
  // photo-ID reminder; "" when the record is mailed, e-mailed or the form has no such field.
  // A department's place, not visitor data, yet cleared by wipe() with the visit.
  const std::string& pickup_place() const { return pickup_place_; }

  // Overwrites every buffer (answers, queued text, code, id) in place and ends the visit.
  void wipe();
  bool all_buffers_zero_for_test() const;

 private:
  Clock& clock_;
  Saver saver_;
  Identity identity_;
  std::unique_ptr<forms::FormSession> session_;  // kept (wiped) after the visit, for the test hook
  std::string key_;
  std::string event_id_;      // content id of the event signed up for; "" = none
  std::string pickup_place_;  // see pickup_place()
  bool active_ = false;
  std::optional<TextTarget> focus_;
  std::optional<LocalText> input_message_;
  forms::SecureString queued_;  // physical-keyboard text not yet typed
  forms::SecureString code_;    // confirmation code
  forms::SecureString id_;      // the stored submission's id
  bool save_failed_ = false;
  const char* save_failed_key_ = "form.save_failed";
  std::string event_tag_;
  // Capture limits: times of this hour's saves, the cached cap check, the refusal count.
  bool refuse(const char* key, const std::string& why);
  bool at_cap(bool fresh);
  CaptureLimits limits_;
  CaptureStore capture_store_;
  std::deque<Clock::Mono> recent_saves_;
  std::optional<Clock::Mono> cap_checked_at_;
  bool at_cap_ = false;
  int64_t refusals_ = 0;
};

}  // namespace kiosk
