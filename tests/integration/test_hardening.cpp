// Issue 11's hardening, with the real binary: secrets in the config never reach --status, stderr or
// kiosk.log; a server's reply text never reaches the log; the data dir is private whatever the
// umask; a running kiosk is not dumpable; KIOSK_VIRTUAL_CLOCK without --script changes nothing; a
// headless command on another user's data dir refuses, naming runuser.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "gui_process.h"
#include "sync_process.h"
#include "sync_rig.h"
#include "tests/support/test_server.h"

using namespace std::chrono;
using kiosk::test_gui::Child;
using kiosk::test_gui::GuiProcess;
using kiosk::test_gui::poll_until;
using kiosk::test_gui::slurp;
using kiosk::test_upload::ScratchDir;
namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kSecrets = {"987654321987", "kioskuser7", "Urlpw4471secret",
                                           "Proxypw8812secret", "Tok9931secret"};

struct Output {
  int code = -1;
  std::string out, err;
};

// A test's world: its own HOME (no developer kiosk.toml), data dir and config.
struct World {
  ScratchDir dir{"kiosk-hardening-test"};
  std::string data() const { return dir / "data"; }
  std::string log() const { return slurp(data() + "/kiosk.log"); }
  std::vector<std::string> env() const {
    return {"HOME=" + dir.path(), "XDG_CONFIG_HOME=" + (dir / "config")};
  }
  std::string config(const std::string& name, const std::string& text) const {
    std::ofstream(dir / name) << text;
    return dir / name;
  }
  // `prefix`: words before the binary (env, sh -c ...); the kiosk's own arguments follow.
  Output run(std::vector<std::string> args, std::vector<std::string> prefix = {}) const {
    std::vector<std::string> argv = prefix;
    argv.push_back(KIOSK_BINARY);
    argv.insert(argv.end(), args.begin(), args.end());
    Child c(argv, env(), dir / "cmd.stdout", dir / "cmd.stderr");
    Output o;
    o.code = c.wait(seconds(60));
    o.out = slurp(dir / "cmd.stdout");
    o.err = slurp(dir / "cmd.stderr");
    return o;
  }
};

void check_no_secret(const std::string& where, const std::string& text) {
  for (const auto& s : kSecrets) {
    INFO(where << " must not contain " << s << ":\n" << text);
    CHECK(text.find(s) == std::string::npos);
  }
}

// The uid owning /proc/PID/status: the process's own uid while it is dumpable, root once it is not
// (the kernel's task_dump_owner). /proc/PID/status has no "Dumpable" line, so this is how another
// process sees PR_SET_DUMPABLE 0.
uid_t proc_owner(pid_t pid) {
  struct stat st {};
  REQUIRE(stat(("/proc/" + std::to_string(pid) + "/status").c_str(), &st) == 0);
  return st.st_uid;
}

uid_t proc_uid(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(in, line);)
    if (line.rfind("Uid:", 0) == 0) return static_cast<uid_t>(std::stoul(line.substr(4)));
  return static_cast<uid_t>(-1);
}

