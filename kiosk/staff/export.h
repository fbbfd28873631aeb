// USB export and import: every pending record written as JSON lines plus a manifest that proves
// the file is whole (count, SHA-256), so staff can carry sign-ups home on a stick and load them
// into another kiosk's outbox, which uploads them (the server dedupes by record id).
// Format and guarantees: docs/staff.md. Tested in tests/unit/test_staff_export.cpp and
// tests/integration/test_staff_cli.cpp.
#pragma once
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "kiosk/core/clock.h"
#include "offline-cache/outbox.h"

namespace kiosk::staff {

struct ExportResult {
  int count = 0;
  std::string jsonl_path, manifest_path;
};

// Human words, fit for stderr or the staff screen (no personal data).
class ExportError : public std::runtime_error {
 public:
  using runtime_error::runtime_error;
};

// Test seam: called after each durable step of an export, by name: "jsonl_written",
// "manifest_written" (temp files fsynced), "jsonl_renamed", "manifest_renamed" (directory
// fsynced), "stamped". A test ends the process there to play a power cut at that moment.
using ExportStepHook = std::function<void(const char* step)>;

// Every pending record (status pending or sending) as submissions-<kioskid>-<YYYYMMDDTHHMMSSZ>.jsonl
// + ...manifest.json in `dir` (temp name, fsync, rename, never overwrite); stamps exported_at;
// records an "export" audit event. Throws ExportError.
ExportResult export_pending(store::Outbox& outbox, const std::string& dir, Clock& clock,
                            ExportStepHook after_step = nullptr);

struct ImportResult {
  int added = 0, already_present = 0;
};

// Verifies the manifest beside the file (count, SHA-256, kiosk id), adds records by id. Throws ExportError.
ImportResult import_export(store::Outbox& outbox, const std::string& jsonl_path);

struct Volume {
  std::string path;
  std::string label;  // last path component
};

// Mounted volumes under /media and /run/media, read from `mounts` (format of /proc/self/mounts).
std::vector<Volume> removable_volumes(const std::string& mounts = "/proc/self/mounts");

// The export format's version (manifest "format_version").
inline constexpr int kExportFormatVersion = 1;

}  // namespace kiosk::staff
