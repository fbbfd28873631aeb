// EspeakSynth: libespeak-ng in synchronous mode, PCM handed out through the synth callback.
#include "kiosk/speech/espeak_synth.h"

#include <espeak-ng/espeak_ng.h>
#include <espeak-ng/speak_lib.h>

#include <atomic>
#include <cstring>

namespace kiosk {
namespace {

// libespeak-ng has one global state: a second owner would change the first one's voice mid-word.
std::atomic<bool> library_taken{false};

// The chunk receiver of the synthesis running now. The callback has no closure and, in synchronous
// mode, runs on the synthesising thread inside espeak_ng_Synthesize, so a thread-local suffices.
thread_local const Synthesizer::ChunkFn* current_chunk = nullptr;

int on_synth(short* wav, int samples, espeak_EVENT*) {
  if (!wav || samples <= 0 || !current_chunk) return 0;  // the end marker, or an empty chunk
  return (*current_chunk)(reinterpret_cast<const std::int16_t*>(wav),
                          static_cast<std::size_t>(samples))
             ? 0
             : 1;  // 1 asks espeak-ng to stop
}

// Slower than espeak-ng's 175 words per minute: the listeners hear this voice for the first time,
// many are older or listening in their second language, and a public lobby is noisy.
constexpr int kWordsPerMinute = 160;

std::string status_text(espeak_ng_STATUS s) {
  char buf[256] = {};
  espeak_ng_GetStatusCodeMessage(s, buf, sizeof buf);
  return buf;
}

}  // namespace

EspeakSynth::~EspeakSynth() {
  if (state_ == State::Ready) espeak_ng_Terminate();
  if (owns_library_) library_taken = false;
}

const char* EspeakSynth::voice_for(Lang lang) {
  // A US kiosk: American English, and Latin American Spanish (most Spanish speakers in the US).
  return lang == Lang::Es ? "es-419" : "en-us";
}

bool EspeakSynth::init(std::string& error) {
  if (state_ == State::Ready) return true;
  if (state_ == State::Failed) {
    error = init_error_;
    return false;
  }
  state_ = State::Failed;
  if (library_taken.exchange(true)) {
    init_error_ = "the speech synthesiser is already in use in this process";
    error = init_error_;
    return false;
  }
  owns_library_ = true;
  espeak_ng_InitializePath(nullptr);  // ESPEAK_DATA_PATH, else the packaged espeak-ng-data
  espeak_ng_ERROR_CONTEXT context = nullptr;
  espeak_ng_STATUS s = espeak_ng_Initialize(&context);
  espeak_ng_ClearErrorContext(&context);
  if (s != ENS_OK) {
    init_error_ = "cannot load the espeak-ng voice data (" + status_text(s) +
                  "): install the espeak-ng-data package";
    error = init_error_;
    return false;
  }
  s = espeak_ng_InitializeOutput(ENOUTPUT_MODE_SYNCHRONOUS, kChunkMs, nullptr);
  if (s != ENS_OK) {
    espeak_ng_Terminate();
    init_error_ = "cannot start the espeak-ng synthesiser (" + status_text(s) + ")";
    error = init_error_;
    return false;
  }
  espeak_SetSynthCallback(on_synth);
  rate_ = espeak_ng_GetSampleRate();
  state_ = State::Ready;
  return true;
}

bool EspeakSynth::select_voice(Lang lang, std::string& error) {
  if (has_voice_ && voice_lang_ == lang) return true;
  espeak_ng_STATUS s = espeak_ng_SetVoiceByName(voice_for(lang));
  // Older or trimmed data sets have only the plain language voices.
  if (s != ENS_OK) s = espeak_ng_SetVoiceByName(lang_code(lang));
  if (s != ENS_OK) {
    has_voice_ = false;
    error = std::string("no espeak-ng voice for ") + lang_code(lang) + " (" + status_text(s) +
            "): install the espeak-ng-data package";
    return false;
  }
  espeak_ng_SetParameter(espeakRATE, kWordsPerMinute, 0);  // a voice change may reset it
  has_voice_ = true;
  voice_lang_ = lang;
  return true;
}

bool EspeakSynth::synthesize(const std::string& text, Lang lang, const ChunkFn& chunk,
                             std::string& error) {
  if (!init(error) || !select_voice(lang, error)) return false;
  current_chunk = &chunk;
  espeak_ng_STATUS s = espeak_ng_Synthesize(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0,
                                            espeakCHARS_UTF8, nullptr, nullptr);
  current_chunk = nullptr;
  if (s == ENS_OK || s == ENS_SPEECH_STOPPED) return true;
  error = "speech synthesis failed (" + status_text(s) + ")";
  return false;
}

}  // namespace kiosk
