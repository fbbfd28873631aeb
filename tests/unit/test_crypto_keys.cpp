// Department keys (X25519) and the kiosk's signing key (Ed25519): parsing with reasons, key ids
// (known answers computed with Python's hashlib.blake2b), the demo key, key files with mode 0600
// that are never overwritten, and detached signatures (RFC 8032 test 1).
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>
#include <vector>

#include "kiosk/crypto/department_key.h"
#include "kiosk/crypto/seal.h"
#include "kiosk/crypto/signing_key.h"
#include "kiosk/crypto/sodium_init.h"
#include "tests/support/test_server.h"

using namespace kiosk::crypto;
using kiosk::test_upload::ScratchDir;
namespace fs = std::filesystem;

namespace {

unsigned mode_of(const std::string& path) {
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Bytes hex(const char* h) {
  Bytes out(std::strlen(h) / 2);
  std::size_t len = 0;
  REQUIRE(sodium_hex2bin(out.data(), out.size(), h, std::strlen(h), nullptr, &len, nullptr) == 0);
  out.resize(len);
  return out;
}

}  // namespace

TEST_CASE("a key id is the first 16 hex digits of BLAKE2b-256 of the public key bytes") {
  // hashlib.blake2b(bytes(range(32)), digest_size=32).hexdigest()[:16]
  auto key = DepartmentPublicKey::parse("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
  REQUIRE(key.ok());
  CHECK(key->key_id() == "cb2f5160fc1f7e05");
  CHECK(key->base64() == "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
  CHECK_FALSE(key->is_demo());
}

TEST_CASE("the bundled demo key is the one whose secret is in tests/support") {
  DepartmentPublicKey demo = DepartmentPublicKey::demo();
  CHECK(demo.is_demo());
  CHECK(demo.key_id() == "f7d0122c3ae4d9cc");  // computed with Python, as above
  auto secret = read_department_secret_file(std::string(KIOSK_SOURCE_DIR) +
                                            "/tests/support/demo-department.secret");
  REQUIRE(secret.ok());
  CHECK(secret->public_key() == demo);
}

TEST_CASE("a department public key is refused with the reason, never repeating the value") {
  auto short_key = DepartmentPublicKey::parse("Zm9vYmFy");
  REQUIRE_FALSE(short_key.ok());
  CHECK(short_key.error() == "decodes to 6 bytes, not the expected 32");
  auto garbage = DepartmentPublicKey::parse("not*a*key");
  REQUIRE_FALSE(garbage.ok());
  CHECK(garbage.error().find("not*a*key") == std::string::npos);
  // The one line of a department.public file is accepted as read, final newline included.
  CHECK(DepartmentPublicKey::parse(DepartmentPublicKey::demo().base64() + "\n").ok());
}

TEST_CASE("a generated department pair seals and opens, and its secret derives its public key") {
  DepartmentKeyPair pair = DepartmentKeyPair::generate();
  CHECK(pair.secret_key.public_key() == pair.public_key);
  CHECK_FALSE(pair.public_key.is_demo());
  CHECK(DepartmentKeyPair::generate().public_key != pair.public_key);
}

TEST_CASE("new department keys: two files, the secret mode 0600, the dir made 0700") {
  ScratchDir scratch("kiosk-crypto-keys");
  const std::string dir = scratch / "department/keys";
  fs::create_directories(scratch / "department");
  auto key = write_new_department_keys(dir);
  REQUIRE(key.ok());
  CHECK(mode_of(dir) == 0700);
  CHECK(mode_of(dir + "/department.secret") == 0600);
  CHECK(slurp(dir + "/department.public") == key->base64() + "\n");
  auto pub = read_department_public_file(dir + "/department.public");
  auto sec = read_department_secret_file(dir + "/department.secret");
  REQUIRE(pub.ok());
  REQUIRE(sec.ok());
  CHECK(*pub == *key);
  CHECK(sec->public_key() == *key);
  // Only the two files: no temporary left behind.
  CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 2);
}

TEST_CASE("new department keys refuse to overwrite either file and change nothing") {
  ScratchDir scratch("kiosk-crypto-keys");
  const std::string dir = scratch.path();
  REQUIRE(write_new_department_keys(dir).ok());
  const std::string pub = slurp(dir + "/department.public"),
                    sec = slurp(dir + "/department.secret");
  auto again = write_new_department_keys(dir);
  REQUIRE_FALSE(again.ok());
  CHECK(again.error().find("department.public already exists; not overwriting it") !=
        std::string::npos);
  CHECK(slurp(dir + "/department.public") == pub);
  CHECK(slurp(dir + "/department.secret") == sec);

  // Only the secret present (a half-finished earlier run): still refused, still untouched.
  fs::remove(dir + "/department.public");
  auto half = write_new_department_keys(dir);
  REQUIRE_FALSE(half.ok());
  CHECK(half.error().find("department.secret already exists") != std::string::npos);
  CHECK(slurp(dir + "/department.secret") == sec);
  CHECK_FALSE(fs::exists(dir + "/department.public"));
}

TEST_CASE("the kiosk signing key is made once per data dir, mode 0600, and read back the same") {
  ScratchDir dir("kiosk-crypto-signing");
  KioskSigningKey first = KioskSigningKey::load_or_create(dir.path());
  const std::string path = signing_key_path(dir.path());
  CHECK(path == dir / "signing-key");
  CHECK(mode_of(path) == 0600);
  const std::string bytes = slurp(path);
  KioskSigningKey again = KioskSigningKey::load_or_create(dir.path());
  CHECK(again.public_key() == first.public_key());
  CHECK(slurp(path) == bytes);  // never rewritten
  // The file holds the secret seed, not the public key: nothing public gives it away.
  CHECK(bytes.find(first.public_key_base64()) == std::string::npos);
  CHECK(from_base64(std::string_view(bytes).substr(0, bytes.size() - 1), 32).ok());

  // A copy restored with a loose mode is made private again.
  REQUIRE(::chmod(path.c_str(), 0644) == 0);
  CHECK(KioskSigningKey::load_or_create(dir.path()).public_key() == first.public_key());
  CHECK(mode_of(path) == 0600);
}

TEST_CASE("processes starting at once on a fresh data dir end up with one signing key") {
  ScratchDir dir("kiosk-crypto-signing");
  std::vector<std::string> keys(8);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < keys.size(); ++i)
    threads.emplace_back(
        [&, i] { keys[i] = KioskSigningKey::load_or_create(dir.path()).public_key_base64(); });
  for (auto& t : threads) t.join();
  CHECK(std::set<std::string>(keys.begin(), keys.end()).size() == 1);
  CHECK(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()) == 1);
}

