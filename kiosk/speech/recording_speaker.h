// RecordingSpeaker: a Speaker that only records what it is asked to say (into a SpeechLog) — for
// unit tests, and as the fallback when speech cannot be synthesised at all.
#pragma once
#include "kiosk/speech/speaker.h"
#include "kiosk/speech/speech_log.h"

namespace kiosk {

class RecordingSpeaker : public Speaker {
 public:
  explicit RecordingSpeaker(SpeechLog& log) : log_(log) {}
  void say(const std::string& text, Lang lang) override { log_.add(text, lang); }
  // Each part is logged as its own utterance, with its language.
  void say_parts(const std::vector<SpokenPart>& parts) override {
    for (const auto& p : parts) log_.add(p.text, p.lang);
  }
  void stop() override {}
  void set_volume(int percent) override { volume_ = percent; }
  int volume() const { return volume_; }

 private:
  SpeechLog& log_;
  int volume_ = 80;
};

}  // namespace kiosk
