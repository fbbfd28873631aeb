// Shared by the libFuzzer harnesses: the fuzzer's bytes as text, and cutting a leading line off
// (harnesses whose input has several parts, e.g. a file name then its bytes, read them line by line).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace kiosk::fuzz {

inline std::string_view as_text(const uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// The text up to the first "\n" (all of it when there is none); `rest` keeps what follows.
inline std::string take_line(std::string_view& rest) {
  auto nl = rest.find('\n');
  std::string line(rest.substr(0, nl));
  rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
  return line;
}

}  // namespace kiosk::fuzz
