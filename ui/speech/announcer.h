// Announcer: decides WHAT the kiosk says aloud (issue 16), from the widget registry alone — the
// frame just drawn compared with the one before — plus the few keys that matter to speech. It
// never draws and never synthesises: it hands one utterance per frame to a Speaker, so it can be
// unit-tested with hand-made frames and a RecordingSpeaker. What is said when: docs/speech.md.
#pragma once
#include <string>
#include <vector>

#include "kiosk/app/accessibility.h"
#include "kiosk/core/lang.h"
#include "kiosk/core/strings.h"
#include "kiosk/speech/speaker.h"
#include "ui/widgets/registry.h"

namespace kiosk::ui {

// The physical keys speech cares about (the runner maps its own key names onto these).
enum class AnnounceKey { Enter, Escape, Help, Other };

class Announcer {
 public:
  Announcer(const Strings& strings, Speaker& speaker) : str_(strings), speaker_(speaker) {}

  // After each drawn frame: speaks what changed since the previous frame, when Read aloud is on.
  // The previous frame's facts are kept whether or not it is on, so turning it on does not read
  // out everything that happened meanwhile.
  void on_frame(const std::vector<WidgetEntry>& frame, unsigned nav_serial, Lang lang,
                const AccessibilityChoices& choices);
  // A key press, before the screens see it. True when speech used it up (the Return that turns
  // Read aloud on, the Escape that closes the Accessibility panel): the caller drops it.
  bool on_key(AnnounceKey key, bool repeat, Lang lang, AccessibilityChoices& choices);
  // Text typed on a physical keyboard (echoed as "character" in a private field next frame).
  void on_text(const std::string& piece);
  // The visit ended: forget the previous frame (it may hold a visitor's answers) and the hint.
  void reset();

 private:
  struct Remembered {
    bool has_focus = false;
    std::string focus_label;
    Control focus_control = Control::None;
    std::string focus_value;
    std::vector<SpokenPart> headings;  // each in its own language
    std::vector<std::string> alerts;
    std::vector<std::string> codes;
    std::vector<std::pair<std::string, bool>> checkables;  // label, checked
  };

  // "<name>, <role>...": the name in the widget's language, the rest in the screen's.
  void describe(const WidgetEntry& e, Lang lang, std::vector<SpokenPart>& parts) const;
  std::string checked_word(bool checked, Lang lang) const;
  std::string alert_text(const std::string& text) const;
  static Remembered remember(const std::vector<WidgetEntry>& frame, Lang lang);
  static void wipe(Remembered& r);

  const Strings& str_;
  Speaker& speaker_;
  Remembered prev_;
  unsigned prev_nav_ = ~0u;
  bool read_screen_ = false;  // Read aloud was just turned on by key: read the whole screen
  bool help_wanted_ = false;  // F1 pressed: read the focused widget's help next frame
  bool hint_armed_ = false;   // the hint was spoken: the next Return turns Read aloud on
  std::size_t typed_ = 0;     // code points typed since the last frame
};

// "S U - 7 K 3 P": the code's characters (spaces dropped) separated by single spaces.
std::string spell_out(const std::string& code);

}  // namespace kiosk::ui
