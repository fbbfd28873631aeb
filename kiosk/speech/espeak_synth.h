// EspeakSynth: text to 16-bit mono PCM with libespeak-ng (issue 16), for the speech engine's worker
// thread and `kiosk --say --wav`. libespeak-ng keeps its state in globals and is not thread-safe,
// so one EspeakSynth exists per process at a time and only one thread calls it; it loads the voice
// data lazily on the first synthesis, so a kiosk that never speaks pays nothing at start-up.
#pragma once
#include <string>

#include "kiosk/core/lang.h"
#include "kiosk/speech/synthesizer.h"

namespace kiosk {

class EspeakSynth final : public Synthesizer {
 public:
  // Chunks are about this long, which bounds how late an interrupt lands.
  static constexpr int kChunkMs = 60;

  EspeakSynth() = default;
  ~EspeakSynth() override;
  EspeakSynth(const EspeakSynth&) = delete;
  EspeakSynth& operator=(const EspeakSynth&) = delete;

  // Loads libespeak-ng's data (once; later calls return the first result). False: `error` says why
  // in words (data missing, another EspeakSynth already owns the library).
  bool init(std::string& error);
  // init(), then the PCM sample rate in Hz (0 when init() failed).
  int sample_rate(std::string& error) override { return init(error) ? rate_ : 0; }
  // Synthesises `text` (UTF-8) with `lang`'s voice. Returns true when it ran to the end or `chunk`
  // stopped it; false with `error` when the library failed (init() is called first if needed).
  bool synthesize(const std::string& text, Lang lang, const ChunkFn& chunk,
                  std::string& error) override;
  // The espeak-ng voice used for `lang` (also named in the README's install guide).
  static const char* voice_for(Lang lang);

 private:
  bool select_voice(Lang lang, std::string& error);

  enum class State { Fresh, Ready, Failed };
  State state_ = State::Fresh;
  std::string init_error_;
  int rate_ = 0;
  bool owns_library_ = false;
  bool has_voice_ = false;
  Lang voice_lang_ = Lang::En;
};

}  // namespace kiosk
