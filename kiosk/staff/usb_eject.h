// The end of a USB export: flush the stick's file system, then unmount it when the kiosk may
// (a udisks mount: `udisksctl unmount -b DEVICE`), so the staff screen says "Safe to remove the
// stick" only when it is, and "Remove the stick now" (the files are on it, flushed) otherwise.
// No SDL, no ImGui; the command runner is a seam so tests need no udisks. Tested in
// tests/unit/test_staff_usb_eject.cpp.
//
// Which mounts the kiosk may unmount: a block device (/dev/...) mounted under /media/<user>/ or
// /run/media/<user>/, the places udisks2 mounts removable drives (Debian's desktop automount and
// the udev rule in README "Install on a kiosk PC"). Anything else — the kiosk's own disk, a folder
// typed by hand, a bind mount — is never unmounted.
#pragma once
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::staff {

// One line of /proc/self/mountinfo, the parts that matter here.
struct MountEntry {
  std::string mount_point;  // octal escapes (\040 for a space) decoded
  std::string fs_type;
  std::string source;  // the device, e.g. /dev/sdb1
};

// A /proc/self/mountinfo field with its octal escapes (\040 for a space, \011, \012, \134)
// decoded: mountinfo writes space, tab, newline and backslash in paths that way.
std::string unescape_mountinfo(const std::string& field);

// The mount that holds `path` (already canonical: no symbolic links, no "..") in `mountinfo`
// text: the longest mount point that is `path` or one of its parents; the last such line wins (a
// later mount hides an earlier one on the same point). nullopt when nothing matches.
std::optional<MountEntry> mount_holding(const std::string& path, const std::string& mountinfo);

// True for a mount udisks made (see the file comment): the kiosk may unmount it.
bool udisks_mounted(const MountEntry& m);

// Runs argv[0] (looked up on PATH) with argv, no shell, standard streams on /dev/null; its exit
// status, or -1 when it could not start, was killed or ran past `timeout` (then it is killed).
int run_command(const std::vector<std::string>& argv, std::chrono::milliseconds timeout);
using CommandRunner = std::function<int(const std::vector<std::string>& argv)>;

enum class StickState {
  Unmounted,     // flushed and unmounted: safe to remove
  NotUnmounted,  // flushed; not a mount the kiosk may unmount: remove it now
  UnmountFailed  // flushed; udisksctl failed or timed out (a file still open?): remove it now
};

struct EjectOptions {
  std::string mountinfo_path = "/proc/self/mountinfo";
  CommandRunner run;  // empty: run_command with a 30 s timeout
};

// After an export into `dir` (whose files the export already fsynced): syncfs() on its file
// system, then unmount_stick on its canonical path and /proc/self/mountinfo. Never throws; what
// failed is logged (paths only, no personal data).
StickState finish_on_stick(const std::string& dir, const EjectOptions& options = {});
// The decision and the command alone (no file system access but `run`): for a udisks mount
// holding `canonical_dir` in `mountinfo`, `udisksctl unmount --no-user-interaction -b <device>`.
StickState unmount_stick(const std::string& canonical_dir, const std::string& mountinfo,
                         const CommandRunner& run);

}  // namespace kiosk::staff
