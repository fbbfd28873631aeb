// USB export and import of pending records (format 2: docs/staff.md, export_format.h).
//
// Invariants:
// - An export never replaces an earlier file: each is written under a temp name (O_EXCL), fsynced,
//   then renamed with RENAME_NOREPLACE (on file systems without it, only after checking the name is
//   free), and the directory fsynced. The JSONL is renamed first: a manifest exists only beside a
//   whole JSONL.
// - Records stay pending: export only stamps exported_at. The server dedupes by record id, so an
//   exported record that is also uploaded from this kiosk (or from the importing one) counts once.
// - Import is all or nothing: every line and the manifest are checked before one transaction adds
//   the records whose ids are not there yet.
// - Nothing in clear: a line carries the sealed payload and the collecting kiosk's signature as
//   stored, and the importing kiosk stores them byte for byte, so it uploads exactly what was
//   signed (the department verifies against its registered keys).
// - Import never trusts the stick: only regular files, bounded reads, flat JSON parsed by a SAX
//   handler (no tree, no re-serialisation), and every signature checked before anything is added.
#include "kiosk/staff/export.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <unordered_map>

#include "kiosk/core/digest.h"
#include "kiosk/core/log.h"
#include "kiosk/crypto/record_signature.h"
#include "kiosk/staff/untrusted_file.h"
#include "kiosk/staff/usb_eject.h"
#include "kiosk/sync/record_line.h"
#include "offline-cache/uuid.h"

namespace kiosk::staff {
namespace {

namespace fs = std::filesystem;

std::string errno_words(int e) { return std::strerror(e); }

// "20261122T031500Z": digits and letters only, safe on FAT and exFAT (no ':').
std::string compact_time(Clock::Wall t) {
  std::string s = format_rfc3339(t);  // 2026-11-22T03:15:00Z
  std::string out;
  for (char c : s)
    if (c != '-' && c != ':') out += c;
  return out;
}

// ---- files ----

struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

void write_all(int fd, const std::string& bytes, const std::string& name) {
  const char* p = bytes.data();
  std::size_t left = bytes.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw ExportError("Could not write " + name + ": " + errno_words(errno) + ".");
    p += n;
    left -= static_cast<std::size_t>(n);
  }
}

// Writes `bytes` to a new temp file beside `final_path` (never an existing one) and fsyncs it.
// Returns the temp path.
std::string write_temp(const std::string& final_path, const std::string& bytes) {
  for (int i = 0; i < 100; ++i) {
    std::string tmp = final_path + ".part" + (i == 0 ? std::string() : std::to_string(i));
    Fd f{::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)};
    if (f.fd < 0 && errno == EEXIST) continue;
    if (f.fd < 0)
      throw ExportError("Could not create a file in " +
                        fs::path(final_path).parent_path().string() + ": " + errno_words(errno) +
                        ".");
    try {
      write_all(f.fd, bytes, tmp);
      if (::fsync(f.fd) != 0)
        throw ExportError("Could not flush " + tmp + " to the disk: " + errno_words(errno) + ".");
    } catch (...) {
      ::unlink(tmp.c_str());
      throw;
    }
    return tmp;
  }
  throw ExportError("Too many unfinished export files beside " + final_path +
                    "; remove the .part files.");
}

// rename without replacing: false (and nothing renamed) when `to` exists.
bool rename_no_replace(const std::string& from, const std::string& to) {
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) return true;
  if (errno == EEXIST) return false;
  if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP) {
    throw ExportError("Could not rename " + from + " to " + to + ": " + errno_words(errno) + ".");
  }
  // A file system without RENAME_NOREPLACE: check first (a race with another writer of the very same
  // second and kiosk id is the only way to lose, and only one kiosk writes its own names).
  struct stat st;
  if (::lstat(to.c_str(), &st) == 0) return false;
  if (::rename(from.c_str(), to.c_str()) != 0) {
    throw ExportError("Could not rename " + from + " to " + to + ": " + errno_words(errno) + ".");
  }
  return true;
}

