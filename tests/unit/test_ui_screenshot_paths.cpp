// Script screenshots are confined (issue 11): a relative path lands in the first allowed dir (the
// --screenshots dir, else the data dir); an absolute path, "..", or a symbolic link leading out of
// every allowed dir is refused, so a script cannot write over files elsewhere.
#include <catch2/catch.hpp>

#include <filesystem>

#include "tests/support/test_server.h"
#include "ui/script/player.h"

namespace fs = std::filesystem;
using kiosk::ui::confine_screenshot_path;

TEST_CASE("screenshots go only under the --screenshots dir or the data dir") {
  kiosk::test_upload::ScratchDir scratch("kiosk-shot-paths");
  const std::string shots = scratch / "shots", data = scratch / "data", other = scratch / "other";
  for (const auto& d : {shots, data, other}) fs::create_directories(d);
  const std::vector<std::string> roots{shots, data};
  std::string err;
  // What the function returns is resolved ($TMPDIR may itself be a link).
  auto real = [](const std::string& p) { return fs::weakly_canonical(p).string(); };

  CHECK(confine_screenshot_path("a.png", roots, err) == real(shots + "/a.png"));
  CHECK(confine_screenshot_path("sub/b.png", roots, err) == real(shots + "/sub/b.png"));
  CHECK(confine_screenshot_path(data + "/c.png", roots, err) == real(data + "/c.png"));
  CHECK(confine_screenshot_path(shots + "/./d.png", roots, err) == real(shots + "/d.png"));

  for (const std::string& bad : {other + "/e.png", std::string("../other/f.png"),
                                 shots + "/../other/g.png", std::string("/etc/kiosk-h.png")}) {
    err.clear();
    INFO(bad);
    CHECK(confine_screenshot_path(bad, roots, err).empty());
    CHECK(err.find("--screenshots DIR") != std::string::npos);
  }
  // A link inside an allowed dir that leads out of it is judged by where it leads.
  fs::create_directory_symlink(other, shots + "/link");
  CHECK(confine_screenshot_path("link/i.png", roots, err).empty());
  // Without --screenshots, relative paths land in the data dir.
  CHECK(confine_screenshot_path("j.png", {data}, err) == real(data + "/j.png"));
  CHECK(confine_screenshot_path("k.png", {}, err).empty());
}
