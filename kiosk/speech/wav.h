// WAV (RIFF, PCM 16-bit mono) encoding for `kiosk --say --wav`: what an installer plays to check
// the voice, and what the speech tests measure.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace kiosk {

// The whole file: a 44-byte RIFF/WAVE header (format 1, one channel, 16 bits) and the samples,
// little-endian.
std::string wav_bytes(const std::vector<std::int16_t>& pcm, int sample_rate);

// Writes wav_bytes() to `path`. False with `error` in words when it cannot be written.
bool write_wav(const std::string& path, const std::vector<std::int16_t>& pcm, int sample_rate,
               std::string& error);

}  // namespace kiosk
