// Whole-file reads with a size bound: the one place the kiosk turns a path into bytes, so every
// caller gets the same "cannot read: <why>" / "file too large" reasons and a mistaken path (a
// device, a huge log) can never make the kiosk swallow unbounded input.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

namespace kiosk {

// Generous for anything the kiosk reads whole (config, content, manifests); callers that know
// their files are smaller pass their own bound.
inline constexpr std::uintmax_t kDefaultMaxFileBytes = 16 * 1024 * 1024;

// The bytes of `path`, or nullopt with `reason` set: "cannot read: No such file or directory",
// "file too large (3145728 bytes; at most 2097152)". Reads at most `max_bytes`.
std::optional<std::string> read_file(const std::string& path, std::string& reason,
                                     std::uintmax_t max_bytes = kDefaultMaxFileBytes);

}  // namespace kiosk
