// StaffSession: the staff screens' model, beside FormFlow (no SDL, no ImGui). It holds what the
// staff screens show — the queue counts, a record list, one record, the event tag, the upload
// state, an export in progress — cached, and the staff actions as intents (PIN check, send now,
// retry, discard, event tag, profile, export, exit) with their audit events.
//
// Invariants:
// - Reading the cache never touches the store: counts and lists are refreshed when a screen is
//   entered, when the engine's snapshot arrives (on_snapshot) or after an action, never per frame.
// - Every write goes through the store, which serialises it (offline-cache/write_lock.h); nothing
//   here locks by hand.
// - An export runs on its own thread with its own Outbox connection (one connection per thread);
//   the UI thread only reads export_progress().
// - Audit events carry ids, counts, tags, profile and file names: never answers, never the PIN.
#pragma once
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "kiosk/app/app.h"
#include "kiosk/core/clock.h"
#include "kiosk/staff/export.h"
#include "kiosk/staff/pin_guard.h"
#include "kiosk/staff/usb_eject.h"
#include "kiosk/sync/sync_engine.h"
#include "offline-cache/outbox.h"

namespace kiosk {

// The longest event tag staff can set (code points).
inline constexpr std::size_t kEventTagMax = 120;

// What an action came to; the screen turns it into words from the string tables.
enum class StaffOutcome {
  Done,
  NotAllowed,   // the record is in a state where this cannot be done any more
  NoStore,      // the kiosk's storage cannot be opened
  StoreFailed,  // the store refused (logged)
  NoServer,     // send now: no usable server settings
  NotRunning,   // send now: uploading is not running in this process
};

// A record as the staff screens show it: metadata only (status, times, tag, reason, how it is
// sealed). The answers are sealed for the department (issue 10): the kiosk cannot read them back.
struct StaffRecord {
  std::string id, form_id, program_id;
  std::string event_id;  // the specific event signed up for; "" = none
  std::optional<std::string> event_tag;
  std::string created_at;
  store::Status status = store::Status::Pending;
  int attempts = 0;
  std::string last_error;
  std::optional<std::string> exported_at, erased_at, collected_by;
  bool has_answers = false;      // sealed answers (or a not-yet-sealed legacy row) are stored
  bool sealed = false;           // the answers are sealed to the department key `sealed_to`
  std::string sealed_to;         // department key id
  std::size_t sealed_bytes = 0;  // size of the sealed payload
  bool open() const {
    return status == store::Status::Pending || status == store::Status::Rejected;
  }
};

enum class StaffList { Pending, Rejected };

// The queue as the dashboard shows it.
struct StaffCounts {
  bool known = false;  // false: the store cannot be read (error says why) or not read yet
  int64_t pending = 0, sent = 0, rejected = 0;  // pending includes records in flight
  std::optional<std::string> oldest_pending_created_at;
  std::string error;
  // Capture limits ([capture], issue 11), for two dashboard lines: touch-screen saves refused by
  // the hourly limit or the cap (persisted in the store's settings, so a restart does not hide a
  // burst), and how full the outbox is against max_outbox_mb (unexported answers only: a USB
  // export frees its records for the cap). Read with the counts, never per frame.
  int64_t capture_refusals = 0;
  std::optional<std::string> last_capture_refusal_at;  // RFC 3339 UTC
  int64_t outbox_unexported_bytes = 0;
  int64_t outbox_cap_bytes = 0;  // 0: no cap set
  int outbox_fill_percent() const {
    return outbox_cap_bytes > 0 ? static_cast<int>(outbox_unexported_bytes * 100 / outbox_cap_bytes)
                                : 0;
  }
  bool outbox_near_cap() const { return outbox_cap_bytes > 0 && outbox_fill_percent() >= 80; }
  bool outbox_at_cap() const {
    return outbox_cap_bytes > 0 && outbox_unexported_bytes >= outbox_cap_bytes;
  }
};

// An export on its thread, as the export screen draws it.
struct ExportProgress {
  enum class Phase { Idle, Running, Done, Failed };
  Phase phase = Phase::Idle;
  std::string step;            // Running: the last durable step ("jsonl_written", ...), "" at first
  staff::ExportResult result;  // Done
  std::vector<std::pair<std::string, std::string>> manifest;  // Done: key, value as read back
  bool manifest_unreadable = false;                           // Done: the read-back failed
  std::string error;  // Failed: the export's own words (ExportError), or "" for a store failure
  // Done: the stick after the export (flushed; unmounted when the kiosk may): what staff are told.
  staff::StickState stick = staff::StickState::NotUnmounted;
};

class StaffSession {
 public:
  // `data_dir` is where the export thread opens its own connection.
  StaffSession(Clock& clock, std::string data_dir);
  ~StaffSession();  // waits for an export in progress (it is short and must not be cut off)
  StaffSession(const StaffSession&) = delete;
  StaffSession& operator=(const StaffSession&) = delete;

  // The UI thread's outbox (nullptr while it cannot be opened) and the engine (nullptr: none).
  void connect(store::Outbox* outbox, sync::SyncEngine* engine);
  // Called with every new event tag (at load and when staff change it): the form flow stamps it.
  void on_event_tag(std::function<void(const std::string&)> f);
  // Reads the event tag and profile from settings into the model and `app`.
  void load_settings(App& app);

