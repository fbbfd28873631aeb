// SpeechEngine's queue and interrupt logic with a fake synthesiser and a fake audio sink (no
// espeak-ng, no audio device): the log gets every utterance at once, a newer utterance stops the
// older one between chunks and drops its unplayed audio, the device is open only while speaking,
// volume scales the samples, and a missing device or synthesiser is reported once.
#include <catch2/catch.hpp>

#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "kiosk/speech/speech_engine.h"

using namespace kiosk;
using namespace std::chrono_literals;

namespace {

constexpr int kChunks = 5;
constexpr std::size_t kChunkLen = 100;

// Each text is a run of chunks whose samples all hold one value (1000 for the first text it sees,
// 2000 for the second...), so the sink can tell whose audio it received. Can hold the synthesis
// after the first chunk of a given text until released.
class FakeSynth : public Synthesizer {
 public:
  int rate = 16000;
  std::string hold_text;  // synthesis of this text waits after its first chunk

  int sample_rate(std::string& error) override {
    if (rate <= 0) error = "no voices";
    return rate;
  }
  bool synthesize(const std::string& text, Lang lang, const ChunkFn& chunk, std::string&) override {
    std::int16_t value;
    {
      std::lock_guard<std::mutex> lock(mu);
      texts.push_back(text);
      langs.push_back(lang);
      value = static_cast<std::int16_t>(1000 * texts.size());
    }
    std::vector<std::int16_t> pcm(kChunkLen, value);
    for (int i = 0; i < kChunks; ++i) {
      if (!chunk(pcm.data(), pcm.size())) return true;
      if (i == 0 && text == hold_text) {
        std::unique_lock<std::mutex> lock(mu);
        held = true;
        cv.notify_all();
        cv.wait(lock, [this] { return released; });
      }
    }
    return true;
  }
  bool wait_held() {
    std::unique_lock<std::mutex> lock(mu);
    return cv.wait_for(lock, 5s, [this] { return held; });
  }
  void release() {
    std::lock_guard<std::mutex> lock(mu);
    released = true;
    cv.notify_all();
  }
  std::vector<std::string> said() {
    std::lock_guard<std::mutex> lock(mu);
    return texts;
  }
  std::vector<Lang> voices() {
    std::lock_guard<std::mutex> lock(mu);
    return langs;
  }

 private:
  std::mutex mu;
  std::condition_variable cv;
  std::vector<std::string> texts;
  std::vector<Lang> langs;
  bool held = false, released = false;
};

// Records what the engine does to the device. While `playing` is set, written audio never finishes
// playing (pending_ms stays above zero), like a long utterance still sounding.
class FakeSink : public AudioSink {
 public:
  bool open(int rate, std::string& error) override {
    std::lock_guard<std::mutex> lock(mu_);
    if (fail_open) {
      error = "no device";
      return false;
    }
    events_.push_back("open " + std::to_string(rate));
    return true;
  }
  void write(const std::int16_t* pcm, std::size_t n) override {
    std::lock_guard<std::mutex> lock(mu_);
    events_.push_back("write " + std::to_string(pcm[0]));
    samples_[pcm[0]] += n;
    unplayed_ = true;
  }
  int pending_ms() override {
    std::lock_guard<std::mutex> lock(mu_);
    if (playing && unplayed_) return 1000;
    unplayed_ = false;
    return 0;
  }
  void clear() override {
    std::lock_guard<std::mutex> lock(mu_);
    events_.push_back("clear");
    unplayed_ = false;
  }
  void close() override {
    std::lock_guard<std::mutex> lock(mu_);
    events_.push_back("close");
    ++*closes;
  }

  std::vector<std::string> events() {
    std::lock_guard<std::mutex> lock(mu_);
    return events_;
  }
  std::size_t samples(int value) {
    std::lock_guard<std::mutex> lock(mu_);
    return samples_[value];
  }
  std::atomic<bool> fail_open{false};
  std::atomic<bool> playing{false};
  // Outlives the sink (the engine owns and destroys it).
  std::shared_ptr<std::atomic<int>> closes = std::make_shared<std::atomic<int>>(0);

