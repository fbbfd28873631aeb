// kiosk/crypto/base64: standard base64 with padding round-trips every length, and decoding is
// strict (one accepted text per byte string) with exact lengths.
#include <catch2/catch.hpp>

#include <string>

#include "kiosk/crypto/base64.h"

using kiosk::crypto::Bytes;
using kiosk::crypto::from_base64;
using kiosk::crypto::to_base64;

TEST_CASE("base64 encodes the RFC 4648 test vectors with padding") {
  CHECK(to_base64(std::string_view("")) == "");
  CHECK(to_base64(std::string_view("f")) == "Zg==");
  CHECK(to_base64(std::string_view("fo")) == "Zm8=");
  CHECK(to_base64(std::string_view("foo")) == "Zm9v");
  CHECK(to_base64(std::string_view("foob")) == "Zm9vYg==");
  CHECK(to_base64(std::string_view("fooba")) == "Zm9vYmE=");
  CHECK(to_base64(std::string_view("foobar")) == "Zm9vYmFy");
  // The standard alphabet, not the URL-safe one.
  CHECK(to_base64(Bytes{0xfb, 0xff, 0xbf}) == "+/+/");
}

TEST_CASE("base64 round-trips every byte value and every length up to 70") {
  for (std::size_t n = 0; n <= 70; ++n) {
    Bytes b(n);
    for (std::size_t i = 0; i < n; ++i) b[i] = static_cast<unsigned char>((i * 37 + n) & 0xff);
    auto back = from_base64(to_base64(b));
    REQUIRE(back.ok());
    CHECK(*back == b);
  }
  Bytes all(256);
  for (int i = 0; i < 256; ++i) all[i] = static_cast<unsigned char>(i);
  CHECK(*from_base64(to_base64(all)) == all);
}

TEST_CASE("base64 decoding refuses anything but canonical padded standard base64") {
  for (const char* bad : {
           "Zg",         // padding missing
           "Zg=",        // padding short
           "Zg===",      // padding long
           "Zh==",       // non-zero spare bits: "Zg==" is the only text for "f"
           "Zm9v Yg==",  // whitespace
           "Zm9vYg==\n",
           "Zm9-Yg==",  // URL-safe alphabet
           "Zm9_Yg==",
           "Zm9vYg=a",
           "=Zm9",
           "Zm9vYmFy!",
       }) {
    INFO(bad);
    auto r = from_base64(bad);
    CHECK_FALSE(r.ok());
    CHECK(r.error().find("is not standard base64") == 0);
  }
}

TEST_CASE("base64 decoding refuses every byte outside the alphabet, in every position") {
  // libsodium's own decoder takes bytes from 0x80 up as letters (found by tests/fuzz).
  const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  for (int c = 0; c < 256; ++c) {
    if (alphabet.find(static_cast<char>(c)) != std::string::npos || c == '=') continue;
    for (std::size_t pos = 0; pos < 4; ++pos) {
      std::string text = "Zm9v";
      text[pos] = static_cast<char>(c);
      INFO(c << " at " << pos);
      CHECK_FALSE(from_base64(text).ok());
    }
  }
}

TEST_CASE("base64 decoding with an expected length refuses any other length") {
  CHECK(from_base64("Zm9v", 3).ok());
  auto shorter = from_base64("Zm8=", 3);
  REQUIRE_FALSE(shorter.ok());
  CHECK(shorter.error() == "decodes to 2 bytes, not the expected 3");
  CHECK_FALSE(from_base64("Zm9vYg==", 3).ok());
  CHECK_FALSE(from_base64("", 32).ok());
}
