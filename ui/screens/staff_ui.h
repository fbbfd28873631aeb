// StaffUi: the staff screens' UI-side state around the StaffSession model (kiosk/app/
// staff_session.h): the PIN pad, the text staff type on the on-screen keyboard (event tag, export
// folder), dialogs and the last action's message. The model holds everything read from the store;
// this holds only what the screens need between frames. Created once by the runner; reset() runs
// with every session reset, so nothing of a staff session outlives it.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/app/app.h"
#include "kiosk/app/staff_session.h"
#include "kiosk/app/text_input.h"
#include "ui/screens/form_ui.h"  // PhysicalKey
#include "ui/widgets/keyboard_layout.h"
#include "ui/widgets/pin_pad.h"

namespace kiosk::ui {

// The text fields of staff screens.
inline constexpr const char* kEventTagField = "event_tag";
inline constexpr const char* kExportDirField = "export_dir";
inline constexpr std::size_t kExportDirMax = 1024;

// One staff text field being typed into: plain text of at most `max` characters (code points),
// printable, in the Basic Multilingual Plane (what the UI font draws).
class StaffText final : public TextInput {
 public:
  void start(const char* field, const std::string& initial, std::size_t max);
  void stop();  // forgets the text (overwritten) and the field
  bool typing(const char* field) const { return active_ && field_ == field; }
  bool active() const { return active_; }
  const std::string& value() const { return value_; }
  // The string-table key saying why the last input was refused ("" = none).
  const std::string& refusal() const { return refusal_; }
  std::size_t max() const { return max_; }

  void insert_text(std::string_view utf8) override;
  void delete_back() override;
  // Text from a physical keyboard, queued by the event loop and typed in the next frame.
  void queue_text(std::string_view utf8) { queued_ += utf8; }
  void type_queued();

 private:
  bool active_ = false;
  std::string field_, value_, queued_, refusal_;
  std::size_t max_ = 0;
};

class StaffUi {
 public:
  explicit StaffUi(StaffSession& session) : session(session) {}

  StaffSession& session;

  // ---- PIN
  PinPadState pin;
  std::string pin_message;   // "Wrong PIN ..." / "Locked for N minutes" ("" = none)
  Clock::Mono hold_since{};  // the hidden gesture: when the press on the name began
  bool holding = false;

  // ---- Change PIN (staff_change_pin.cpp): the old PIN, the new one, then the new one again on
  // `pin`; each step's digits are kept (zeroing buffers) until the change is done or abandoned.
  enum class ChangeStep { Old, New, Again };
  ChangeStep change_step = ChangeStep::Old;
  PinPadState change_old, change_new;
  std::string change_message;  // why the last step was refused ("" = none)
  void clear_change();

  // ---- text typed on the on-screen keyboard
  StaffText text;
  KeyboardState kb;
  std::vector<PhysicalKey> keys;  // physical keys this frame (runner fills, screens consume)
  // `kind` picks the keyboard's first page (a folder path gets "/" there).
  void edit_text(const char* field, const std::string& initial, std::size_t max,
                 TextKind kind = TextKind::Plain);
  void stop_text();

  // ---- dialogs and messages
  bool confirm_exit = false;
  int discard_asked = 0;       // 0, then 1 ("Discard?"), then 2 ("Really discard?")
  std::string message;         // the last action's outcome on the current screen
  std::string message_screen;  // ... and which route it belongs to
  void say(const App& app, std::string words);
  const std::string* said(const App& app) const;

  // Session reset: PIN digits wiped, dialogs closed, typed text wiped.
  void reset();
  void attach(App& app);
};

}  // namespace kiosk::ui