void fsync_directory(const std::string& dir) {
  Fd d{::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
  if (d.fd < 0) throw ExportError("Could not open " + dir + ": " + errno_words(errno) + ".");
  // Some file systems (FAT on some kernels) refuse fsync on a directory; the files are synced.
  if (::fsync(d.fd) != 0 && errno != EINVAL && errno != EROFS) {
    throw ExportError("Could not flush the directory " + dir + ": " + errno_words(errno) + ".");
  }
}

bool exists(const std::string& p) {
  struct stat st;
  return ::lstat(p.c_str(), &st) == 0;
}

constexpr const char* kJsonlSuffix = ".jsonl";
constexpr const char* kManifestSuffix = ".manifest.json";
constexpr std::size_t kMaxImportBytes = std::size_t{1} << 30;  // 1 GiB: far beyond any booth
constexpr std::size_t kMaxManifestBytes = 64 * 1024;

// The data dir holding the outbox's database: where the kiosk's signing key lives.
std::string data_dir_of(store::Outbox& outbox) {
  return fs::path(outbox.path()).parent_path().string();
}

crypto::RecordSignedFields signed_fields_of(const store::Submission& s,
                                            const std::string& kiosk_id) {
  crypto::RecordSignedFields f;
  f.id = s.id;
  f.form_id = s.form_id;
  f.form_version = s.form_version;
  f.program_id = s.program_id;
  f.event_id = s.event_id;
  f.event_tag = s.event_tag.value_or("");
  f.created_at = s.created_at;
  f.collected_by_kiosk_id = s.collector(kiosk_id);
  f.signer_kiosk_id = s.signer_kiosk_id;
  f.sealed_to = s.sealed_to;
  f.sealed_payload = s.sealed_payload;
  return f;
}

// "line 3 (record 1866...)": the id only when it is a UUID (never other text from the file).
std::string where(int line_no, const std::string& id) {
  std::string w = "line " + std::to_string(line_no);
  if (store::is_uuid_v4(id)) w += " (record " + id + ")";
  return w;
}

// Whether `key_base64` is the key `trusted` lists for `kiosk_id`; true when the list is empty.
bool trusted(const std::map<std::string, crypto::CollectorPublicKey>& list,
             const std::string& kiosk_id, const std::string& key_base64) {
  if (list.empty()) return true;
  auto it = list.find(kiosk_id);
  return it != list.end() && it->second.base64() == key_base64;
}

}  // namespace

