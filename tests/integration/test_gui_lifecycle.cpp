// The GUI process's life, with the real binary under xvfb-run: one GUI per data dir (a second one
// says so in one line and exits 2, headless commands run beside it, the lock goes with the
// process), and SIGTERM / SIGINT end it cleanly (exit 0, the quit logged, the database whole).
#include <catch2/catch.hpp>

#include <signal.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include "offline-cache/outbox.h"
#include "gui_process.h"
#include "tests/support/test_server.h"

using namespace std::chrono;
using kiosk::test_gui::Child;
using kiosk::test_gui::GuiProcess;
using kiosk::test_gui::poll_until;
using kiosk::test_gui::slurp;
using kiosk::test_upload::ScratchDir;

namespace {

// A test's world: its own HOME (no developer kiosk.toml) and data dir.
struct World {
  ScratchDir dir{"kiosk-gui-test"};
  std::string data() const { return dir / "data"; }
  std::vector<std::string> env() const { return {"HOME=" + dir.path(), "XDG_CONFIG_HOME=" + (dir / "config")}; }
  std::string log() const { return slurp(data() + "/kiosk.log"); }

  // A headless kiosk command on this data dir, bounded; returns its exit code, output in out/err.
  int run(std::vector<std::string> args, std::string& out, std::string& err, bool with_display = true) const {
    std::vector<std::string> argv = {KIOSK_BINARY, "--data-dir", data()};
    argv.insert(argv.end(), args.begin(), args.end());
    if (!with_display) argv.insert(argv.begin(), {"env", "-u", "DISPLAY", "-u", "WAYLAND_DISPLAY"});
    Child c(argv, env(), dir / "cmd.stdout", dir / "cmd.stderr");
    int rc = c.wait(seconds(60));
    out = slurp(dir / "cmd.stdout");
    err = slurp(dir / "cmd.stderr");
    return rc;
  }

  // The interactive kiosk (no script: the real frame loop), once its display is up (SDL has
  // installed its signal handlers then: SIGTERM becomes SDL_QUIT).
  std::unique_ptr<GuiProcess> start_gui() const {
    const std::size_t log_before = log().size();  // an earlier GUI's lines do not count
    auto gui = std::make_unique<GuiProcess>(dir.path(), std::vector<std::string>{"--data-dir", data()}, env());
    bool up = poll_until([&] { return log().find("info: display ", log_before) != std::string::npos || !gui->running(); },
                         seconds(60));
    INFO(gui->err());
    REQUIRE(up);
    REQUIRE(gui->running());
    REQUIRE(gui->kiosk_pid() > 0);
    return gui;
  }
};

std::size_t count_lines(const std::string& s) {
  std::size_t n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

}  // namespace

TEST_CASE("one GUI per data dir: a second GUI exits 2 with one line, headless commands run beside it") {
  World w;
  auto gui = w.start_gui();
  REQUIRE(kiosk::test_gui::flock_held(w.data() + "/gui.lock"));

  // A second GUI (interactive, and a script) on the same data dir: refused before it opens a
  // display, so it is refused even where there is none.
  std::ofstream(w.dir / "wait.script") << "wait 1000\n";
  for (std::vector<std::string> args : {std::vector<std::string>{}, {"--script", w.dir / "wait.script"}}) {
    std::string out, err;
    int rc = w.run(args, out, err, false);
    INFO(err);
    CHECK(rc == 2);
    CHECK(out.empty());
    CHECK(count_lines(err) == 1);
    CHECK(err.find("another kiosk is already running on the data dir " + w.data()) != std::string::npos);
    CHECK(err.find("pid " + std::to_string(gui->kiosk_pid())) != std::string::npos);
  }

  // Headless commands do not take the GUI lock.
  std::string out, err;
  CHECK(w.run({"--status"}, out, err) == 0);
  CHECK(out.find("\"counts\"") != std::string::npos);
  std::string answers = w.dir / "answers.json";
  REQUIRE(w.run({"--answers-example", "records_request"}, out, err) == 0);
  std::ofstream(answers) << out;
  INFO(err);
  CHECK(w.run({"--submit", "records_request", "--answers", answers}, out, err) == 0);
  CHECK(out.rfind("RR-", 0) == 0);

  REQUIRE(kill(gui->kiosk_pid(), SIGTERM) == 0);
  CHECK(gui->wait(seconds(60)) == 0);
  // The kernel released the lock with the process: the next GUI starts.
  CHECK_FALSE(kiosk::test_gui::flock_held(w.data() + "/gui.lock"));
  auto next = w.start_gui();
  REQUIRE(kill(next->kiosk_pid(), SIGTERM) == 0);
  CHECK(next->wait(seconds(60)) == 0);
}