TEST_CASE("a damaged signing key is an error naming the file, and the file is kept") {
  ScratchDir dir("kiosk-crypto-signing");
  const std::string path = signing_key_path(dir.path());
  std::ofstream(path) << "not a key\n";
  try {
    KioskSigningKey::load_or_create(dir.path());
    FAIL("a damaged key was accepted");
  } catch (const CryptoError& e) {
    CHECK(std::string(e.what()).find(path + " is not a usable signing key") == 0);
  }
  CHECK(slurp(path) == "not a key\n");
}

TEST_CASE("verify accepts RFC 8032 test 1 and refuses any changed bit") {
  Bytes pk = hex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
  Bytes sig =
      hex("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e3970"
          "1cf9b46bd25bf5f0595bbe24655141438e7a100b");
  CHECK(verify(to_base64(pk), "", sig));
  CHECK_FALSE(verify(to_base64(pk), "x", sig));
  sig[10] ^= 0x01;
  CHECK_FALSE(verify(to_base64(pk), "", sig));
}

TEST_CASE("a signature verifies with its own key only, over exactly its message") {
  KioskSigningKey key = KioskSigningKey::generate();
  Signature sig = key.sign(std::string_view("message"));
  CHECK(verify(key.public_key(), "message", sig));
  CHECK(verify(key.public_key_base64(), "message", sig));
  CHECK_FALSE(verify(key.public_key(), "messagE", sig));
  CHECK_FALSE(verify(KioskSigningKey::generate().public_key(), "message", sig));
  CHECK_FALSE(verify("not base64", "message", sig));
  CHECK_FALSE(verify(key.public_key(), "message", std::span(sig).first(63)));
  for (std::size_t bit = 0; bit < 8 * sig.size(); bit += 61) {
    Signature flipped = sig;
    flipped[bit / 8] ^= static_cast<unsigned char>(1u << (bit % 8));
    CHECK_FALSE(verify(key.public_key(), "message", flipped));
  }
}
