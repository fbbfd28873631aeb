// Thread-safe levelled logging with size-capped rotation: <file> and one older <file>.1, so the
// log never takes more than about twice log.max_kb of the data dir.
#include "kiosk/core/log.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <mutex>

#include "kiosk/core/clock.h"

namespace kiosk::log {
namespace {
std::mutex g_mu;
Options g_opts;
const char* name(Level l) {
  switch (l) {
    case Level::Debug: return "debug";
    case Level::Info: return "info";
    case Level::Warn: return "warn";
    case Level::Error: return "error";
  }
  return "?";
}

// One message is one line: a library's error text with a newline cannot forge a second entry.
std::string one_line(const std::string& msg) {
  std::string out = msg;
  for (char& c : out)
    if (c == '\n' || c == '\r') c = ' ';
  return out;
}

void append_to_file(const std::string& line) {
  std::error_code ec;
  auto size = std::filesystem::file_size(g_opts.file, ec);
  if (!ec && size > 0 && size + line.size() > g_opts.max_bytes)
    std::filesystem::rename(g_opts.file, g_opts.file + ".1", ec);
  // O_APPEND: one write() per line, so lines from another process on the same data dir (a
  // headless command beside the GUI) interleave whole. A log that cannot be written is dropped
  // silently: logging must never take the kiosk down (stderr still has the line). 0600: the log
  // is the kiosk user's alone, like the rest of the data dir (issue 11).
  int fd = open(g_opts.file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) return;
  [[maybe_unused]] ssize_t n = ::write(fd, line.data(), line.size());
  close(fd);
}
}  // namespace

void init(const Options& opts) {
  std::lock_guard lk(g_mu);
  g_opts = opts;
}

void write(Level level, const std::string& msg) {
  std::lock_guard lk(g_mu);
  if (level < g_opts.level) return;
  const std::string text = one_line(msg);
  if (g_opts.to_stderr)
    std::fputs(("kiosk: " + std::string(name(level)) + ": " + text + "\n").c_str(), stderr);
  if (g_opts.file.empty()) return;
  append_to_file(format_rfc3339(process_clock().wall()) + " " + name(level) + ": " + text + "\n");
}

bool parse_level(const std::string& s, Level& out) {
  if (s == "debug")
    out = Level::Debug;
  else if (s == "info")
    out = Level::Info;
  else if (s == "warn")
    out = Level::Warn;
  else if (s == "error")
    out = Level::Error;
  else
    return false;
  return true;
}

}  // namespace kiosk::log
