// FormFlow: starting a form, typing into the focused field, saving through the outbox, wiping.
#include "kiosk/app/form_flow.h"

#include <algorithm>
#include <chrono>

#include "kiosk/core/log.h"
#include "kiosk/crypto/sodium_init.h"
#include "kiosk/forms/confirmation_code.h"
#include "offline-cache/uuid.h"

namespace kiosk {

using forms::InputResult;

FormFlow::Identity FormFlow::in_memory_demo_identity() {
  auto who = std::make_shared<const SealingIdentity>(SealingIdentity{
      crypto::DepartmentPublicKey::demo(),
      std::make_shared<const crypto::KioskSigningKey>(crypto::KioskSigningKey::generate()),
      store::uuid_v4()});
  return [who] { return *who; };
}

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

void FormFlow::set_capture_limits(CaptureLimits limits, CaptureStore store) {
  limits_ = limits;
  capture_store_ = std::move(store);
  cap_checked_at_.reset();
  at_cap_ = false;
}

bool FormFlow::at_cap(bool fresh) {
  if (limits_.max_outbox_bytes <= 0 || !capture_store_.unexported_bytes) return false;
  const Clock::Mono now = clock_.now();
  if (!fresh && cap_checked_at_ && now - *cap_checked_at_ < std::chrono::seconds(30))
    return at_cap_;
  cap_checked_at_ = now;
  const bool was = at_cap_;
  try {
    at_cap_ = capture_store_.unexported_bytes() >= limits_.max_outbox_bytes;
  } catch (const store::StoreError& e) {
    // The store's own failure shows when a visitor saves; the cap cannot close forms on a guess.
    at_cap_ = false;
    log::warn(std::string("capture: cannot tell how full the outbox is: ") + e.what());
  }
  if (at_cap_ && !was)
    log::warn(
        "capture: the outbox is at its cap (max_outbox_mb); visitor forms are closed until "
        "records are sent or staff export them");
  if (!at_cap_ && was) log::info("capture: the outbox is below its cap; visitor forms are open");
  return at_cap_;
}

bool FormFlow::forms_closed() { return at_cap(false); }

bool FormFlow::refuse(const char* key, const std::string& why) {
  save_failed_ = true;
  save_failed_key_ = key;
  ++refusals_;
  log::warn("capture: a save was refused: " + why + " (the answers stay on screen)");
  if (capture_store_.count_refusal) {
    try {
      capture_store_.count_refusal();
    } catch (const store::StoreError& e) {
      log::warn(std::string("capture: the refusal could not be counted in the store: ") + e.what());
    }
  }
  return false;
}

void FormFlow::start(std::shared_ptr<const forms::FormSpec> form, std::string key, Lang lang,
                     std::string event_id) {
  if (active_ && key_ == key) return;
  wipe();
  if (at_cap(false)) return;  // forms closed: no session, and the form screen says why
  session_ = std::make_unique<forms::FormSession>(std::move(form), lang, clock_);
  key_ = std::move(key);
  event_id_ = std::move(event_id);
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

namespace {

// The pickup place chosen on a shown place field (hidden when the record is mailed or e-mailed).
std::string chosen_pickup_place(const forms::FormSession& s) {
  for (const forms::FieldSpec* f : s.form().all_fields())
    if (f->choices_from == content::kChoicesFromPickupPlaces && s.is_visible(f->id))
      return std::string(s.answer(f->id).text);
  return {};
}

}  // namespace

FormFlow::SubmitResult FormFlow::submit() {
  forms::FormSession* s = session();
  if (!s) return SubmitResult::Invalid;
  std::optional<forms::SubmissionDraft> draft = s->submission();
  if (!draft) return SubmitResult::Invalid;
  save_failed_key_ = "form.save_failed";
  // The limits come before sealing: a refused save stores nothing and keeps every answer.
  const Clock::Mono now = clock_.now();
  while (!recent_saves_.empty() && now - recent_saves_.front() >= std::chrono::hours(1))
    recent_saves_.pop_front();
  bool allowed = true;
  if (limits_.max_per_hour > 0 &&
      recent_saves_.size() >= static_cast<std::size_t>(limits_.max_per_hour))
    allowed = refuse("form.rate_limited", std::to_string(recent_saves_.size()) +
                                              " saves in the last hour (max_per_hour " +
                                              std::to_string(limits_.max_per_hour) + ")");
  else if (at_cap(true))
    allowed = refuse("form.outbox_full", "the outbox is at its cap (max_outbox_mb)");
  if (!allowed) {
    forms::wipe_buffer(draft->payload_json);
    return SubmitResult::Failed;
  }
  SubmitResult result = SubmitResult::Failed;
  const std::string form_id = draft->form_id;
  try {
    crypto::Result<store::NewSubmission> ns =
        seal_submission(identity_(), s->form(), *draft, s->lang(), event_tag_, clock_, event_id_);
    if (!ns) {
      // Only a staff-set value (the event tag) can hold a line break: staff must fix it.
      save_failed_ = true;
      log::error("form " + form_id + ": the submission was not saved: " + ns.error() +
                 " (staff: set the event tag again without a line break)");
      return result;
    }
    std::string id = saver_(*ns);
    pickup_place_ = chosen_pickup_place(*s);
    forms::wipe_buffer(id_);
    id_.append(id);
    std::string code = forms::confirmation_code(s->form().code_prefix, id);
    forms::wipe_buffer(code_);
    code_.append(code);
    forms::wipe_buffer(code);
    forms::wipe_buffer(id);
    save_failed_ = false;
    result = SubmitResult::Saved;
    recent_saves_.push_back(now);
    at_cap(true);  // this save may be the one that fills the outbox: the next start() knows
    // Stored: the answers are no longer needed on screen or in memory; the code stays for the
    // confirmation screen until wipe().
    s->wipe();
    active_ = false;
    focus_.reset();
    log::info("form " + form_id + " saved as submission " + std::string(id_) +
              (event_id_.empty() ? "" : " for event " + event_id_));
  } catch (const store::StoreError& e) {
    // The answers stay in the session: the visitor can ask at the desk, or try again.
    save_failed_ = true;
    log::error("form " + form_id + ": the submission could not be saved (" +
               store::error_kind_name(e.kind) + "): " + e.what());
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
  event_id_.clear();
  pickup_place_.clear();
}

bool FormFlow::all_buffers_zero_for_test() const {
  bool session_zero = !session_ || session_->all_buffers_zero_for_test();
  return session_zero && forms::buffer_is_zero(queued_) && forms::buffer_is_zero(code_) &&
         forms::buffer_is_zero(id_) && !focus_ && !active_;
}

}  // namespace kiosk
