// Log: level filtering (file and stderr), one line per message, size-capped rotation to one older
// file (the log never grows past about twice its cap), a log that cannot be written is no crash.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "kiosk/core/log.h"
#include "tests/support/test_server.h"

namespace fs = std::filesystem;
using kiosk::test_upload::ScratchDir;

namespace {
std::string slurp(const std::string& p) {
  std::ifstream in(p);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
std::size_t lines_in(const std::string& s) {
  std::size_t n = 0;
  for (char c : s) n += c == '\n';
  return n;
}
// Restores stderr-only logging when a test ends (other tests in this process log too).
struct LogTo {
  explicit LogTo(const kiosk::log::Options& o) { kiosk::log::init(o); }
  ~LogTo() { kiosk::log::init(kiosk::log::Options{}); }
};
}  // namespace

TEST_CASE("log: levels below the configured one are dropped") {
  ScratchDir dir("kiosk-log-test");
  kiosk::log::Options o;
  o.file = dir / "kiosk.log";
  o.level = kiosk::log::Level::Warn;
  o.to_stderr = false;
  LogTo guard(o);
  kiosk::log::debug("d-line");
  kiosk::log::info("i-line");
  kiosk::log::warn("w-line");
  kiosk::log::error("e-line");
  const std::string text = slurp(o.file);
  CHECK(text.find("d-line") == std::string::npos);
  CHECK(text.find("i-line") == std::string::npos);
  CHECK(text.find(" warn: w-line\n") != std::string::npos);
  CHECK(text.find(" error: e-line\n") != std::string::npos);
  CHECK(lines_in(text) == 2);
}

TEST_CASE("log: a message with newlines stays one line") {
  ScratchDir dir("kiosk-log-test");
  kiosk::log::Options o;
  o.file = dir / "kiosk.log";
  o.to_stderr = false;
  LogTo guard(o);
  kiosk::log::error("first\nerror: forged\r\nthird");
  const std::string text = slurp(o.file);
  CHECK(lines_in(text) == 1);
  CHECK(text.find("first error: forged  third") != std::string::npos);
}

TEST_CASE("log: rotation keeps the file under its cap and one older file") {
  ScratchDir dir("kiosk-log-test");
  kiosk::log::Options o;
  o.file = dir / "kiosk.log";
  o.max_bytes = 4096;
  o.to_stderr = false;
  LogTo guard(o);
  const std::string filler(100, 'x');
  for (int i = 0; i < 500; ++i) kiosk::log::info("line " + std::to_string(i) + " " + filler);
  REQUIRE(fs::exists(o.file));
  REQUIRE(fs::exists(o.file + ".1"));
  CHECK(fs::file_size(o.file) <= o.max_bytes);
  CHECK(fs::file_size(o.file + ".1") <= o.max_bytes);
  CHECK_FALSE(fs::exists(o.file + ".2"));
  // The newest line is in the current file, the lines just before it in the older one.
  CHECK(slurp(o.file).find("line 499 ") != std::string::npos);
  CHECK(slurp(o.file + ".1").find("line 499 ") == std::string::npos);
  CHECK(slurp(o.file + ".1").find("line 0 ") == std::string::npos);  // long rotated away
  std::size_t kept = lines_in(slurp(o.file)) + lines_in(slurp(o.file + ".1"));
  CHECK(kept >= 4096 / 140);  // at least one cap's worth of ~135-byte lines survives a rotation
}

TEST_CASE("log: an unwritable log file is dropped without failing") {
  ScratchDir dir("kiosk-log-test");
  kiosk::log::Options o;
  o.file = dir / "no-such-dir/kiosk.log";
  o.to_stderr = false;
  LogTo guard(o);
  kiosk::log::error("nowhere to go");
  CHECK_FALSE(fs::exists(o.file));
}

TEST_CASE("log: level names parse, unknown ones are refused") {
  kiosk::log::Level l = kiosk::log::Level::Info;
  CHECK(kiosk::log::parse_level("debug", l));
  CHECK(l == kiosk::log::Level::Debug);
  CHECK(kiosk::log::parse_level("error", l));
  CHECK(l == kiosk::log::Level::Error);
  CHECK_FALSE(kiosk::log::parse_level("verbose", l));
  CHECK(l == kiosk::log::Level::Error);
}
