// Fuzzes what `--import` reads from a staff member's USB stick (docs/staff.md "USB export"). Input:
// the manifest's text, a line "---", then the JSONL file's text. The manifest and each JSONL line
// go through the flat-object SAX parser, the shape checks, the signing text and the signature
// checks; the JSONL is read back through UntrustedFile from a file in a private temporary
// directory. Also checks that sync::json_quote, which writes every record line, always yields one
// JSON string on one line.
#include <sodium.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "kiosk/crypto/base64.h"
#include "kiosk/crypto/record_signature.h"
#include "kiosk/crypto/signing_key.h"
#include "kiosk/staff/export_format.h"
#include "kiosk/staff/untrusted_file.h"
#include "kiosk/sync/record_line.h"
#include "tests/fuzz/fuzz_input.h"

namespace {

namespace fs = std::filesystem;
namespace staff = kiosk::staff;
namespace crypto = kiosk::crypto;

// A directory of the harness's own under $TMPDIR, removed when the fuzzer exits normally.
const std::string& scratch_file() {
  static const std::string path = [] {
    std::string dir = (fs::temp_directory_path() / "kiosk-fuzz-XXXXXX").string();
    if (!::mkdtemp(dir.data())) std::abort();
    static std::string to_remove = dir;
    std::atexit([] { fs::remove_all(to_remove); });
    return dir + "/submissions.jsonl";
  }();
  return path;
}

void check_manifest(std::string_view line) {
  auto flat = staff::parse_flat_object(line);
  if (!flat) return;
  (void)staff::manifest_format_version(*flat);
  auto m = staff::manifest_from(*flat);
  if (!m) return;
  (void)staff::manifest_json(*m);
  auto text = staff::manifest_signing_text(*m);
  auto signature = crypto::from_base64(m->signature, crypto::kSignatureBytes);
  if (text && signature) (void)crypto::verify(m->collector_public_key, *text, *signature);
}

void check_record(std::string_view line) {
  auto flat = staff::parse_flat_object(line);
  if (!flat) return;
  auto rec = staff::record_from(*flat);
  if (!rec) return;
  (void)crypto::verify_record(rec->collector_public_key, rec->fields, rec->signature);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  static const bool sodium_ready = sodium_init() >= 0;
  if (!sodium_ready) std::abort();
  const std::string_view input = kiosk::fuzz::as_text(data, size);

  const std::size_t cut = input.find("\n---\n");
  const std::string_view manifest = input.substr(0, cut);
  const std::string_view jsonl =
      cut == std::string_view::npos ? std::string_view() : input.substr(cut + 5);
  check_manifest(manifest);
  for (std::string_view rest = jsonl; !rest.empty();) check_record(kiosk::fuzz::take_line(rest));

  const std::string quoted = kiosk::sync::json_quote(std::string(input));
  auto back = nlohmann::json::parse(quoted, nullptr, false);
  if (!back.is_string()) __builtin_trap();                       // a record line would not parse
  if (quoted.find('\n') != std::string::npos) __builtin_trap();  // a line must stay one line

  {
    std::ofstream(scratch_file(), std::ios::binary | std::ios::trunc)
        .write(jsonl.data(), jsonl.size());
  }
  auto file = staff::UntrustedFile::open(scratch_file());
  if (!file) std::abort();  // the harness's own regular file
  auto text = file->read_all(staff::kMaxLineBytes);
  if (text && *text != jsonl) __builtin_trap();
  return 0;
}
