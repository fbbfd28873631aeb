// Speaker: where the kiosk's speech goes (issue 16). The UI decides WHAT to say (ui/speech); an
// implementation decides HOW: libespeak-ng into SDL audio, or only a recorder in tests. No SDL or
// ImGui here, so the core and its tests can use it.
#pragma once
#include <string>
#include <vector>

#include "kiosk/core/lang.h"

namespace kiosk {

// A piece of an utterance in its own language (WCAG 3.1.2, language of parts): the attract
// screen's Spanish half, or "Español" on the language button, in a Spanish voice.
struct SpokenPart {
  std::string text;
  Lang lang = Lang::En;
};

class Speaker {
 public:
  virtual ~Speaker() = default;
  // Speaks `text` in `lang`, interrupting whatever is being spoken (a new utterance always wins).
  // Never blocks the caller on synthesis or audio.
  virtual void say(const std::string& text, Lang lang) = 0;
  // One utterance of several parts, each spoken in its own language's voice, in order; it
  // interrupts, and is interrupted, as a whole, like say().
  virtual void say_parts(const std::vector<SpokenPart>& parts) = 0;
  // Stops speaking now and drops anything queued (the visit ended, Read aloud turned off).
  virtual void stop() = 0;
  // 0..100; applies to the next utterance.
  virtual void set_volume(int percent) = 0;
};

}  // namespace kiosk
