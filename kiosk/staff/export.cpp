// USB export and import of pending records (format: docs/staff.md).
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
// - A record's payload is copied byte for byte (the last member of each line), so the importing
//   kiosk uploads exactly what the visitor confirmed.
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
#include <nlohmann/json.hpp>
#include <sstream>

#include "kiosk/core/digest.h"
#include "kiosk/core/log.h"
#include "kiosk/sync/record_line.h"
#include "offline-cache/uuid.h"

namespace kiosk::staff {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string errno_words(int e) { return std::strerror(e); }

// "20261122T031500Z": digits and letters only, safe on FAT and exFAT (no ':').
std::string compact_time(Clock::Wall t) {
  std::string s = format_rfc3339(t);  // 2026-11-22T03:15:00Z
  std::string out;
  for (char c : s)
    if (c != '-' && c != ':') out += c;
  return out;
}

// Every member but the payload (the shared record line, kiosk/sync/record_line.h).
std::string line_prefix(const store::Submission& s, const std::string& kiosk_id) {
  return sync::record_line_prefix(s, kiosk_id);
}

// The payload as one line of JSON: stored answers are compact already; anything with line breaks
// (JSON whitespace only, since strings escape them) is re-serialised in its own member order.
std::string one_line_payload(const std::string& payload) {
  if (payload.find_first_of("\r\n") == std::string::npos) return payload;
  return nlohmann::ordered_json::parse(payload).dump();
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
    Fd f{::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644)};
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

std::optional<std::string> read_file(const std::string& path, std::size_t limit) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string s;
  char buf[65536];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    s.append(buf, static_cast<std::size_t>(in.gcount()));
    if (s.size() > limit) return std::nullopt;
  }
  if (in.bad()) return std::nullopt;
  return s;
}

constexpr const char* kJsonlSuffix = ".jsonl";
constexpr const char* kManifestSuffix = ".manifest.json";
constexpr std::size_t kMaxImportBytes = std::size_t{2} << 30;  // 2 GiB: far beyond any booth

}  // namespace

