// Strings: the UI's own words (button labels, titles, prompts) in English and Spanish, from
// assets/strings/en.json and es.json (flat objects, key -> text), compiled into the binary.
// Content (programs, notices) comes from the catalogue instead. A unit test proves both files
// have the same keys, no empty text and only characters the UI font draws.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kiosk/core/lang.h"

namespace kiosk {

class Strings {
 public:
  // Parses both files; on any problem returns nullopt and fills `errors` ("es.json: key x: ...").
  static std::optional<Strings> parse(std::string_view en_json, std::string_view es_json,
                                      std::vector<std::string>& errors);
  // The embedded strings, parsed once. If they were broken (a test prevents it) every look-up
  // shows its key, which is visible but never a crash.
  static const Strings& builtin();

  // The text for `key`; the key itself when missing (logged once per key).
  const std::string& get(Lang lang, std::string_view key) const;
  // get() with each "{name}" replaced by its value: format(l, "idle.countdown", {{"n", "20"}}).
  std::string format(Lang lang, std::string_view key,
                     const std::vector<std::pair<std::string, std::string>>& args) const;
  std::vector<std::string> keys() const;

 private:
  std::map<std::string, std::string, std::less<>> en_, es_;
};

}  // namespace kiosk
