// Catalogue look-ups (hiding items whose `until` has passed), the bundled demo catalogue, and the
// GUI's content choice: the department's bundle, its last good copy, or Out of service — the demo
// only when no department bundle is configured.
#include "kiosk/content/catalogue.h"

#include <filesystem>
#include <fstream>
#include <system_error>
#include <unistd.h>

#include "kiosk/content/json_reader.h"
#include "kiosk/core/calendar.h"
#include "kiosk/core/embedded_assets.h"
#include "kiosk/core/file_io.h"
#include "kiosk/core/log.h"

namespace kiosk {

const Program* Catalogue::find_program(const std::string& id) const {
  for (const auto& p : programs)
    if (p.id == id) return &p;
  return nullptr;
}

const Category* Catalogue::find_category(const std::string& id) const {
  for (const auto& c : categories)
    if (c.id == id) return &c;
  return nullptr;
}

std::vector<const Program*> Catalogue::programs_in(const std::string& category_id) const {
  std::vector<const Program*> out;
  for (const auto& p : programs)
    if (p.category == category_id) out.push_back(&p);
  return out;
}

std::vector<const Event*> Catalogue::upcoming_events(const std::string& today) const {
  std::vector<const Event*> out;
  for (const auto& e : events) {
    // YYYY-MM-DD strings order like the dates they name.
    const std::string& last_day = e.end_date.empty() ? e.date : e.end_date;
    if (last_day >= today && (e.until.empty() || e.until >= today)) out.push_back(&e);
  }
  return out;
}

std::vector<const Highlight*> Catalogue::current_highlights(const std::string& today) const {
  std::vector<const Highlight*> out;
  for (const auto& h : department.highlights)
    if (h.until.empty() || h.until >= today) out.push_back(&h);
  return out;
}

std::vector<std::string> Catalogue::expired_items(const std::string& today) const {
  std::vector<std::string> out;
  auto passed = [&](const std::string& until) { return !until.empty() && until < today; };
  // Highlights keep their file order, so the index is the one in department.json.
  for (std::size_t i = 0; i < department.highlights.size(); ++i)
    if (passed(department.highlights[i].until))
      out.push_back("department.json: /department/highlights/" + std::to_string(i) +
                    "/until: " + department.highlights[i].until +
                    " has passed; this highlight is no longer shown");
  // Events are sorted by date, so they are named by id.
  for (const auto& e : events)
    if (passed(e.until))
      out.push_back("events.json: event \"" + e.id + "\": until " + e.until +
                    " has passed; this event is no longer shown");
  return out;
}

Catalogue bundled_catalogue() {
  // Parsed once: the embedded bytes never change while the process runs.
  static const CatalogueResult bundled = [] {
    CatalogueResult r = load_catalogue(assets::under("content/"));
    // Unreachable in a tested build (test_content_bundled proves the bundle valid); if it ever
    // happens, say so loudly and carry on with an empty catalogue rather than crash the lobby.
    for (const auto& e : r.errors) log::error("content: bundled content is invalid: " + e);
    return r;
  }();
  return bundled.catalogue ? *bundled.catalogue : Catalogue{};
}

namespace {

namespace fs = std::filesystem;

std::string count_errors(std::size_t n) {
  return std::to_string(n) + (n == 1 ? " error" : " errors");
}

// Writes `bytes` to `path` and flushes it to disk, so a renamed copy is never half written.
bool write_synced(const fs::path& path, const std::string& bytes) {
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) return false;
  }
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return false;
  bool ok = ::fsync(::fileno(f)) == 0;
  std::fclose(f);
  return ok;
}

