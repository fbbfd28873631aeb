// Staff accounts (see staff.h).
#include "intake/staff.h"

#include <sodium.h>

#include <stdexcept>

namespace intake {

bool is_staff_role(const std::string& role) {
  return role == "records" || role == "programs" || role == "admin";
}

std::string role_for_form(const std::string& form_id) {
  if (form_id == "crash_report" || form_id == "records_request") return "records";
  if (form_id == "signup") return "programs";
  return "";
}

std::string hash_password(const std::string& password) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    throw std::runtime_error("could not hash the password (out of memory)");
  return out;
}

bool password_matches(const std::string& hash, const std::string& password) {
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string password_problem(const std::string& password) {
  if (password.size() < 10) return "a password needs at least 10 characters";
  if (password.size() > 1024) return "a password may have at most 1024 characters";
  return "";
}

void add_staff_user(pqxx::connection& c, const std::string& name, const std::string& role,
                    const std::string& password) {
  if (name.empty() || name.size() > 64)
    throw std::runtime_error("a user name needs 1 to 64 characters");
  if (!is_staff_role(role)) throw std::runtime_error("the role must be records, programs or admin");
  if (auto why = password_problem(password); !why.empty()) throw std::runtime_error(why);
  pqxx::work w(c);
  auto r = w.exec_params(
      "INSERT INTO staff_users (name, role, password_hash) VALUES ($1, $2, $3) "
      "ON CONFLICT (name) DO NOTHING RETURNING name",
      name, role, hash_password(password));
  if (r.empty()) throw std::runtime_error("a user named " + name + " already exists");
  w.commit();
}

bool disable_staff_user(pqxx::connection& c, const std::string& name) {
  pqxx::work w(c);
  auto r = w.exec_params(
      "UPDATE staff_users SET disabled_at = coalesce(disabled_at, now()) WHERE name = $1 "
      "RETURNING name",
      name);
  if (r.empty()) return false;
  w.exec_params0("DELETE FROM staff_sessions WHERE user_name = $1", name);
  w.commit();
  return true;
}

bool reset_staff_password(pqxx::connection& c, const std::string& name,
                          const std::string& password) {
  if (auto why = password_problem(password); !why.empty()) throw std::runtime_error(why);
  pqxx::work w(c);
  auto r = w.exec_params(
      "UPDATE staff_users SET password_hash = $2, failed_logins = 0, locked_until = NULL "
      "WHERE name = $1 RETURNING name",
      name, hash_password(password));
  if (r.empty()) return false;
  w.exec_params0("DELETE FROM staff_sessions WHERE user_name = $1", name);
  w.commit();
  return true;
}

}  // namespace intake