 private:
  std::mutex mu_;
  std::vector<std::string> events_;
  std::map<int, std::size_t> samples_;
  bool unplayed_ = false;
};

struct Rig {
  SpeechLog log;
  FakeSynth* synth;
  FakeSink* sink;
  std::unique_ptr<SpeechEngine> engine;
  std::shared_ptr<std::atomic<int>> sink_closes;
  explicit Rig(std::chrono::milliseconds audio_retry = 0ms) {
    auto s = std::make_unique<FakeSynth>();
    auto k = std::make_unique<FakeSink>();
    synth = s.get();
    sink = k.get();
    sink_closes = k->closes;
    engine = std::make_unique<SpeechEngine>(log, std::move(s), std::move(k), audio_retry);
  }
  std::vector<std::string> logged() {
    std::vector<std::string> out;
    for (const auto& u : log.since(0)) out.push_back(u.text);
    return out;
  }
};

template <class Pred>
bool eventually(Pred pred) {
  for (auto end = std::chrono::steady_clock::now() + 5s; std::chrono::steady_clock::now() < end;
       std::this_thread::sleep_for(1ms))
    if (pred()) return true;
  return false;
}

std::size_t count(const std::vector<std::string>& v, const std::string& s) {
  return static_cast<std::size_t>(std::count(v.begin(), v.end(), s));
}

}  // namespace

TEST_CASE("an utterance is logged at once, played whole, and the device closed after") {
  Rig r;
  CHECK_FALSE(r.engine->started());  // nothing runs before there is something to say
  r.engine->say("Welcome", Lang::En);
  CHECK(r.logged() == std::vector<std::string>{"Welcome"});
  REQUIRE(r.engine->wait_idle(5s));
  CHECK(r.engine->started());
  CHECK(r.synth->said() == std::vector<std::string>{"Welcome"});
  const auto ev = r.sink->events();
  REQUIRE(ev.size() == kChunks + 2);
  CHECK(ev.front() == "open 16000");
  CHECK(ev.back() == "close");
  CHECK(r.sink->samples(800) == kChunks * kChunkLen);  // 1000 at the default volume, 80 %
  CHECK(r.engine->failures_logged() == 0);
}

TEST_CASE("an utterance in two languages is synthesised part by part, each in its voice") {
  Rig r;
  r.engine->say_parts({{"Touch to start", Lang::En}, {"Toque para comenzar", Lang::Es}});
  const auto logged = r.log.since(0);
  REQUIRE(logged.size() == 2);
  CHECK(logged[0].lang == Lang::En);
  CHECK(logged[1].text == "Toque para comenzar");
  CHECK(logged[1].lang == Lang::Es);
  REQUIRE(r.engine->wait_idle(5s));
  CHECK(r.synth->said() == std::vector<std::string>{"Touch to start", "Toque para comenzar"});
  CHECK(r.synth->voices() == std::vector<Lang>{Lang::En, Lang::Es});
  // One utterance: the device opened once, both parts' audio played, then closed.
  const auto ev = r.sink->events();
  REQUIRE(ev.size() == 2 * kChunks + 2);
  CHECK(ev.front() == "open 16000");
  CHECK(ev.back() == "close");
  CHECK(r.sink->samples(800) == kChunks * kChunkLen);
  CHECK(r.sink->samples(1600) == kChunks * kChunkLen);
}

TEST_CASE("a new utterance stops the synthesis of the previous one between chunks") {
  Rig r;
  r.synth->hold_text = "first";
  r.engine->say("first", Lang::En);
  REQUIRE(r.synth->wait_held());
  r.engine->say("second", Lang::Es);
  r.synth->release();
  REQUIRE(r.engine->wait_idle(5s));
  CHECK(r.logged() == std::vector<std::string>{"first", "second"});
  CHECK(r.synth->said() == std::vector<std::string>{"first", "second"});
  CHECK(r.sink->samples(800) == kChunkLen);             // only the chunk before the interrupt
  CHECK(r.sink->samples(1600) == kChunks * kChunkLen);  // the newer one whole
  const auto ev = r.sink->events();
  CHECK(count(ev, "open 16000") == 1);  // one device for both: no close/open click in between
  CHECK(count(ev, "clear") == 1);
  CHECK(ev.back() == "close");
}

