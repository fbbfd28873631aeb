// The kiosk's one rule for an e-mail address, used where a visitor types one (forms) and where
// content lists one (contacts, programs): a practical subset of RFC 5321 that mail servers accept.
#pragma once
#include <string_view>

namespace kiosk {

// local@domain: local part of letters, digits and !#$%&'*+/=?^_`{|}~-. (no leading, trailing or
// doubled dot, at most 64), a domain of at least two dot-separated labels of letters, digits and
// inner hyphens (at most 63 each) ending in a letters-only top-level label; at most 254 in all.
bool is_valid_email(std::string_view s);

}  // namespace kiosk
