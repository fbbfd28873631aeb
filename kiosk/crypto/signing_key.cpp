// The kiosk's Ed25519 key file and detached signatures.
#include "kiosk/crypto/signing_key.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "kiosk/crypto/key_files.h"
#include "kiosk/crypto/sodium_init.h"

namespace kiosk::crypto {
namespace {

constexpr std::size_t kSeedBytes = crypto_sign_SEEDBYTES;  // 32

CollectorPublicKey::Raw public_of(const SecretBytes& secret) {
  CollectorPublicKey::Raw pk{};
  crypto_sign_ed25519_sk_to_pk(pk.data(), secret.data());
  return pk;
}

SecretBytes keypair_from_seed(const unsigned char* seed) {
  SecretBytes sk(crypto_sign_SECRETKEYBYTES);
  CollectorPublicKey::Raw pk{};
  crypto_sign_seed_keypair(pk.data(), sk.data(), seed);
  return sk;
}

[[noreturn]] void damaged(const std::string& path, const std::string& why) {
  throw CryptoError(path + " is not a usable signing key (" + why +
                    "); move it away to make a new key, then register the new "
                    "collector_public_key (kiosk --status) with the department");
}

}  // namespace

Result<CollectorPublicKey> CollectorPublicKey::parse(std::string_view base64) {
  Result<Bytes> raw = from_base64(base64, kCollectorPublicKeyBytes);
  if (!raw) return Result<CollectorPublicKey>::failure(raw.error());
  Raw bytes{};
  std::copy(raw->begin(), raw->end(), bytes.begin());
  return CollectorPublicKey(bytes);
}

KioskSigningKey::KioskSigningKey(SecretBytes secret)
    : secret_(std::move(secret)), public_key_(public_of(secret_)) {}

std::string signing_key_path(const std::string& data_dir) {
  return (std::filesystem::path(data_dir) / kSigningKeyFile).string();
}

KioskSigningKey KioskSigningKey::generate() {
  ensure_sodium();
  SecretBytes seed(kSeedBytes);
  randombytes_buf(seed.data(), seed.size());
  return KioskSigningKey(keypair_from_seed(seed.data()));
}

KioskSigningKey KioskSigningKey::load_or_create(const std::string& data_dir) {
  ensure_sodium();
  const std::string path = signing_key_path(data_dir);
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (auto text = detail::read_key_file(path)) {
      Result<Bytes> seed = from_base64(detail::trim_line(*text), kSeedBytes);
      wipe_buffer(*text);
      if (!seed) damaged(path, "its text " + seed.error());
      KioskSigningKey key(keypair_from_seed(seed->data()));
      wipe_buffer(*seed);
      // A copy restored from a backup may have lost its mode: the key stays private regardless.
      struct stat st {};
      if (::stat(path.c_str(), &st) == 0 && (st.st_mode & 077) != 0) ::chmod(path.c_str(), 0600);
      return key;
    }
    if (errno != ENOENT) throw CryptoError("cannot read " + path + ": " + std::strerror(errno));
    SecretBytes seed(kSeedBytes);
    randombytes_buf(seed.data(), seed.size());
    SecureString line;
    {
      std::string b64 = to_base64(seed);
      line = to_secure(b64);
      wipe_buffer(b64);
    }
    line += '\n';
    switch (detail::create_file_exclusively(path, line, 0600)) {
      case detail::CreateResult::Created: return KioskSigningKey(keypair_from_seed(seed.data()));
      case detail::CreateResult::Exists: continue;  // another process made it: use that one
      case detail::CreateResult::Failed:
        throw CryptoError("cannot create " + path + ": " + std::strerror(errno) +
                          " (is the data dir writable?)");
    }
  }
  throw CryptoError("cannot create or read " + path);
}

Signature KioskSigningKey::sign(std::span<const unsigned char> message) const {
  Signature sig{};
  crypto_sign_detached(sig.data(), nullptr, message.data(), message.size(), secret_.data());
  return sig;
}

Signature KioskSigningKey::sign(std::string_view message) const {
  return sign(std::span(reinterpret_cast<const unsigned char*>(message.data()), message.size()));
}

bool verify(const CollectorPublicKey& public_key, std::string_view message,
            std::span<const unsigned char> signature) {
  ensure_sodium();
  if (signature.size() != kSignatureBytes) return false;
  return crypto_sign_verify_detached(signature.data(),
                                     reinterpret_cast<const unsigned char*>(message.data()),
                                     message.size(), public_key.bytes().data()) == 0;
}

bool verify(std::string_view public_key_base64, std::string_view message,
            std::span<const unsigned char> signature) {
  auto key = CollectorPublicKey::parse(public_key_base64);
  return key && verify(*key, message, signature);
}

}  // namespace kiosk::crypto
