// SdlAudioSink (see sdl_audio_sink.h): queued audio, no callback, so nothing runs between
// utterances.
#include "ui/platform/sdl_audio_sink.h"

#include <SDL.h>

namespace kiosk::ui {

SdlAudioSink::~SdlAudioSink() {
  close();
  // SDL_Quit in Platform's destructor also stops it; this keeps the counts balanced before that.
  if (audio_started_) SDL_QuitSubSystem(SDL_INIT_AUDIO);
}

bool SdlAudioSink::open(int sample_rate, std::string& error) {
  if (device_ != 0 && rate_ == sample_rate) return true;
  close();
  if (!audio_started_) {
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
      error = std::string("cannot start SDL audio: ") + SDL_GetError();
      return false;
    }
    audio_started_ = true;
  }
  SDL_AudioSpec want{};
  want.freq = sample_rate;
  want.format = AUDIO_S16SYS;
  want.channels = 1;
  want.samples = 1024;
  want.callback = nullptr;  // SDL_QueueAudio
  SDL_AudioSpec have{};
  // No allowed changes: SDL converts to whatever the device wants.
  device_ = SDL_OpenAudioDevice(nullptr, 0, &want, &have, 0);
  if (device_ == 0) {
    error = std::string("cannot open an audio device: ") + SDL_GetError();
    return false;
  }
  rate_ = sample_rate;
  device_buffer_ms_ = have.freq > 0 ? static_cast<int>(have.samples) * 1000 / have.freq + 1 : 0;
  unplayed_ = false;
  SDL_PauseAudioDevice(device_, 0);
  return true;
}

void SdlAudioSink::write(const std::int16_t* pcm, std::size_t samples) {
  if (device_ == 0 || samples == 0) return;
  if (SDL_QueueAudio(device_, pcm, static_cast<Uint32>(samples * sizeof(std::int16_t))) == 0) {
    unplayed_ = true;
    drained_at_ = 0;
  }
}

int SdlAudioSink::pending_ms() {
  if (device_ == 0 || rate_ <= 0) return 0;
  const Uint32 bytes = SDL_GetQueuedAudioSize(device_);
  if (bytes > 0) {
    drained_at_ = 0;
    // Round up: a few samples left still count as playing.
    return static_cast<int>((static_cast<std::uint64_t>(bytes) / 2 * 1000 + rate_ - 1) / rate_) +
           device_buffer_ms_;
  }
  if (!unplayed_) return 0;
  const Uint64 now = SDL_GetTicks64();
  if (drained_at_ == 0) drained_at_ = now;
  const Uint64 since = now - drained_at_;
  if (since >= static_cast<Uint64>(device_buffer_ms_)) {
    unplayed_ = false;
    return 0;
  }
  return device_buffer_ms_ - static_cast<int>(since);
}

void SdlAudioSink::clear() {
  if (device_ != 0) SDL_ClearQueuedAudio(device_);
  unplayed_ = false;
}

void SdlAudioSink::close() {
  if (device_ == 0) return;
  SDL_CloseAudioDevice(device_);
  device_ = 0;
  rate_ = 0;
  unplayed_ = false;
}

}  // namespace kiosk::ui
