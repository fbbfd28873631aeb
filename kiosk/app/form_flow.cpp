// FormFlow: starting a form, typing into the focused field, saving through the outbox, wiping.
#include "kiosk/app/form_flow.h"

#include <algorithm>

#include "kiosk/core/log.h"
#include "kiosk/crypto/sodium_init.h"
#include "kiosk/forms/confirmation_code.h"
#include "offline-cache/uuid.h"

namespace kiosk {

using forms::InputResult;

namespace {

const char* kind_name(store::StoreErrorKind k) {
  switch (k) {
    case store::StoreErrorKind::Busy: return "busy";
    case store::StoreErrorKind::Full: return "full";
    case store::StoreErrorKind::ReadOnly: return "read_only";
    case store::StoreErrorKind::Corrupt: return "corrupt";
    case store::StoreErrorKind::Io: return "io";
    case store::StoreErrorKind::Other: return "other";
  }
  return "?";
}

}  // namespace

namespace {
FormFlow::Identity in_memory_demo_identity() {
  auto who = std::make_shared<const SealingIdentity>(SealingIdentity{
      crypto::DepartmentPublicKey::demo(),
      std::make_shared<const crypto::KioskSigningKey>(crypto::KioskSigningKey::generate()),
      store::uuid_v4()});
  return [who] { return *who; };
}
}  // namespace

FormFlow::FormFlow(Clock& clock, Saver saver)
    : FormFlow(clock, std::move(saver), in_memory_demo_identity()) {}

FormFlow::FormFlow(Clock& clock, Saver saver, Identity identity)
    : clock_(clock), saver_(std::move(saver)), identity_(std::move(identity)) {
  // Sized once: queued text never reallocates (an SDL text event carries at most 32 bytes, and the
  // queue is emptied every frame), the code and id are short.
  queued_.reserve(256);
  code_.reserve(32);
  id_.reserve(64);
}

void FormFlow::start(std::shared_ptr<const forms::FormSpec> form, std::string key, Lang lang) {
  if (active_ && key_ == key) return;
  wipe();
  session_ = std::make_unique<forms::FormSession>(std::move(form), lang, clock_);
  key_ = std::move(key);
  active_ = true;
  log::info("form " + session_->form().id + " started");
}

bool FormFlow::has_answers() const {
  const forms::FormSession* s = session();
  if (!s) return false;
  for (const forms::FieldSpec* f : s->form().all_fields())
    if (!s->answer(f->id).is_empty(f->type)) return true;
  return false;
}

void FormFlow::set_focus(std::optional<TextTarget> t) {
  if (t == focus_) return;
  focus_ = std::move(t);
  input_message_.reset();
}

InputResult FormFlow::type(std::string_view utf8) {
  forms::FormSession* s = session();
  if (!s || !focus_ || utf8.empty()) return InputResult::NotAllowed;
  InputResult r = s->insert_text(focus_->field, focus_->part, utf8);
  if (r == InputResult::Ok)
    input_message_.reset();
  else
    input_message_ = forms::input_message(r, s->max_length(focus_->field, focus_->part));
  return r;
}

void FormFlow::backspace() {
  forms::FormSession* s = session();
  input_message_.reset();
  if (s && focus_) s->backspace(focus_->field, focus_->part);
}

void FormFlow::queue_text(std::string_view utf8) {
  // Past the reserved room the text is dropped rather than reallocating (a copy would be left in
  // freed memory); a person cannot type 256 bytes within one frame.
  if (queued_.size() + utf8.size() > queued_.capacity()) return;
  queued_.append(utf8.data(), utf8.size());
}

void FormFlow::type_queued() {
  if (queued_.empty()) return;
  if (session() && focus_) {
    // One code point at a time, as the on-screen keys do: a refused character (an emoji) does not
    // take the rest of the text with it.
    std::size_t i = 0;
    while (i < queued_.size()) {
      unsigned char c = static_cast<unsigned char>(queued_[i]);
      std::size_t n = c < 0x80         ? 1
                      : (c >> 5) == 6  ? 2
                      : (c >> 4) == 14 ? 3
                      : (c >> 3) == 30 ? 4
                                       : 1;
      n = std::min(n, queued_.size() - i);
      type(std::string_view(queued_).substr(i, n));
      i += n;
    }
  }
  forms::wipe_buffer(queued_);
}

FormFlow::SubmitResult FormFlow::submit() {
  forms::FormSession* s = session();
  if (!s) return SubmitResult::Invalid;
  std::optional<forms::SubmissionDraft> draft = s->submission();
  if (!draft) return SubmitResult::Invalid;
  SubmitResult result = SubmitResult::Failed;
  const std::string form_id = draft->form_id;
  try {
    crypto::Result<store::NewSubmission> ns =
        seal_submission(identity_(), s->form(), *draft, s->lang(), event_tag_, clock_);
    if (!ns) {
      // Only a staff-set value (the event tag) can hold a line break: staff must fix it.
      save_failed_ = true;
      log::error("form " + form_id + ": the submission was not saved: " + ns.error() +
                 " (staff: set the event tag again without a line break)");
      return result;
    }
    std::string id = saver_(*ns);
    forms::wipe_buffer(id_);
    id_.append(id);
    std::string code = forms::confirmation_code(s->form().code_prefix, id);
    forms::wipe_buffer(code_);
    code_.append(code);
    forms::wipe_buffer(code);
    forms::wipe_buffer(id);
    save_failed_ = false;
    result = SubmitResult::Saved;
    // Stored: the answers are no longer needed on screen or in memory; the code stays for the
    // confirmation screen until wipe().
    s->wipe();
    active_ = false;
    focus_.reset();
    log::info("form " + form_id + " saved as submission " + std::string(id_));
  } catch (const store::StoreError& e) {
    // The answers stay in the session: the visitor can ask at the desk, or try again.
    save_failed_ = true;
    log::error("form " + form_id + ": the submission could not be saved (" + kind_name(e.kind) +
               "): " + e.what());
  } catch (const crypto::CryptoError& e) {
    save_failed_ = true;
    log::error("form " + form_id + ": the submission could not be sealed: " + e.what());
  }
  forms::wipe_buffer(draft->payload_json);  // sealed or not, the plaintext goes now
  return result;
}

void FormFlow::wipe() {
  if (session_) session_->wipe();
  forms::wipe_buffer(queued_);
  forms::wipe_buffer(code_);
  forms::wipe_buffer(id_);
  focus_.reset();
  input_message_.reset();
  save_failed_ = false;
  active_ = false;
  key_.clear();
}

bool FormFlow::all_buffers_zero_for_test() const {
  bool session_zero = !session_ || session_->all_buffers_zero_for_test();
  return session_zero && forms::buffer_is_zero(queued_) && forms::buffer_is_zero(code_) &&
         forms::buffer_is_zero(id_) && !focus_ && !active_;
}

}  // namespace kiosk
