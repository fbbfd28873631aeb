// The end of a USB export (kiosk/staff/usb_eject.h): which mount holds a folder (from mountinfo
// text), which mounts the kiosk may unmount (udisks's), the udisksctl command it runs (a recording
// runner stands in for udisks), and the real command runner's exit status and timeout.
#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <string>
#include <vector>

#include "kiosk/staff/usb_eject.h"
#include "test_outbox_util.h"

using namespace kiosk::staff;
using namespace std::chrono_literals;

namespace {

const char* kMountinfo =
    "22 27 0:21 / /proc rw,relatime - proc proc rw\n"
    "27 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw\n"
    "40 27 0:35 / /run rw,nosuid - tmpfs tmpfs rw\n"
    "61 40 8:17 / /run/media/kiosk/BOOTH\\040STICK rw,nosuid,nodev,noexec shared:30 - vfat "
    "/dev/sdb1 rw,uid=1000\n"
    "62 27 8:33 / /media/kiosk/OTHER rw,nosuid shared:31 - exfat /dev/sdc1 rw\n"
    "63 27 8:49 / /media/kiosk/OTHER rw,nosuid shared:32 - exfat /dev/sdd1 rw\n"
    "64 27 0:40 / /media/kiosk rw - tmpfs tmpfs rw\n"
    "65 27 8:1 /srv/usb /mnt/bind rw shared:1 - ext4 /dev/sda1 rw\n";

}  // namespace

TEST_CASE("usb eject: the mount holding a folder is the longest matching mount point") {
  auto m = mount_holding("/run/media/kiosk/BOOTH STICK/exports", kMountinfo);
  REQUIRE(m);
  CHECK(m->mount_point == "/run/media/kiosk/BOOTH STICK");  // \040 decoded
  CHECK(m->source == "/dev/sdb1");
  CHECK(m->fs_type == "vfat");
  // A later mount on the same point hides the earlier one.
  m = mount_holding("/media/kiosk/OTHER", kMountinfo);
  REQUIRE(m);
  CHECK(m->source == "/dev/sdd1");
  // A name that only starts like a mount point is not under it.
  m = mount_holding("/media/kiosk/OTHERS", kMountinfo);
  REQUIRE(m);
  CHECK(m->mount_point == "/media/kiosk");
  m = mount_holding("/home/kiosk/usb", kMountinfo);
  REQUIRE(m);
  CHECK(m->mount_point == "/");
  CHECK_FALSE(mount_holding("/x", "garbage line\n"));
}

TEST_CASE("usb eject: only a device mounted where udisks mounts may be unmounted") {
  CHECK(udisks_mounted(*mount_holding("/run/media/kiosk/BOOTH STICK", kMountinfo)));
  CHECK(udisks_mounted(*mount_holding("/media/kiosk/OTHER/x", kMountinfo)));
  CHECK_FALSE(udisks_mounted(*mount_holding("/home/kiosk/usb", kMountinfo)));  // the own disk
  CHECK_FALSE(udisks_mounted(*mount_holding("/media/kiosk/x", kMountinfo)));   // a tmpfs
  CHECK_FALSE(udisks_mounted(*mount_holding("/mnt/bind", kMountinfo)));
  CHECK_FALSE(udisks_mounted(MountEntry{"/media/stick", "vfat", "/dev/sdb1"}));  // no user folder
}

TEST_CASE("usb eject: a udisks stick is unmounted by its device - a failure says so") {
  std::vector<std::vector<std::string>> calls;
  int exit_status = 0;
  const CommandRunner run = [&](const std::vector<std::string>& argv) {
    calls.push_back(argv);
    return exit_status;
  };
  CHECK(unmount_stick("/run/media/kiosk/BOOTH STICK/exports", kMountinfo, run) ==
        StickState::Unmounted);
  REQUIRE(calls.size() == 1);
  CHECK(calls[0] == std::vector<std::string>{"udisksctl", "unmount", "--no-user-interaction", "-b",
                                             "/dev/sdb1"});
  exit_status = 1;  // busy, or no udisks daemon
  CHECK(unmount_stick("/media/kiosk/OTHER", kMountinfo, run) == StickState::UnmountFailed);
  CHECK(calls.back().back() == "/dev/sdd1");
  exit_status = -1;  // timed out
  CHECK(unmount_stick("/media/kiosk/OTHER", kMountinfo, run) == StickState::UnmountFailed);
  // Not a udisks mount: nothing is run at all.
  calls.clear();
  CHECK(unmount_stick("/home/kiosk/usb", kMountinfo, run) == StickState::NotUnmounted);
  CHECK(unmount_stick("/mnt/bind/x", kMountinfo, run) == StickState::NotUnmounted);
  CHECK(calls.empty());
}

TEST_CASE(
    "usb eject: finish_on_stick flushes a folder on the kiosk's own disk, never unmounts it") {
  outbox_test::TempDir dir("usb-eject");
  std::vector<std::vector<std::string>> calls;
  EjectOptions o;
  o.mountinfo_path = dir.file("mountinfo");
  o.run = [&](const std::vector<std::string>& argv) {
    calls.push_back(argv);
    return 0;
  };
  // mountinfo naming the temp dir as a vfat device: still not under /media/<user>/, so kept.
  std::ofstream(o.mountinfo_path) << "27 1 8:1 / / rw - ext4 /dev/sda1 rw\n"
                                  << "61 27 8:17 / " << dir.path() << " rw - vfat /dev/sdb1 rw\n";
  CHECK(finish_on_stick(dir.path(), o) == StickState::NotUnmounted);
  CHECK(finish_on_stick(dir.file("missing"), o) == StickState::NotUnmounted);
  o.mountinfo_path = "/proc/self/mountinfo";
  CHECK(finish_on_stick(dir.path(), o) == StickState::NotUnmounted);
  CHECK(calls.empty());
}

TEST_CASE("usb eject: run_command gives the exit status, -1 when it cannot start or overruns") {
  CHECK(run_command({"true"}, 5s) == 0);
  CHECK(run_command({"false"}, 5s) == 1);
  CHECK(run_command({"sh", "-c", "exit 3"}, 5s) == 3);
  CHECK(run_command({"no-such-command-kiosk-test"}, 5s) == -1);
  const auto t0 = std::chrono::steady_clock::now();
  CHECK(run_command({"sleep", "30"}, 300ms) == -1);
  CHECK(std::chrono::steady_clock::now() - t0 < 10s);
  CHECK(run_command({}, 1s) == -1);
}