  // ---- the cache (memory only)
  const StaffCounts& counts() const { return counts_; }
  const std::optional<sync::SyncSnapshot>& upload() const { return snapshot_; }
  const std::string& event_tag() const { return event_tag_; }
  const std::vector<StaffRecord>& records() const { return records_; }
  const std::string& records_error() const { return records_error_; }
  const std::optional<StaffRecord>& record() const { return record_; }
  const std::string& record_error() const { return record_error_; }
  const std::vector<staff::Volume>& volumes() const { return volumes_; }
  ExportProgress export_progress() const;
  bool exporting() const;
  // True once after an export ended (Done or Failed): the screen says so then.
  bool take_export_finished();

  // ---- capture limits: the cap the dashboard measures against, and a refused save counted (the
  // form flow's CaptureStore::count_refusal). Counting writes one setting; throws StoreError.
  void set_outbox_cap(int64_t bytes) { outbox_cap_bytes_ = bytes; }
  void count_capture_refusal();

  // ---- refreshes (outside drawing: on entering a screen, on a snapshot)
  void on_snapshot(const sync::SyncSnapshot& snap);  // counts and upload state from the engine
  void refresh_counts();                             // counts from the store
  void show_list(StaffList which);                   // loads the list (oldest first, up to 500)
  void show_record(const std::string& id);           // loads one record's metadata
  void refresh_volumes(const std::string& mounts = "/proc/self/mounts");
  void close_views();  // no list or record shown any more (snapshots stop reloading them)

  // ---- PIN
  bool pin_is_set();               // false also when the store cannot be read
  Clock::Millis pin_locked_for();  // 0 when not locked (or unreadable)
  struct PinCheck {
    staff::PinAttempt attempt;
    int attempts_left = 0;  // Wrong: wrong PINs left before the next lockout
    bool store_failed = false;
  };
  // Checks `pin` (wiped afterwards by the caller's buffer); the guard's audit events are written.
  PinCheck check_pin(const std::string& pin);

  // ---- PIN rules and offline export (issues 11 and 14)
  // True after a right PIN shorter than a new PIN may be: the dashboard asks staff to change it.
  bool pin_change_advised() const { return pin_change_advised_; }
  enum class PinChange {
    Changed,
    Mismatch,     // the two new PINs differ
    BadLength,    // the new PIN is not 6 to 12 digits
    NotDigits,    // the new PIN has something other than digits
    SameAsOld,    // the new PIN is the old one
    WrongOld,     // attempts_left before the next lockout
    LockedOut,    // locked_for
    StoreFailed,  // logged
  };
  struct PinChangeCheck {
    PinChange result = PinChange::StoreFailed;
    int attempts_left = 0;
    Clock::Millis locked_for{0};
  };
  // Staff change their PIN on the screen: the new PIN typed twice is checked first (no guess is
  // spent on a typo), then the old one as check_pin checks it. Callers wipe their buffers.
  PinChangeCheck change_pin(const std::string& old_pin, const std::string& new_pin,
                            const std::string& new_again);
  // How an export ends on the stick (tests give a fake mountinfo and command runner).
  void set_eject_options(staff::EjectOptions o) { eject_options_ = std::move(o); }
  // No server configured (or one the config refuses): the dashboard leads with Export.
  bool offline() const;

  // ---- intents
  StaffOutcome send_now();
  StaffOutcome retry(const std::string& id);
  StaffOutcome discard(const std::string& id);
  StaffOutcome set_event_tag(const std::string& tag);
  StaffOutcome set_profile(App& app, Profile p);
  // Starts exporting every pending record to `dir` (which must exist) on a thread; false when one
  // is already running. Progress: export_progress().
  bool start_export(const std::string& dir);
  void clear_export();     // forget a finished export's result (leaving the screen)
  void wait_for_export();  // blocks until no export runs (script harness, shutdown)
  void record_exit();      // audit "staff_exit" before the kiosk quits

 private:
  staff::PinGuard* guard();
  bool write_event(const std::string& kind, const std::string& detail);
  void refresh_after_write();
  void run_export(std::string dir);

  Clock& clock_;
  std::string data_dir_;
  store::Outbox* outbox_ = nullptr;
  sync::SyncEngine* engine_ = nullptr;
  std::unique_ptr<staff::PinGuard> guard_;
  store::Outbox* guard_outbox_ = nullptr;
  std::function<void(const std::string&)> on_event_tag_;

  StaffCounts counts_;
  int64_t outbox_cap_bytes_ = 0;
  std::optional<sync::SyncSnapshot> snapshot_;
  std::string event_tag_;
  std::optional<StaffList> list_shown_;
  std::vector<StaffRecord> records_;
  std::string records_error_;
  std::optional<StaffRecord> record_;
  std::string record_error_;
  std::vector<staff::Volume> volumes_;
  bool pin_change_advised_ = false;
  staff::EjectOptions eject_options_;

  mutable std::mutex export_mu_;  // guards export_
  ExportProgress export_;
  bool export_finished_ = false;  // not yet taken by the screen
  std::thread export_thread_;
};

}  // namespace kiosk
