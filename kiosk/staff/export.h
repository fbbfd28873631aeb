// USB export and import: every pending record written as JSON lines of sealed, signed envelopes
// (no answers in clear) plus a manifest signed by the exporting kiosk that proves the file is whole
// (count, bytes, SHA-256), so staff can carry sign-ups home on a stick and load them into another
// kiosk's outbox, which uploads them unchanged (the department verifies; the server dedupes by id).
// Format and guarantees: docs/staff.md. Line and manifest bytes: export_format.h. Tested in
// tests/unit/test_staff_export.cpp, tests/integration/test_staff_cli.cpp and
// tests/integration/test_import_hostile.cpp.
#pragma once
#include <functional>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "kiosk/core/clock.h"
#include "kiosk/crypto/signing_key.h"
#include "kiosk/staff/export_format.h"
#include "offline-cache/outbox.h"

namespace kiosk::staff {

struct ExportResult {
  int count = 0;
  // Pending records left out (they stay pending here): not sealed yet (a plaintext row awaiting
  // the migration), or their stored signature does not verify. Logged by id.
  int skipped = 0;
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
// + ...manifest.json in `dir` (mode 0600, temp name, fsync, rename, never overwrite); the manifest
// is signed with the data dir's KioskSigningKey (beside the outbox's kiosk.db); stamps exported_at;
// records an "export" audit event. Throws ExportError.
ExportResult export_pending(store::Outbox& outbox, const std::string& dir, Clock& clock,
                            ExportStepHook after_step = nullptr);

struct ImportResult {
  int added = 0, already_present = 0;
};

struct ImportOptions {
  // (form id, version) pairs this kiosk has: a record of any other form is refused.
  std::set<std::pair<std::string, int>> known_forms;
  // [privacy] trusted_collector_keys: when not empty, the manifest's signer and every record's
  // signer must be listed here with the very key the file names.
  std::map<std::string, crypto::CollectorPublicKey> trusted_collector_keys;
};

// Checks the manifest beside the file (format 2, its signature, kiosk id) and then the file,
// streamed (only a regular file, at most the manifest's byte count, lines <= kMaxLineBytes, every
// record's shape, form and signature, the SHA-256 and count), then adds the records by id with
// their sealed payload and signature exactly as exported. All or nothing: the first failure throws
// ExportError naming the check and, for a record, its line number and id.
ImportResult import_export(store::Outbox& outbox, const std::string& jsonl_path,
                           const ImportOptions& options);

struct Volume {
  std::string path;
  std::string label;  // last path component
};

// Mounted volumes under /media and /run/media, read from `mounts` (format of /proc/self/mounts).
std::vector<Volume> removable_volumes(const std::string& mounts = "/proc/self/mounts");

}  // namespace kiosk::staff
