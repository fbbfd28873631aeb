// KioskProcess: runs the real kiosk binary (KIOSK_BINARY) for the sync tests, with stdout and
// stderr captured on one pipe, bounded in time, and kill -9 on demand. The destructor kills and
// reaps a child still running. Header-only, for tests/integration/test_sync_*.cpp.
#pragma once
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "tests/support/sealed_rows.h"

extern char** environ;

namespace kiosk::test_upload {

struct RunResult {
  int exit_code = -1;  // -1 when killed by a signal or timed out
  bool timed_out = false;
  std::string output;  // stdout and stderr, interleaved
};

class KioskProcess {
 public:
  explicit KioskProcess(const std::vector<std::string>& args) {
    std::vector<std::string> argv = {KIOSK_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed");
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&fa, fds[1], STDERR_FILENO);
    posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    std::vector<char*> cargs;
    for (auto& a : argv) cargs.push_back(a.data());
    cargs.push_back(nullptr);
    int rc = posix_spawn(&pid_, cargs[0], &fa, nullptr, cargs.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    close(fds[1]);
    fd_ = fds[0];
    if (rc != 0) {
      close(fd_);
      fd_ = -1;
      pid_ = -1;
      throw std::runtime_error(std::string("cannot start ") + KIOSK_BINARY);
    }
  }
  ~KioskProcess() {
    kill9();
    if (fd_ >= 0) close(fd_);
  }
  KioskProcess(const KioskProcess&) = delete;
  KioskProcess& operator=(const KioskProcess&) = delete;

  pid_t pid() const { return pid_; }

  // SIGKILL and reap (no-op when it already exited).
  void kill9() {
    if (pid_ <= 0) return;
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

  // Reads the output until the child closes it (exits), at most `limit`; then reaps it.
  RunResult wait(std::chrono::milliseconds limit = std::chrono::seconds(60)) {
    RunResult r;
    auto deadline = std::chrono::steady_clock::now() + limit;
    char buf[4096];
    for (;;) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) {
        r.timed_out = true;
        break;
      }
      pollfd p{fd_, POLLIN, 0};
      if (poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
      ssize_t n = read(fd_, buf, sizeof buf);
      if (n <= 0) break;
      r.output.append(buf, static_cast<size_t>(n));
    }
    if (r.timed_out) {
      kill9();
      return r;
    }
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
    return r;
  }

 private:
  pid_t pid_ = -1;
  int fd_ = -1;
};

inline RunResult run_kiosk(const std::vector<std::string>& args) {
  return KioskProcess(args).wait();
}

// A kiosk.toml whose [upload] section points at `endpoint` (plus any extra lines), with the test
// department's key (an endpoint in demo mode is a configuration error).
inline std::string write_config(const std::string& path, const std::string& endpoint,
                                const std::string& token, const std::string& extra = "") {
  std::ofstream out(path);
  out << "[upload]\n";
  if (!endpoint.empty()) out << "endpoint = \"" << endpoint << "\"\n";
  out << "token = \"" << token << "\"\nconnect_timeout_s = 5\ntimeout_s = 10\n" << extra;
  out << "\n" << kiosk::testing::test_department_config();
  return path;
}

}  // namespace kiosk::test_upload
