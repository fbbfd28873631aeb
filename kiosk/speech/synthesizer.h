// Synthesizer and AudioSink: the two ends of the speech engine (issue 16), as interfaces so the
// engine's queue and interrupt logic is tested without libespeak-ng or an audio device, and so the
// core stays free of SDL (the SDL sink lives in ui/platform/sdl_audio_sink.h).
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

#include "kiosk/core/lang.h"

namespace kiosk {

class Synthesizer {
 public:
  // Receives each chunk of 16-bit mono PCM; returns false to stop the synthesis there.
  using ChunkFn = std::function<bool(const std::int16_t* pcm, std::size_t samples)>;
  virtual ~Synthesizer() = default;
  // The PCM rate in Hz, loading the synthesiser on first use; 0 with `error` when it cannot load.
  virtual int sample_rate(std::string& error) = 0;
  // Runs to the end of `text` or until `chunk` returns false (both true); false with `error` when
  // the synthesiser failed.
  virtual bool synthesize(const std::string& text, Lang lang, const ChunkFn& chunk,
                          std::string& error) = 0;
};

class AudioSink {
 public:
  virtual ~AudioSink() = default;
  // Opens the output for 16-bit mono PCM at `sample_rate`; false with `error` when there is no
  // usable device. The engine opens it only while speaking.
  virtual bool open(int sample_rate, std::string& error) = 0;
  // Queues PCM for playback without waiting for it to play.
  virtual void write(const std::int16_t* pcm, std::size_t samples) = 0;
  // Milliseconds of written audio not played yet (0 once it has all played).
  virtual int pending_ms() = 0;
  // Drops written audio that has not played yet (an utterance was interrupted); stays open.
  virtual void clear() = 0;
  virtual void close() = 0;
};

}  // namespace kiosk
