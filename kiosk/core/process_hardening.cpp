// Process hardening at start (see process_hardening.h for what and why).
#include "kiosk/core/process_hardening.h"

#include <pwd.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace kiosk::hardening {
namespace fs = std::filesystem;

namespace {

std::string user_name(uid_t uid) {
  std::vector<char> buf(16384);
  passwd pw{};
  passwd* found = nullptr;
  if (getpwuid_r(uid, &pw, buf.data(), buf.size(), &found) == 0 && found && found->pw_name)
    return found->pw_name;
  return "#" + std::to_string(uid);  // runuser -u takes names only; the number still says who
}

// Quotes an argument for a shell when it needs it, so the hint can be pasted as it is.
std::string shell_word(const std::string& a) {
  if (!a.empty() && a.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                        "0123456789-_./=:,+@%") == std::string::npos)
    return a;
  std::string out = "'";
  for (char c : a) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace

std::string harden_process() {
  umask(077);
  std::string warning;
  const rlimit no_core{0, 0};
  if (setrlimit(RLIMIT_CORE, &no_core) != 0)
    warning = std::string("cannot turn off core dumps (RLIMIT_CORE): ") + std::strerror(errno);
  if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
    warning += std::string(warning.empty() ? "" : "; ") +
               "cannot make the process non-dumpable: " + std::strerror(errno);
  return warning;
}

std::string foreign_owner_refusal(const std::string& data_dir, uid_t owner_uid, uid_t euid,
                                  const std::vector<std::string>& args) {
  if (owner_uid == euid) return "";
  std::string cmd = "runuser -u " + user_name(owner_uid) + " -- kiosk";
  for (const auto& a : args) cmd += " " + shell_word(a);
  return "the data dir " + data_dir + " belongs to " + user_name(owner_uid) + ", not to " +
         user_name(euid) +
         "; files this command made would be unreadable to the kiosk. Run it as the owner: " + cmd;
}

std::string prepare_data_dir(const std::string& dir, const std::vector<std::string>& args) {
  std::error_code ec;
  fs::create_directories(dir, ec);  // 0700 under harden_process()'s umask
  if (ec)
    return "cannot create the data dir " + dir + ": " + ec.message() + " (use --data-dir DIR)";
  struct stat st {};
  if (stat(dir.c_str(), &st) != 0)
    return "cannot read the data dir " + dir + ": " + std::strerror(errno);
  if (std::string refusal = foreign_owner_refusal(dir, st.st_uid, geteuid(), args);
      !refusal.empty())
    return refusal;
  // A dir made before this release (0755) or by hand: narrowed, as systemd's StateDirectory does.
  // Only bits are taken away: a dir the owner made read-only stays so.
  if ((st.st_mode & 077) != 0) chmod(dir.c_str(), st.st_mode & 0700);
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    struct stat fst {};
    if (lstat(entry.path().c_str(), &fst) != 0 || !S_ISREG(fst.st_mode)) continue;
    if (fst.st_uid == geteuid() && (fst.st_mode & 077) != 0)
      chmod(entry.path().c_str(), fst.st_mode & 0700);
  }
  return "";
}

}  // namespace kiosk::hardening
