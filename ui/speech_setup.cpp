// make_speech_engine (see speech_setup.h): the only place that pairs the synthesiser with SDL.
#include "ui/speech_setup.h"

#include "kiosk/speech/espeak_synth.h"
#include "ui/platform/sdl_audio_sink.h"

namespace kiosk::ui {

std::unique_ptr<SpeechEngine> make_speech_engine(SpeechLog& log) {
  return std::make_unique<SpeechEngine>(log, std::make_unique<EspeakSynth>(),
                                        std::make_unique<SdlAudioSink>());
}

}  // namespace kiosk::ui
