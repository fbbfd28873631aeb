// The end of a USB export: syncfs, then udisksctl unmount when the stick is a udisks mount (see
// usb_eject.h).
#include "kiosk/staff/usb_eject.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>
#include <thread>

#include "kiosk/core/log.h"

namespace kiosk::staff {
namespace fs = std::filesystem;

std::string unescape_mountinfo(const std::string& s) {
  std::string r;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 3 < s.size() && std::isdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isdigit(static_cast<unsigned char>(s[i + 2])) &&
        std::isdigit(static_cast<unsigned char>(s[i + 3]))) {
      r += static_cast<char>((s[i + 1] - '0') * 64 + (s[i + 2] - '0') * 8 + (s[i + 3] - '0'));
      i += 3;
    } else {
      r += s[i];
    }
  }
  return r;
}

namespace {

bool holds(const std::string& mount_point, const std::string& path) {
  if (mount_point == "/") return true;
  return path == mount_point ||
         (path.size() > mount_point.size() &&
          path.compare(0, mount_point.size(), mount_point) == 0 && path[mount_point.size()] == '/');
}

// "/media/<user>/<label>" or "/run/media/<user>/<label>": exactly one folder below the user's.
bool udisks_place(const std::string& point) {
  for (const char* base : {"/media/", "/run/media/"}) {
    const std::string b = base;
    if (point.rfind(b, 0) != 0) continue;
    const std::string rest = point.substr(b.size());
    const auto slash = rest.find('/');
    return slash != std::string::npos && slash > 0 && slash + 1 < rest.size() &&
           rest.find('/', slash + 1) == std::string::npos;
  }
  return false;
}

}  // namespace

std::optional<MountEntry> mount_holding(const std::string& path, const std::string& mountinfo) {
  std::optional<MountEntry> best;
  std::istringstream in(mountinfo);
  std::string line;
  // "36 35 98:0 /root /mnt/point rw,noatime shared:1 - ext4 /dev/sdb1 rw": fields up to the
  // mount point, optional fields, then "-", the file system type and the source.
  while (std::getline(in, line)) {
    std::istringstream f(line);
    std::string id, parent, devno, root, point, opts, tok;
    if (!(f >> id >> parent >> devno >> root >> point >> opts)) continue;
    bool dash = false;
    while (f >> tok)
      if (tok == "-") {
        dash = true;
        break;
      }
    std::string type, source;
    if (!dash || !(f >> type >> source)) continue;
    MountEntry e{unescape_mountinfo(point), type, unescape_mountinfo(source)};
    if (!holds(e.mount_point, path)) continue;
    if (!best || e.mount_point.size() >= best->mount_point.size()) best = e;
  }
  return best;
}

bool udisks_mounted(const MountEntry& m) {
  return m.source.rfind("/dev/", 0) == 0 && udisks_place(m.mount_point);
}

int run_command(const std::vector<std::string>& argv, std::chrono::milliseconds timeout) {
  if (argv.empty()) return -1;
  // Everything the child needs is made before fork: after it, only async-signal-safe calls.
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const int devnull = ::open("/dev/null", O_RDWR | O_CLOEXEC);
  if (devnull < 0) return -1;
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(devnull);
    return -1;
  }
  if (pid == 0) {
    ::dup2(devnull, 0);
    ::dup2(devnull, 1);
    ::dup2(devnull, 2);
    ::execvp(args[0], args.data());
    ::_exit(127);
  }
  ::close(devnull);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  int status = 0;
  for (;;) {
    const pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid) break;
    if (r < 0 && errno != EINTR) return -1;
    if (std::chrono::steady_clock::now() >= deadline) {
      ::kill(pid, SIGKILL);
      while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status) == 127 ? -1 : WEXITSTATUS(status);
  return -1;
}

StickState finish_on_stick(const std::string& dir, const EjectOptions& options) {
  // The export fsynced its files and the folder; syncfs flushes the rest of the stick's file
  // system too (a FAT table, another program's writes) before anyone pulls it.
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    log::warn("staff: export: cannot open " + dir + " to flush it: " + std::strerror(errno));
  } else {
    if (::syncfs(fd) != 0)
      log::warn("staff: export: flushing " + dir + " failed: " + std::strerror(errno));
    ::close(fd);
  }

  std::error_code ec;
  const fs::path canon = fs::canonical(dir, ec);
  if (ec) return StickState::NotUnmounted;
  std::ifstream in(options.mountinfo_path);
  std::stringstream text;
  text << in.rdbuf();
  const CommandRunner run = options.run ? options.run : [](const std::vector<std::string>& argv) {
    return run_command(argv, std::chrono::seconds(30));
  };
  return unmount_stick(canon.string(), text.str(), run);
}

StickState unmount_stick(const std::string& canonical_dir, const std::string& mountinfo,
                         const CommandRunner& run) {
  const auto mount = mount_holding(canonical_dir, mountinfo);
  if (!mount || !udisks_mounted(*mount)) return StickState::NotUnmounted;
  const std::vector<std::string> argv{"udisksctl", "unmount", "--no-user-interaction", "-b",
                                      mount->source};
  const int rc = run(argv);
  if (rc == 0) {
    log::info("staff: export: unmounted " + mount->source + " (" + mount->mount_point + ")");
    return StickState::Unmounted;
  }
  log::warn("staff: export: udisksctl unmount " + mount->source + " failed (" + std::to_string(rc) +
            "); the files are flushed, the stick stays mounted");
  return StickState::UnmountFailed;
}

}  // namespace kiosk::staff
