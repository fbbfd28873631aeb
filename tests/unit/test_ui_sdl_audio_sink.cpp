// SdlAudioSink on SDL's dummy audio driver (which plays in real time, with no sound card): the
// device opens, written audio counts as pending until it has played, clear() drops it, and a
// driver that does not exist fails open() in words. Each case uses its own driver setting, so
// SDL's audio subsystem is started and stopped inside it.
#include <catch2/catch.hpp>

#include <SDL.h>

#include <chrono>
#include <cstdlib>
#include <thread>
#include <vector>

#include "ui/platform/sdl_audio_sink.h"

using kiosk::ui::SdlAudioSink;
using namespace std::chrono_literals;

TEST_CASE("SdlAudioSink plays queued audio out, and clear() drops what has not played") {
  ::setenv("SDL_AUDIODRIVER", "dummy", 1);
  {
    SdlAudioSink sink;
    std::string error;
    REQUIRE(sink.open(22050, error));
    CHECK(sink.pending_ms() == 0);
    const std::vector<std::int16_t> tone(22050 / 5, 1000);  // 200 ms
    sink.write(tone.data(), tone.size());
    const int first = sink.pending_ms();
    CHECK(first > 100);
    CHECK(first <= 200 + 100);  // the queue plus at most one device buffer
    // It drains in about real time.
    const auto end = std::chrono::steady_clock::now() + 3s;
    while (sink.pending_ms() > 0 && std::chrono::steady_clock::now() < end)
      std::this_thread::sleep_for(10ms);
    CHECK(sink.pending_ms() == 0);
    const std::vector<std::int16_t> long_tone(22050 * 5, 1000);  // 5 s
    sink.write(long_tone.data(), long_tone.size());
    CHECK(sink.pending_ms() > 4000);
    sink.clear();
    CHECK(sink.pending_ms() == 0);
    sink.close();
    CHECK(sink.pending_ms() == 0);
    sink.write(tone.data(), tone.size());  // closed: ignored
    CHECK(sink.pending_ms() == 0);
  }
  ::unsetenv("SDL_AUDIODRIVER");
  SDL_Quit();
}

TEST_CASE("SdlAudioSink without a usable audio driver fails open() in words") {
  ::setenv("SDL_AUDIODRIVER", "no-such-driver", 1);
  {
    SdlAudioSink sink;
    std::string error;
    CHECK_FALSE(sink.open(22050, error));
    CHECK(error.find("audio") != std::string::npos);
    CHECK(sink.pending_ms() == 0);
  }
  ::unsetenv("SDL_AUDIODRIVER");
  SDL_Quit();
}
