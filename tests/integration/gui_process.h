// GuiProcess: runs the real kiosk GUI under its own `xvfb-run -a` X server for the lifecycle
// tests (lock file, SIGTERM, no-personal-data), with stdout and stderr captured to files, the
// kiosk's own pid known (so a signal reaches the kiosk, not xvfb-run) and every wait bounded.
// The destructor kills a child still running. Header-only, for tests/integration/test_gui_*.cpp.
#pragma once
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace kiosk::test_gui {

inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Polls `done` every 20 ms for at most `limit` (real time): a bound on waiting for another
// process, not a measurement.
inline bool poll_until(const std::function<bool()>& done, std::chrono::milliseconds limit) {
  const auto end = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() >= end) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

// Runs argv[0] with `env` ("NAME=value") added to this process's environment, stdin from
// /dev/null, stdout and stderr into the given files.
class Child {
 public:
  Child(std::vector<std::string> argv, const std::vector<std::string>& env,
        const std::string& out_file, const std::string& err_file) {
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, out_file.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, err_file.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0600);
    std::vector<std::string> envs;
    for (char** e = environ; *e; ++e) envs.emplace_back(*e);
    envs.insert(envs.end(), env.begin(), env.end());
    std::vector<char*> cargs, cenv;
    for (auto& a : argv) cargs.push_back(a.data());
    cargs.push_back(nullptr);
    for (auto& e : envs) cenv.push_back(e.data());
    cenv.push_back(nullptr);
    int rc = posix_spawnp(&pid_, cargs[0], &fa, nullptr, cargs.data(), cenv.data());
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0) {
      pid_ = -1;
      throw std::runtime_error("cannot start " + argv[0]);
    }
  }
  ~Child() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
  }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  pid_t pid() const { return pid_; }
  bool running() {
    if (pid_ <= 0) return false;
    int status = 0;
    pid_t r = waitpid(pid_, &status, WNOHANG);
    if (r == 0) return true;
    finish(status);
    return false;
  }
  // Waits at most `limit` for the exit; -1 on timeout (then the child is killed) or a signal death.
  int wait(std::chrono::milliseconds limit) {
    if (!poll_until([&] { return !running(); }, limit)) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
      pid_ = -1;
      return -1;
    }
    return exit_code_;
  }
  int exit_code() const { return exit_code_; }

 private:
  void finish(int status) {
    pid_ = -1;
    exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  pid_t pid_ = -1;
  int exit_code_ = -1;
};

// The kiosk GUI (`kiosk ARGS...`) under `xvfb-run -a` at `size`; the kiosk writes nothing for the
// test to parse, so its pid comes from a shell that writes its own pid and then execs the kiosk.
class GuiProcess {
 public:
  GuiProcess(const std::string& dir, const std::vector<std::string>& kiosk_args,
             const std::vector<std::string>& env = {}, const std::string& size = "1280x800")
      : pid_file_(dir + "/gui.pid"), out_(dir + "/gui.stdout"), err_(dir + "/gui.stderr") {
    std::filesystem::remove(pid_file_);
    std::filesystem::remove(pid_file_ + ".display");
    std::vector<std::string> argv = {"xvfb-run",
                                     "-a",
                                     "-s",
                                     "-screen 0 " + size + "x24",
                                     "sh",
                                     "-c",
                                     "printf '%s\\n%s\\n' \"$DISPLAY\" \"$XAUTHORITY\" > "
                                     "\"$0.display\" && echo $$ > \"$0.tmp\" && "
                                     "mv \"$0.tmp\" \"$0\" && shift && exec \"$@\"",
                                     pid_file_,
                                     "-",
                                     KIOSK_BINARY};
    argv.insert(argv.end(), kiosk_args.begin(), kiosk_args.end());
    child_ = std::make_unique<Child>(argv, env, out_, err_);
  }

  // The kiosk's own pid, once the shell has written it (0 if it never did within `limit`).
  pid_t kiosk_pid(std::chrono::milliseconds limit = std::chrono::seconds(30)) {
    if (kiosk_pid_ == 0 &&
        poll_until([&] { return std::filesystem::exists(pid_file_) || !child_->running(); },
                   limit) &&
        std::filesystem::exists(pid_file_))
      kiosk_pid_ = std::stol(slurp(pid_file_));
    return kiosk_pid_;
  }
  // DISPLAY=... and XAUTHORITY=... of the kiosk's X server (once kiosk_pid() is known), for
  // X clients the test runs against it.
  std::vector<std::string> x_env() const {
    std::istringstream in(slurp(pid_file_ + ".display"));
    std::string display, auth;
    std::getline(in, display);
    std::getline(in, auth);
    return {"DISPLAY=" + display, "XAUTHORITY=" + auth};
  }
  bool running() { return child_->running(); }
  int wait(std::chrono::milliseconds limit) { return child_->wait(limit); }
  std::string out() const { return slurp(out_); }
  std::string err() const { return slurp(err_); }

 private:
  std::string pid_file_, out_, err_;
  std::unique_ptr<Child> child_;
  pid_t kiosk_pid_ = 0;
};

// True while some process holds the flock on `path` (the test tries to take it and lets go).
inline bool flock_held(const std::string& path) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  bool held = flock(fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK;
  close(fd);
  return held;
}

}  // namespace kiosk::test_gui
