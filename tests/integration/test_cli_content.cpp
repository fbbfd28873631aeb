// The content commands of the real `kiosk` binary: --check-content on good and bad bundles (exit
// codes, every error on stderr, the OK summary on stdout, warnings for a passed `until`, pictures
// and icons) and --list-programs (JSON, languages,
// --content; a rejected bundle lists its last good copy or fails, never the demo).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <map>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "kiosk/content/catalogue.h"
#include "tests/support/kiosk_cli.h"
#include "tests/support/test_server.h"

using nlohmann::json;
namespace fs = std::filesystem;
using namespace kiosk::test_cli;  // Run, read_file, write_file, lines
using kiosk::test_upload::ScratchDir;

namespace {

// Runs the kiosk with `args`, isolated from the user's config and data (own XDG dirs in a fresh
// directory it also runs in).
Run run_kiosk(const std::vector<std::string>& args) {
  ScratchDir home("kiosk-cli-content");
  return kiosk::test_cli::run_kiosk(args, {.work = home.path(),
                                           .cwd = home.path(),
                                           .config_home = home / "config",
                                           .data_home = home / "data"});
}

// Runs the kiosk commands of one test on a fixed wall clock (KIOSK_VIRTUAL_CLOCK, which headless
// commands honour), so "today" does not depend on when the test runs.
struct FixedToday {
  explicit FixedToday(const char* rfc3339) { setenv("KIOSK_VIRTUAL_CLOCK", rfc3339, 1); }
  ~FixedToday() { unsetenv("KIOSK_VIRTUAL_CLOCK"); }
  FixedToday(const FixedToday&) = delete;
  FixedToday& operator=(const FixedToday&) = delete;
};

const fs::path kBundled = fs::path(KIOSK_SOURCE_DIR) / "assets" / "content";

// A copy of the bundled content in `dir` (its pictures/ folder too), with programs.json edited.
void copy_bundle(const fs::path& dir, const std::function<void(json&)>& edit_programs = {}) {
  fs::copy(kBundled, dir, fs::copy_options::recursive);
  if (edit_programs) {
    json j = json::parse(read_file(dir / "programs.json"));
    edit_programs(j);
    write_file(dir / "programs.json", j.dump(2));
  }
}

}  // namespace

TEST_CASE("check-content accepts the bundled content with a one-line summary") {
  FixedToday today("2026-12-01T12:00:00Z");  // before the demo highlights' `until` days
  Run r = run_kiosk({"--check-content", kBundled.string()});
  CHECK(r.code == 0);
  CHECK(r.err.empty());
  REQUIRE(lines(r.out).size() == 1);
  const kiosk::Catalogue c = kiosk::bundled_catalogue();
  CHECK_THAT(r.out,
             Catch::Contains("content OK: " + std::to_string(c.programs.size()) + " programs") &&
                 Catch::Contains(std::to_string(c.categories.size()) + " categories") &&
                 Catch::Contains(std::to_string(c.events.size()) + " events"));
}

TEST_CASE("check-content prints every error on stderr one per line and exits 1") {
  ScratchDir dir("kiosk-cli-content");
  copy_bundle(dir.path(), [](json& j) {
    j["programs"][3]["title"].erase("es");
    j["programs"][5]["category"] = "foo";
    j["programs"][6]["rating"] = 5;
  });
  std::string events = read_file(dir / "events.json");
  write_file(dir / "events.json", events.substr(0, events.size() / 2));  // truncated
  write_file(dir / "contacts.json", "");

  Run r = run_kiosk({"--check-content", dir.path()});
  CHECK(r.code == 1);
  CHECK(r.out.empty());
  auto err = lines(r.err);
  REQUIRE(err.size() == 6);  // five defects and the closing summary
  CHECK(std::count(err.begin(), err.end(),
                   "programs.json: /programs/3/title/es: missing Spanish text") == 1);
  CHECK(std::count(err.begin(), err.end(),
                   "programs.json: /programs/5/category: unknown category \"foo\"") == 1);
  CHECK(std::count(err.begin(), err.end(),
                   "programs.json: /programs/6/rating: unknown key \"rating\"") == 1);
  CHECK(std::count(err.begin(), err.end(), "contacts.json: empty file") == 1);
  CHECK(std::count_if(err.begin(), err.end(), [](const std::string& l) {
          return l.rfind("events.json: JSON parse error at byte ", 0) == 0;
        }) == 1);
  CHECK(err.back() == "kiosk: " + dir.path() + ": content rejected (5 errors)");
}