// Replaces <data-dir>/content-last-good with the *.json files of `dir` (each read with the
// loader's size bound) and, under pictures/, the pictures the bundle was accepted with (the bytes
// already checked, not read again). The copy is built beside it and renamed into place; a
// directory cannot be renamed over a non-empty one, so the old copy is first moved to ".old",
// which read_last_good still uses if the process stops between the two renames.
void keep_last_good(const std::string& dir, const std::string& data_dir,
                    const std::map<std::string, std::string>& pictures) {
  const fs::path final_dir = last_good_content_dir(data_dir);
  const fs::path tmp = final_dir.string() + ".new", old = final_dir.string() + ".old";
  std::error_code ec;
  fs::remove_all(tmp, ec);
  if (!fs::create_directories(tmp, ec) || ec) {
    log::error("content: cannot keep a last good copy in " + tmp.string() + ": " + ec.message());
    return;
  }
  for (const char* name : kBundleFiles) {
    std::string reason;
    auto bytes = read_file((fs::path(dir) / name).string(), reason, content::kMaxFileBytes);
    if (!bytes || !write_synced(tmp / name, *bytes)) {
      log::error(std::string("content: cannot keep a last good copy of ") + name +
                 (bytes ? "" : ": " + reason));
      fs::remove_all(tmp, ec);
      return;
    }
  }
  if (!pictures.empty() && !fs::create_directory(tmp / "pictures", ec)) {
    log::error("content: cannot keep a last good copy of the pictures: " + ec.message());
    fs::remove_all(tmp, ec);
    return;
  }
  for (const auto& [name, bytes] : pictures)
    if (!write_synced(tmp / "pictures" / name, bytes)) {
      log::error("content: cannot keep a last good copy of pictures/" + name);
      fs::remove_all(tmp, ec);
      return;
    }
  fs::remove_all(old, ec);
  if (fs::exists(final_dir, ec)) fs::rename(final_dir, old, ec);
  if (!ec) fs::rename(tmp, final_dir, ec);
  if (ec) {
    log::error("content: cannot put the last good copy in place: " + ec.message());
    return;
  }
  fs::remove_all(old, ec);
}

// The last good copy, when there is one and it is still valid (a newer kiosk may read it
// differently); `date` is the local day it was saved. `log_problems`: say why a copy is unusable.
std::optional<Catalogue> read_last_good(const std::string& data_dir, std::string& date,
                                        bool log_problems) {
  fs::path dir = last_good_content_dir(data_dir);
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) dir = dir.string() + ".old";
  if (!fs::is_directory(dir, ec)) return std::nullopt;
  CatalogueResult r = load_catalogue_dir(dir.string());
  if (!r.catalogue) {
    if (log_problems) {
      log::error("content: the last good copy in " + dir.string() + " is no longer valid (" +
                 count_errors(r.errors.size()) + ")");
      for (const auto& e : r.errors) log::error("content: last good copy: " + e);
    }
    return std::nullopt;
  }
  auto t = fs::last_write_time(dir / "department.json", ec);
  if (!ec) {
    auto sys =
        std::chrono::time_point_cast<Clock::Wall::duration>(std::chrono::file_clock::to_sys(t));
    date = cal::format_date(cal::local_date(sys));
  }
  return r.catalogue;
}

}  // namespace

Catalogue no_content_catalogue() {
  Catalogue c;
  c.department.emergency_notice = bundled_catalogue().department.emergency_notice;
  return c;
}

std::string last_good_content_dir(const std::string& data_dir) {
  return (fs::path(data_dir) / "content-last-good").string();
}

ContentChoice choose_content(const std::string& dir, const std::string& data_dir, ContentUse use) {
  ContentChoice c;
  if (dir.empty()) {
    c.catalogue = bundled_catalogue();
    c.source = ContentSource::Bundled;
    return c;
  }
  // A listing reads only: it neither replaces the kept copy nor writes the kiosk's log, so
  // running it by hand next to a kiosk changes nothing that kiosk relies on.
  const bool gui = use == ContentUse::Gui;
  CatalogueResult r = load_catalogue_dir(dir);
  if (r.catalogue) {
    if (gui) {
      log::info("content: using the bundle in " + dir + " (" +
                std::to_string(r.catalogue->programs.size()) + " programs, " +
                std::to_string(r.catalogue->events.size()) + " events)");
      if (!data_dir.empty()) keep_last_good(dir, data_dir, r.catalogue->pictures);
    }
    c.catalogue = std::move(r.catalogue);
    c.source = ContentSource::Configured;
    return c;
  }
  c.errors = std::move(r.errors);
  // Logged once, at start: the errors name content files and JSON paths, never a visitor's data.
  if (gui) {
    log::error("content: the bundle in " + dir + " was rejected (" + count_errors(c.errors.size()) +
               ")");
    for (const auto& e : c.errors) log::error("content: " + e);
  }
  if (!data_dir.empty()) c.catalogue = read_last_good(data_dir, c.last_good_date, gui);
  if (c.catalogue) {
    c.source = ContentSource::LastGood;
    if (gui)
      log::error("content: using the last good copy of the bundle, saved " +
                 (c.last_good_date.empty() ? std::string("on an unknown date") : c.last_good_date));
  } else {
    c.source = ContentSource::None;
    if (gui)
      log::error("content: no last good copy of the bundle: out of service until it is fixed");
  }
  return c;
}

}  // namespace kiosk
