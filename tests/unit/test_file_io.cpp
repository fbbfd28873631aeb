// read_file: whole files, missing files and directories with the system's reason, and the size
// bound (for regular files by their size, for anything else by what was read).
#include <catch2/catch.hpp>

#include <stdlib.h>

#include <filesystem>

#include "kiosk/core/file_io.h"
#include "tests/support/kiosk_cli.h"

namespace {

struct TempDir {
  std::filesystem::path path;
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "kiosk-file-io-XXXXXX").string();
    REQUIRE(mkdtemp(tmpl.data()) != nullptr);
    path = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  void write(const std::string& name, const std::string& bytes) const {
    kiosk::test_cli::write_file(path / name, bytes);
  }
};

}  // namespace

TEST_CASE("read_file reads a whole file, empty ones too") {
  TempDir dir;
  dir.write("a.json", std::string("{\"x\":1}\0tail", 12));
  dir.write("empty", "");
  std::string reason;
  auto bytes = kiosk::read_file((dir.path / "a.json").string(), reason);
  REQUIRE(bytes);
  CHECK(*bytes == std::string("{\"x\":1}\0tail", 12));
  CHECK(kiosk::read_file((dir.path / "empty").string(), reason) == std::string());
}

TEST_CASE("read_file says why it cannot read") {
  TempDir dir;
  std::string reason;
  CHECK_FALSE(kiosk::read_file((dir.path / "missing").string(), reason));
  CHECK(reason == "cannot read: No such file or directory");
  CHECK_FALSE(kiosk::read_file(dir.path.string(), reason));
  CHECK(reason == "cannot read: Is a directory");
}

TEST_CASE("read_file refuses more than its bound") {
  TempDir dir;
  dir.write("big", std::string(100, 'x'));
  std::string reason;
  CHECK(kiosk::read_file((dir.path / "big").string(), reason, 100));
  CHECK_FALSE(kiosk::read_file((dir.path / "big").string(), reason, 99));
  CHECK(reason == "file too large (100 bytes; at most 99)");
  // Not a regular file: the bound holds on what is read.
  CHECK_FALSE(kiosk::read_file("/dev/zero", reason, 1000));
  CHECK(reason == "file too large (over 1000 bytes; at most 1000)");
}