TEST_CASE("check-content warns about a passed until and still exits 0") {
  ScratchDir dir("kiosk-cli-content");
  copy_bundle(dir.path());
  json ev = json::parse(read_file(dir / "events.json"));
  ev["events"][0]["until"] = "2026-12-05";
  const std::string id = ev["events"][0]["id"];
  write_file(dir / "events.json", ev.dump(2));

  // The demo's dated highlights (0: National Night Out, 3: the Academy) and the event have passed.
  FixedToday today("2027-09-01T12:00:00Z");
  Run r = run_kiosk({"--check-content", dir.path()});
  CHECK(r.code == 0);
  CHECK_THAT(r.out, Catch::Contains("content OK: "));
  auto err = lines(r.err);
  CHECK(err == std::vector<std::string>{
                   "warning: department.json: /department/highlights/0/until: 2027-08-03 has "
                   "passed; this highlight is no longer shown",
                   "warning: department.json: /department/highlights/3/until: 2027-03-03 has "
                   "passed; this highlight is no longer shown",
                   "warning: events.json: event \"" + id +
                       "\": until 2026-12-05 has passed; this event is no longer shown"});

  // An until that is no date is an error, as any other bad value.
  ev["events"][0]["until"] = "soon";
  write_file(dir / "events.json", ev.dump(2));
  r = run_kiosk({"--check-content", dir.path()});
  CHECK(r.code == 1);
  CHECK_THAT(r.err, Catch::Contains("/until: expected a date written YYYY-MM-DD"));
}

TEST_CASE("check-content on a directory that does not exist or with broken UTF-8") {
  Run r = run_kiosk({"--check-content", "/nonexistent/content"});
  CHECK(r.code == 1);
  CHECK_THAT(r.err, Catch::StartsWith("/nonexistent/content: not a directory"));

  ScratchDir dir("kiosk-cli-content");
  copy_bundle(dir.path());
  std::string cats = read_file(dir / "categories.json");
  std::size_t pos = cats.find("Seguridad");
  cats[pos + 2] = '\xC3';  // a lead byte followed by ASCII
  write_file(dir / "categories.json", cats);
  r = run_kiosk({"--check-content", dir.path()});
  CHECK(r.code == 1);
  CHECK_THAT(r.err, Catch::StartsWith("categories.json: invalid UTF-8 at byte " +
                                      std::to_string(pos + 2) + " (line "));
}

TEST_CASE("list-programs prints a JSON array of programs in the chosen language") {
  Run en = run_kiosk({"--list-programs"});
  REQUIRE(en.code == 0);
  CHECK(en.err.empty());
  json list_en = json::parse(en.out);
  REQUIRE(list_en.is_array());
  CHECK(list_en.size() == kiosk::bundled_catalogue().programs.size());

  Run es = run_kiosk({"--list-programs", "--lang", "es"});
  REQUIRE(es.code == 0);
  json list_es = json::parse(es.out);
  REQUIRE(list_es.size() == list_en.size());

  std::map<std::string, json> by_id;
  for (const auto& p : list_es) {
    REQUIRE(p.size() == 4);
    CHECK(p.at("id").is_string());
    CHECK(p.at("title").is_string());
    CHECK(p.at("category").is_string());
    CHECK(p.at("takes_signups").is_boolean());
    by_id[p.at("id").get<std::string>()] = p;
  }
  CHECK(by_id.at("neighborhood-watch").at("title") == "Vigilancia Vecinal");
  CHECK(by_id.at("victim-services").at("title") == "Servicios para Víctimas");
  CHECK(by_id.at("citizens-police-academy").at("title") == "Academia Policial Ciudadana");
  CHECK(by_id.at("citizens-police-academy").at("takes_signups") == true);
  CHECK(by_id.at("crime-stoppers").at("takes_signups") == false);
  // Same programs, same order, different titles.
  for (std::size_t i = 0; i < list_en.size(); ++i) {
    CHECK(list_en[i].at("id") == list_es[i].at("id"));
    CHECK(list_en[i].at("category") == list_es[i].at("category"));
  }
  CHECK(list_en[0].at("title") == "Neighborhood Watch");
}

