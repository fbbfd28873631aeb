// QuickInterest: the quick variant of the sign-up form, the visitor's answers on one screen, and
// one sealed sign-up record per ticked program stored all or nothing.
#include "kiosk/app/quick_interest.h"

#include <algorithm>

#include "kiosk/app/app.h"
#include "kiosk/app/record_sealing.h"
#include "kiosk/core/log.h"
#include "kiosk/core/strings.h"
#include "kiosk/crypto/sodium_init.h"
#include "kiosk/forms/confirmation_code.h"
#include "offline-cache/uuid.h"

namespace kiosk {

using forms::FieldSpec;
using forms::FieldType;
using forms::FormSession;
using forms::FormSpec;
using forms::InputResult;
using forms::Part;

namespace {

// Not asked on the quick screen: optional in the full form too, so leaving them out changes no rule.
constexpr const char* kLeftOut[] = {"best_time_to_call", "comments"};

// Why the check boxes are in error: no program ticked (the string tables' words).
LocalText no_program() {
  const Strings& s = Strings::builtin();
  return {s.get(Lang::En, "quick.no_program"), s.get(Lang::Es, "quick.no_program")};
}

}  // namespace

forms::ComposeResult quick_signup_form(const FormSpec& base, const Program& program,
                                       const Catalogue& content) {
  // The program's own questions are the full sign-up's: the quick path does not ask them, so the
  // program is composed without them (their rules stay whole in the full form).
  Program bare = program;
  bare.signup_fields = nlohmann::json::array();
  forms::ComposeResult c = forms::compose_form(base, &bare, content);
  if (!c.form) return c;
  auto quick = std::make_shared<FormSpec>(*c.form);
  for (auto& step : quick->steps) {
    auto& fields = step.fields;
    fields.erase(std::remove_if(fields.begin(), fields.end(),
                                [](const FieldSpec& f) {
                                  return std::any_of(std::begin(kLeftOut), std::end(kLeftOut),
                                                     [&](const char* id) { return f.id == id; });
                                }),
                 fields.end());
    for (auto& f : fields) {
      // A festival brings visitors from anywhere: any country's number (a US one as before).
      if (f.id == kQuickPhone && f.type == FieldType::PhoneUs) {
        f.type = FieldType::PhoneIntl;
        f.max_length = content::default_max_length(FieldType::PhoneIntl);
        f.help = {};
      }
    }
  }
  quick->steps.erase(std::remove_if(quick->steps.begin(), quick->steps.end(),
                                    [](const forms::StepSpec& s) { return s.fields.empty(); }),
                     quick->steps.end());
  forms::StepSpec flag;
  flag.id = kQuickInterestField;
  flag.title = {"Quick sign-up at a booth", "Inscripción rápida en una caseta"};
  FieldSpec f;
  f.id = kQuickInterestField;
  f.type = FieldType::YesNo;
  f.label = {"Quick interest (booth): only a name and one contact were asked",
             "Interés rápido (caseta): solo se pidieron un nombre y un contacto"};
  flag.fields.push_back(std::move(f));
  quick->steps.push_back(std::move(flag));
  c.form = std::move(quick);
  return c;
}

std::vector<std::string> store_all(store::Outbox& outbox,
                                   const std::vector<store::NewSubmission>& rows) {
  std::vector<store::Submission> subs;
  subs.reserve(rows.size());
  for (const auto& r : rows) {
    store::Submission s;
    s.id = r.id;
    s.form_id = r.form_id;
    s.form_version = r.form_version;
    s.program_id = r.program_id;
    s.event_id = r.event_id;
    if (!r.event_tag.empty()) s.event_tag = r.event_tag;
    s.created_at = r.created_at;
    s.status = store::Status::Pending;
    s.sealed_payload = r.sealed_payload;
    s.sealed_to = r.sealed_to;
    s.signer_kiosk_id = r.signer_kiosk_id;
    s.collector_public_key = r.collector_public_key;
    s.signature = r.signature;
    subs.push_back(std::move(s));
  }
  // One transaction: a failure on any row rolls every row back. Fresh UUIDv4 ids never collide,
  // so "added" short of the count means the store is not what it claims: refuse loudly.
  int added = outbox.import_submissions(subs);
  if (added != static_cast<int>(rows.size()))
    throw store::StoreError(store::StoreErrorKind::Other,
                            "quick interest: " + std::to_string(added) + " of " +
                                std::to_string(rows.size()) + " records were new");
  std::vector<std::string> ids;
  for (const auto& r : rows) ids.push_back(r.id);
  return ids;
}

QuickInterest::QuickInterest(Clock& clock, BatchSaver saver, FormFlow::Identity identity)
    : clock_(clock), saver_(std::move(saver)), identity_(std::move(identity)) {}

QuickInterest::QuickInterest(Clock& clock, BatchSaver saver)
    : QuickInterest(clock, std::move(saver), FormFlow::in_memory_demo_identity()) {}

void QuickInterest::start(const Catalogue& content, Lang lang) {
  if (active()) {
    set_lang(lang);
    return;
  }
  wipe();
  composed_.clear();
  offered_.clear();
  auto base = forms::bundled_forms().find("signup");
  if (!base) return;  // a broken form is not offered (the loader logged why)
  for (const auto& p : content.programs) {
    if (!p.takes_signups || p.signup_form != base->id) continue;
    forms::ComposeResult c = quick_signup_form(*base, p, content);
    if (!c.form) {
      log::warn("quick interest: program " + p.id +
                " left out: " + (c.errors.empty() ? std::string("?") : c.errors.front()));
      continue;
    }
    composed_.push_back({p.id, p.title, c.form});
    offered_.push_back({p.id, p.title});
  }
  if (composed_.empty()) return;
  session_ = std::make_unique<FormSession>(composed_.front().form, lang, clock_);
  session_->choose(kQuickInterestField, "yes");
  set_contact(QuickContact::Email);
}

void QuickInterest::set_lang(Lang lang) {
  if (session_) session_->set_lang(lang);
}

std::string_view QuickInterest::text(std::string_view field_id) const {
  if (!session_ || !is_text_field(field_id)) return {};
  return session_->text(field_id);
}

bool QuickInterest::is_text_field(std::string_view id) const {
  return id == kQuickFirstName || id == kQuickLastName || id == kQuickEmail || id == kQuickPhone;
}

void QuickInterest::set_contact(QuickContact c) {
  contact_ = c;
  if (!session_) return;
  session_->choose(kQuickContactMethod, c == QuickContact::Email ? "email" : "phone");
  // The other way's answer goes: ONE contact is what the visitor gives.
  session_->clear_text(c == QuickContact::Email ? kQuickPhone : kQuickEmail);
  if (focus_ && (*focus_ == kQuickEmail || *focus_ == kQuickPhone)) focus_ = contact_field();
}

const char* QuickInterest::contact_field() const {
  return contact_ == QuickContact::Email ? kQuickEmail : kQuickPhone;
}

bool QuickInterest::agreed() const { return session_ && session_->answer(kQuickConsent).agreed; }

void QuickInterest::set_agreed(bool agreed) {
  if (session_) session_->set_agreed(kQuickConsent, agreed);
}

bool QuickInterest::ticked(std::string_view program_id) const {
  return ticked_.count(std::string(program_id)) > 0;
}

void QuickInterest::toggle(std::string_view program_id) {
  std::string id(program_id);
  if (!ticked_.erase(id) && std::any_of(offered_.begin(), offered_.end(),
                                        [&](const Offered& o) { return o.program_id == id; }))
    ticked_.insert(id);
}

const FieldSpec* QuickInterest::field(std::string_view field_id) const {
  return session_ ? session_->form().find_field(field_id) : nullptr;
}

void QuickInterest::set_focus(std::optional<std::string> field_id) {
  if (field_id && !is_text_field(*field_id)) field_id.reset();
  focus_ = std::move(field_id);
  input_message_.reset();
}

InputResult QuickInterest::type(std::string_view utf8) {
  if (!session_ || !focus_) return InputResult::NotAllowed;
  InputResult r = session_->insert_text(*focus_, Part::None, utf8);
  if (r == InputResult::Ok)
    input_message_.reset();
  else
    input_message_ = forms::input_message(r, session_->max_length(*focus_));
  return r;
}

void QuickInterest::backspace() {
  if (!session_ || !focus_) return;
  session_->backspace(*focus_);
  input_message_.reset();
}

std::vector<std::pair<std::string, LocalText>> QuickInterest::errors() const {
  std::vector<std::pair<std::string, LocalText>> out;
  if (!session_) return out;
  // The quick variant's visible fields are exactly what this screen shows.
  for (const auto& e : session_->validate_all()) out.emplace_back(e.field_id, e.message);
  if (ticked_.empty()) out.emplace_back("programs", no_program());
  return out;
}

std::optional<LocalText> QuickInterest::error(std::string_view field_id) const {
  if (!show_errors_) return std::nullopt;
  for (auto& [id, words] : errors())
    if (id == field_id) return words;
  return std::nullopt;
}

std::unique_ptr<FormSession> QuickInterest::copy_answers(
    std::shared_ptr<const FormSpec> form) const {
  auto s = std::make_unique<FormSession>(std::move(form), session_->lang(), clock_);
  for (const char* id : {kQuickFirstName, kQuickLastName, contact_field()})
    s->set_text(id, Part::None, session_->text(id));
  s->choose(kQuickContactMethod, contact_ == QuickContact::Email ? "email" : "phone");
  s->set_agreed(kQuickConsent, agreed());
  s->choose(kQuickInterestField, "yes");
  return s;
}

QuickInterest::SubmitResult QuickInterest::submit(const std::string& event_tag) {
  if (!session_ || saved()) return SubmitResult::Invalid;
  show_errors_ = true;
  if (!errors().empty()) return SubmitResult::Invalid;
  save_failed_ = true;  // until every record is stored
  std::vector<store::NewSubmission> rows;
  std::vector<const Composed*> for_rows;
  try {
    const SealingIdentity who = identity_();
    for (const Composed& c : composed_) {
      if (!ticked(c.program_id)) continue;
      auto s = copy_answers(c.form);
      std::optional<forms::SubmissionDraft> draft = s->submission();
      if (!draft) {
        // The same answers passed on the first program's variant: only a defect gets here.
        log::error("quick interest: the answers did not validate for program " + c.program_id);
        return SubmitResult::Failed;
      }
      crypto::Result<store::NewSubmission> ns =
          seal_submission(who, s->form(), *draft, s->lang(), event_tag, clock_);
      s->wipe();
      if (!ns) {
        log::error("quick interest: not saved: " + ns.error() +
                   " (staff: set the event tag again without a line break)");
        return SubmitResult::Failed;
      }
      rows.push_back(std::move(*ns));
      for_rows.push_back(&c);
    }
    std::vector<std::string> ids = saver_(rows);
    codes_.clear();
    for (std::size_t i = 0; i < ids.size() && i < for_rows.size(); ++i)
      codes_.push_back({for_rows[i]->program_id, for_rows[i]->title,
                        forms::confirmation_code(session_->form().code_prefix, ids[i])});
  } catch (const store::StoreError& e) {
    log::error(std::string("quick interest: the records could not be saved (") +
               store::error_kind_name(e.kind) + "): " + e.what() + "; none was stored");
    return SubmitResult::Failed;
  } catch (const crypto::CryptoError& e) {
    log::error(std::string("quick interest: the records could not be sealed: ") + e.what());
    return SubmitResult::Failed;
  }
  save_failed_ = false;
  log::info("quick interest saved " + std::to_string(codes_.size()) + " sign-up records");
  // Stored: the answers go now; the codes stay for the confirmation until wipe().
  session_->wipe();
  ticked_.clear();
  focus_.reset();
  input_message_.reset();
  show_errors_ = false;
  return SubmitResult::Saved;
}

void QuickInterest::wipe() {
  if (session_) {
    session_->wipe();
    spent_ = std::move(session_);
  }
  for (auto& c : codes_) wipe_buffer(c.code);
  codes_.clear();
  ticked_.clear();
  focus_.reset();
  input_message_.reset();
  show_errors_ = false;
  save_failed_ = false;
  contact_ = QuickContact::Email;
}

void QuickInterest::attach(App& app) {
  app.add_reset_hook([this] { wipe(); });
}

bool QuickInterest::all_buffers_zero_for_test() const {
  const FormSession* s = session_ ? session_.get() : spent_.get();
  return (!s || s->all_buffers_zero_for_test()) && codes_.empty() && ticked_.empty();
}

}  // namespace kiosk
