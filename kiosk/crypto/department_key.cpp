// Department key pair: parsing, key ids, the bundled demo key and `--new-department-keys` files.
#include "kiosk/crypto/department_key.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "kiosk/core/embedded_assets.h"
#include "kiosk/crypto/key_files.h"
#include "kiosk/crypto/sodium_init.h"

namespace kiosk::crypto {

namespace {
constexpr const char* kDemoKeyAsset = "keys/demo-department-public-key.txt";
}

Result<DepartmentPublicKey> DepartmentPublicKey::parse(std::string_view base64) {
  Result<Bytes> raw = from_base64(detail::trim_line(base64), kDepartmentPublicKeyBytes);
  if (!raw) return Result<DepartmentPublicKey>::failure(raw.error());
  Raw bytes{};
  std::copy(raw->begin(), raw->end(), bytes.begin());
  return DepartmentPublicKey(bytes);
}

DepartmentPublicKey DepartmentPublicKey::demo() {
  // The asset is part of the build: a missing or bad one is a broken build, not a user error.
  static const DepartmentPublicKey key = [] {
    auto text = assets::find(kDemoKeyAsset);
    if (!text) throw std::logic_error(std::string("embedded asset missing: ") + kDemoKeyAsset);
    auto parsed = parse(*text);
    if (!parsed) throw std::logic_error(std::string(kDemoKeyAsset) + ": " + parsed.error());
    return *parsed;
  }();
  return key;
}

std::string DepartmentPublicKey::base64() const { return to_base64(bytes_); }
std::string DepartmentPublicKey::key_id() const { return key_id_of(bytes_); }
bool DepartmentPublicKey::is_demo() const { return *this == demo(); }

std::string key_id_of(std::span<const unsigned char> public_key_bytes) {
  unsigned char hash[32];
  crypto_generichash(hash, sizeof hash, public_key_bytes.data(), public_key_bytes.size(), nullptr,
                     0);
  char hex[2 * sizeof hash + 1];
  sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
  return std::string(hex, 16);
}

Result<DepartmentSecretKey> DepartmentSecretKey::parse(std::string_view base64) {
  Result<Bytes> raw = from_base64(detail::trim_line(base64), kDepartmentSecretKeyBytes);
  if (!raw) {
    return Result<DepartmentSecretKey>::failure(raw.error());
  }
  SecretBytes bytes(raw->begin(), raw->end());
  wipe_buffer(*raw);
  return DepartmentSecretKey(std::move(bytes));
}

DepartmentPublicKey DepartmentSecretKey::public_key() const {
  ensure_sodium();
  DepartmentPublicKey::Raw pk{};
  crypto_scalarmult_base(pk.data(), bytes_.data());
  return DepartmentPublicKey(pk);
}

DepartmentKeyPair DepartmentKeyPair::generate() {
  ensure_sodium();
  DepartmentPublicKey::Raw pk{};
  SecretBytes sk(kDepartmentSecretKeyBytes);
  if (crypto_box_keypair(pk.data(), sk.data()) != 0)
    throw CryptoError("could not make a department key pair");
  return DepartmentKeyPair{DepartmentPublicKey(pk), DepartmentSecretKey(std::move(sk))};
}

Result<DepartmentPublicKey> write_new_department_keys(const std::string& dir) {
  namespace fs = std::filesystem;
  using R = Result<DepartmentPublicKey>;
  const std::string pub_path = (fs::path(dir) / kDepartmentPublicFile).string();
  const std::string sec_path = (fs::path(dir) / kDepartmentSecretFile).string();
  std::error_code ec;
  for (const auto& p : {pub_path, sec_path}) {
    const fs::file_type type = fs::symlink_status(p, ec).type();
    if (ec && type != fs::file_type::not_found)
      return R::failure("cannot check " + p + ": " + ec.message());
    if (type != fs::file_type::not_found)
      return R::failure(p +
                        " already exists; not overwriting it (a department key pair is made "
                        "once: choose another directory, or move the old files away first)");
  }
  if (!fs::exists(dir, ec)) {
    if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST)
      return R::failure("cannot create the directory " + dir + ": " + std::strerror(errno));
  }
  DepartmentKeyPair pair = DepartmentKeyPair::generate();
  // The secret first: if it cannot be written, no public key exists that nobody could open.
  SecureString secret_line;
  {
    std::string b64 = to_base64(pair.secret_key.bytes());
    secret_line = to_secure(b64);
    wipe_buffer(b64);
  }
  secret_line += '\n';
  switch (detail::create_file_exclusively(sec_path, secret_line, 0600)) {
    case detail::CreateResult::Created: break;
    case detail::CreateResult::Exists:
      return R::failure(sec_path + " already exists; not overwriting it");
    case detail::CreateResult::Failed:
      return R::failure("cannot write " + sec_path + ": " + std::strerror(errno));
  }
  switch (
      detail::create_file_exclusively(pub_path, to_secure(pair.public_key.base64() + "\n"), 0644)) {
    case detail::CreateResult::Created: break;
    case detail::CreateResult::Exists:
      return R::failure(pub_path + " already exists; not overwriting it (" + sec_path +
                        " was written: remove it before trying again)");
    case detail::CreateResult::Failed:
      return R::failure("cannot write " + pub_path + ": " + std::strerror(errno) + " (" + sec_path +
                        " was written: remove it before trying again)");
  }
  return pair.public_key;
}

Result<DepartmentPublicKey> read_department_public_file(const std::string& path) {
  auto text = detail::read_key_file(path);
  if (!text)
    return Result<DepartmentPublicKey>::failure("cannot read " + path + ": " +
                                                std::strerror(errno));
  auto key = DepartmentPublicKey::parse(std::string_view(text->data(), text->size()));
  if (!key) return Result<DepartmentPublicKey>::failure(path + ": the key " + key.error());
  return key;
}

Result<DepartmentSecretKey> read_department_secret_file(const std::string& path) {
  auto text = detail::read_key_file(path);
  if (!text)
    return Result<DepartmentSecretKey>::failure("cannot read " + path + ": " +
                                                std::strerror(errno));
  auto key = DepartmentSecretKey::parse(std::string_view(text->data(), text->size()));
  wipe_buffer(*text);
  if (!key) return Result<DepartmentSecretKey>::failure(path + ": the key " + key.error());
  return key;
}

}  // namespace kiosk::crypto
