// Log: levelled, size-capped, rotating log file in the data dir, mirrored to stderr.
// Invariant: no personal data is ever logged. Callers pass ids, counts, field names and error
// texts from libraries, never answers, names, emails or phone numbers (a test greps for them).
#pragma once
#include <cstddef>
#include <string>

namespace kiosk::log {

enum class Level { Debug = 0, Info = 1, Warn = 2, Error = 3 };

struct Options {
  std::string file;  // empty: stderr only
  Level level = Level::Info;
  std::size_t max_bytes = 1 << 20;  // rotate to <file>.1 past this size
  bool to_stderr = true;
};

void init(const Options& opts);
void write(Level level, const std::string& msg);

inline void debug(const std::string& m) { write(Level::Debug, m); }
inline void info(const std::string& m) { write(Level::Info, m); }
inline void warn(const std::string& m) { write(Level::Warn, m); }
inline void error(const std::string& m) { write(Level::Error, m); }

bool parse_level(const std::string& s, Level& out);

}  // namespace kiosk::log
