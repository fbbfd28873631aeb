// Catalogue look-ups, the bundled demo catalogue, and the GUI's "use this bundle or fall back" rule.
#include "kiosk/content/catalogue.h"

#include "kiosk/core/embedded_assets.h"
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
    if (last_day >= today) out.push_back(&e);
  }
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

CatalogueResult load_catalogue_or_bundled(const std::string& dir) {
  CatalogueResult r;
  if (!dir.empty()) {
    r = load_catalogue_dir(dir);
    if (r.catalogue) {
      log::info("content: using the bundle in " + dir + " (" +
                std::to_string(r.catalogue->programs.size()) + " programs, " +
                std::to_string(r.catalogue->events.size()) + " events)");
      return r;
    }
    std::size_t n = r.errors.size();
    log::error("content: the bundle in " + dir + " was rejected (" + std::to_string(n) +
               (n == 1 ? " error" : " errors") + "); using the bundled demo content instead");
    for (const auto& e : r.errors) log::error("content: " + e);
  }
  r.catalogue = bundled_catalogue();
  return r;
}

}  // namespace kiosk
