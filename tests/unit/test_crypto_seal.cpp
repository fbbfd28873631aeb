// Sealed boxes: what the kiosk seals opens only with the department's secret, unchanged; a flipped
// bit, a truncated box or another department's secret opens nothing.
#include <catch2/catch.hpp>

#include "kiosk/crypto/seal.h"

using namespace kiosk::crypto;

namespace {
std::string text_of(const SecretBytes& b) { return std::string(b.begin(), b.end()); }
}  // namespace

TEST_CASE("seal then open gives back the plaintext, and sealing twice differs") {
  DepartmentKeyPair dept = DepartmentKeyPair::generate();
  const std::string plain = R"({"name":"Ana María","dob":"1990-02-03"})";
  Bytes sealed = seal(dept.public_key, plain);
  CHECK(sealed.size() == plain.size() + kSealOverheadBytes);
  CHECK(std::string(sealed.begin(), sealed.end()).find("Ana") == std::string::npos);
  auto opened = open_sealed(dept.public_key, dept.secret_key, sealed);
  REQUIRE(opened);
  CHECK(text_of(*opened) == plain);
  CHECK(seal(dept.public_key, plain) != sealed);  // an ephemeral key per seal
  auto empty = open_sealed(dept.public_key, dept.secret_key, seal(dept.public_key, ""));
  REQUIRE(empty);
  CHECK(empty->empty());
}

TEST_CASE("a sealed box with any flipped bit, cut short, or for another key does not open") {
  DepartmentKeyPair dept = DepartmentKeyPair::generate();
  const Bytes sealed = seal(dept.public_key, std::string_view("answers"));
  for (std::size_t bit = 0; bit < 8 * sealed.size(); ++bit) {
    Bytes flipped = sealed;
    flipped[bit / 8] ^= static_cast<unsigned char>(1u << (bit % 8));
    INFO("bit " << bit);
    CHECK_FALSE(open_sealed(dept.public_key, dept.secret_key, flipped));
  }
  CHECK_FALSE(
      open_sealed(dept.public_key, dept.secret_key, std::span(sealed).first(sealed.size() - 1)));
  CHECK_FALSE(open_sealed(dept.public_key, dept.secret_key, std::span(sealed).first(10)));
  DepartmentKeyPair other = DepartmentKeyPair::generate();
  CHECK_FALSE(open_sealed(other.public_key, other.secret_key, sealed));
}

TEST_CASE("records sealed to the demo key open with the demo secret in tests/support") {
  auto secret = read_department_secret_file(std::string(KIOSK_SOURCE_DIR) +
                                            "/tests/support/demo-department.secret");
  REQUIRE(secret.ok());
  Bytes sealed = seal(DepartmentPublicKey::demo(), std::string_view("demo answers"));
  auto opened = open_sealed(DepartmentPublicKey::demo(), *secret, sealed);
  REQUIRE(opened);
  CHECK(text_of(*opened) == "demo answers");
}
