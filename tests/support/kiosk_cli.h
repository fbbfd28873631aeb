// For the integration tests of kiosk's command-line commands: runs the real `kiosk` binary
// (KIOSK_BINARY) with arguments and, if given, text on its stdin, isolated by its own XDG dirs and
// bounded by `timeout` (a hang fails the test instead of blocking the suite), and returns its exit
// code, stdout and stderr. Also the small file and text helpers those tests share.
#pragma once
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace kiosk::test_cli {

inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline void write_file(const std::filesystem::path& p, const std::string& bytes) {
  std::ofstream(p, std::ios::binary) << bytes;
}

// `s` as one single-quoted /bin/sh word.
inline std::string quoted(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

inline std::vector<std::string> lines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

struct Run {
  int code = -1;  // the exit code; -1 when it did not exit (killed by a signal)
  std::string out, err;
};

// Each member has a default, so a designated initializer names only what it needs.
struct RunOptions {
  std::filesystem::path work = {};             // where the out, err (and stdin) files go
  std::filesystem::path cwd = {};              // the directory it runs in; empty: the test's own
  std::filesystem::path config_home = {};      // XDG_CONFIG_HOME; empty: inherited
  std::filesystem::path data_home = {};        // XDG_DATA_HOME; empty: inherited
  std::optional<std::string> stdin_text = {};  // fed through a file; none: the test's own stdin
  int timeout_s = 30;                          // seconds, then `timeout` ends it
};

inline Run run_kiosk(const std::vector<std::string>& args, const RunOptions& o) {
  const std::filesystem::path in_file = o.work / "stdin", out_file = o.work / "out",
                              err_file = o.work / "err";
  std::string cmd;
  if (!o.cwd.empty()) cmd += "cd " + quoted(o.cwd.string()) + " && ";
  if (!o.config_home.empty()) cmd += "XDG_CONFIG_HOME=" + quoted(o.config_home.string()) + " ";
  if (!o.data_home.empty()) cmd += "XDG_DATA_HOME=" + quoted(o.data_home.string()) + " ";
  cmd += "timeout " + std::to_string(o.timeout_s) + " " + quoted(KIOSK_BINARY);
  for (const auto& a : args) cmd += " " + quoted(a);
  if (o.stdin_text) {
    write_file(in_file, *o.stdin_text);
    cmd += " <" + quoted(in_file.string());
  }
  cmd += " >" + quoted(out_file.string()) + " 2>" + quoted(err_file.string());
  int status = std::system(cmd.c_str());
  if (o.stdin_text) std::filesystem::remove(in_file);
  Run r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_file(out_file);
  r.err = read_file(err_file);
  return r;
}

}  // namespace kiosk::test_cli