TEST_CASE("a new utterance drops the unplayed audio of the one still playing") {
  Rig r;
  r.sink->playing = true;
  r.engine->say("first", Lang::En);
  REQUIRE(eventually([&] { return r.sink->samples(800) == kChunks * kChunkLen; }));
  r.engine->say("second", Lang::En);
  REQUIRE(eventually([&] { return r.sink->samples(1600) == kChunks * kChunkLen; }));
  auto ev = r.sink->events();
  // The first utterance's audio was cleared before the second's was written.
  const auto clear_at = std::find(ev.begin(), ev.end(), "clear");
  REQUIRE(clear_at != ev.end());
  CHECK(std::find(clear_at, ev.end(), "write 1600") != ev.end());
  CHECK(std::find(ev.begin(), clear_at, "write 1600") == clear_at);
  r.sink->playing = false;  // the second finishes playing
  REQUIRE(r.engine->wait_idle(5s));
  ev = r.sink->events();
  CHECK(count(ev, "open 16000") == 1);
  CHECK(count(ev, "clear") == 1);
  CHECK(ev.back() == "close");
}

TEST_CASE("stop silences what is playing, closes the device and drops what was queued") {
  Rig r;
  r.sink->playing = true;
  r.engine->say("long text", Lang::En);
  REQUIRE(eventually([&] { return r.sink->samples(800) == kChunks * kChunkLen; }));
  r.engine->stop();
  REQUIRE(r.engine->wait_idle(5s));  // still "playing": only the stop ended it
  const auto ev = r.sink->events();
  REQUIRE(ev.size() >= 2);
  CHECK(ev[ev.size() - 2] == "clear");
  CHECK(ev.back() == "close");
  CHECK(r.logged() == std::vector<std::string>{"long text"});  // stop() does not unsay it
}

TEST_CASE("volume scales the samples of the next utterance, and at 0 no device is opened") {
  Rig r;
  r.engine->set_volume(50);
  CHECK(r.engine->volume() == 50);
  r.engine->say("half", Lang::En);
  REQUIRE(r.engine->wait_idle(5s));
  CHECK(r.sink->samples(500) == kChunks * kChunkLen);
  r.engine->set_volume(150);
  CHECK(r.engine->volume() == 100);
  r.engine->set_volume(0);
  const auto before = r.sink->events().size();
  r.engine->say("silent", Lang::En);
  REQUIRE(r.engine->wait_idle(5s));
  CHECK(r.sink->events().size() == before);
  CHECK(r.logged() == std::vector<std::string>{"half", "silent"});
}

TEST_CASE("without an audio device speech still reaches the log and the failure is logged once") {
  Rig r;
  r.sink->fail_open = true;
  for (const char* t : {"one", "two", "three"}) {
    r.engine->say(t, Lang::En);
    REQUIRE(r.engine->wait_idle(5s));
  }
  CHECK(r.logged() == std::vector<std::string>{"one", "two", "three"});
  CHECK(r.synth->said().empty());  // nothing synthesised for nobody to hear
  CHECK(r.engine->failures_logged() == 1);
  r.sink->fail_open = false;  // a headset plugged in later is used
  r.engine->say("four", Lang::En);
  REQUIRE(r.engine->wait_idle(5s));
  CHECK(r.synth->said() == std::vector<std::string>{"four"});
}

TEST_CASE("after the audio device failed, it is tried again only after the retry interval") {
  Rig r(1h);
  r.sink->fail_open = true;
  r.engine->say("one", Lang::En);
  REQUIRE(r.engine->wait_idle(5s));
  r.sink->fail_open = false;
  r.engine->say("two", Lang::En);  // within the hour: not tried, not synthesised
  REQUIRE(r.engine->wait_idle(5s));
  CHECK(r.sink->events().empty());
  CHECK(r.synth->said().empty());
  CHECK(r.logged() == std::vector<std::string>{"one", "two"});
}

TEST_CASE("without voice data speech still reaches the log and the failure is logged once") {
  Rig r;
  r.synth->rate = 0;
  r.engine->say("one", Lang::En);
  REQUIRE(r.engine->wait_idle(5s));
  r.engine->say("two", Lang::Es);
  REQUIRE(r.engine->wait_idle(5s));
  CHECK(r.logged() == std::vector<std::string>{"one", "two"});
  CHECK(r.engine->failures_logged() == 1);
  CHECK(r.sink->events().empty());
}

TEST_CASE("destroying the engine while it speaks returns promptly") {
  Rig r;
  r.sink->playing = true;  // would play "forever"
  r.engine->say("still speaking", Lang::En);
  REQUIRE(eventually([&] { return r.sink->samples(800) > 0; }));
  const auto t0 = std::chrono::steady_clock::now();
  r.engine.reset();  // the sink goes with it
  CHECK(std::chrono::steady_clock::now() - t0 < 1s);
  CHECK(*r.sink_closes == 1);
}
