// Strings: parse and look up the embedded UI strings (assets/strings/*.json).
#include "kiosk/core/strings.h"

#include <mutex>
#include <nlohmann/json.hpp>
#include <set>

#include "kiosk/core/embedded_assets.h"
#include "kiosk/core/log.h"
#include "kiosk/core/utf8.h"

namespace kiosk {
namespace {

using Table = std::map<std::string, std::string, std::less<>>;

bool parse_one(std::string_view text, const std::string& name, Table& out,
               std::vector<std::string>& errors) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    errors.push_back(name + ": not a JSON object of key -> text");
    return false;
  }
  bool ok = true;
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (!it.value().is_string()) {
      errors.push_back(name + ": key " + it.key() + ": expected a string");
      ok = false;
      continue;
    }
    std::string v = it.value().get<std::string>();
    if (v.empty() || !utf8::is_bmp_only(v)) {
      errors.push_back(name + ": key " + it.key() + ": empty or not displayable UTF-8");
      ok = false;
      continue;
    }
    out.emplace(it.key(), std::move(v));
  }
  return ok;
}

}  // namespace

std::optional<Strings> Strings::parse(std::string_view en_json, std::string_view es_json,
                                      std::vector<std::string>& errors) {
  Strings s;
  bool ok = parse_one(en_json, "en.json", s.en_, errors);
  ok = parse_one(es_json, "es.json", s.es_, errors) && ok;
  for (const auto& [k, v] : s.en_)
    if (!s.es_.count(k))
      errors.push_back("es.json: key " + k + ": missing (present in en.json)"), ok = false;
  for (const auto& [k, v] : s.es_)
    if (!s.en_.count(k))
      errors.push_back("en.json: key " + k + ": missing (present in es.json)"), ok = false;
  if (!ok) return std::nullopt;
  return s;
}

const Strings& Strings::builtin() {
  static const Strings s = [] {
    std::vector<std::string> errors;
    auto en = assets::find("strings/en.json");
    auto es = assets::find("strings/es.json");
    std::optional<Strings> parsed =
        Strings::parse(en ? *en : std::string_view{}, es ? *es : std::string_view{}, errors);
    for (const auto& e : errors) log::error("ui strings: " + e);
    return parsed ? *parsed : Strings{};
  }();
  return s;
}

const std::string& Strings::get(Lang lang, std::string_view key) const {
  const Table& t = lang == Lang::Es ? es_ : en_;
  if (auto it = t.find(key); it != t.end()) return it->second;
  // Missing: show the key itself (keys are ASCII, so always drawable) and say so once.
  static std::mutex mu;
  static std::set<std::string, std::less<>> missing;
  std::lock_guard lk(mu);
  auto [it, inserted] = missing.emplace(std::string(lang_code(lang)) + ":" + std::string(key));
  if (inserted) log::warn("ui strings: missing key " + *it);
  return *it;  // set elements never move, so the reference stays valid
}

std::string Strings::format(Lang lang, std::string_view key,
                            const std::vector<std::pair<std::string, std::string>>& args) const {
  std::string out = get(lang, key);
  for (const auto& [name, value] : args) {
    const std::string token = "{" + name + "}";
    for (std::size_t pos = out.find(token); pos != std::string::npos;
         pos = out.find(token, pos + value.size()))
      out.replace(pos, token.size(), value);
  }
  return out;
}

std::vector<std::string> Strings::keys() const {
  std::vector<std::string> out;
  for (const auto& [k, v] : en_) out.push_back(k);
  return out;
}

}  // namespace kiosk
