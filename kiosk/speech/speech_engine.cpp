// SpeechEngine (see speech_engine.h): one worker, the newest utterance wins.
#include "kiosk/speech/speech_engine.h"

#include <sodium.h>

#include <algorithm>

#include "kiosk/core/log.h"

namespace kiosk {
namespace {

// While audio plays the worker re-checks the queue at least this often; an interrupt wakes it at
// once, so this only bounds how late it notices the end of playback.
constexpr int kMaxPlaybackPollMs = 100;

void forget(std::string& text) {
  sodium_memzero(text.data(), text.size());  // it may hold a visitor's answer
  text.clear();
}

void forget(std::vector<SpokenPart>& parts) {
  for (auto& p : parts) forget(p.text);
  parts.clear();
}

}  // namespace

SpeechEngine::SpeechEngine(SpeechLog& log, std::unique_ptr<Synthesizer> synth,
                           std::unique_ptr<AudioSink> sink, std::chrono::milliseconds audio_retry)
    : log_(log), synth_(std::move(synth)), sink_(std::move(sink)), audio_retry_(audio_retry) {}

SpeechEngine::~SpeechEngine() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    quit_ = true;
    ++generation_;
    if (job_) forget(job_->parts);
    job_.reset();
  }
  wake_.notify_all();
  if (worker_.joinable()) worker_.join();
}

void SpeechEngine::say(const std::string& text, Lang lang) {
  std::vector<SpokenPart> one{SpokenPart{text, lang}};
  say_parts(one);
  forget(one);  // the copy too: it may hold a visitor's answer
}

void SpeechEngine::say_parts(const std::vector<SpokenPart>& parts) {
  for (const auto& p : parts) log_.add(p.text, p.lang);
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (quit_) return;
    if (job_) forget(job_->parts);
    job_ = Job{parts, volume_.load()};
    ++generation_;
    if (!worker_.joinable()) worker_ = std::thread([this] { run(); });
  }
  wake_.notify_all();
}

void SpeechEngine::stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (job_) forget(job_->parts);
    job_.reset();
    ++generation_;
  }
  wake_.notify_all();
}

void SpeechEngine::set_volume(int percent) { volume_ = std::clamp(percent, 0, 100); }

bool SpeechEngine::started() const {
  std::lock_guard<std::mutex> lock(mu_);
  return worker_.joinable();
}

bool SpeechEngine::wait_idle(std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(mu_);
  return idle_.wait_for(lock, timeout, [this] { return !job_ && !busy_; });
}

void SpeechEngine::run() {
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    wake_.wait(lock, [this] { return quit_ || job_; });
    if (quit_) break;
    Job job = std::move(*job_);
    job_.reset();
    const std::uint64_t generation = generation_.load();
    busy_ = true;
    lock.unlock();
    speak(job, generation);
    forget(job.parts);
    lock.lock();
    // Audio of an interrupted utterance must not play on; the device stays open only if the next
    // utterance is already waiting.
    if (sink_open_ && interrupted(generation)) sink_->clear();
    if (sink_open_ && !job_) {
      sink_->close();
      sink_open_ = false;
    }
    busy_ = false;
    if (!job_) idle_.notify_all();
  }
  if (sink_open_) {
    sink_->clear();
    sink_->close();
    sink_open_ = false;
  }
  busy_ = false;
  idle_.notify_all();
}

void SpeechEngine::log_failure_once(bool& logged, const std::string& what) {
  if (logged) return;
  logged = true;
  ++failures_logged_;
  // Never the utterance itself: it can hold a visitor's answers.
  log::warn("speech: " + what + " (logged once; speech still goes to the speech log)");
}

void SpeechEngine::speak(Job& job, std::uint64_t generation) {
  const bool silent = std::all_of(job.parts.begin(), job.parts.end(),
                                  [](const SpokenPart& p) { return p.text.empty(); });
  if (job.volume <= 0 || silent) return;  // nothing to hear: leave the device closed
  std::string error;
  const int rate = synth_->sample_rate(error);
  if (rate <= 0) {
    log_failure_once(synth_failure_logged_, "no speech synthesiser: " + error);
    return;
  }
  if (interrupted(generation)) return;
  if (!announced_) {
    announced_ = true;
    log::info("speech: synthesiser ready (" + std::to_string(rate) + " Hz)");
  }
  if (!sink_open_) {
    const auto now = std::chrono::steady_clock::now();
    if (audio_failed_at_ && now - *audio_failed_at_ < audio_retry_) return;
    if (!sink_->open(rate, error)) {
      audio_failed_at_ = now;
      log_failure_once(audio_failure_logged_, "no audio output: " + error);
      return;
    }
    audio_failed_at_.reset();
    sink_open_ = true;
  }
  const int volume = job.volume;
  auto chunk = [&](const std::int16_t* pcm, std::size_t n) {
    if (interrupted(generation)) return false;
    scaled_.resize(n);
    for (std::size_t i = 0; i < n; ++i)
      scaled_[i] = static_cast<std::int16_t>(pcm[i] * volume / 100);
    sink_->write(scaled_.data(), n);
    return !interrupted(generation);
  };
  for (const SpokenPart& part : job.parts) {
    if (part.text.empty()) continue;
    if (interrupted(generation)) return;
    if (!synth_->synthesize(part.text, part.lang, chunk, error)) {
      log_failure_once(synth_failure_logged_, "speech synthesis failed: " + error);
      return;
    }
  }
  // Let it play out, unless something newer arrives.
  std::unique_lock<std::mutex> lock(mu_);
  for (int left = sink_->pending_ms(); left > 0 && !interrupted(generation);
       left = sink_->pending_ms())
    wake_.wait_for(lock, std::chrono::milliseconds(std::min(left, kMaxPlaybackPollMs)),
                   [&] { return interrupted(generation); });
}

}  // namespace kiosk
