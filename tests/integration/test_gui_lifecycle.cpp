// The GUI process's life, with the real binary under xvfb-run: one GUI per data dir (a second one
// says so in one line and exits 2, headless commands run beside it, the lock goes with the
// process), and SIGTERM / SIGINT end it cleanly (exit 0, the quit logged, the database whole),
// also in the middle of a stream of saves through the touch UI (every confirmed save is stored).
#include <catch2/catch.hpp>

#include "tests/support/sealed_rows.h"

#include <signal.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

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
  std::vector<std::string> env() const {
    return {"HOME=" + dir.path(), "XDG_CONFIG_HOME=" + (dir / "config")};
  }
  std::string log() const { return slurp(data() + "/kiosk.log"); }

  // A headless kiosk command on this data dir, bounded; returns its exit code, output in out/err.
  int run(std::vector<std::string> args, std::string& out, std::string& err,
          bool with_display = true) const {
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
  std::unique_ptr<GuiProcess> start_gui(const std::vector<std::string>& extra = {}) const {
    const std::size_t log_before = log().size();  // an earlier GUI's lines do not count
    std::vector<std::string> args = {"--data-dir", data()};
    args.insert(args.end(), extra.begin(), extra.end());
    auto gui = std::make_unique<GuiProcess>(dir.path(), args, env());
    bool up = poll_until(
        [&] {
          return log().find("info: display ", log_before) != std::string::npos || !gui->running();
        },
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

TEST_CASE(
    "one GUI per data dir: a second GUI exits 2 with one line, headless commands run beside it") {
  World w;
  auto gui = w.start_gui();
  REQUIRE(kiosk::test_gui::flock_held(w.data() + "/gui.lock"));

  // A second GUI (interactive, and a script) on the same data dir: refused before it opens a
  // display, so it is refused even where there is none.
  std::ofstream(w.dir / "wait.script") << "wait 1000\n";
  for (std::vector<std::string> args :
       {std::vector<std::string>{}, {"--script", w.dir / "wait.script"}}) {
    std::string out, err;
    int rc = w.run(args, out, err, false);
    INFO(err);
    CHECK(rc == 2);
    CHECK(out.empty());
    CHECK(count_lines(err) == 1);
    CHECK(err.find("another kiosk is already running on the data dir " + w.data()) !=
          std::string::npos);
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
TEST_CASE("SIGTERM and SIGINT end the interactive GUI cleanly") {
  for (int sig : {SIGTERM, SIGINT}) {
    INFO("signal " << sig);
    World w;
    auto gui = w.start_gui();
    REQUIRE(kill(gui->kiosk_pid(), sig) == 0);
    CHECK(gui->wait(seconds(60)) == 0);
    const std::string log = w.log();
    CHECK(log.find("quit requested (signal)") != std::string::npos);
    // The database was closed cleanly and is whole.
    kiosk::store::Outbox box(w.data());
    CHECK(box.counts().pending == 0);
    CHECK(gui->err().find("error") == std::string::npos);
  }
}

namespace {

// One records request through the touch UI (physical-keyboard typing for the text), from the home
// screen back to it. The requester's name carries the test's marker.
std::string records_request_visit(const std::string& name) {
  return "tap \"Request police records\"\n"
         "tap \"Incident report\"\n"
         "tap \"Next\"\n"
         "scroll-to \"November 14, 2026\"\n"
         "tap \"November 14, 2026\"\n"
         "tap \"Next\"\n"
         "tap \"Receive copies\"\n"
         "tap \"Paper (reports and photos)\"\n"
         "scroll-to \"No\"\n"
         "tap \"No\"\n"
         "tap \"Next\"\n"
         "tap \"Your full name\"\n"
         "type \"" +
         name +
         "\"\n"
         "tap \"Next field\"\n"
         "type \"5555550142\"\n"
         "tap \"Done typing\"\n"
         "tap \"Next\"\n"
         "tap \"I will pick them up at the station\"\n"
         "tap \"Next\"\n"
         "scroll-to \"I understand and agree\"\n"
         "tap \"I understand and agree\"\n"
         "scroll-to \"Sign here with your finger\"\n"
         "drag-in \"Sign here with your finger\" 15 60 45 30 300\n"
         "drag-in \"Sign here with your finger\" 45 30 85 65 300\n"
         "tap \"Next\"\n"
         "tap \"Submit\"\n"
         "expect \"Your confirmation code\"\n"
         "tap \"Done\"\n"
         "tap \"Yes, close it\"\n"
         "expect \"How can we help you?\"\n";
}

// Ids from "form records_request saved as submission <id>" lines (written after COMMIT).
std::vector<std::string> saved_ids(const std::string& log) {
  std::vector<std::string> ids;
  const std::string tag = "saved as submission ";
  for (std::size_t at = log.find(tag); at != std::string::npos; at = log.find(tag, at + 1))
    ids.push_back(log.substr(at + tag.size(), 36));
  return ids;
}

}  // namespace

TEST_CASE(
    "SIGTERM during a stream of saves through the touch UI: exit 0, every confirmed save stored, "
    "nothing personal logged") {
  World w;
  const std::string marker = "Qsigterm" + std::to_string(getpid());
  std::string letters;  // the on-screen name: letters only (digits of the pid mapped to letters)
  for (char c : marker)
    letters += std::isdigit(static_cast<unsigned char>(c)) ? static_cast<char>('a' + (c - '0')) : c;
  const int visits = 12;
  std::string script = "tap \"Touch to start\"\n";
  for (int i = 0; i < visits; ++i) script += records_request_visit("Maria " + letters);
  std::ofstream(w.dir / "stream.script") << script;

  std::vector<std::string> env = w.env();
  env.push_back("KIOSK_VIRTUAL_CLOCK=2026-11-23T15:00:00Z");  // the calendar shows November 2026
  GuiProcess gui(w.dir.path(), {"--script", w.dir / "stream.script", "--data-dir", w.data()}, env);
  // Signal once two visitors have their confirmation: the stream is in full flow.
  REQUIRE(
      poll_until([&] { return saved_ids(w.log()).size() >= 2 || !gui.running(); }, seconds(240)));
  REQUIRE(gui.running());
  REQUIRE(kill(gui.kiosk_pid(), SIGTERM) == 0);
  const int rc = gui.wait(seconds(60));
  INFO(gui.err());
  CHECK(rc == 0);
  CHECK(gui.err().find("stopped by a signal") != std::string::npos);

  const std::string log = w.log();
  CHECK(log.find("quit requested (signal)") != std::string::npos);
  const std::vector<std::string> ids = saved_ids(log);
  REQUIRE(ids.size() >= 2);
  CHECK(ids.size() < static_cast<std::size_t>(visits));  // the signal came mid-stream

  // Every confirmed save is stored, whole and pending; nothing else was half-written.
  kiosk::store::Outbox box(w.data());
  auto rows = box.list(kiosk::store::Status::Pending, 1000);
  CHECK(rows.size() == ids.size());
  for (const auto& id : ids) {
    INFO(id);
    auto it = std::find_if(rows.begin(), rows.end(), [&](const auto& r) { return r.id == id; });
    REQUIRE(it != rows.end());
    CHECK(it->payload_json.empty());  // sealed (demo mode: the demo secret opens it) ...
    CHECK(kiosk::testing::open_demo(it->sealed_payload).find("Maria " + letters) !=
          std::string::npos);  // ... and the answers are there ...
  }
  CHECK(box.counts().sending == 0);
  // ... in no byte of any file in the data dir (the visitor's UI saves included) ...
  for (const auto& e : std::filesystem::recursive_directory_iterator(w.data())) {
    if (!e.is_regular_file()) continue;
    INFO(e.path().string());
    CHECK(slurp(e.path().string()).find(letters) == std::string::npos);
  }
  // ... and in no log or output.
  for (const std::string& text : {log, slurp(w.data() + "/kiosk.log.1"), gui.out(), gui.err()})
    CHECK(text.find(letters) == std::string::npos);
}

namespace {
// What a window manager sends on its close button or Alt+F4 (x11_close), retried until the
// kiosk's window is mapped. True once a window got it.
bool wm_close(GuiProcess& gui) {
  return poll_until(
             [&] {
               if (!gui.running()) return true;
               Child c({X11_CLOSE, std::to_string(gui.kiosk_pid())}, gui.x_env(), "/dev/null",
                       "/dev/null");
               return c.wait(seconds(30)) == 0;
             },
             seconds(60)) &&
         gui.running();
}
}  // namespace

TEST_CASE(
    "lockdown: a window manager's close (WM_DELETE_WINDOW) is ignored in kiosk mode, ends a "
    "development window") {
  {
    World w;
    auto gui = w.start_gui();
    REQUIRE(wm_close(*gui));
    // SDL reports it as SDL_WINDOWEVENT_CLOSE, and with SDL_HINT_QUIT_ON_LAST_WINDOW_CLOSE "0" not
    // also as SDL_QUIT (which would read as a signal and end the kiosk).
    CHECK(poll_until(
        [&] {
          return w.log().find("quit request ignored in kiosk mode (window close)") !=
                 std::string::npos;
        },
        seconds(60)));
    CHECK(gui->running());
    CHECK(w.log().find("quit requested") == std::string::npos);
    REQUIRE(kill(gui->kiosk_pid(), SIGTERM) == 0);
    CHECK(gui->wait(seconds(60)) == 0);
  }
  {
    World w;
    auto gui = w.start_gui({"--windowed", "800x600"});
    REQUIRE(wm_close(*gui));
    CHECK(gui->wait(seconds(60)) == 0);
    CHECK(w.log().find("quit requested (window close)") != std::string::npos);
  }
}
