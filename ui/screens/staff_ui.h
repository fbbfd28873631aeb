// StaffUi: the staff screens' state and their access to the store — the UI thread's Outbox, the
// sync engine (when the process runs one), the PIN guard, the PIN pad, the text the on-screen
// keyboard types (event tag, export path), dialogs and messages. Created once by the runner;
// reset() runs with every session reset, so nothing of a staff session outlives it.
//
// Invariants: every outbox write made here holds the engine's write lock (write_lock()); audit
// events never carry personal data (ids, counts, tags and file names only).
#pragma once
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/app/app.h"
#include "kiosk/app/form_flow.h"
#include "kiosk/staff/pin_guard.h"
#include "kiosk/sync/fair_mutex.h"
#include "kiosk/sync/sync_engine.h"
#include "offline-cache/outbox.h"
#include "ui/screens/form_ui.h"
#include "ui/widgets/keyboard_layout.h"
#include "ui/widgets/pin_pad.h"

namespace kiosk::ui {

// The text fields of staff screens (ids inside StaffUi::text's one-step form).
inline constexpr const char* kEventTagField = "event_tag";
inline constexpr const char* kExportDirField = "export_dir";
inline constexpr std::size_t kEventTagMax = 120;

class StaffUi {
 public:
  explicit StaffUi(Clock& clock);

  // Set by the runner every frame: the UI thread's outbox (nullptr while it cannot be opened), the
  // sync engine and its latest snapshot (nullptr when none runs).
  store::Outbox* outbox = nullptr;
  sync::SyncEngine* engine = nullptr;
  const sync::SyncSnapshot* sync = nullptr;  // the runner's copy of the engine's latest snapshot
  Clock& clock;

  // ---- settings shown and changed here (loaded by load_settings())
  std::string event_tag;  // stamped on new submissions; "" = none
  void load_settings(App& app);
  // Stores a setting and an audit row under the engine's write lock; false + message on failure.
  bool store_setting(const std::string& key, const std::string& value,
                     const std::string& audit_kind);

  // ---- PIN
  PinPadState pin;
  std::string pin_message;   // "Wrong PIN ..." / "Locked for N minutes" ("" = none)
  bool pin_is_set();         // false also when the store cannot be read
  staff::PinGuard* guard();  // nullptr without an outbox
  Clock::Mono hold_since{};  // the hidden gesture: when the press on the name began
  bool holding = false;

  // ---- text typed on the on-screen keyboard (a one-step form of two text fields)
  FormFlow text;
  KeyboardState kb;
  std::vector<PhysicalKey> keys;  // physical keys this frame (runner fills, screens consume)
  void edit_text(const char* field, const std::string& initial);  // starts typing into `field`
  std::string text_of(const char* field) const;
  void stop_text();

  // ---- dialogs and messages
  bool confirm_exit = false;
  int discard_asked = 0;       // 0, then 1 ("Discard?"), then 2 ("Really discard?")
  std::string message;         // the last action's outcome on the current screen
  std::string message_screen;  // ... and which route it belongs to
  void say(const App& app, std::string words);
  const std::string* said(const App& app) const;

  // Export results shown on the export screen.
  std::vector<std::string> export_lines;

  // A write made from the UI thread: hold the engine's write lock (no engine: no lock needed).
  std::unique_lock<sync::FairMutex> write_lock();
  // Session reset: PIN digits wiped, dialogs closed, typed text wiped.
  void reset();
  void attach(App& app);

 private:
  std::unique_ptr<staff::PinGuard> guard_;
  store::Outbox* guard_outbox_ = nullptr;
};

}  // namespace kiosk::ui
