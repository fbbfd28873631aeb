// ChildProcess: runs a program with its stdout on a pipe, for the outbox's kill -9 and fault tests.
// Lines are read as the child prints them, so the parent acts on what the child reports (never on
// guessed sleeps). The destructor kills and reaps a child still running.
#pragma once
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

extern char** environ;

namespace outbox_test {

class ChildProcess {
 public:
  // `merge_stderr`: the child's stderr goes to the same pipe (to check its error messages).
  explicit ChildProcess(const std::vector<std::string>& argv, bool merge_stderr = false) {
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed");
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fds[1], STDOUT_FILENO);
    if (merge_stderr) posix_spawn_file_actions_adddup2(&fa, fds[1], STDERR_FILENO);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    const int rc = posix_spawn(&pid_, args[0], &fa, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    close(fds[1]);
    fd_ = fds[0];
    if (rc != 0) {
      close(fd_);
      throw std::runtime_error("posix_spawn " + argv[0] + " failed");
    }
  }
  ~ChildProcess() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    if (fd_ >= 0) close(fd_);
  }
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // The next line of the child's stdout (without '\n'); nullopt at end of file.
  std::optional<std::string> read_line() {
    for (;;) {
      const auto nl = buf_.find('\n');
      if (nl != std::string::npos) {
        std::string line = buf_.substr(0, nl);
        buf_.erase(0, nl + 1);
        return line;
      }
      char chunk[4096];
      const ssize_t n = read(fd_, chunk, sizeof chunk);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        if (buf_.empty()) return std::nullopt;
        std::string rest;
        rest.swap(buf_);
        return rest;
      }
      buf_.append(chunk, static_cast<std::size_t>(n));
    }
  }

  std::string read_all() {
    std::string out;
    while (auto l = read_line()) out += *l + "\n";
    return out;
  }

  std::vector<std::string> read_remaining_lines() {
    std::vector<std::string> out;
    while (auto l = read_line()) out.push_back(*l);
    return out;
  }

  void kill9() {
    if (pid_ > 0) kill(pid_, SIGKILL);
  }

  // Waits for the child; returns its exit code, or 128 + signal when a signal ended it.
  int wait() {
    int status = 0;
    while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {}
    pid_ = -1;
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return -1;
  }

 private:
  pid_t pid_ = -1;
  int fd_ = -1;
  std::string buf_;
};

}  // namespace outbox_test
