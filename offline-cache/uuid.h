// Random identifiers: UUIDv4 from libsodium's CSPRNG, for submission ids and the kiosk id.
#pragma once
#include <string>

namespace kiosk::store {

// "xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx", lower-case. Throws StoreError if libsodium cannot start.
std::string uuid_v4();
// True for the canonical lower-case form above (version 4, RFC 4122 variant).
bool is_uuid_v4(const std::string& s);

}  // namespace kiosk::store
