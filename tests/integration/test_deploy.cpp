// Deployment: scripts/kiosk.service passes `systemd-analyze verify` with no complaint (and the
// check does complain about a broken copy, so it can fail), and keeps its promises (dedicated
// user, Restart=on-failure, cage through kiosk-session); the kiosk really runs under cage on its
// headless wlroots backend as an unprivileged user (cage refuses root) with a private
// XDG_RUNTIME_DIR: a script inside takes a screenshot of the output's size, and kiosk-session
// passes the kiosk's exit status through cage (0 for a finished script, 1 for a failed one), which
// is what lets systemd restart a crash but not a staff exit.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>

#include "gui_process.h"
#include "tests/support/test_server.h"

using namespace std::chrono;
using kiosk::test_gui::Child;
using kiosk::test_gui::slurp;
using kiosk::test_upload::ScratchDir;
namespace fs = std::filesystem;

namespace {

const std::string kScripts = std::string(KIOSK_SOURCE_DIR) + "/scripts";

// Runs a command line through sh, bounded; returns the exit code and stdout+stderr in `out`.
int sh(const std::string& dir, const std::string& command, std::string& out) {
  Child c({"sh", "-c", command + " > \"$0/sh.out\" 2>&1", dir}, {}, "/dev/null", "/dev/null");
  int rc = c.wait(seconds(120));
  out = slurp(dir + "/sh.out");
  return rc;
}

std::string unit_for_verify(const std::string& dir, const std::string& unit_text,
                            const std::string& name) {
  // verify checks that ExecStart's program exists and is executable: point it at the repository's.
  std::string text =
      std::regex_replace(unit_text, std::regex("/usr/local/lib/community-kiosk/kiosk-session"),
                         kScripts + "/kiosk-session");
  const std::string path = dir + "/" + name;
  std::ofstream(path) << text;
  return path;
}

// Width and height from a PNG's IHDR chunk; {0, 0} when the file is not a PNG.
std::pair<uint32_t, uint32_t> png_size(const std::string& path) {
  std::string b = slurp(path);
  if (b.size() < 24 || b.compare(0, 8, "\x89PNG\r\n\x1a\n") != 0 || b.compare(12, 4, "IHDR") != 0)
    return {0, 0};
  auto be32 = [&](std::size_t at) {
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(b[at + i]);
    return v;
  };
  return {be32(16), be32(20)};
}

}  // namespace

TEST_CASE("scripts/kiosk.service passes systemd-analyze verify and keeps its promises") {
  ScratchDir dir("kiosk-deploy-test");
  const std::string unit = slurp(kScripts + "/kiosk.service");
  REQUIRE_FALSE(unit.empty());
  for (const char* line :
       {"\nUser=kiosk\n", "\nRestart=on-failure\n", "\nStateDirectory=community-kiosk\n",
        "\nExecStart=/usr/local/lib/community-kiosk/kiosk-session ", "\nKillSignal=SIGTERM\n",
        "\nPAMName=login\n", "\nWantedBy=graphical.target\n",
        // Hardening (issue 11): no core dumps, a read-only system but for the data dir and the
        // USB sticks the staff export writes to, and cage's runtime directory.
        "\nLimitCORE=0\n", "\nProtectSystem=strict\n",
        "\nReadWritePaths=/var/lib/community-kiosk -/media -/run/media\n",
        "\nRuntimeDirectory=community-kiosk\n", "\nUMask=0077\n"}) {
    INFO(line);
    CHECK(unit.find(line) != std::string::npos);
  }
  CHECK(unit.find("\nUser=root") == std::string::npos);

  std::string out;
  const std::string path = unit_for_verify(dir.path(), unit, "kiosk.service");
  int rc = sh(dir.path(), "systemd-analyze verify --man=no " + path, out);
  INFO(out);
  CHECK(rc == 0);
  CHECK(out.empty());  // verify reports unknown keys and bad values on stderr with exit 0

  // The check can fail: a misspelt key and a bad value in a copy are reported.
  std::string broken =
      std::regex_replace(unit, std::regex("Restart=on-failure"), "Restart=sometimes");
  broken = std::regex_replace(broken, std::regex("KillSignal="), "KillSignl=");
  const std::string bad_path = unit_for_verify(dir.path(), broken, "kiosk-broken.service");
  sh(dir.path(), "systemd-analyze verify --man=no " + bad_path, out);
  CHECK(out.find("restart specifier") != std::string::npos);
  CHECK(out.find("KillSignl") != std::string::npos);
}

