// WAV encoding (see wav.h). Written byte by byte so the file is little-endian on any host.
#include "kiosk/speech/wav.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace kiosk {
namespace {

void put16(std::string& out, std::uint16_t v) {
  out += static_cast<char>(v & 0xff);
  out += static_cast<char>((v >> 8) & 0xff);
}

void put32(std::string& out, std::uint32_t v) {
  put16(out, static_cast<std::uint16_t>(v & 0xffff));
  put16(out, static_cast<std::uint16_t>(v >> 16));
}

}  // namespace

std::string wav_bytes(const std::vector<std::int16_t>& pcm, int sample_rate) {
  const std::uint32_t data_bytes = static_cast<std::uint32_t>(pcm.size() * 2);
  const std::uint32_t rate = static_cast<std::uint32_t>(sample_rate);
  std::string out;
  out.reserve(44 + data_bytes);
  out += "RIFF";
  put32(out, 36 + data_bytes);
  out += "WAVE";
  out += "fmt ";
  put32(out, 16);        // the PCM format chunk's size
  put16(out, 1);         // PCM
  put16(out, 1);         // mono
  put32(out, rate);      // samples per second
  put32(out, rate * 2);  // bytes per second
  put16(out, 2);         // bytes per frame
  put16(out, 16);        // bits per sample
  out += "data";
  put32(out, data_bytes);
  for (std::int16_t s : pcm) put16(out, static_cast<std::uint16_t>(s));
  return out;
}

bool write_wav(const std::string& path, const std::vector<std::int16_t>& pcm, int sample_rate,
               std::string& error) {
  const std::string bytes = wav_bytes(pcm, sample_rate);
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) {
    error = "cannot write " + path + ": " + std::strerror(errno);
    return false;
  }
  bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  int write_errno = errno;
  if (std::fclose(f) != 0 && ok) {
    ok = false;
    write_errno = errno;
  }
  if (!ok) {
    std::remove(path.c_str());
    error = "cannot write " + path + ": " + std::strerror(write_errno);
  }
  return ok;
}

}  // namespace kiosk
