// ScriptPlayer: runs parsed script commands against a ScriptHost — the real app and renderer in
// `kiosk --script` (app_runner.cpp), or a fake in unit tests. Input goes in as SDL events through
// the same path as real input; `expect` and `tap "Label"` read the widget registry of the last
// drawn frame. On failure it reports the line, the command and what was visible.
#pragma once
#include <cstdio>
#include <string>
#include <vector>

#include "kiosk/app/accessibility.h"
#include "kiosk/core/clock.h"
#include "kiosk/speech/speech_log.h"
#include "ui/platform/pointer_event.h"
#include "ui/script/script.h"
#include "ui/widgets/registry.h"

namespace kiosk::ui {

class ScriptHost {
 public:
  virtual ~ScriptHost() = default;
  // The widgets of the last drawn frame.
  virtual const std::vector<WidgetEntry>& last_frame() const = 0;
  // Its focusable widgets scrolled out of view (WidgetRegistry::offscreen); none by default.
  virtual const std::vector<WidgetEntry>& last_offscreen() const {
    static const std::vector<WidgetEntry> none;
    return none;
  }
  virtual ImVec2 screen_size() const = 0;
  // Queue input as SDL events (mouse button/motion with a real-mouse id, text input, keys, quit).
  virtual void pointer(PointerEvent::Kind kind, ImVec2 pos) = 0;
  virtual void text_input(const std::string& utf8_piece) = 0;
  virtual void key(const KeyChord& chord) = 0;
  virtual void close_request() = 0;
  // Handle queued events and draw `n` frames, time standing still (one per move of a drag, as a
  // finger moving every 16 ms gets).
  virtual void frames(int n) = 0;
  // Handle queued events and draw exactly the frames the real frame loop draws for them (the
  // frame pacer's settle frames, one per queued press or release), time standing still: no frame
  // that real input would not get, so `expect` and `screenshot` see what a person sees.
  virtual void settle() = 0;
  // Let `ms` pass in the normal frame loop: on a virtual clock its waits advance the clock instead
  // of sleeping, so it draws exactly the frames that time produces (and nothing after them).
  virtual void pass_time(Clock::Millis ms) = 0;
  // Save the frame last drawn as PNG (no new frame). False + `error` when it cannot be written.
  virtual bool screenshot(const std::string& path, std::string& error) = 0;
  // The app decided to quit (window close, escape when windowed).
  virtual bool quitting() const = 0;
  // What was spoken (issue 16), for `expect-spoken`; nullptr when this host records no speech.
  virtual const SpeechLog* speech_log() const { return nullptr; }
  // `low-reach on|off` (issue 18): sets the visitor's Low reach choice as the Accessibility panel
  // does. False when this host has no App to set it on.
  virtual bool set_low_reach(bool /*on*/) { return false; }
  // The visitor's accessibility choices (issue 18), for `text-size` and `high-contrast`; nullptr
  // when this host has none.
  virtual AccessibilityChoices* accessibility() { return nullptr; }
  // The visitor's Extra time choice (issue 18), as the Accessibility panel sets it; false when
  // this host has no App to set it on.
  virtual bool set_extra_time(bool /*on*/) { return false; }
};

struct ScriptResult {
  int exit_code = 0;    // 0 passed, 1 failed
  std::string message;  // the failure report (empty on success)
};

// Step between drag moves (one frame at ~60 fps).
inline constexpr int kDragStepMs = 16;
// `focus "Label"` gives up after this many Tabs.
inline constexpr int kMaxFocusPresses = 200;

ScriptResult run_script(const std::vector<Command>& commands, ScriptHost& host,
                        const std::string& script_name);

// Where a script's screenshot may be written: `requested` resolved against roots[0] when relative,
// kept only if it then lies inside one of `roots` (the --screenshots dir, the data dir), ".." and
// symbolic links included. A script is a test hook, not a way to write files anywhere the kiosk
// user can. Returns the absolute path, or "" with `error` in words.
std::string confine_screenshot_path(const std::string& requested,
                                    const std::vector<std::string>& roots, std::string& error);

}  // namespace kiosk::ui
