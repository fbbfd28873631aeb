// make_speech_engine: the GUI's Speaker (issue 16), libespeak-ng into SDL audio, recording every
// utterance in `log` (the one the script harness reads). The runner owns what it returns and must
// destroy it before the Platform (SDL_Quit). Nothing is loaded and no thread starts until the
// first utterance, so start-up time does not grow.
#pragma once
#include <memory>

#include "kiosk/speech/speech_engine.h"

namespace kiosk::ui {

std::unique_ptr<SpeechEngine> make_speech_engine(SpeechLog& log);

}  // namespace kiosk::ui