ExportResult export_pending(store::Outbox& outbox, const std::string& dir, Clock& clock,
                            ExportStepHook after_step) {
  auto step = [after_step](const char* name) {
    if (after_step) after_step(name);
  };
  if (sodium_init() < 0) throw ExportError("The crypto library could not start.");
  std::error_code ec;
  if (dir.empty() || !fs::is_directory(dir, ec)) throw ExportError("No such folder: " + dir + ".");

  std::optional<crypto::KioskSigningKey> key;
  try {
    key.emplace(crypto::KioskSigningKey::load_or_create(data_dir_of(outbox)));
  } catch (const std::exception& e) {
    throw ExportError(std::string("The kiosk's signing key is not usable: ") + e.what());
  }

  std::vector<store::Submission> rows;
  try {
    // Everything the department has not received: rejected records too (flagged in their line),
    // so staff can take a refused record to the department by hand.
    for (store::Status s :
         {store::Status::Pending, store::Status::Sending, store::Status::Rejected}) {
      auto part = outbox.list(s, INT_MAX);
      rows.insert(rows.end(), part.begin(), part.end());
    }
  } catch (const store::StoreError& e) {
    throw ExportError(std::string("Could not read the outbox: ") + e.what());
  }
  std::stable_sort(rows.begin(), rows.end(),
                   [](const store::Submission& a, const store::Submission& b) {
                     return a.created_at < b.created_at;
                   });

  const std::string kiosk_id = outbox.kiosk_id();
  std::string jsonl;
  std::vector<std::string> ids;
  int skipped = 0;
  int rejected = 0;  // of the records written, refused by the department (flagged)
  Manifest m;
  for (const store::Submission& s : rows) {
    ExportRecord r{signed_fields_of(s, kiosk_id), kiosk_id, s.collector_public_key, s.signature};
    // Never plaintext; and a line that would not verify would make the whole file unimportable.
    if (!s.sealed() || !crypto::verify_record(r.collector_public_key, r.fields, r.signature)) {
      log::warn("staff: export: record " + s.id +
                (s.sealed() ? " has a signature that does not verify" : " is not sealed yet") +
                "; left out (it stays in the outbox)");
      ++skipped;
      continue;
    }
    std::string line = sync::sealed_record_line(s, kiosk_id);
    if (s.status == store::Status::Rejected) {
      line = with_rejected_flag(std::move(line));
      ++rejected;
    }
    jsonl += line + "\n";
    ids.push_back(s.id);
    if (m.first_created_at.empty()) m.first_created_at = s.created_at;
    m.last_created_at = s.created_at;
  }

  const Clock::Wall now = clock.wall();
  m.kiosk_id = kiosk_id;
  m.collector_public_key = key->public_key_base64();
  m.app_version = KIOSK_VERSION;
  m.exported_at = format_rfc3339(now);
  m.count = ids.size();
  m.bytes = jsonl.size();
  m.sha256 = sha256_hex(jsonl);

  // The first free name: submissions-<kiosk>-<time>[-N].jsonl and its manifest.
  const std::string stem0 = "submissions-" + kiosk_id + "-" + compact_time(now);
  for (int n = 1; n < 1000; ++n) {
    const std::string stem = n == 1 ? stem0 : stem0 + "-" + std::to_string(n);
    const std::string jsonl_path = (fs::path(dir) / (stem + kJsonlSuffix)).string();
    const std::string manifest_path = (fs::path(dir) / (stem + kManifestSuffix)).string();
    if (exists(jsonl_path) || exists(manifest_path)) continue;
    m.file = stem + kJsonlSuffix;
    auto text = manifest_signing_text(m);
    if (!text) throw ExportError("The manifest cannot be signed: " + text.error() + ".");
    m.signature = crypto::to_base64(key->sign(*text));
    const std::string tmp_jsonl = write_temp(jsonl_path, jsonl);
    std::string tmp_manifest;
    try {
      step("jsonl_written");
      tmp_manifest = write_temp(manifest_path, manifest_json(m));
      step("manifest_written");
      if (!rename_no_replace(tmp_jsonl, jsonl_path)) {  // taken meanwhile: try the next name
        ::unlink(tmp_jsonl.c_str());
        ::unlink(tmp_manifest.c_str());
        continue;
      }
      fsync_directory(dir);
      step("jsonl_renamed");
      if (!rename_no_replace(tmp_manifest, manifest_path)) {
        throw ExportError("A manifest named " + manifest_path +
                          " appeared during the export; nothing was replaced.");
      }
      fsync_directory(dir);
      step("manifest_renamed");
    } catch (...) {
      ::unlink(tmp_jsonl.c_str());
      if (!tmp_manifest.empty()) ::unlink(tmp_manifest.c_str());
      throw;
    }
    ExportResult r{static_cast<int>(ids.size()), skipped, jsonl_path, manifest_path};
    try {
      outbox.mark_exported(ids);
      outbox.record_event(
          "export",
          std::to_string(r.count) + " record(s) to " + stem + kJsonlSuffix +
              (rejected ? " (" + std::to_string(rejected) + " rejected, flagged)" : std::string()) +
              (skipped ? ", " + std::to_string(skipped) + " left out" : std::string()));
    } catch (const store::StoreError& e) {
      // The files are whole; only the stamp is missing. Say so rather than pretend it failed.
      throw ExportError("The export was written (" + jsonl_path +
                        ") but the outbox could not record it: " + e.what());
    }
    step("stamped");
    log::info("staff: exported " + std::to_string(r.count) + " record(s) to " + jsonl_path);
    return r;
  }
  throw ExportError("Too many exports with the same time in " + dir + ".");
}