mode_t mode_of(const std::string& path) {
  struct stat st {};
  REQUIRE(lstat(path.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

}  // namespace

TEST_CASE("config secrets (token - URL password - proxy password) reach no output and no log") {
  World w;
  // Invalid at the TOML level: the GUI would show Out of service (tests/ui/oos_secrets.script);
  // a headless command lists the errors on stderr.
  const std::string bad = w.config(
      "bad.toml", slurp(std::string(KIOSK_SOURCE_DIR) + "/tests/ui/data/secrets-kiosk.toml"));
  Output r = w.run({"--status", "--config", bad, "--data-dir", w.data()});
  CHECK(r.code == 2);
  CHECK(r.err.find("upload.token") != std::string::npos);
  CHECK(r.err.find("upload.endpoint") != std::string::npos);
  CHECK(r.err.find("upload.proxy") != std::string::npos);
  check_no_secret("--status stdout", r.out);
  check_no_secret("--status stderr", r.err);

  // The GUI with that config: Out of service, the errors logged by key, no secret in stderr or log.
  std::ofstream(w.dir / "oos.script")
      << "expect \"Out of service\"\nexpect \"upload.token\"\nquit\n";
  {
    GuiProcess gui(w.dir.path(),
                   {"--script", w.dir / "oos.script", "--config", bad, "--data-dir", w.data()},
                   w.env());
    const int rc = gui.wait(seconds(60));
    INFO(gui.err());
    CHECK(rc == 0);
    check_no_secret("GUI stderr", gui.err());
  }
  CHECK(w.log().find("config: ") != std::string::npos);
  CHECK(w.log().find("upload.token") != std::string::npos);
  check_no_secret("kiosk.log", w.log());

  // Valid TOML, refused by the endpoint policy: --status shows config_error by key, and
  // --sync-once says why on stderr, each without the secret.
  const std::string dept = kiosk::testing::test_department_config();
  const std::vector<std::string> policy_faults = {
      "endpoint = \"https://kioskuser7:Urlpw4471secret@records.example.org\"\ntoken = \"t\"\n",
      "endpoint = \"https://records.example.org\"\ntoken = \"Tok9931secret and more\"\n",
      "endpoint = \"https://records.example.org\"\ntoken = \"t\"\n"
      "proxy = \"http://relay:Proxypw8812secret@proxy.example.org:notaport\"\n"};
  for (const auto& upload : policy_faults) {
    const std::string cfg = w.config("policy.toml", "[upload]\n" + upload + "\n" + dept);
    Output s = w.run({"--status", "--config", cfg, "--data-dir", w.data()});
    INFO(upload << s.out << s.err);
    CHECK(s.code == 0);
    CHECK(s.out.find("\"config_error\": \"upload.") != std::string::npos);
    check_no_secret("--status stdout", s.out);
    check_no_secret("--status stderr", s.err);
    Output once = w.run({"--sync-once", "--config", cfg, "--data-dir", w.data()});
    CHECK(once.code == 1);
    check_no_secret("--sync-once stdout", once.out);
    check_no_secret("--sync-once stderr", once.err);
  }
  check_no_secret("kiosk.log", w.log());
}

TEST_CASE("a 401 whose body names someone: staff see the reason - no log has it") {
  const std::string marker = "Qmarker401x" + std::to_string(getpid());
  kiosk::test_upload::TestServerOptions so;
  so.plan = R"([{"fault":"401","reason":"token of Maria )" + marker + R"( revoked"}])";
  kiosk::test_upload::SyncRig rig(2, so);
  rig.outbox.reset();  // the binary opens the database itself
  const std::string config =
      kiosk::test_upload::write_config(rig.path("kiosk.toml"), rig.server->url(), "test-token");
  kiosk::test_upload::RunResult once = kiosk::test_upload::run_kiosk(
      {"--data-dir", rig.data_dir(), "--config", config, "--sync-once"});
  INFO(once.output);
  CHECK(once.exit_code == 1);
  const std::string log = slurp(rig.data_dir() + "/kiosk.log");
  INFO(log);
  CHECK(log.find("uploads paused (configuration fault)") != std::string::npos);
  CHECK(log.find("HTTP 401") != std::string::npos);
  CHECK(log.find("bytes, not logged") != std::string::npos);
  CHECK(log.find(marker) == std::string::npos);
  // The staff's view (--status, the staff screen's sync state) keeps the server's words.
  kiosk::test_upload::RunResult status =
      kiosk::test_upload::run_kiosk({"--data-dir", rig.data_dir(), "--config", config, "--status"});
  CHECK(status.output.find(marker) != std::string::npos);
  // A staff retry lifting the pause does not log the reason either.
  rig.server->set_plan(R"([{"fault":"ok"}])");
  CHECK(kiosk::test_upload::run_kiosk(
            {"--data-dir", rig.data_dir(), "--config", config, "--sync-once"})
            .exit_code == 0);
  CHECK(slurp(rig.data_dir() + "/kiosk.log").find(marker) == std::string::npos);
}

TEST_CASE("the data dir is 0700 and its files 0600 after a start under umask 022") {
  World w;
  Output r =
      w.run({"--status", "--data-dir", w.data()}, {"sh", "-c", "umask 022 && exec \"$@\"", "-"});
  INFO(r.err);
  REQUIRE(r.code == 0);
  CHECK(mode_of(w.data()) == 0700);
  int files = 0;
  for (const auto& e : fs::recursive_directory_iterator(w.data())) {
    INFO(e.path());
    if (e.is_directory()) CHECK(mode_of(e.path()) == 0700);
    if (e.is_regular_file()) {
      CHECK(mode_of(e.path()) == 0600);
      ++files;
    }
  }
  CHECK(files >= 2);  // kiosk.db and the signing key at least

  // A data dir left too open by an older release or by hand is narrowed at the next start.
  chmod(w.data().c_str(), 0755);
  chmod((w.data() + "/kiosk.db").c_str(), 0644);
  REQUIRE(w.run({"--status", "--data-dir", w.data()}).code == 0);
  CHECK(mode_of(w.data()) == 0700);
  CHECK(mode_of(w.data() + "/kiosk.db") == 0600);
}

TEST_CASE("a normal run ignores KIOSK_VIRTUAL_CLOCK and says so - the idle wipe keeps real time") {
  World w;
  std::vector<std::string> env = w.env();
  env.push_back("KIOSK_VIRTUAL_CLOCK=2001-02-03T04:05:06Z");
  GuiProcess gui(w.dir.path(), {"--data-dir", w.data(), "--windowed", "1280x800"}, env);
  REQUIRE(poll_until(
      [&] { return w.log().find("info: display ") != std::string::npos || !gui.running(); },
      seconds(60)));
  REQUIRE(gui.running());
  const pid_t pid = gui.kiosk_pid();
  REQUIRE(pid > 0);
  const std::string log = w.log();
  INFO(log);
  CHECK(log.find("KIOSK_VIRTUAL_CLOCK is set but ignored") != std::string::npos);
  // On the virtual clock every log line would be stamped 2001; on the real clock none is.
  CHECK(log.find("2001-02-03T") == std::string::npos);
  REQUIRE(kill(pid, SIGTERM) == 0);
  CHECK(gui.wait(seconds(30)) == 0);
}

TEST_CASE("a headless command on another user's data dir refuses and names runuser") {
  World w;
  std::string dir;
  std::string owner;
  if (geteuid() == 0) {
    // CI runs as root: a data dir handed to `nobody`, as the kiosk's own would be to `kiosk`.
    dir = w.data();
    fs::create_directories(dir);
    REQUIRE(chown(dir.c_str(), 65534, 65534) == 0);
    owner = "nobody";
  } else {
    // Not root: a directory root owns is another user's data dir for us.
    dir = "/";
    owner = "root";
  }
  for (const std::vector<std::string>& cmd :
       {std::vector<std::string>{"--status"}, std::vector<std::string>{"--export", w.dir / "usb"},
        std::vector<std::string>{"--sync-once"}}) {
    std::vector<std::string> args = cmd;
    args.insert(args.end(), {"--data-dir", dir});
    Output r = w.run(args);
    INFO(r.err);
    CHECK(r.code == 2);
    CHECK(r.err.find("belongs to " + owner) != std::string::npos);
    CHECK(r.err.find("runuser -u " + owner + " -- kiosk " + cmd[0]) != std::string::npos);
  }
  // Nothing was written there by the wrong user.
  if (geteuid() == 0) CHECK(fs::is_empty(dir));
}

TEST_CASE("a running kiosk is not dumpable and dumps no core: /proc/PID/* belongs to root") {
  World w;
  // The kiosk must run as a user other than root for the owner to tell: as root (CI), `nobody`
  // on a data dir it owns; otherwise ourselves.
  const bool as_root = geteuid() == 0;
  chmod(w.dir.path().c_str(), 0755);
  fs::create_directories(w.data());
  fs::create_directories(w.dir / "run");  // where the kiosk's user writes its pid
  if (as_root) {
    REQUIRE(chown(w.data().c_str(), 65534, 65534) == 0);
    REQUIRE(chown((w.dir / "run").c_str(), 65534, 65534) == 0);
  }
  const std::string pid_file = w.dir / "run/setpin.pid";
  // --set-pin waits on standard input (a pipe from `sleep`): a kiosk process that stays up.
  const std::string cmd =
      "sleep 30 | " +
      std::string(as_root ? "setpriv --reuid=65534 --regid=65534 --clear-groups " : "") +
      "sh -c 'echo $$ > " + pid_file + ".tmp && mv " + pid_file + ".tmp " + pid_file +
      " && exec \"$0\" --set-pin --data-dir " + w.data() + "' " + KIOSK_BINARY;
  Child c({"sh", "-c", cmd}, w.env(), w.dir / "cmd.stdout", w.dir / "cmd.stderr");
  REQUIRE(poll_until([&] { return fs::exists(pid_file) || !c.running(); }, seconds(20)));
  const pid_t pid = std::stoi(slurp(pid_file));
  // After exec and its first steps (harden_process comes first in main), /proc/PID changes hands;
  // a dumpable kiosk would keep it its user's for as long as it waits on stdin.
  auto cmdline = [&] { return slurp("/proc/" + std::to_string(pid) + "/cmdline"); };
  REQUIRE(
      poll_until([&] { return cmdline().find("--set-pin") != std::string::npos; }, seconds(20)));
  CHECK(poll_until([&] { return proc_owner(pid) == 0 || !c.running(); }, seconds(10)));
  INFO(slurp(w.dir / "cmd.stderr"));
  CHECK(c.running());  // still waiting for the PIN: the owner was read from a live kiosk
  CHECK(proc_uid(pid) != 0);
  CHECK(proc_owner(pid) == 0);
  const std::string limits = slurp("/proc/" + std::to_string(pid) + "/limits");
  INFO(limits);
  CHECK(limits.find("Max core file size        0                    0") != std::string::npos);
  kill(pid, SIGTERM);
  c.wait(seconds(40));
}