TEST_CASE("list-programs reads the content option") {
  ScratchDir good("kiosk-cli-content");
  copy_bundle(good.path(),
              [](json& j) { j["programs"][0]["title"]["es"] = "Vigilancia del Barrio"; });
  ScratchDir data("kiosk-cli-content");
  Run r = run_kiosk(
      {"--list-programs", "--lang", "es", "--content", good.path(), "--data-dir", data.path()});
  REQUIRE(r.code == 0);
  CHECK(r.err.empty());
  CHECK(json::parse(r.out)[0].at("title") == "Vigilancia del Barrio");
  // A listing only reads: the last good copy is the GUI's to keep.
  CHECK_FALSE(fs::exists(kiosk::last_good_content_dir(data.path())));
}

// Issue 15: a rejected bundle never turns into the demo's programs, whose ids this department's
// forms and --submit would not know.
TEST_CASE("list-programs with a rejected bundle and no last good copy fails naming the errors") {
  ScratchDir bad("kiosk-cli-content"), data("kiosk-cli-content");
  copy_bundle(bad.path(), [](json& j) { j["programs"][0]["category"] = "nowhere"; });
  Run r = run_kiosk(
      {"--list-programs", "--lang", "es", "--content", bad.path(), "--data-dir", data.path()});
  CHECK(r.code == 1);
  CHECK(r.out.empty());
  CHECK_THAT(r.err, Catch::StartsWith("programs.json: /programs/0/category: ") &&
                        Catch::Contains("was rejected (1 error; see kiosk --check-content " +
                                        bad.path() + ")") &&
                        Catch::Contains("no valid last good copy") && !Catch::Contains("demo"));
}

TEST_CASE("list-programs with a rejected bundle lists its last good copy, as the kiosk shows it") {
  ScratchDir data("kiosk-cli-content"), bad("kiosk-cli-content");
  // The copy the GUI kept when the department's bundle was last valid (a title of its own, so
  // the listing cannot be the demo's).
  const fs::path kept = kiosk::last_good_content_dir(data.path());
  fs::create_directories(kept);
  copy_bundle(kept, [](json& j) { j["programs"][0]["title"]["es"] = "Vigilancia del Barrio"; });
  copy_bundle(bad.path(), [](json& j) { j["programs"][0]["category"] = "nowhere"; });
  Run r = run_kiosk(
      {"--list-programs", "--lang", "es", "--content", bad.path(), "--data-dir", data.path()});
  REQUIRE(r.code == 0);
  CHECK_THAT(r.err, Catch::StartsWith("programs.json: /programs/0/category: ") &&
                        Catch::Contains("was rejected (1 error") &&
                        Catch::Contains("listing its last good copy, saved 20") &&
                        !Catch::Contains("demo"));
  const json list = json::parse(r.out);
  CHECK(list.size() == kiosk::bundled_catalogue().programs.size());
  CHECK(list[0].at("title") == "Vigilancia del Barrio");
}

TEST_CASE("check-content: an unknown place id and an unknown fee placeholder are errors") {
  ScratchDir dir("kiosk-check-places");
  copy_bundle(dir.path());
  json events = json::parse(read_file(dir / "events.json"));
  events["events"][0]["place_id"] = "city_hall";
  write_file(dir / "events.json", events.dump(2));
  json dept = json::parse(read_file(dir / "department.json"));
  dept["department"]["records_info"]["en"] = "A certified copy costs {fee:certified}.";
  write_file(dir / "department.json", dept.dump(2));
  Run r = run_kiosk({"--check-content", dir.path()});
  CHECK(r.code == 1);
  CHECK(r.out.empty());
  CHECK(lines(r.err) ==
        std::vector<std::string>{
            "department.json: /department/records_info/en: {fee:certified} names no fee of "
            "department.json /department/fees (fees: crash_report_copy, record_copy_page, "
            "certified_copy)",
            "events.json: /events/0/place_id: unknown place \"city_hall\"",
            "kiosk: " + dir.path() + ": content rejected (2 errors)"});
}