namespace {

// The manifest beside `jsonl_path`, read and checked (format 2, shape, signature, signer trusted).
Manifest read_manifest(const std::string& manifest_path, const std::string& stem,
                       const ImportOptions& options) {
  struct stat st;
  if (::lstat(manifest_path.c_str(), &st) != 0 && errno == ENOENT)
    throw ExportError("No manifest beside the file (" + manifest_path + "); nothing was imported.");
  auto file = UntrustedFile::open(manifest_path);
  if (!file) throw ExportError("The manifest " + file.error() + "; nothing was imported.");
  auto text = file->read_all(kMaxManifestBytes);
  if (!text) throw ExportError("The manifest " + text.error() + "; nothing was imported.");
  auto flat = parse_flat_object(*text);
  if (!flat) throw ExportError("The manifest " + flat.error() + "; nothing was imported.");
  auto format = flat->find("format");
  if (format == flat->end() || !std::holds_alternative<std::string>(format->second) ||
      std::get<std::string>(format->second) != kExportFormatName)
    throw ExportError("The manifest is not a kiosk export manifest; nothing was imported.");
  const auto version = manifest_format_version(*flat);
  if (version && *version == 1) {
    throw ExportError(
        "This is a format-1 export (answers in clear, no signatures), which is no longer accepted: "
        "export again from the collecting kiosk; nothing was imported.");
  }
  if (!version || *version != kExportFormatVersion) {
    throw ExportError(
        "The export's format version is not one this kiosk reads; nothing was imported.");
  }
  auto m = manifest_from(*flat);
  if (!m) throw ExportError("The manifest's " + m.error() + "; nothing was imported.");
  if (stem.rfind("submissions-" + m->kiosk_id + "-", 0) != 0 || m->file != stem + kJsonlSuffix) {
    throw ExportError(
        "The manifest's kiosk id or file name does not match the file; nothing was imported.");
  }
  auto signing_text = manifest_signing_text(*m);
  auto signature = crypto::from_base64(m->signature, crypto::kSignatureBytes);
  if (!signing_text || !signature ||
      !crypto::verify(m->collector_public_key, *signing_text, *signature)) {
    throw ExportError(
        "The manifest's signature does not match its contents and the exporting kiosk's key "
        "(changed after export); nothing was imported.");
  }
  if (!trusted(options.trusted_collector_keys, m->kiosk_id, m->collector_public_key)) {
    throw ExportError("The exporting kiosk " + m->kiosk_id +
                      " is not listed with this key in [privacy] trusted_collector_keys; "
                      "nothing was imported.");
  }
  if (m->bytes > kMaxImportBytes) {
    throw ExportError("The manifest announces " + std::to_string(m->bytes) +
                      " bytes, more than an import takes (1 GiB); nothing was imported.");
  }
  return std::move(*m);
}

// Checks one line; returns the row to add. Throws ExportError naming the line.
store::Submission check_line(std::string_view line, int line_no, const Manifest& m,
                             const ImportOptions& options,
                             std::unordered_map<std::string, int>& seen_ids) {
  const std::string nothing = "; nothing was imported.";
  auto flat = parse_flat_object(line);
  if (!flat) throw ExportError(where(line_no, "") + " " + flat.error() + nothing);
  auto rec = record_from(*flat);
  if (!rec) {
    const auto id = flat->find("id");
    const std::string id_text = id != flat->end() && std::holds_alternative<std::string>(id->second)
                                    ? std::get<std::string>(id->second)
                                    : std::string();
    throw ExportError(where(line_no, id_text) + ": " + rec.error() + nothing);
  }
  const crypto::RecordSignedFields& f = rec->fields;
  const std::string at = where(line_no, f.id);
  if (rec->kiosk_id != m.kiosk_id)
    throw ExportError(at + ": kiosk_id is not the exporting kiosk's" + nothing);
  if (options.known_forms.count({f.form_id, f.form_version}) == 0) {
    throw ExportError(at + ": its form (and version " + std::to_string(f.form_version) +
                      ") is not one this kiosk has" + nothing);
  }
  if (auto [it, fresh] = seen_ids.emplace(f.id, line_no); !fresh) {
    throw ExportError(at + ": the same record id as line " + std::to_string(it->second) + nothing);
  }
  crypto::RecordVerdict v = crypto::verify_record(rec->collector_public_key, f, rec->signature);
  if (!v) {
    throw ExportError(at + ": the record's signature does not verify with the key it names (" +
                      v.reason + "): changed after it was signed" + nothing);
  }
  if (!trusted(options.trusted_collector_keys, f.signer_kiosk_id, rec->collector_public_key)) {
    throw ExportError(at + ": its signer " + f.signer_kiosk_id +
                      " is not listed with this key in [privacy] trusted_collector_keys" + nothing);
  }
  store::Submission s;
  s.id = f.id;
  s.form_id = f.form_id;
  s.form_version = f.form_version;
  s.program_id = f.program_id;
  s.event_id = f.event_id;
  if (!f.event_tag.empty()) s.event_tag = f.event_tag;
  s.created_at = f.created_at;
  s.collected_by = f.collected_by_kiosk_id;
  s.signer_kiosk_id = f.signer_kiosk_id;
  s.sealed_to = f.sealed_to;
  s.sealed_payload = std::move(rec->fields.sealed_payload);
  s.collector_public_key = std::move(rec->collector_public_key);
  s.signature = std::move(rec->signature);
  s.exported_at = m.exported_at;
  if (rec->rejected) s.status = store::Status::Rejected;  // stays refused until staff retry it
  return s;
}

}  // namespace

