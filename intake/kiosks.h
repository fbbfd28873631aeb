// The registered kiosks: name, kiosk id, collector (Ed25519) public key and a hash of the upload
// token. The token itself is shown once by add-kiosk and never stored.
#pragma once
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

namespace intake {

struct KioskRow {
  std::string name;
  std::string kiosk_id;
  std::string collector_public_key;
  std::string registered_at;
  std::optional<std::string> revoked_at;
};

// A new upload token: 32 random bytes as 64 lower-case hex digits.
std::string new_upload_token();
// What the database keeps of a token: SHA-256 as hex.
std::string token_hash(const std::string& token);

// Registers a kiosk and returns its new token. Throws std::runtime_error with the reason when the
// name is taken, the kiosk id already has a live registration, or the key or id are malformed.
std::string add_kiosk(pqxx::connection& c, const std::string& name, const std::string& kiosk_id,
                      const std::string& collector_public_key);
// Revokes by name; false when no live kiosk has that name.
bool revoke_kiosk(pqxx::connection& c, const std::string& name);
std::vector<KioskRow> list_kiosks(pqxx::connection& c);

}  // namespace intake
