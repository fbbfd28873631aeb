// write_upload_config: a kiosk.toml that uploads to a test server with a department's public key
// (not demo mode) — what the integration tests that seal, export and upload records start from.
#pragma once
#include <catch2/catch.hpp>

#include <string>

#include "kiosk/crypto/department_key.h"
#include "tests/support/kiosk_cli.h"
#include "tests/support/test_server.h"

namespace kiosk::test_cli {

// Writes DIR/kiosk.toml for `server` and the key in DEPT/department.public, plus `extra` TOML.
inline std::string write_upload_config(const test_upload::ScratchDir& d,
                                       const test_upload::TestServer& server,
                                       const std::string& dept, const std::string& extra = "") {
  auto key = crypto::read_department_public_file(dept + "/department.public");
  REQUIRE(key.ok());
  const std::string path = d / "kiosk.toml";
  write_file(path, "[upload]\nendpoint = \"" + server.url() + "\"\ntoken = \"" + server.token() +
                       "\"\nconnect_timeout_s = 5\ntimeout_s = 10\n[privacy]\n"
                       "department_public_key = \"" +
                       key->base64() + "\"\n" + extra);
  return path;
}

}  // namespace kiosk::test_cli