ImportResult import_export(store::Outbox& outbox, const std::string& jsonl_path,
                           const ImportOptions& options) {
  if (sodium_init() < 0) throw ExportError("The crypto library could not start.");
  const std::string name = fs::path(jsonl_path).filename().string();
  const std::string suffix = kJsonlSuffix;
  if (name.size() <= suffix.size() ||
      name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0 ||
      name.rfind("submissions-", 0) != 0) {
    throw ExportError(name +
                      " is not an export file (expected submissions-<kiosk id>-<time>.jsonl).");
  }
  const std::string stem = name.substr(0, name.size() - suffix.size());
  const std::string manifest_path =
      (fs::path(jsonl_path).parent_path() / (stem + kManifestSuffix)).string();

  // The JSONL is opened first, so a FIFO or link under the file's own name is named as such.
  auto file = UntrustedFile::open(jsonl_path);
  if (!file) throw ExportError(name + " " + file.error() + "; nothing was imported.");
  const Manifest m = read_manifest(manifest_path, stem, options);
  if (file->size() != m.bytes) {
    throw ExportError(name + " is " + std::to_string(file->size()) +
                      " bytes but its manifest says " + std::to_string(m.bytes) + " (" +
                      (file->size() < m.bytes ? "cut short" : "added to") +
                      "); nothing was imported.");
  }

  crypto_hash_sha256_state hash;
  crypto_hash_sha256_init(&hash);
  std::vector<store::Submission> rows;
  std::unordered_map<std::string, int> seen_ids;
  std::string line;
  int line_no = 0;
  uint64_t left = m.bytes;
  std::vector<char> buf(64 * 1024);
  while (left > 0) {
    const long got = file->read_some(buf.data(), std::min<uint64_t>(buf.size(), left));
    if (got < 0) throw ExportError("Could not read " + name + ": " + errno_words(errno) + ".");
    if (got == 0) {
      throw ExportError(name + " ended before the " + std::to_string(m.bytes) +
                        " bytes its manifest says (cut short); nothing was imported.");
    }
    left -= static_cast<uint64_t>(got);
    crypto_hash_sha256_update(&hash, reinterpret_cast<const unsigned char*>(buf.data()),
                              static_cast<unsigned long long>(got));
    std::string_view chunk(buf.data(), static_cast<std::size_t>(got));
    while (!chunk.empty()) {
      const std::size_t nl = chunk.find('\n');
      const std::size_t take = nl == std::string_view::npos ? chunk.size() : nl;
      if (line.size() + take > kMaxLineBytes) {
        throw ExportError("line " + std::to_string(line_no + 1) + " is longer than " +
                          std::to_string(kMaxLineBytes / 1024) +
                          " KiB, more than any record; nothing was imported.");
      }
      line.append(chunk.substr(0, take));
      if (nl == std::string_view::npos) break;
      chunk.remove_prefix(nl + 1);
      rows.push_back(check_line(line, ++line_no, m, options, seen_ids));
      line.clear();
    }
  }
  if (!line.empty()) {
    throw ExportError("line " + std::to_string(line_no + 1) +
                      " has no line end (the file was cut short); nothing was imported.");
  }
  char extra = 0;
  if (file->read_some(&extra, 1) > 0) {
    throw ExportError(name + " is longer than the " + std::to_string(m.bytes) +
                      " bytes its manifest says (added to); nothing was imported.");
  }
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&hash, digest);
  char hex[2 * crypto_hash_sha256_BYTES + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  if (m.sha256 != hex) {
    throw ExportError(
        "The file's SHA-256 does not match its manifest (changed, reordered or damaged); nothing "
        "was imported.");
  }
  if (rows.size() != m.count) {
    throw ExportError("The file holds " + std::to_string(rows.size()) +
                      " record(s) but its manifest says " + std::to_string(m.count) +
                      "; nothing was imported.");
  }

  ImportResult r;
  try {
    r.added = outbox.import_submissions(rows);
    r.already_present = static_cast<int>(rows.size()) - r.added;
    outbox.record_event("import", name + ": " + std::to_string(r.added) + " added, " +
                                      std::to_string(r.already_present) + " already present");
  } catch (const store::StoreError& e) {
    throw ExportError(std::string("Could not add the records to the outbox: ") + e.what());
  }
  log::info("staff: imported " + name + ": " + std::to_string(r.added) + " added, " +
            std::to_string(r.already_present) + " already present");
  return r;
}

// /proc/self/mounts: "<device> <mount point> <type> <options> 0 0"; spaces in the mount point are
// written as \040 (octal escapes), which are decoded here.
std::vector<Volume> removable_volumes(const std::string& mounts) {
  std::vector<Volume> out;
  std::ifstream in(mounts);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream f(line);
    std::string device, point;
    if (!(f >> device >> point)) continue;
    point = unescape_mountinfo(point);
    const bool under = point.rfind("/media/", 0) == 0 || point.rfind("/run/media/", 0) == 0;
    if (!under) continue;
    std::string label = fs::path(point).filename().string();
    if (label.empty()) continue;
    bool seen = false;
    for (const Volume& v : out) seen = seen || v.path == point;
    if (!seen) out.push_back(Volume{point, label});
  }
  return out;
}

}  // namespace kiosk::staff
