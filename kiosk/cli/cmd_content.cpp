// Content commands: --check-content DIR (validate a bundle, every error on stderr; a passed `until`
// is only a warning, since a valid bundle must not become invalid as time passes) and
// --list-programs (the catalogue's programs as JSON, in the chosen language; a rejected bundle lists
// its last good copy as the GUI would show it, or fails naming the errors — never the demo).
#include <cstdio>
#include <string>
#include <nlohmann/json.hpp>

#include "kiosk/cli/commands.h"
#include "kiosk/content/catalogue.h"
#include "kiosk/core/calendar.h"
#include "kiosk/core/clock.h"

namespace kiosk {
namespace {

std::string count_errors(std::size_t n) {
  return std::to_string(n) + (n == 1 ? " error" : " errors");
}

}  // namespace

int cmd_check_content(const RunContext& ctx) {
  const std::string& dir = ctx.options.mode_arg;
  CatalogueResult r = load_catalogue_dir(dir);
  if (!r.catalogue) {
    for (const auto& e : r.errors) std::fprintf(stderr, "%s\n", e.c_str());
    std::fprintf(stderr, "kiosk: %s: content rejected (%s)\n", dir.c_str(),
                 count_errors(r.errors.size()).c_str());
    return 1;
  }
  const Catalogue& c = *r.catalogue;
  const std::string today = cal::format_date(cal::local_date(process_clock().wall()));
  for (const auto& w : c.expired_items(today)) std::fprintf(stderr, "warning: %s\n", w.c_str());
  std::size_t with_signups = 0;
  for (const auto& p : c.programs) with_signups += p.takes_signups ? 1 : 0;
  std::printf(
      "%s: content OK: %zu programs (%zu take sign-ups), %zu categories, %zu events, %zu contacts, "
      "%zu highlights\n",
      dir.c_str(), c.programs.size(), with_signups, c.categories.size(), c.events.size(),
      c.contacts.size(), c.department.highlights.size());
  return 0;
}

int cmd_list_programs(const RunContext& ctx) {
  Lang lang = Lang::En;
  if (!ctx.lang.empty() && !parse_lang(ctx.lang, lang)) {
    std::fprintf(stderr, "kiosk: --lang: expected en or es, got \"%s\"\n", ctx.lang.c_str());
    return 2;
  }
  // As the GUI chooses: a rejected bundle lists its last good copy, never the demo's programs
  // (their ids would be wrong for this department's --submit and forms).
  ContentChoice choice = choose_content(ctx.content_dir, ctx.data_dir, ContentUse::Listing);
  if (!choice.errors.empty()) {
    for (const auto& e : choice.errors) std::fprintf(stderr, "%s\n", e.c_str());
    std::fprintf(stderr, "kiosk: the content in %s was rejected (%s; see kiosk --check-content %s)",
                 ctx.content_dir.c_str(), count_errors(choice.errors.size()).c_str(),
                 ctx.content_dir.c_str());
    if (!choice.catalogue) {
      std::fprintf(stderr,
                   " and the data dir holds no valid last good copy of it: nothing to list\n");
      return 1;
    }
    std::fprintf(
        stderr, "; listing its last good copy, saved %s, as the kiosk shows it\n",
        choice.last_good_date.empty() ? "on an unknown date" : choice.last_good_date.c_str());
  }
  const Catalogue& cat = *choice.catalogue;
  nlohmann::ordered_json out = nlohmann::ordered_json::array();  // keys in the documented order
  for (const auto& p : cat.programs)
    out.push_back({{"id", p.id},
                   {"title", p.title.get(lang)},
                   {"category", p.category},
                   {"takes_signups", p.takes_signups}});
  std::printf("%s\n", out.dump(2).c_str());
  return 0;
}

}  // namespace kiosk
