// Staff accounts of the inbox (issue 13): names, roles and Argon2id password hashes
// (crypto_pwhash_str), used by the add-user / disable-user / reset-password commands and the
// inbox's admin page.
//
// Invariant: a password is never stored or printed, only its crypto_pwhash_str string.
#pragma once
#include <pqxx/pqxx>
#include <string>

namespace intake {

// "records" (crash reports, records requests), "programs" (sign-ups), "admin" (users, kiosks, fleet).
bool is_staff_role(const std::string& role);
// Which role may open a record of this form ("" when none may).
std::string role_for_form(const std::string& form_id);

std::string hash_password(const std::string& password);  // throws on libsodium failure
bool password_matches(const std::string& hash, const std::string& password);
// Why a password is not acceptable, or "" when it is (length only: at least 10 characters).
std::string password_problem(const std::string& password);

// Throw std::runtime_error with the reason (name taken, bad role, weak password).
void add_staff_user(pqxx::connection& c, const std::string& name, const std::string& role,
                    const std::string& password);
// False when no such user. Disabling also ends the user's sessions.
bool disable_staff_user(pqxx::connection& c, const std::string& name);
// Sets a new password, clears a lockout and ends the user's sessions; false when no such user.
bool reset_staff_password(pqxx::connection& c, const std::string& name,
                          const std::string& password);

}  // namespace intake
