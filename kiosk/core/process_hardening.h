// Process hardening at start: what a kiosk process does before it touches the data dir, so that
// answers, keys and the upload token stay private whoever starts it and however it dies.
//   harden_process(): umask 077, no core dumps (RLIMIT_CORE 0), not dumpable (PR_SET_DUMPABLE 0:
//   no ptrace attach by the same user, /proc/PID/mem and smaps closed to others).
//   Data dir: created 0700; too-open modes on it and on its files are narrowed at each start.
//   A data dir owned by another user (root included) is refused: files made by the wrong user
//   would lock the real owner out of its own keys and database.
#pragma once
#include <sys/types.h>

#include <string>
#include <vector>

namespace kiosk::hardening {

// Call first thing in main(). Returns "" or a warning in words (a limit that could not be set).
std::string harden_process();

// The refusal for a data dir owned by `owner_uid` when the process runs as `euid`: "" when they
// match; otherwise a message naming `runuser -u OWNER -- kiosk ARGS` (`args`: the command line
// after the program name).
std::string foreign_owner_refusal(const std::string& data_dir, uid_t owner_uid, uid_t euid,
                                  const std::vector<std::string>& args);

// Creates the data dir (0700) if missing; refuses one owned by someone else (foreign_owner_refusal
// with the real euid); narrows the modes of the dir (0700) and of the files directly in it that
// this user owns (0600). Returns "" on success, else the message to print (exit 2).
std::string prepare_data_dir(const std::string& data_dir, const std::vector<std::string>& args);

}  // namespace kiosk::hardening
