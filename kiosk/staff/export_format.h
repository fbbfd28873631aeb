// Export format 2 (docs/staff.md "USB export"): the manifest's bytes and the exact text the
// exporting kiosk signs for it, and reading manifests and record lines back from untrusted files
// without building a JSON tree. A record line is written by sync::sealed_record_line (the v2
// upload envelope without app_version), the same bytes an upload sends.
//
// Invariants:
// - A line or manifest is read with a SAX handler that accepts one flat JSON object of scalars
//   and stops at the first nested object or array, a repeated member or any syntax error, so a
//   hostile file cannot drive recursion or memory (no DOM, nothing untrusted is ever re-serialised).
// - What is signed is built from the decoded values, never from the file's text: two files that
//   decode to the same values verify alike, and a value holding "\n" is refused (as for records).
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "kiosk/crypto/record_signature.h"
#include "kiosk/crypto/result.h"

namespace kiosk::staff {

// The export's format version (manifest "format_version"). 1 was plaintext; it is refused.
inline constexpr int kExportFormatVersion = 2;
inline constexpr std::string_view kExportFormatName = "community-kiosk-export";
// First line of the manifest's signing text.
inline constexpr std::string_view kManifestSigningHeader = "community-kiosk export v2";
// Longest line a kiosk reads back (a signup with its signature image seals to well under 100 KiB).
inline constexpr std::size_t kMaxLineBytes = 256 * 1024;

// One record as read back from a line: the v2 upload envelope's fields without app_version.
struct ExportRecord {
  crypto::RecordSignedFields fields;  // id ... sealed_payload, what the signature covers
  std::string kiosk_id;               // the exporting kiosk
  std::string collector_public_key;   // the signer's Ed25519 key, base64
  std::string signature;              // base64 of the 64-byte detached signature
  // The department refused it (the line ends with "rejected":true, outside what is signed):
  // exported so staff can carry it in person; an importing kiosk keeps it rejected.
  bool rejected = false;
};

// The member a rejected record's line ends with (docs/staff.md "JSONL (format 2)").
inline constexpr std::string_view kRejectedMember = "\"rejected\":true";
// `line` (one JSON object, no newline) with kRejectedMember added as its last member.
std::string with_rejected_flag(std::string line);

struct Manifest {
  std::string file;  // the JSONL's file name
  std::string kiosk_id;
  std::string collector_public_key;  // the exporting kiosk's key, base64
  std::string app_version;
  std::string exported_at;
  uint64_t count = 0;
  uint64_t bytes = 0;
  std::string sha256;                             // lower-case hex of the JSONL's bytes
  std::string first_created_at, last_created_at;  // "" when there are no records (null in JSON)
  std::string signature;                          // base64, over manifest_signing_text()
};

// The exact bytes the exporting kiosk signs: these lines joined by "\n", no trailing newline:
//   community-kiosk export v2, file, kiosk_id, collector_public_key, app_version, exported_at,
//   count, bytes (decimal), sha256, first_created_at, last_created_at.
// Refused (an error naming the field) when a value contains "\n".
crypto::Result<std::string> manifest_signing_text(const Manifest& m);

// The manifest file's text (pretty, members sorted, final newline).
std::string manifest_json(const Manifest& m);

// A flat JSON object's members. Integers keep their sign; strings are decoded UTF-8.
using FlatValue = std::variant<std::nullptr_t, bool, int64_t, uint64_t, double, std::string>;
using FlatObject = std::map<std::string, FlatValue, std::less<>>;

// Parses `text` as one JSON object whose members are all scalars (no nesting, no repeated
// member). The error is words for staff: it never quotes the text.
crypto::Result<FlatObject> parse_flat_object(std::string_view text);

// The manifest's "format_version", when it is a whole number (read before anything else, so a
// format-1 file gets its own message).
std::optional<int64_t> manifest_format_version(const FlatObject& o);

// A format-2 manifest's members, or which one is missing or of the wrong type.
crypto::Result<Manifest> manifest_from(const FlatObject& o);

// A record line's members, checked for presence, type and shape (UUIDs, RFC 3339 time, canonical
// base64), or what is wrong, in words that name the member and never its value.
crypto::Result<ExportRecord> record_from(const FlatObject& o);

}  // namespace kiosk::staff