TEST_CASE(
    "the kiosk runs under cage (headless backend, unprivileged user) and kiosk-session passes its "
    "status") {
  std::string out;
  ScratchDir scratch("kiosk-cage-test");
  REQUIRE(sh(scratch.path(), "command -v cage", out) ==
          0);  // scripts/deps.sh installs it (and xwayland)

  // cage refuses root: as root (CI), run as `nobody` in a directory it owns; otherwise as ourselves.
  const bool as_root = geteuid() == 0;
  const std::string dir = scratch / "home";
  fs::create_directories(dir + "/run");
  fs::create_directories(dir + "/data");
  std::ofstream(dir + "/shot.script")
      << "expect \"Touch to start\"\nscreenshot " << dir << "/cage-attract.png\n";
  std::ofstream(dir + "/fail.script") << "expect \"a text no screen shows\"\n";
  if (as_root) REQUIRE(sh(scratch.path(), "chown -R 65534:65534 " + dir, out) == 0);
  chmod(scratch.path().c_str(), 0755);
  chmod((dir + "/run").c_str(), 0700);

  // `runtime`: the environment naming cage's runtime directory (systemd's RuntimeDirectory= sets
  // RUNTIME_DIRECTORY, which kiosk-session prefers to logind's XDG_RUNTIME_DIR).
  auto session = [&](const std::string& script, std::string runtime = "") {
    if (runtime.empty()) runtime = "XDG_RUNTIME_DIR=" + dir + "/run";
    std::string cmd =
        std::string(as_root ? "setpriv --reuid=65534 --regid=65534 --clear-groups " : "") +
        "env -i PATH=/usr/bin:/bin HOME=" + dir + " " + runtime +
        " WLR_BACKENDS=headless WLR_RENDERER=pixman WLR_LIBINPUT_NO_DEVICES=1"
        " SDL_VIDEODRIVER=wayland KIOSK_VIRTUAL_CLOCK=1 KIOSK_BINARY=" KIOSK_BINARY " sh " +
        kScripts + "/kiosk-session --script " + dir + "/" + script + " --data-dir " + dir +
        "/data --screenshots " + dir;
    return sh(scratch.path(), "cd " + dir + " && " + cmd, out);
  };

  int rc = session("shot.script");
  INFO(out);
  CHECK(rc == 0);
  CHECK(out.find("renderer llvmpipe") != std::string::npos);  // the kiosk drew with GL inside cage
  auto [w, h] = png_size(dir + "/cage-attract.png");
  CHECK(w == 1280);  // wlroots' headless output
  CHECK(h == 720);
  CHECK(fs::exists(dir + "/data/kiosk.db"));
  if (as_root) {
    struct stat st {};
    REQUIRE(stat((dir + "/data/kiosk.db").c_str(), &st) == 0);
    CHECK(st.st_uid == 65534u);  // it really ran as the unprivileged user
  }

  // As under the unit's ProtectSystem=strict: logind's runtime dir is read-only, the unit's
  // RuntimeDirectory is not; cage makes its Wayland socket in the latter.
  fs::create_directories(dir + "/user-ro");
  fs::create_directories(dir + "/unit-rt");
  if (as_root) REQUIRE(sh(scratch.path(), "chown 65534:65534 " + dir + "/unit-rt", out) == 0);
  chmod((dir + "/user-ro").c_str(), 0500);
  chmod((dir + "/unit-rt").c_str(), 0700);
  fs::remove(dir + "/cage-attract.png");
  rc = session("shot.script",
               "XDG_RUNTIME_DIR=" + dir + "/user-ro RUNTIME_DIRECTORY=" + dir + "/unit-rt");
  CHECK(rc == 0);
  CHECK(fs::exists(dir + "/cage-attract.png"));

  // A failing kiosk makes kiosk-session fail (cage itself exits 0): systemd would restart it.
  rc = session("fail.script");
  CHECK(rc == 1);
  CHECK(out.find("script failed") != std::string::npos);
  // The screenshot is kept as a build artifact.
  fs::create_directories(std::string(KIOSK_BUILD_DIR) + "/ui-screens/cage");
  fs::copy_file(dir + "/cage-attract.png",
                std::string(KIOSK_BUILD_DIR) + "/ui-screens/cage/cage-attract.png",
                fs::copy_options::overwrite_existing);
}
