// Embedded assets: the bundled content, forms and strings compiled into the binary, so the kiosk
// can always fall back to known-good defaults. Paths are relative to assets/, e.g. "content/programs.json".
#pragma once
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace kiosk::assets {

struct EmbeddedFile {
  std::string_view path;
  std::string_view data;
};

// Every embedded file, sorted by path.
std::span<const EmbeddedFile> all();

// The bytes of one embedded file, or nullopt.
std::optional<std::string_view> find(std::string_view path);

// Every embedded file under `prefix` ("content/"), keyed by the path below the prefix ("programs.json").
std::map<std::string, std::string> under(std::string_view prefix);

}  // namespace kiosk::assets
