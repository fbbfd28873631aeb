// The payload the outbox crash child writes for (run, n): deterministic, so the test can tell a whole
// row from a half-written one byte for byte. Sizes vary from a few bytes to several overflow pages.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

namespace outbox_crash {

inline std::string tag(int run, int n) {
  return "r" + std::to_string(run) + "n" + std::to_string(n);
}

inline std::string expected_payload(int run, int n) {
  uint64_t h =
      (static_cast<uint64_t>(run) << 32) ^ static_cast<uint64_t>(n) ^ 0x9e3779b97f4a7c15ULL;
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  const std::size_t len =
      (h % 5 == 0) ? 2000 + h % 10000 : 20 + h % 1500;  // 1 in 5 spills over pages
  std::string filler(len, static_cast<char>('a' + h % 26));
  for (std::size_t i = 0; i < len; i += 97) filler[i] = static_cast<char>('0' + (i / 97) % 10);
  return nlohmann::json{
      {"run", run}, {"n", n}, {"name", "Visitor " + tag(run, n)}, {"notes", filler}}
      .dump();
}

}  // namespace outbox_crash
