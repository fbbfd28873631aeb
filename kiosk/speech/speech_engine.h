// SpeechEngine: the kiosk's Speaker (issue 16). say() records the utterance in the SpeechLog at
// once (the harness's `expect-spoken` reads it, audio device or not) and hands the text to one
// worker thread, which owns the synthesiser (libespeak-ng is not thread-safe) and the audio sink.
// A new say() or stop() interrupts the synthesis between chunks and drops audio not yet played.
// The worker starts on the first say() and sleeps on a condition variable while there is nothing
// to say, and the audio device is open only while speaking: a silent kiosk costs no CPU.
#pragma once
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "kiosk/speech/speaker.h"
#include "kiosk/speech/speech_log.h"
#include "kiosk/speech/synthesizer.h"

namespace kiosk {

class SpeechEngine final : public Speaker {
 public:
  // After the audio device failed to open, utterances within `audio_retry` do not try again (each
  // try costs a device probe, and ALSA prints its own complaint to stderr every time); the first
  // one after it does, so headphones plugged in later are used.
  SpeechEngine(SpeechLog& log, std::unique_ptr<Synthesizer> synth, std::unique_ptr<AudioSink> sink,
               std::chrono::milliseconds audio_retry = std::chrono::seconds(30));
  ~SpeechEngine() override;
  SpeechEngine(const SpeechEngine&) = delete;
  SpeechEngine& operator=(const SpeechEngine&) = delete;

  void say(const std::string& text, Lang lang) override;
  void say_parts(const std::vector<SpokenPart>& parts) override;
  void stop() override;
  void set_volume(int percent) override;
  int volume() const { return volume_.load(); }

  // For tests and the benchmark: waits until nothing is queued, synthesised or playing; false if
  // `timeout` passed first.
  bool wait_idle(std::chrono::milliseconds timeout);
  // Whether the worker thread exists yet (it starts with the first say()).
  bool started() const;
  // How many failures (no synthesiser, no audio device) were logged; each kind at most once.
  int failures_logged() const { return failures_logged_.load(); }

 private:
  struct Job {
    std::vector<SpokenPart> parts;  // each synthesised in its own language's voice, in turn
    int volume = 0;
  };

  void run();
  void speak(Job& job, std::uint64_t generation);
  bool interrupted(std::uint64_t generation) const { return generation_.load() != generation; }
  void log_failure_once(bool& logged, const std::string& what);

  SpeechLog& log_;
  std::unique_ptr<Synthesizer> synth_;
  std::unique_ptr<AudioSink> sink_;
  const std::chrono::milliseconds audio_retry_;
  std::atomic<int> volume_{80};

  mutable std::mutex mu_;
  std::condition_variable wake_;              // a job, an interrupt or the end: for the worker
  std::condition_variable idle_;              // the worker finished what it had: for wait_idle()
  std::optional<Job> job_;                    // the next utterance (only the newest is kept)
  std::atomic<std::uint64_t> generation_{0};  // bumped by every say() and stop(): an interrupt
  bool busy_ = false;                         // the worker is synthesising or playing
  bool quit_ = false;
  std::thread worker_;

  // Worker-only state.
  bool sink_open_ = false;
  bool announced_ = false;  // the synthesiser's start was logged
  std::optional<std::chrono::steady_clock::time_point> audio_failed_at_;
  bool synth_failure_logged_ = false;
  bool audio_failure_logged_ = false;
  std::atomic<int> failures_logged_{0};
  std::vector<std::int16_t> scaled_;
};

}  // namespace kiosk
