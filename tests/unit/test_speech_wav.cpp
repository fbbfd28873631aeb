// The WAV writer of `kiosk --say --wav`: a RIFF/WAVE PCM 16-bit mono header whose sizes and rate
// match the samples, little-endian samples, and an unwritable path refused in words.
#include <catch2/catch.hpp>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "kiosk/speech/wav.h"

using namespace kiosk;

namespace {

std::uint32_t u32(const std::string& b, std::size_t at) {
  return static_cast<std::uint32_t>(static_cast<unsigned char>(b[at])) |
         static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 1])) << 8 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 2])) << 16 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 3])) << 24;
}
std::uint16_t u16(const std::string& b, std::size_t at) {
  return static_cast<std::uint16_t>(static_cast<unsigned char>(b[at]) |
                                    static_cast<unsigned char>(b[at + 1]) << 8);
}

}  // namespace

TEST_CASE("wav_bytes writes a PCM 16-bit mono RIFF header that matches the samples") {
  const std::vector<std::int16_t> pcm = {0, 1, -1, 32767, -32768};
  const std::string b = wav_bytes(pcm, 22050);
  REQUIRE(b.size() == 44 + 10);
  CHECK(b.substr(0, 4) == "RIFF");
  CHECK(u32(b, 4) == b.size() - 8);
  CHECK(b.substr(8, 8) == "WAVEfmt ");
  CHECK(u32(b, 16) == 16);
  CHECK(u16(b, 20) == 1);  // PCM
  CHECK(u16(b, 22) == 1);  // mono
  CHECK(u32(b, 24) == 22050);
  CHECK(u32(b, 28) == 44100);  // bytes per second
  CHECK(u16(b, 32) == 2);
  CHECK(u16(b, 34) == 16);
  CHECK(b.substr(36, 4) == "data");
  CHECK(u32(b, 40) == 10);
  for (std::size_t i = 0; i < pcm.size(); ++i)
    CHECK(static_cast<std::int16_t>(u16(b, 44 + 2 * i)) == pcm[i]);
}

TEST_CASE("wav_bytes of no samples is a valid empty file") {
  const std::string b = wav_bytes({}, 16000);
  CHECK(b.size() == 44);
  CHECK(u32(b, 4) == 36);
  CHECK(u32(b, 40) == 0);
}

TEST_CASE("write_wav writes the bytes, or says why it cannot") {
  const auto dir = std::filesystem::temp_directory_path() / "kiosk-test-speech-wav";
  std::filesystem::create_directories(dir);
  const auto path = (dir / "out.wav").string();
  std::string error;
  REQUIRE(write_wav(path, {5, -5}, 8000, error));
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  CHECK(ss.str() == wav_bytes({5, -5}, 8000));
  CHECK_FALSE(write_wav((dir / "no-such-dir" / "out.wav").string(), {1}, 8000, error));
  CHECK(error.find("cannot write") != std::string::npos);
  CHECK(error.find("No such file or directory") != std::string::npos);
  std::filesystem::remove_all(dir);
}
