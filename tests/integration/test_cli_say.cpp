// `kiosk --say TEXT [--lang es] --wav FILE` (issue 16): the real binary writes a RIFF PCM 16-bit
// mono WAV of real speech (long enough, and loud: RMS well above silence) in English and Spanish
// without an audio device, and refuses in words, exit 2, a path it cannot write, missing voice
// data, and misuse.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <vector>

#include "tests/support/kiosk_cli.h"
#include "tests/support/test_server.h"

namespace fs = std::filesystem;
using namespace kiosk::test_cli;
using kiosk::test_upload::ScratchDir;

namespace {

// Speech from espeak-ng peaks in the thousands; its RMS over a word is ~3000. A silent or
// near-silent file (a broken volume, an empty synthesis padded with zeros) is far below this.
constexpr double kMinRms = 500.0;
constexpr double kMinSeconds = 0.3;

struct Wav {
  int rate = 0, channels = 0, bits = 0;
  std::vector<std::int16_t> samples;
  double seconds() const { return rate > 0 ? static_cast<double>(samples.size()) / rate : 0; }
};

std::uint32_t le(const std::string& b, std::size_t at, int bytes) {
  std::uint32_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = v << 8 | static_cast<unsigned char>(b[at + i]);
  return v;
}

Wav parse_wav(const std::string& b) {
  Wav w;
  REQUIRE(b.size() >= 44);
  REQUIRE(b.substr(0, 4) == "RIFF");
  REQUIRE(b.substr(8, 4) == "WAVE");
  REQUIRE(b.substr(12, 4) == "fmt ");
  REQUIRE(le(b, 20, 2) == 1);  // PCM
  w.channels = static_cast<int>(le(b, 22, 2));
  w.rate = static_cast<int>(le(b, 24, 4));
  w.bits = static_cast<int>(le(b, 34, 2));
  REQUIRE(b.substr(36, 4) == "data");
  const std::uint32_t n = le(b, 40, 4);
  REQUIRE(b.size() == 44 + n);
  for (std::size_t i = 44; i + 1 < b.size(); i += 2)
    w.samples.push_back(static_cast<std::int16_t>(le(b, i, 2)));
  return w;
}

double rms(const std::vector<std::int16_t>& s) {
  if (s.empty()) return 0;
  double sum = 0;
  for (auto v : s) sum += static_cast<double>(v) * v;
  return std::sqrt(sum / static_cast<double>(s.size()));
}

struct Say {
  ScratchDir home{"kiosk-cli-say"};
  Run run(const std::vector<std::string>& args) const {
    return run_kiosk(args, {.work = home.path(), .cwd = home.path()});
  }
  fs::path file(const std::string& name) const { return home / name; }
};

void check_speech(const Say& s, const std::vector<std::string>& args, const std::string& wav,
                  const std::string& voice) {
  const Run r = s.run(args);
  INFO(r.err);
  REQUIRE(r.code == 0);
  CHECK(r.out.find("voice " + voice) != std::string::npos);
  const Wav w = parse_wav(read_file(s.file(wav)));
  CHECK(w.channels == 1);
  CHECK(w.bits == 16);
  CHECK(w.rate >= 8000);
  CHECK(w.seconds() >= kMinSeconds);
  CHECK(rms(w.samples) > kMinRms);
  // The threshold tells speech from silence of the same length.
  CHECK_FALSE(rms(std::vector<std::int16_t>(w.samples.size(), 0)) > kMinRms);
}

}  // namespace

TEST_CASE("kiosk --say writes English speech to a WAV file") {
  Say s;
  check_speech(s, {"--say", "Hello", "--wav", "x.wav"}, "x.wav", "en-us");
}

TEST_CASE("kiosk --say --lang es writes Spanish speech to a WAV file") {
  Say s;
  check_speech(s, {"--say", "Hola", "--lang", "es", "--wav", "y.wav"}, "y.wav", "es-419");
}

TEST_CASE("kiosk --say refuses a WAV path it cannot write, in words, exit 2") {
  Say s;
  const fs::path bad = s.file("no-such-dir") / "x.wav";
  const Run r = s.run({"--say", "Hello", "--wav", bad.string()});
  CHECK(r.code == 2);
  CHECK(r.err.find("cannot write " + bad.string()) != std::string::npos);
  CHECK(r.err.find("No such file or directory") != std::string::npos);
  CHECK_FALSE(fs::exists(bad));
  const Run dir = s.run({"--say", "Hello", "--wav", s.home.path()});  // a directory
  CHECK(dir.code == 2);
  CHECK(dir.err.find("cannot write") != std::string::npos);
}

TEST_CASE("kiosk --say without voice data says what to install, exit 2") {
  Say s;
  // espeak-ng reads ESPEAK_DATA_PATH/espeak-ng-data first: an empty one is voice data gone missing.
  fs::create_directories(s.file("data") / "espeak-ng-data");
  ::setenv("ESPEAK_DATA_PATH", s.file("data").c_str(), 1);
  const Run r = s.run({"--say", "Hello", "--wav", "x.wav"});
  ::unsetenv("ESPEAK_DATA_PATH");
  CHECK(r.code == 2);
  CHECK(r.err.find("espeak-ng-data") != std::string::npos);
  CHECK_FALSE(fs::exists(s.file("x.wav")));
}

TEST_CASE("kiosk --say misuse is refused, exit 2") {
  Say s;
  CHECK(s.run({"--say", "Hello"}).err.find("--wav") != std::string::npos);
  CHECK(s.run({"--say", "Hello"}).code == 2);
  CHECK(s.run({"--wav", "x.wav"}).code == 2);
  CHECK(s.run({"--say", "", "--wav", "x.wav"}).code == 2);
  CHECK(s.run({"--say", "Hola", "--lang", "fr", "--wav", "x.wav"}).code == 2);
  CHECK_FALSE(fs::exists(s.file("x.wav")));
}
