// SdlAudioSink: the speech engine's AudioSink on SDL2 audio (issue 16). The device is opened for
// an utterance and closed after it (SDL_OpenAudioDevice / SDL_QueueAudio / SDL_CloseAudioDevice),
// so an idle kiosk holds no audio device and runs no SDL audio thread. SDL's audio subsystem is
// started on the first open, separately from the video start-up in platform.cpp, so a machine
// without sound still shows its screens.
#pragma once
#include <cstdint>

#include "kiosk/speech/synthesizer.h"

namespace kiosk::ui {

class SdlAudioSink final : public AudioSink {
 public:
  SdlAudioSink() = default;
  ~SdlAudioSink() override;
  SdlAudioSink(const SdlAudioSink&) = delete;
  SdlAudioSink& operator=(const SdlAudioSink&) = delete;

  bool open(int sample_rate, std::string& error) override;
  void write(const std::int16_t* pcm, std::size_t samples) override;
  int pending_ms() override;
  void clear() override;
  void close() override;

 private:
  bool audio_started_ = false;
  std::uint32_t device_ = 0;  // SDL_AudioDeviceID; this header stays free of SDL's
  int rate_ = 0;
  // SDL's queue empties into the device's own buffer, which still has to play: its length, and
  // when the queue was first seen empty after a write (0: nothing unplayed).
  int device_buffer_ms_ = 0;
  bool unplayed_ = false;
  std::uint64_t drained_at_ = 0;
};

}  // namespace kiosk::ui