TEST_CASE("check-content: a bad schedule is an error naming the key, and the bundle is rejected") {
  ScratchDir dir("kiosk-check-schedule");
  copy_bundle(dir.path());
  json programs = json::parse(read_file(dir / "programs.json"));
  // Car-seat checks run on 2nd Saturdays (programs/8, field 3): make the schedule impossible.
  json& date = programs["programs"][8]["signup_fields"][3];
  REQUIRE(date.at("id") == "preferred_date");
  date["nth_weekday"]["n"] = 0;
  programs["programs"][24]["signup_fields"][2]["weekdays"] = json::array({"sat", "funday"});
  write_file(dir / "programs.json", programs.dump(2));
  Run r = run_kiosk({"--check-content", dir.path()});
  CHECK(r.code == 1);
  CHECK(r.out.empty());
  const auto err = lines(r.err);
  REQUIRE(err.size() == 3);
  CHECK_THAT(err[0],
             Catch::StartsWith("programs.json: /programs/8/signup_fields/3/nth_weekday/n: "));
  CHECK_THAT(err[1], Catch::StartsWith("programs.json: /programs/24/signup_fields/2/weekdays/1: "));
  CHECK(err[2] == "kiosk: " + dir.path() + ": content rejected (2 errors)");
}

TEST_CASE("check-content: missing, non-PNG and oversized pictures and unknown icons are errors") {
  ScratchDir dir("kiosk-check-pictures");
  copy_bundle(dir.path(), [](json& j) {
    j["programs"][0]["picture"] = "watch.png";      // not there
    j["programs"][1]["picture"] = "block.png";      // a JPEG renamed
    j["programs"][2]["picture"] = "survey.png";     // a text file
    j["programs"][3]["icon"] = "moon-and-stars";    // no such icon
    j["programs"][4]["picture"] = "../escape.png";  // a path, not a file name
  });
  write_file(fs::path(dir.path()) / "pictures" / "block.png",
             std::string("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00", 11));
  write_file(fs::path(dir.path()) / "pictures" / "survey.png", "a survey photo goes here\n");
  // The logo grows past 2 MiB (zeros after the PNG's end: still a PNG, just too large).
  std::string logo = read_file(fs::path(dir.path()) / "pictures" / "department-logo.png");
  logo.resize(kiosk::kMaxPictureBytes + 10, '\0');
  write_file(fs::path(dir.path()) / "pictures" / "department-logo.png", logo);

  Run r = run_kiosk({"--check-content", dir.path()});
  CHECK(r.code == 1);
  CHECK(r.out.empty());
  const std::string not_png = " is not a PNG file (pictures must be PNG, at most 2048x2048 pixels)";
  CHECK(lines(r.err) ==
        std::vector<std::string>{
            "programs.json: /programs/3/icon: unknown icon \"moon-and-stars\" (a Fork Awesome "
            "icon name such as \"car\" or \"users\")",
            "programs.json: /programs/4/picture: expected a file name in the bundle's pictures/ "
            "folder: lower-case letters, digits and hyphens, ending in .png "
            "(\"station-tours.png\"; no folders), got \"../escape.png\"",
            "department.json: /department/logo: pictures/department-logo.png is 2.0 MiB (2097162 "
            "bytes); at most 2 MiB (2097152 bytes) per picture",
            "programs.json: /programs/0/picture: pictures/watch.png is missing",
            "programs.json: /programs/1/picture: pictures/block.png" + not_png,
            "programs.json: /programs/2/picture: pictures/survey.png" + not_png,
            "kiosk: " + dir.path() + ": content rejected (6 errors)"});

  // The bundled content itself, pictures and all, passes (the first test case); so does a copy
  // whose pictures are all put right.
  ScratchDir fixed("kiosk-check-pictures");
  copy_bundle(fixed.path(), [](json& j) { j["programs"][0]["picture"] = "watch.png"; });
  fs::copy_file(kBundled / "pictures" / "events.png",
                fs::path(fixed.path()) / "pictures" / "watch.png");
  r = run_kiosk({"--check-content", fixed.path()});
  CHECK(r.code == 0);
  CHECK(r.err.empty());
  CHECK_THAT(r.out, Catch::Contains("content OK: "));
}
