// Thread-safe levelled logging with size-capped rotation (one old file kept).
#include "kiosk/core/log.h"

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
}  // namespace

void init(const Options& opts) {
  std::lock_guard lk(g_mu);
  g_opts = opts;
}

void write(Level level, const std::string& msg) {
  std::lock_guard lk(g_mu);
  if (level < g_opts.level) return;
  std::string line = format_rfc3339(process_clock().wall()) + " " + name(level) + ": " + msg + "\n";
  if (g_opts.to_stderr) std::fputs(("kiosk: " + std::string(name(level)) + ": " + msg + "\n").c_str(), stderr);
  if (g_opts.file.empty()) return;
  std::error_code ec;
  auto size = std::filesystem::file_size(g_opts.file, ec);
  if (!ec && size + line.size() > g_opts.max_bytes) std::filesystem::rename(g_opts.file, g_opts.file + ".1", ec);
  if (FILE* f = std::fopen(g_opts.file.c_str(), "a")) {
    std::fputs(line.c_str(), f);
    std::fclose(f);
  }
}

bool parse_level(const std::string& s, Level& out) {
  if (s == "debug") out = Level::Debug;
  else if (s == "info") out = Level::Info;
  else if (s == "warn") out = Level::Warn;
  else if (s == "error") out = Level::Error;
  else return false;
  return true;
}

}  // namespace kiosk::log
