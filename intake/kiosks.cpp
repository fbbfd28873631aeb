// Kiosk registration commands (add-kiosk, revoke-kiosk, list-kiosks); see kiosks.h.
#include "intake/kiosks.h"

#include <sodium.h>

#include <array>
#include <stdexcept>

#include "kiosk/core/digest.h"
#include "kiosk/crypto/signing_key.h"
#include "kiosk/crypto/sodium_init.h"

namespace intake {

namespace {

bool plain_id(const std::string& s, std::size_t max_len) {
  if (s.empty() || s.size() > max_len) return false;
  for (char ch : s) {
    const bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                    (ch >= '0' && ch <= '9') || ch == '-' || ch == '_' || ch == '.';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

std::string new_upload_token() {
  kiosk::crypto::ensure_sodium();
  std::array<unsigned char, 32> raw{};
  randombytes_buf(raw.data(), raw.size());
  std::string t = kiosk::hex(raw.data(), raw.size());
  sodium_memzero(raw.data(), raw.size());
  return t;
}

std::string token_hash(const std::string& token) { return kiosk::sha256_hex(token); }

std::string add_kiosk(pqxx::connection& c, const std::string& name, const std::string& kiosk_id,
                      const std::string& collector_public_key) {
  if (!plain_id(name, 64))
    throw std::runtime_error("--name must be 1 to 64 letters, digits, '-', '_' or '.'");
  if (!plain_id(kiosk_id, 64))
    throw std::runtime_error("--kiosk-id must be the kiosk_id from the kiosk's --status (a UUID)");
  auto key = kiosk::crypto::CollectorPublicKey::parse(collector_public_key);
  if (!key)
    throw std::runtime_error("--public-key " + key.error() +
                             " (use collector_public_key from the kiosk's --status)");
  pqxx::work w(c);
  if (!w.exec_params("SELECT 1 FROM kiosks WHERE name = $1", name).empty())
    throw std::runtime_error("a kiosk named " + name +
                             " is already registered (names are never reused)");
  auto live =
      w.exec_params("SELECT name FROM kiosks WHERE kiosk_id = $1 AND revoked_at IS NULL", kiosk_id);
  if (!live.empty())
    throw std::runtime_error("kiosk id " + kiosk_id + " is already registered as " +
                             live[0][0].as<std::string>() + ": revoke-kiosk it first");
  std::string token = new_upload_token();
  w.exec_params0(
      "INSERT INTO kiosks (name, kiosk_id, collector_public_key, token_sha256) VALUES ($1, $2, $3, "
      "$4)",
      name, kiosk_id, key->base64(), token_hash(token));
  w.commit();
  return token;
}

bool revoke_kiosk(pqxx::connection& c, const std::string& name) {
  pqxx::work w(c);
  auto r = w.exec_params(
      "UPDATE kiosks SET revoked_at = now() WHERE name = $1 AND revoked_at IS NULL", name);
  w.commit();
  return r.affected_rows() == 1;
}

std::vector<KioskRow> list_kiosks(pqxx::connection& c) {
  pqxx::work w(c);
  std::vector<KioskRow> out;
  for (const auto& row :
       w.exec("SELECT name, kiosk_id, collector_public_key, "
              "to_char(registered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "
              "to_char(revoked_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') "
              "FROM kiosks ORDER BY name")) {
    KioskRow k;
    k.name = row[0].as<std::string>();
    k.kiosk_id = row[1].as<std::string>();
    k.collector_public_key = row[2].as<std::string>();
    k.registered_at = row[3].as<std::string>();
    if (!row[4].is_null()) k.revoked_at = row[4].as<std::string>();
    out.push_back(std::move(k));
  }
  return out;
}

}  // namespace intake
