// StaffSession: the staff screens' cached model and intents (see staff_session.h).
#include "kiosk/app/staff_session.h"

#include <sodium.h>

#include <cstdlib>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <utility>

#include "kiosk/core/file_io.h"
#include "kiosk/core/log.h"

namespace kiosk {
namespace {

StaffRecord to_record(const store::Submission& s) {
  StaffRecord r;
  r.id = s.id;
  r.form_id = s.form_id;
  r.program_id = s.program_id;
  r.event_id = s.event_id;
  r.event_tag = s.event_tag;
  r.created_at = s.created_at;
  r.status = s.status;
  r.attempts = s.attempts;
  r.last_error = s.last_error;
  r.exported_at = s.exported_at;
  r.erased_at = s.erased_at;
  r.collected_by = s.collected_by;
  r.sealed = s.sealed();
  r.has_answers = r.sealed || !s.payload_json.empty();
  r.sealed_to = s.sealed_to;
  r.sealed_bytes = s.sealed_payload.size();
  return r;
}

// What the manifest beside an export says, read back from the stick: proof the file is whole.
bool read_manifest(const std::string& path, std::vector<std::pair<std::string, std::string>>& out) {
  std::string reason;
  auto text = read_file(path, reason);
  if (!text) return false;
  auto j = nlohmann::json::parse(*text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return false;
  for (const char* key : {"count", "sha256", "kiosk_id", "first_created_at", "last_created_at",
                          "exported_at", "format"}) {
    if (!j.contains(key)) continue;
    const auto& v = j[key];
    out.emplace_back(key, v.is_string() ? v.get<std::string>() : v.dump());
  }
  return true;
}

}  // namespace

StaffSession::StaffSession(Clock& clock, std::string data_dir)
    : clock_(clock), data_dir_(std::move(data_dir)) {}

StaffSession::~StaffSession() { wait_for_export(); }

void StaffSession::connect(store::Outbox* outbox, sync::SyncEngine* engine) {
  outbox_ = outbox;
  engine_ = engine;
}

void StaffSession::on_event_tag(std::function<void(const std::string&)> f) {
  on_event_tag_ = std::move(f);
  if (on_event_tag_) on_event_tag_(event_tag_);
}

void StaffSession::load_settings(App& app) {
  if (!outbox_) return;
  try {
    event_tag_ = outbox_->setting("event_tag").value_or("");
    Profile p = Profile::Lobby;
    auto stored = outbox_->setting("profile");
    if (stored && !parse_profile(*stored, p))
      log::warn("settings: unknown profile value; using lobby");
    app.set_profile(p);
  } catch (const store::StoreError& e) {
    log::error(std::string("settings: cannot read the event tag and profile: ") + e.what());
  }
  if (on_event_tag_) on_event_tag_(event_tag_);
}

ExportProgress StaffSession::export_progress() const {
  std::lock_guard lk(export_mu_);
  return export_;
}

bool StaffSession::exporting() const {
  std::lock_guard lk(export_mu_);
  return export_.phase == ExportProgress::Phase::Running;
}

void StaffSession::on_snapshot(const sync::SyncSnapshot& snap) {
  snapshot_ = snap;
  // The engine counts as of its last change; a store fault leaves them unknown there.
  if (snap.state != sync::EngineState::Starting && snap.state != sync::EngineState::StoreFault &&
      snap.state != sync::EngineState::Busy) {
    const store::StatusCounts& c = snap.counts;
    counts_.known = true;
    counts_.error.clear();
    counts_.pending = c.pending + c.sending;
    counts_.sent = c.sent;
    counts_.rejected = c.rejected;
    counts_.oldest_pending_created_at = c.oldest_pending_created_at;
  }
  if (list_shown_) show_list(*list_shown_);  // the engine moved records: the list follows
}

namespace {
// Settings keys of the capture-refusal count (the UI thread is their only writer).
constexpr const char* kCaptureRefusalsKey = "capture.refusals";
constexpr const char* kLastCaptureRefusalKey = "capture.last_refusal_at";
}  // namespace

void StaffSession::refresh_counts() {
  if (!outbox_) {
    counts_ = StaffCounts{};
    return;
  }
  try {
    store::StatusCounts c = outbox_->counts();
    counts_.known = true;
    counts_.error.clear();
    counts_.pending = c.pending + c.sending;
    counts_.sent = c.sent;
    counts_.rejected = c.rejected;
    counts_.oldest_pending_created_at = c.oldest_pending_created_at;
    const std::optional<std::string> refusals = outbox_->setting(kCaptureRefusalsKey);
    counts_.capture_refusals = refusals ? std::strtoll(refusals->c_str(), nullptr, 10) : 0;
    counts_.last_capture_refusal_at = outbox_->setting(kLastCaptureRefusalKey);
    counts_.outbox_unexported_bytes = outbox_->unexported_bytes();
    counts_.outbox_cap_bytes = outbox_cap_bytes_;
  } catch (const store::StoreError& e) {
    counts_.known = false;
    counts_.error = e.what();
  }
}

void StaffSession::count_capture_refusal() {
  if (!outbox_) throw store::StoreError(store::StoreErrorKind::Other, "no outbox to count in");
  const std::optional<std::string> n = outbox_->setting(kCaptureRefusalsKey);
  const int64_t next = (n ? std::strtoll(n->c_str(), nullptr, 10) : 0) + 1;
  const std::string at = format_rfc3339(clock_.wall());
  outbox_->set_setting(kCaptureRefusalsKey, std::to_string(next));
  outbox_->set_setting(kLastCaptureRefusalKey, at);
  counts_.capture_refusals = next;
  counts_.last_capture_refusal_at = at;
}

void StaffSession::show_list(StaffList which) {
  list_shown_ = which;
  records_.clear();
  records_error_.clear();
  if (!outbox_) {
    records_error_ = "no store";
    return;
  }
  try {
    std::vector<store::Submission> rows;
    if (which == StaffList::Rejected) {
      rows = outbox_->list(store::Status::Rejected, 500);
    } else {
      rows = outbox_->list(store::Status::Pending, 500);
      auto sending = outbox_->list(store::Status::Sending, 500);
      rows.insert(rows.end(), sending.begin(), sending.end());
      std::stable_sort(rows.begin(), rows.end(),
                       [](const auto& a, const auto& b) { return a.created_at < b.created_at; });
    }
    records_.reserve(rows.size());
    for (const auto& s : rows) records_.push_back(to_record(s));
  } catch (const store::StoreError& e) {
    records_error_ = e.what();
  }
}

void StaffSession::show_record(const std::string& id) {
  list_shown_.reset();
  record_.reset();
  record_error_.clear();
  if (!outbox_) {
    record_error_ = "no store";
    return;
  }
  try {
    std::optional<store::Submission> s = outbox_->get(id);
    if (!s) return;  // no record and no error: it is no longer stored
    record_ = to_record(*s);
  } catch (const store::StoreError& e) {
    record_error_ = e.what();
  }
}

void StaffSession::refresh_volumes(const std::string& mounts) {
  volumes_ = staff::removable_volumes(mounts);
}

void StaffSession::close_views() {
  list_shown_.reset();
  records_.clear();
  records_error_.clear();
  record_.reset();
  record_error_.clear();
}

staff::PinGuard* StaffSession::guard() {
  if (!outbox_) return nullptr;
  if (!guard_ || guard_outbox_ != outbox_) {
    guard_ = std::make_unique<staff::PinGuard>(*outbox_, clock_);
    guard_outbox_ = outbox_;
  }
  return guard_.get();
}

bool StaffSession::pin_is_set() {
  staff::PinGuard* g = guard();
  if (!g) return false;
  try {
    return g->is_set();
  } catch (const store::StoreError& e) {
    log::error(std::string("staff: cannot read the PIN setting: ") + e.what());
    return false;
  }
}

Clock::Millis StaffSession::pin_locked_for() {
  staff::PinGuard* g = guard();
  if (!g) return Clock::Millis{0};
  try {
    return g->locked_for();
  } catch (const store::StoreError&) {
    return Clock::Millis{0};
  }
}

StaffSession::PinCheck StaffSession::check_pin(const std::string& pin) {
  PinCheck out;
  staff::PinGuard* g = guard();
  if (!g) {
    out.store_failed = true;
    return out;
  }
  try {
    out.attempt = g->verify(pin);
    if (out.attempt.result == staff::PinResult::Wrong) out.attempts_left = g->attempts_left();
    if (out.attempt.result == staff::PinResult::Ok) pin_change_advised_ = out.attempt.needs_change;
    if (out.attempt.result == staff::PinResult::Ok) refresh_counts();
  } catch (const store::StoreError& e) {
    log::error(std::string("staff: the PIN cannot be checked: ") + e.what());
    out.store_failed = true;
  }
  return out;
}

StaffSession::PinChangeCheck StaffSession::change_pin(const std::string& old_pin,
                                                      const std::string& new_pin,
                                                      const std::string& new_again) {
  PinChangeCheck out;
  switch (staff::PinGuard::new_pin_problem(new_pin)) {
    case staff::NewPinProblem::Length: out.result = PinChange::BadLength; return out;
    case staff::NewPinProblem::NotDigits: out.result = PinChange::NotDigits; return out;
    case staff::NewPinProblem::None: break;
  }
  if (new_pin.size() != new_again.size() ||
      sodium_memcmp(new_pin.data(), new_again.data(), new_pin.size()) != 0) {
    out.result = PinChange::Mismatch;
    return out;
  }
  if (old_pin.size() == new_pin.size() &&
      sodium_memcmp(old_pin.data(), new_pin.data(), new_pin.size()) == 0) {
    out.result = PinChange::SameAsOld;
    return out;
  }
  staff::PinGuard* g = guard();
  if (!g) return out;
  try {
    const staff::PinAttempt a = g->change_pin(old_pin, new_pin);
    switch (a.result) {
      case staff::PinResult::Ok:
        out.result = PinChange::Changed;
        pin_change_advised_ = false;
        break;
      case staff::PinResult::Wrong:
        out.result = PinChange::WrongOld;
        out.attempts_left = g->attempts_left();
        break;
      case staff::PinResult::LockedOut:
        out.result = PinChange::LockedOut;
        out.locked_for = a.locked_for;
        break;
      case staff::PinResult::NotSet: out.result = PinChange::StoreFailed; break;
    }
  } catch (const store::StoreError& e) {
    log::error(std::string("staff: the PIN cannot be changed: ") + e.what());
  } catch (const std::exception& e) {  // invalid_argument cannot happen (checked above); hashing
    log::error(std::string("staff: the PIN cannot be changed: ") + e.what());
  }
  return out;
}

bool StaffSession::offline() const {
  return snapshot_ && (snapshot_->state == sync::EngineState::Offline ||
                       snapshot_->state == sync::EngineState::ConfigFault);
}

bool StaffSession::write_event(const std::string& kind, const std::string& detail) {
  if (!outbox_) return false;
  try {
    outbox_->record_event(kind, detail);
    return true;
  } catch (const store::StoreError& e) {
    log::error("staff: cannot record " + kind + ": " + e.what());
    return false;
  }
}

void StaffSession::refresh_after_write() {
  refresh_counts();
  if (record_) show_record(std::string(record_->id));  // a copy: show_record resets record_
}

StaffOutcome StaffSession::send_now() {
  if (offline()) return StaffOutcome::NoServer;
  if (!engine_) return StaffOutcome::NotRunning;
  engine_->retry_now();
  write_event("send_now", "");
  return StaffOutcome::Done;
}

StaffOutcome StaffSession::retry(const std::string& id) {
  if (!outbox_) return StaffOutcome::NoStore;
  bool ok = false;
  try {
    ok = outbox_->retry_now(id);  // audited by the store
  } catch (const store::StoreError& e) {
    log::error(std::string("staff: retry failed: ") + e.what());
    return StaffOutcome::StoreFailed;
  }
  if (engine_) engine_->notify();
  refresh_after_write();
  return ok ? StaffOutcome::Done : StaffOutcome::NotAllowed;
}

StaffOutcome StaffSession::discard(const std::string& id) {
  if (!outbox_) return StaffOutcome::NoStore;
  bool ok = false;
  try {
    ok = outbox_->discard(id);  // erases the answers and audits in one transaction
  } catch (const store::StoreError& e) {
    log::error(std::string("staff: discard failed: ") + e.what());
    return StaffOutcome::StoreFailed;
  }
  refresh_after_write();
  return ok ? StaffOutcome::Done : StaffOutcome::NotAllowed;
}

StaffOutcome StaffSession::set_event_tag(const std::string& tag) {
  if (!outbox_) return StaffOutcome::NoStore;
  try {
    outbox_->set_setting("event_tag", tag);
    outbox_->record_event("event_tag", tag);  // a tag is not personal data
  } catch (const store::StoreError& e) {
    log::error(std::string("staff: cannot store the event tag: ") + e.what());
    return StaffOutcome::StoreFailed;
  }
  event_tag_ = tag;
  if (on_event_tag_) on_event_tag_(event_tag_);
  return StaffOutcome::Done;
}

StaffOutcome StaffSession::set_profile(App& app, Profile p) {
  if (!outbox_) return StaffOutcome::NoStore;
  try {
    outbox_->set_setting("profile", profile_name(p));
    outbox_->record_event("profile", profile_name(p));
  } catch (const store::StoreError& e) {
    log::error(std::string("staff: cannot store the profile: ") + e.what());
    return StaffOutcome::StoreFailed;
  }
  app.set_profile(p);
  return StaffOutcome::Done;
}

bool StaffSession::start_export(const std::string& dir) {
  {
    std::lock_guard lk(export_mu_);
    if (export_.phase == ExportProgress::Phase::Running) return false;
    export_ = ExportProgress{};
    export_.phase = ExportProgress::Phase::Running;
    export_finished_ = false;
  }
  if (export_thread_.joinable()) export_thread_.join();  // a finished one
  export_thread_ = std::thread([this, dir] { run_export(dir); });
  return true;
}

void StaffSession::run_export(std::string dir) {
  ExportProgress done;
  try {
    // This thread's own connection: the one-Outbox-per-thread contract; its writes (the exported_at
    // stamps, the audit row) take the file's write lock like everyone's.
    store::OutboxOptions o;
    o.check_integrity = false;  // the UI's connection checked the file at start
    store::Outbox outbox(data_dir_, clock_, o);
    done.result = staff::export_pending(outbox, dir, clock_, [this](const char* step) {
      std::lock_guard lk(export_mu_);
      export_.step = step;
    });
    done.manifest_unreadable = !read_manifest(done.result.manifest_path, done.manifest);
    {
      std::lock_guard lk(export_mu_);
      export_.step = "unmounting";
    }
    // After the read-back: an unmounted stick cannot be read any more.
    done.stick = staff::finish_on_stick(dir, eject_options_);
    done.phase = ExportProgress::Phase::Done;
  } catch (const staff::ExportError& e) {
    log::error(std::string("staff: export failed: ") + e.what());
    done.phase = ExportProgress::Phase::Failed;
    done.error = e.what();
  } catch (const store::StoreError& e) {
    log::error(std::string("staff: export failed: ") + e.what());
    done.phase = ExportProgress::Phase::Failed;
  }
  std::lock_guard lk(export_mu_);
  export_ = std::move(done);
  export_finished_ = true;
}

bool StaffSession::take_export_finished() {
  std::lock_guard lk(export_mu_);
  return std::exchange(export_finished_, false);
}

void StaffSession::clear_export() {
  std::lock_guard lk(export_mu_);
  if (export_.phase != ExportProgress::Phase::Running) {
    export_ = ExportProgress{};
    export_finished_ = false;
  }
}

void StaffSession::wait_for_export() {
  if (export_thread_.joinable()) export_thread_.join();
}

void StaffSession::record_exit() { write_event("staff_exit", ""); }

}  // namespace kiosk
