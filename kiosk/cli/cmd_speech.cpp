// --say TEXT --wav FILE [--lang es]: the kiosk's voice written to a WAV file, so an installer can
// check that the espeak-ng data is there (and hear it) without an audio device, and so the tests
// can measure the synthesis. Exit 2 when it cannot synthesise or cannot write the file.
#include <cstdio>
#include <vector>

#include "kiosk/cli/commands.h"
#include "kiosk/speech/espeak_synth.h"
#include "kiosk/speech/wav.h"

namespace kiosk {

int cmd_say(const RunContext& ctx) {
  Lang lang = Lang::En;
  if (!ctx.options.lang.empty() && !parse_lang(ctx.options.lang, lang)) {
    std::fprintf(stderr, "kiosk: --lang: expected en or es, got \"%s\"\n",
                 ctx.options.lang.c_str());
    return 2;
  }
  EspeakSynth synth;
  std::string error;
  const int rate = synth.sample_rate(error);
  if (rate <= 0) {
    std::fprintf(stderr, "kiosk: --say: %s\n", error.c_str());
    return 2;
  }
  std::vector<std::int16_t> pcm;
  auto keep = [&pcm](const std::int16_t* chunk, std::size_t n) {
    pcm.insert(pcm.end(), chunk, chunk + n);
    return true;
  };
  if (!synth.synthesize(ctx.options.mode_arg, lang, keep, error)) {
    std::fprintf(stderr, "kiosk: --say: %s\n", error.c_str());
    return 2;
  }
  const std::string& path = ctx.options.wav_file;
  if (!write_wav(path, pcm, rate, error)) {
    std::fprintf(stderr, "kiosk: --wav: %s\n", error.c_str());
    return 2;
  }
  std::printf("wrote %s: %.2f s of speech, voice %s, %d Hz, 16-bit mono\n", path.c_str(),
              static_cast<double>(pcm.size()) / rate, EspeakSynth::voice_for(lang), rate);
  return 0;
}

}  // namespace kiosk
