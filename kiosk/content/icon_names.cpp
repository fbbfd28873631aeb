// Icon names: lookup in the generated table (binary search: the generator sorts it).
#include "kiosk/content/icon_names.h"

#include <algorithm>

namespace kiosk::content {

std::optional<char32_t> icon_code(std::string_view name) {
  const IconName* end = kIconNames + kIconNameCount;
  const IconName* it = std::lower_bound(
      kIconNames, end, name, [](const IconName& a, std::string_view n) { return a.name < n; });
  if (it == end || it->name != name) return std::nullopt;
  return it->code;
}

}  // namespace kiosk::content
