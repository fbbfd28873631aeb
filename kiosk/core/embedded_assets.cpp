// Look-ups over the generated table of embedded assets (see cmake/embed_assets.cmake).
#include "kiosk/core/embedded_assets.h"

namespace kiosk::assets {

std::optional<std::string_view> find(std::string_view path) {
  for (const auto& f : all())
    if (f.path == path) return f.data;
  return std::nullopt;
}

std::map<std::string, std::string> under(std::string_view prefix) {
  std::map<std::string, std::string> out;
  for (const auto& f : all())
    if (f.path.starts_with(prefix))
      out.emplace(std::string(f.path.substr(prefix.size())), std::string(f.data));
  return out;
}

}  // namespace kiosk::assets
