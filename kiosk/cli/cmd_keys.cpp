// kiosk --new-department-keys DIR: makes the department's key pair for sealed records (issue 10).
// Run once at the department; the public file goes into every kiosk's config, the secret never
// leaves the department.
#include <cstdio>
#include <filesystem>

#include "kiosk/cli/commands.h"
#include "kiosk/crypto/department_key.h"
#include "kiosk/crypto/sodium_init.h"

namespace kiosk {

int cmd_new_department_keys(const RunContext& ctx) {
  const std::string& dir = ctx.options.mode_arg;
  if (dir.empty()) {
    std::fprintf(stderr, "kiosk: --new-department-keys: expected a directory\n");
    return 2;
  }
  try {
    crypto::Result<crypto::DepartmentPublicKey> key = crypto::write_new_department_keys(dir);
    if (!key) {
      std::fprintf(stderr, "kiosk: --new-department-keys: %s\n", key.error().c_str());
      return 1;
    }
    namespace fs = std::filesystem;
    const std::string pub = (fs::path(dir) / crypto::kDepartmentPublicFile).string();
    const std::string sec = (fs::path(dir) / crypto::kDepartmentSecretFile).string();
    std::printf(
        "wrote %s (the public key: put it in every kiosk's config)\n"
        "wrote %s (the secret key, mode 0600: keep it at the department, never on a kiosk;\n"
        "  without it nobody can open the records sealed to this key, so back it up safely)\n"
        "key id (sealed_to): %s\n"
        "\n"
        "[privacy]\n"
        "department_public_key = \"%s\"\n",
        pub.c_str(), sec.c_str(), key->key_id().c_str(), key->base64().c_str());
    return 0;
  } catch (const crypto::CryptoError& e) {
    std::fprintf(stderr, "kiosk: --new-department-keys: %s\n", e.what());
    return 1;
  }
}

}  // namespace kiosk
