// kiosk-intake: the department's intake service and its admin commands (docs/intake.md).
//   kiosk-intake --config FILE init-db | serve | list-kiosks | revoke-kiosk NAME
//                               | add-kiosk --name NAME --kiosk-id ID --public-key KEY
//                               | inbox [--test-clock] | add-user | disable-user | reset-password
#include <iostream>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "intake/config.h"
#include "intake/inbox.h"
#include "intake/kiosks.h"
#include "intake/migrations.h"
#include "intake/server.h"
#include "intake/staff.h"
#include "kiosk/crypto/sodium_init.h"

namespace {

constexpr const char* kUsage =
    "usage: kiosk-intake --config FILE COMMAND\n"
    "  init-db                                            create or migrate the database schema\n"
    "  serve                                              run the API ([server] listen)\n"
    "  add-kiosk --name NAME --kiosk-id ID --public-key KEY\n"
    "                                                     register a kiosk (kiosk_id and\n"
    "                                                     collector_public_key from its "
    "--status);\n"
    "                                                     prints its upload token once, on the "
    "last line\n"
    "  revoke-kiosk NAME                                  refuse that kiosk's token and "
    "signatures\n"
    "  list-kiosks                                        registered kiosks as JSON lines\n"
    "  inbox                                              run the staff inbox ([web] listen);\n"
    "                                                     the only command that reads\n"
    "                                                     [keys] department_secret_files\n"
    "  add-user --name NAME --role records|programs|admin  new staff account (password twice on "
    "stdin)\n"
    "  disable-user NAME                                  refuse that account's logins\n"
    "  reset-password NAME                                new password (twice on stdin)\n";

// The new password, typed twice (one per line) on standard input.
std::string read_password_twice() {
  std::string a, b;
  if (!std::getline(std::cin, a) || !std::getline(std::cin, b))
    throw std::runtime_error("give the password twice on standard input, one per line");
  if (a != b) throw std::runtime_error("the two passwords differ");
  if (auto why = intake::password_problem(a); !why.empty()) throw std::runtime_error(why);
  return a;
}

int usage_error(const std::string& why) {
  std::cerr << "kiosk-intake: " << why << "\n" << kUsage;
  return 2;
}

int run(const std::vector<std::string>& args) {
  std::string config_path;
  std::vector<std::string> rest;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--config") {
      if (i + 1 >= args.size()) return usage_error("--config needs a file");
      config_path = args[++i];
    } else if (args[i] == "--help" || args[i] == "-h") {
      std::cout << kUsage;
      return 0;
    } else {
      rest.push_back(args[i]);
    }
  }
  if (config_path.empty()) return usage_error("--config FILE is required");
  if (rest.empty()) return usage_error("no command given");
  const intake::Config config = intake::load_config(config_path);
  const std::string cmd = rest[0];
  kiosk::crypto::ensure_sodium();

  if (cmd == "serve")
    return rest.size() == 1 ? intake::serve(config) : usage_error("serve takes no arguments");
  if (cmd == "inbox") {
    // --test-clock lets the fleet page's "now" come from KIOSK_INTAKE_TEST_NOW (tests only).
    if (rest.size() == 1) return intake::run_inbox(config, false);
    if (rest.size() == 2 && rest[1] == "--test-clock") return intake::run_inbox(config, true);
    return usage_error("inbox takes no arguments");
  }
  pqxx::connection c(config.database_url);
  if (cmd == "init-db") {
    int v = intake::migrate(c);
    std::cout << "init-db: schema version " << v << "\n";
    return 0;
  }
  if (cmd == "add-kiosk") {
    std::string name, kiosk_id, key;
    for (std::size_t i = 1; i < rest.size(); ++i) {
      auto take = [&](std::string& into) {
        if (i + 1 >= rest.size()) return false;
        into = rest[++i];
        return true;
      };
      bool ok = (rest[i] == "--name" && take(name)) ||
                (rest[i] == "--kiosk-id" && take(kiosk_id)) ||
                (rest[i] == "--public-key" && take(key));
      if (!ok) return usage_error("add-kiosk: unexpected argument " + rest[i]);
    }
    if (name.empty() || kiosk_id.empty() || key.empty())
      return usage_error("add-kiosk needs --name, --kiosk-id and --public-key");
    std::string token = intake::add_kiosk(c, name, kiosk_id, key);
    std::cout
        << "add-kiosk: registered " << name << " (kiosk id " << kiosk_id << ")\n"
        << "add-kiosk: its upload token follows; it is shown only this once: put it in the kiosk's "
           "[upload] token\n"
        << token << std::endl;
    return 0;
  }
  if (cmd == "revoke-kiosk") {
    if (rest.size() != 2) return usage_error("revoke-kiosk takes one NAME");
    if (!intake::revoke_kiosk(c, rest[1])) {
      std::cerr << "kiosk-intake: no registered, unrevoked kiosk is named " << rest[1] << "\n";
      return 1;
    }
    std::cout << "revoke-kiosk: " << rest[1]
              << " revoked: its token and signatures are refused from now on\n";
    return 0;
  }
  if (cmd == "add-user") {
    std::string name, role;
    for (std::size_t i = 1; i < rest.size(); ++i) {
      bool ok = i + 1 < rest.size() && ((rest[i] == "--name" && !(name = rest[i + 1]).empty()) ||
                                        (rest[i] == "--role" && !(role = rest[i + 1]).empty()));
      if (!ok) return usage_error("add-user: unexpected argument " + rest[i]);
      ++i;
    }
    if (name.empty() || role.empty()) return usage_error("add-user needs --name and --role");
    if (!intake::is_staff_role(role))
      return usage_error("add-user: --role must be records, programs or admin");
    intake::add_staff_user(c, name, role, read_password_twice());
    std::cout << "add-user: " << name << " added (" << role << ")\n";
    return 0;
  }
  if (cmd == "disable-user" || cmd == "reset-password") {
    if (rest.size() != 2) return usage_error(cmd + " takes one NAME");
    bool found = cmd == "disable-user"
                     ? intake::disable_staff_user(c, rest[1])
                     : intake::reset_staff_password(c, rest[1], read_password_twice());
    if (!found) {
      std::cerr << "kiosk-intake: no user is named " << rest[1] << "\n";
      return 1;
    }
    std::cout << cmd << ": " << rest[1]
              << (cmd == "disable-user" ? " disabled; their sessions ended\n"
                                        : ": password changed; their sessions ended\n");
    return 0;
  }
  if (cmd == "list-kiosks") {
    for (const auto& k : intake::list_kiosks(c)) {
      nlohmann::json row = {{"name", k.name},
                            {"kiosk_id", k.kiosk_id},
                            {"collector_public_key", k.collector_public_key},
                            {"registered_at", k.registered_at},
                            {"revoked_at", nullptr}};
      if (k.revoked_at) row["revoked_at"] = *k.revoked_at;
      std::cout << row.dump() << "\n";
    }
    return 0;
  }
  return usage_error("unknown command " + cmd);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const pqxx::broken_connection& e) {
    std::cerr << "kiosk-intake: cannot reach the database ([database] url): " << e.what() << "\n";
  } catch (const std::exception& e) {
    std::cerr << "kiosk-intake: " << e.what() << "\n";
  }
  return 1;
}
