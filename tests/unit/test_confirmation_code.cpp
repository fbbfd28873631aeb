// Confirmation codes: format, alphabet without look-alikes, determinism, spread over many ids.
#include <catch2/catch.hpp>

#include <set>

#include "kiosk/forms/confirmation_code.h"

using namespace kiosk::forms;

TEST_CASE("format: prefix, two groups of four from the unambiguous alphabet") {
  std::string code = confirmation_code("CR", "3f2b8c1e-9a4d-4f6b-8e2a-7c5d1b0a9e8f");
  REQUIRE(code.size() == 12);
  CHECK(code.substr(0, 3) == "CR-");
  CHECK(code[7] == '-');
  CHECK(is_confirmation_code(code));
  CHECK(kCodeAlphabet.size() == 30);
  for (char banned : std::string("01OILU"))
    CHECK(kCodeAlphabet.find(banned) == std::string_view::npos);
}

TEST_CASE("deterministic: the same id gives the same code, a pinned value guards the recipe") {
  const char* id = "3f2b8c1e-9a4d-4f6b-8e2a-7c5d1b0a9e8f";
  CHECK(confirmation_code("SU", id) == confirmation_code("SU", id));
  CHECK(confirmation_code("SU", id).substr(3) ==
        confirmation_code("RR", id).substr(3));  // the prefix is only the kind
  // The department recomputes codes from ids (docs/forms.md); this value was computed independently
  // with Python: blake2b(b"kiosk-confirmation-v1:" + id, digest_size=16), first 8 bytes little-endian.
  CHECK(confirmation_code("CR", id) == "CR-GMHE-Y3KA");
}

TEST_CASE("different ids give different codes, using the whole alphabet") {
  std::set<std::string> codes;
  std::set<char> used;
  for (int i = 0; i < 5000; ++i) {
    char id[64];
    std::snprintf(id, sizeof id, "00000000-0000-4000-8000-%012d", i);
    std::string c = confirmation_code("RR", id);
    REQUIRE(is_confirmation_code(c));
    codes.insert(c);
    for (char ch : c.substr(3)) used.insert(ch);
  }
  CHECK(codes.size() == 5000);
  CHECK(used.size() == 31);  // 30 symbols and the hyphen
}

TEST_CASE("is_confirmation_code rejects near misses") {
  for (const char* bad : {"", "CR-7K3Q-9F2", "CR-7K3Q-9F2MM", "CR 7K3Q 9F2M", "cr-7K3Q-9F2M",
                          "CR-7K3Q-9F20", "CR-7K3O-9F2M", "CR-7K3Q-9F2I", "CR-7K3L-9F2M",
                          "CR-7K3U-9F2M", "C1-7K3Q-9F2M", "CR-7k3q-9f2m"}) {
    INFO(bad);
    CHECK_FALSE(is_confirmation_code(bad));
  }
  CHECK(is_confirmation_code("CR-7K3Q-9F2M"));
}
