// The field format's type list, looked up.
#include "kiosk/content/field_format.h"

#include <algorithm>

namespace kiosk::content::field_format {

bool is_type(std::string_view t) {
  return std::find(kTypeNames.begin(), kTypeNames.end(), t) != kTypeNames.end();
}

}  // namespace kiosk::content::field_format
