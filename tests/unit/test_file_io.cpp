// read_file: whole files, missing files and directories with the system's reason, and the size
// bound (for regular files by their size, for anything else by what was read).
#include <catch2/catch.hpp>

#include <stdlib.h>

#include <filesystem>

#include "kiosk/core/file_io.h"
#include "tests/support/kiosk_cli.h"

namespace {

namespace fs = std::filesystem;

// A fresh directory under the system's temp dir, removed when the test ends.
class Scratch {
 public:
  Scratch() {
    std::string name = (fs::temp_directory_path() / "kiosk-file-io-XXXXXX").string();
    REQUIRE(mkdtemp(name.data()) != nullptr);
    path = name;
  }
  ~Scratch() { fs::remove_all(path, ignored_); }
  std::string file(const std::string& name, const std::string& bytes) const {
    kiosk::test_cli::write_file(path / name, bytes);
    return (path / name).string();
  }
  fs::path path;

 private:
  std::error_code ignored_;
};

}  // namespace

TEST_CASE("read_file reads a whole file, empty ones too") {
  Scratch dir;
  const std::string with_nul("{\"x\":1}\0tail", 12);
  std::string reason;
  auto bytes = kiosk::read_file(dir.file("a.json", with_nul), reason);
  REQUIRE(bytes);
  CHECK(*bytes == with_nul);
  CHECK(kiosk::read_file(dir.file("empty", ""), reason) == std::string());
}

TEST_CASE("read_file says why it cannot read") {
  Scratch dir;
  std::string reason;
  CHECK_FALSE(kiosk::read_file((dir.path / "missing").string(), reason));
  CHECK(reason == "cannot read: No such file or directory");
  CHECK_FALSE(kiosk::read_file(dir.path.string(), reason));
  CHECK(reason == "cannot read: Is a directory");
}

TEST_CASE("read_file refuses more than its bound") {
  Scratch dir;
  const std::string big = dir.file("big", std::string(100, 'x'));
  std::string reason;
  CHECK(kiosk::read_file(big, reason, 100));
  CHECK_FALSE(kiosk::read_file(big, reason, 99));
  CHECK(reason == "file too large (100 bytes; at most 99)");
  // Not a regular file: the bound holds on what is read.
  CHECK_FALSE(kiosk::read_file("/dev/zero", reason, 1000));
  CHECK(reason == "file too large (over 1000 bytes; at most 1000)");
}