ExportResult export_pending(store::Outbox& outbox, const std::string& dir, Clock& clock,
                            ExportStepHook after_step) {
  auto step = [after_step](const char* name) {
    if (after_step) after_step(name);
  };
  if (sodium_init() < 0) throw ExportError("The crypto library could not start.");
  std::error_code ec;
  if (dir.empty() || !fs::is_directory(dir, ec)) throw ExportError("No such folder: " + dir + ".");

  std::vector<store::Submission> rows;
  try {
    for (store::Status s : {store::Status::Pending, store::Status::Sending}) {
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
  std::string first_created, last_created;
  for (const store::Submission& s : rows) {
    if (s.payload_json.empty())
      continue;  // pending rows always hold answers; nothing to carry otherwise
    jsonl += sync::record_line(s, kiosk_id, one_line_payload(s.payload_json)) + "\n";
    ids.push_back(s.id);
    if (first_created.empty()) first_created = s.created_at;
    last_created = s.created_at;
  }

  const Clock::Wall now = clock.wall();
  json manifest = {
      {"format", "community-kiosk-export"},
      {"format_version", kExportFormatVersion},
      {"kiosk_id", kiosk_id},
      {"app_version", KIOSK_VERSION},
      {"exported_at", format_rfc3339(now)},
      {"count", ids.size()},
      {"bytes", jsonl.size()},
      {"sha256", sha256_hex(jsonl)},
      {"first_created_at", ids.empty() ? json(nullptr) : json(first_created)},
      {"last_created_at", ids.empty() ? json(nullptr) : json(last_created)},
  };

  // The first free name: submissions-<kiosk>-<time>[-N].jsonl and its manifest.
  const std::string stem0 = "submissions-" + kiosk_id + "-" + compact_time(now);
  for (int n = 1; n < 1000; ++n) {
    const std::string stem = n == 1 ? stem0 : stem0 + "-" + std::to_string(n);
    const std::string jsonl_path = (fs::path(dir) / (stem + kJsonlSuffix)).string();
    const std::string manifest_path = (fs::path(dir) / (stem + kManifestSuffix)).string();
    if (exists(jsonl_path) || exists(manifest_path)) continue;
    manifest["file"] = stem + kJsonlSuffix;
    const std::string tmp_jsonl = write_temp(jsonl_path, jsonl);
    std::string tmp_manifest;
    try {
      step("jsonl_written");
      tmp_manifest = write_temp(manifest_path, manifest.dump(2) + "\n");
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
    ExportResult r{static_cast<int>(ids.size()), jsonl_path, manifest_path};
    try {
      outbox.mark_exported(ids);
      outbox.record_event("export",
                          std::to_string(r.count) + " record(s) to " + stem + kJsonlSuffix);
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

ImportResult import_export(store::Outbox& outbox, const std::string& jsonl_path) {
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

  auto jsonl = read_file(jsonl_path, kMaxImportBytes);
  if (!jsonl) throw ExportError("Could not read " + jsonl_path + ".");
  auto manifest_text = read_file(manifest_path, 1 << 20);
  if (!manifest_text)
    throw ExportError("No manifest beside the file (" + manifest_path + "); nothing was imported.");

  json m = json::parse(*manifest_text, nullptr, false);
  if (m.is_discarded() || !m.is_object())
    throw ExportError("The manifest is not valid JSON; nothing was imported.");
  auto str = [&](const char* k) {
    return m.contains(k) && m[k].is_string() ? m[k].get<std::string>() : std::string();
  };
  if (str("format") != "community-kiosk-export")
    throw ExportError("The manifest is not a kiosk export manifest.");
  if (!m.contains("format_version") || !m["format_version"].is_number_integer() ||
      m["format_version"].get<int64_t>() != kExportFormatVersion) {
    throw ExportError(
        "The export's format version is not one this kiosk reads; nothing was imported.");
  }
  const std::string kiosk_id = str("kiosk_id");
  if (!store::is_uuid_v4(kiosk_id) || stem.rfind("submissions-" + kiosk_id + "-", 0) != 0) {
    throw ExportError(
        "The manifest's kiosk id does not match the file name; nothing was imported.");
  }
  if (sha256_hex(*jsonl) != str("sha256")) {
    throw ExportError(
        "The file's SHA-256 does not match its manifest (changed or damaged); nothing was "
        "imported.");
  }
  if (!m.contains("count") || !m["count"].is_number_unsigned())
    throw ExportError("The manifest has no count.");
  const uint64_t count = m["count"].get<uint64_t>();

  std::vector<store::Submission> rows;
  std::istringstream lines(*jsonl);
  std::string line;
  int line_no = 0;
  while (std::getline(lines, line)) {
    ++line_no;
    const std::string where = "line " + std::to_string(line_no);
    json j = json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object())
      throw ExportError(where + " is not a JSON object; nothing was imported.");
    store::Submission s;
    try {
      s.id = j.at("id").get<std::string>();
      s.form_id = j.at("form_id").get<std::string>();
      s.form_version = j.at("form_version").get<int>();
      s.program_id =
          j.at("program_id").is_null() ? std::string() : j.at("program_id").get<std::string>();
      if (!j.at("event_tag").is_null()) s.event_tag = j.at("event_tag").get<std::string>();
      s.created_at = j.at("created_at").get<std::string>();
      if (j.at("kiosk_id").get<std::string>() != kiosk_id)
        throw ExportError(where + ": another kiosk's record");
      // Files from before this member was written: the exporting kiosk collected them.
      s.collected_by = j.value("collected_by_kiosk_id", kiosk_id);
      if (!j.contains("payload")) throw ExportError(where + ": no payload");
    } catch (const json::exception&) {
      throw ExportError(where +
                        " lacks a field or has one of the wrong type; nothing was imported.");
    }
    Clock::Wall t;
    if (!store::is_uuid_v4(s.id))
      throw ExportError(where + ": the record id is not a UUID; nothing was imported.");
    if (!store::is_uuid_v4(*s.collected_by)) {
      throw ExportError(where + ": collected_by_kiosk_id is not a kiosk id; nothing was imported.");
    }
    if (!parse_rfc3339(s.created_at, t) || format_rfc3339(t) != s.created_at) {
      throw ExportError(where + ": created_at is not an RFC 3339 UTC time; nothing was imported.");
    }
    // The payload's own bytes: what follows the fixed prefix this kiosk software writes.
    const std::string prefix = line_prefix(s, kiosk_id);
    if (line.rfind(prefix, 0) == 0 && line.size() > prefix.size() && line.back() == '}') {
      s.payload_json = line.substr(prefix.size(), line.size() - prefix.size() - 1);
    } else {
      s.payload_json = nlohmann::ordered_json::parse(line)["payload"].dump();
    }
    s.exported_at = str("exported_at");
    if (!parse_rfc3339(*s.exported_at, t)) s.exported_at.reset();
    rows.push_back(std::move(s));
  }
  if (rows.size() != count) {
    throw ExportError("The file holds " + std::to_string(rows.size()) +
                      " record(s) but its manifest says " + std::to_string(count) +
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
  auto unescape = [](const std::string& s) {
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
  };
  while (std::getline(in, line)) {
    std::istringstream f(line);
    std::string device, point;
    if (!(f >> device >> point)) continue;
    point = unescape(point);
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
