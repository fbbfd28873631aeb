// Content loader: every kind of defect in a bundle is rejected with a message naming the file and
// the JSON path; all errors are reported at once; directories; the GUI's content choice (the last
// good copy, never the demo, for a rejected bundle); `until` dates on highlights and events.
// Each case starts from the (valid) bundled files and breaks exactly one thing, so the expected
// error list is exact: a defect must be reported once, and must not drag unrelated errors along.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <tuple>

#include "kiosk/content/catalogue.h"
#include "kiosk/core/embedded_assets.h"
#include "kiosk/core/log.h"

using kiosk::load_catalogue;
using nlohmann::json;
using Files = std::map<std::string, std::string>;
using Errors = std::vector<std::string>;

namespace {

Files bundled_files() { return kiosk::assets::under("content/"); }

// The bundle with one file's JSON edited.
Files with_json(const std::string& file, const std::function<void(json&)>& edit) {
  Files f = bundled_files();
  json j = json::parse(f.at(file));
  edit(j);
  f[file] = j.dump(2);
  return f;
}

Errors errors_of(const Files& files) {
  auto r = load_catalogue(files);
  CHECK(r.catalogue.has_value() == r.errors.empty());  // a bad bundle is rejected whole
  return r.errors;
}

// Index of the element with this "id" in a list, so messages can be predicted without
// depending on the order of the bundled content.
std::size_t index_of(const json& list, const std::string& id) {
  for (std::size_t i = 0; i < list.size(); ++i)
    if (list[i].value("id", "") == id) return i;
  FAIL("no element with id " << id);
  return 0;
}

std::string at(const std::string& list, std::size_t i) {
  return "/" + list + "/" + std::to_string(i);
}

struct TempDir {
  std::filesystem::path path;
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "kiosk-content-XXXXXX").string();
    REQUIRE(mkdtemp(tmpl.data()) != nullptr);
    path = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  void write(const std::string& name, const std::string& bytes) const {
    std::filesystem::create_directories((path / name).parent_path());  // "pictures/x.png"
    std::ofstream(path / name, std::ios::binary) << bytes;
  }
  void write_all(const Files& files) const {
    for (const auto& [name, bytes] : files) write(name, bytes);
  }
};

}  // namespace

TEST_CASE("the bundled files load without errors") {
  auto r = load_catalogue(bundled_files());
  CHECK(r.errors.empty());
  REQUIRE(r.catalogue);
  CHECK(r.catalogue->programs.size() >= 30);
}

TEST_CASE("a missing required field names the file and the path") {
  std::size_t i = 0;
  auto files = with_json("programs.json", [&](json& j) {
    i = index_of(j["programs"], "home-security-survey");
    j["programs"][i].erase("summary");
  });
  CHECK(errors_of(files) ==
        Errors{"programs.json: " + at("programs", i) + "/summary: missing (required)"});

  files = with_json("contacts.json", [&](json& j) { j["contacts"][0]["contact"].erase("phone"); });
  CHECK(errors_of(files) == Errors{"contacts.json: /contacts/0/contact/phone: missing (required)"});

  files = with_json("department.json", [&](json& j) { j["department"].erase("emergency_notice"); });
  CHECK(errors_of(files) ==
        Errors{"department.json: /department/emergency_notice: missing (required)"});
}

TEST_CASE("a value of the wrong type is named with what was expected") {
  auto files =
      with_json("programs.json", [](json& j) { j["programs"][1]["takes_signups"] = "yes"; });
  CHECK(errors_of(files) ==
        Errors{"programs.json: /programs/1/takes_signups: expected true or false, got a string"});

  files = with_json("programs.json", [](json& j) { j["programs"][0]["title"] = 42; });
  CHECK(errors_of(files) == Errors{"programs.json: /programs/0/title: expected an object with "
                                   "\"en\" and \"es\" text, got a number"});

  files = with_json("programs.json", [](json& j) { j["programs"][2]["url"] = json::array(); });
  CHECK(errors_of(files) ==
        Errors{"programs.json: /programs/2/url: expected a string, got an array"});

  files = with_json("programs.json", [](json& j) { j["programs"][0]["title"]["es"] = nullptr; });
  CHECK(errors_of(files) ==
        Errors{"programs.json: /programs/0/title/es: expected a string, got null"});

  files = with_json("events.json", [](json& j) { j["events"] = json::object(); });
  CHECK(errors_of(files) == Errors{"events.json: /events: expected an array, got an object"});

  files = with_json("programs.json", [](json& j) { j = json::array(); });
  CHECK(errors_of(files) ==
        Errors{"programs.json: expected an object with \"programs\", got an array"});

  files = with_json("programs.json", [](json& j) { j["programs"][3] = "neighborhood-watch"; });
  CHECK(errors_of(files) ==
        Errors{"programs.json: /programs/3: expected a program object, got a string"});
}

TEST_CASE("a program in an unknown category is rejected") {
  auto files = with_json("programs.json", [](json& j) { j["programs"][5]["category"] = "foo"; });
  CHECK(errors_of(files) ==
        Errors{"programs.json: /programs/5/category: unknown category \"foo\""});
}

TEST_CASE("duplicate ids are rejected at the second occurrence") {
  std::size_t i = 0;
  auto files = with_json("programs.json", [&](json& j) {
    i = index_of(j["programs"], "traffic-safety");  // no event refers to it, so nothing else breaks
    j["programs"][i]["id"] = j["programs"][0]["id"];
  });
  std::string first_id = json::parse(bundled_files().at("programs.json"))["programs"][0]["id"];
  CHECK(errors_of(files) ==
        Errors{"programs.json: " + at("programs", i) + "/id: duplicate id \"" + first_id + "\""});

  files = with_json("events.json", [](json& j) { j["events"][4]["id"] = j["events"][2]["id"]; });
  std::string event_id = json::parse(bundled_files().at("events.json"))["events"][2]["id"];
  CHECK(errors_of(files) == Errors{"events.json: /events/4/id: duplicate id \"" + event_id + "\""});
}

TEST_CASE("missing or empty Spanish (or English) text is rejected") {
  auto files = with_json("programs.json", [](json& j) { j["programs"][3]["title"].erase("es"); });
  CHECK(errors_of(files) == Errors{"programs.json: /programs/3/title/es: missing Spanish text"});

  files = with_json("programs.json", [](json& j) { j["programs"][3]["description"]["es"] = "  "; });
  CHECK(errors_of(files) ==
        Errors{"programs.json: /programs/3/description/es: empty Spanish text"});

  files = with_json("categories.json", [](json& j) { j["categories"][1]["summary"].erase("en"); });
  CHECK(errors_of(files) ==
        Errors{"categories.json: /categories/1/summary/en: missing English text"});

  files =
      with_json("department.json", [](json& j) { j["department"]["highlights"][2]["es"] = ""; });
  CHECK(errors_of(files) ==
        Errors{"department.json: /department/highlights/2/es: empty Spanish text"});
}

TEST_CASE("broken UTF-8 is reported with its byte offset") {
  Files files = bundled_files();
  std::string& events = files["events.json"];
  std::size_t pos = events.find("\"title\"") + 10;
  events[pos] = '\xFF';
  Errors errs = errors_of(files);
  REQUIRE(errs.size() == 1);
  CHECK_THAT(errs[0], Catch::StartsWith("events.json: invalid UTF-8 at byte " +
                                        std::to_string(pos) + " (line "));

  // A multi-byte sequence cut short (the second byte of "í" removed).
  files = bundled_files();
  std::string& programs = files["programs.json"];
  std::size_t accent = programs.find("\xC3\xAD");
  REQUIRE(accent != std::string::npos);
  programs.erase(accent + 1, 1);
  errs = errors_of(files);
  REQUIRE(errs.size() == 1);
  CHECK_THAT(errs[0], Catch::StartsWith("programs.json: invalid UTF-8 at byte " +
                                        std::to_string(accent) + " "));
}

TEST_CASE("an empty file is rejected as empty") {
  Files files = bundled_files();
  files["programs.json"] = "";
  CHECK(errors_of(files) == Errors{"programs.json: empty file"});
  files["programs.json"] = " \n\t\r\n";
  CHECK(errors_of(files) == Errors{"programs.json: empty file"});
}

TEST_CASE("a truncated file is a parse error with its position") {
  Files files = bundled_files();
  std::string& programs = files["programs.json"];
  programs.resize(programs.find("},", programs.size() / 2) + 2);  // cut between two programs
  Errors errs = errors_of(files);
  REQUIRE(errs.size() == 1);
  CHECK_THAT(errs[0], Catch::StartsWith("programs.json: JSON parse error at byte "));
  CHECK_THAT(errs[0], Catch::Contains("unexpected end of input"));
  // The position is the end of what is there, so an editor can jump to it.
  std::size_t byte =
      std::stoul(errs[0].substr(std::string("programs.json: JSON parse error at byte ").size()));
  CHECK(byte + 1 >= programs.size());
  CHECK(byte <= programs.size());

  // Cut inside a long string: the message quotes only the end of what was read.
  files = bundled_files();
  files["programs.json"].resize(files["programs.json"].find("description") + 300);
  errs = errors_of(files);
  REQUIRE(errs.size() == 1);
  CHECK_THAT(errs[0], Catch::Contains("missing closing quote; last read: '..."));
  CHECK(errs[0].size() < 250);

  files = bundled_files();
  files["events.json"] = "{\"events\": [ {\"id\": \"x\",, } ]}";
  errs = errors_of(files);
  REQUIRE(errs.size() == 1);
  CHECK_THAT(errs[0],
             Catch::StartsWith(
                 "events.json: JSON parse error at byte 24 (line 1, column 25): syntax error"));
}

TEST_CASE("unknown keys are errors at any depth") {
  auto files = with_json("programs.json", [](json& j) { j["programs"][0]["colour"] = "red"; });
  CHECK(errors_of(files) == Errors{"programs.json: /programs/0/colour: unknown key \"colour\""});

  files = with_json("programs.json", [](json& j) { j["programs"][0]["title"]["fr"] = "Bonjour"; });
  CHECK(errors_of(files) == Errors{"programs.json: /programs/0/title/fr: unknown key \"fr\""});

  files = with_json("department.json", [](json& j) { j["theme"] = "dark"; });
  CHECK(errors_of(files) == Errors{"department.json: /theme: unknown key \"theme\""});

  files = with_json("contacts.json",
                    [](json& j) { j["contacts"][1]["contact"]["fax"] = "(555) 555-0199"; });
  CHECK(errors_of(files) == Errors{"contacts.json: /contacts/1/contact/fax: unknown key \"fax\""});

  // Keys are JSON pointer segments: "/" and "~" are escaped (RFC 6901).
  files = with_json("events.json", [](json& j) { j["events"][0]["a/b~c"] = 1; });
  CHECK(errors_of(files) == Errors{"events.json: /events/0/a~1b~0c: unknown key \"a/b~c\""});
}

TEST_CASE("a key given twice in one object is an error and not a silent overwrite") {
  Files files = bundled_files();
  std::string& cats = files["categories.json"];
  std::size_t title = cats.find("\"title\"");
  cats.insert(title, "\"title\": {\"en\": \"A\", \"es\": \"B\"}, ");
  CHECK(errors_of(files) == Errors{"categories.json: /categories/0: duplicate key \"title\""});

  // The rest of the file is still checked in the same run; nested objects are tracked by path.
  files = with_json("programs.json", [](json& j) { j["programs"][2]["colour"] = "red"; });
  std::string& programs = files["programs.json"];
  std::size_t second_program =
      programs.find("\n    {", programs.find("\n    {") + 1);  // dump(2) layout
  std::size_t office = programs.find("\"office\"", second_program);
  programs.insert(office, "\"office\": {\"en\": \"A\", \"es\": \"B\"}, ");
  CHECK(errors_of(files) == Errors{"programs.json: /programs/1/contact: duplicate key \"office\"",
                                   "programs.json: /programs/2/colour: unknown key \"colour\""});
}

TEST_CASE("dates and times must be real and in order") {
  auto event_error = [](const std::function<void(json&)>& edit) {
    return errors_of(with_json("events.json", [&](json& j) { edit(j["events"][0]); }));
  };
  CHECK(event_error([](json& e) { e["date"] = "2027-02-30"; }) ==
        Errors{"events.json: /events/0/date: expected a date written YYYY-MM-DD (like "
               "\"2027-08-03\"), got \"2027-02-30\""});
  CHECK(event_error([](json& e) { e["date"] = "3/8/2027"; }).size() == 1);
  CHECK(event_error([](json& e) { e["start_time"] = "25:00"; }) ==
        Errors{"events.json: /events/0/start_time: expected a 24-hour time written HH:MM (like "
               "\"18:30\"), got \"25:00\""});
  CHECK(event_error([](json& e) { e["start_time"] = "6:30 pm"; }).size() == 1);
  CHECK(event_error([](json& e) {
          e["start_time"] = "20:00";
          e["end_time"] = "19:00";
        }) == Errors{"events.json: /events/0/end_time: must be after start_time"});
  CHECK(event_error([](json& e) { e.erase("start_time"); }) ==
        Errors{"events.json: /events/0/end_time: given without start_time"});
  CHECK(event_error([](json& e) { e["end_date"] = e["date"]; }) ==
        Errors{"events.json: /events/0/end_date: must be after date (leave it out for a one-day "
               "event)"});
  // 2028 is a leap year.
  CHECK(event_error([](json& e) { e["date"] = "2028-02-29"; }).empty());
}

TEST_CASE("phone numbers and e-mail addresses and URLs are sanity-checked") {
  auto contact_error = [](const std::function<void(json&)>& edit) {
    return errors_of(with_json("contacts.json", [&](json& j) { edit(j["contacts"][1]); }));
  };
  CHECK(contact_error([](json& c) { c["contact"]["phone"] = "555-0110"; }) ==
        Errors{"contacts.json: /contacts/1/contact/phone: expected a US phone number written like "
               "\"(555) 555-0100\", got \"555-0110\""});
  CHECK(contact_error([](json& c) { c["contact"]["phone"] = "(055) 555-0110"; }).size() == 1);
  CHECK(contact_error([](json& c) { c["contact"]["email"] = "community@"; }) ==
        Errors{"contacts.json: /contacts/1/contact/email: expected an e-mail address like "
               "\"community@democity.example.org\", got \"community@\""});
  CHECK(contact_error([](json& c) { c["contact"]["email"] = "a b@example.org"; }).size() == 1);
  CHECK(contact_error([](json& c) { c["url"] = "http://democity.example.org"; }) ==
        Errors{"contacts.json: /contacts/1/url: expected an https:// URL of at most 200 characters "
               "without spaces, got \"http://democity.example.org\""});
  CHECK(contact_error([](json& c) { c["url"] = "https://demo city.example.org"; }).size() == 1);
  CHECK(contact_error([](json& c) { c["url"] = "https://localhost/x"; }).size() == 1);
  CHECK(contact_error([](json& c) {
          c["url"] = "https://democity.example.org:8443/a?b=c#d";
        }).empty());

  auto files = with_json("department.json", [](json& j) { j["department"]["main_phone"] = "911"; });
  CHECK(errors_of(files).size() == 1);
}

TEST_CASE("takes_signups and signup_form must agree") {
  std::size_t with = 0, without = 0;
  auto files = with_json("programs.json", [&](json& j) {
    with = index_of(j["programs"], "neighborhood-watch");
    j["programs"][with].erase("signup_form");
  });
  CHECK(errors_of(files) == Errors{"programs.json: " + at("programs", with) +
                                   "/signup_form: missing (required when takes_signups is true)"});

  files = with_json("programs.json", [&](json& j) {
    without = index_of(j["programs"], "crime-stoppers");
    j["programs"][without]["signup_form"] = "signup";
  });
  CHECK(errors_of(files) == Errors{"programs.json: " + at("programs", without) +
                                   "/signup_form: given but takes_signups is false"});

  files =
      with_json("programs.json", [&](json& j) { j["programs"][with]["signup_form"] = "Sign Up!"; });
  REQUIRE(errors_of(files).size() == 1);
  CHECK_THAT(errors_of(files)[0], Catch::Contains("/signup_form: expected a form id"));
}

TEST_CASE("text the kiosk font cannot draw or too long for large type is rejected") {
  auto files = with_json(
      "programs.json", [](json& j) { j["programs"][0]["title"]["en"] = "Watch \xF0\x9F\x98\x80"; });
  CHECK(errors_of(files) ==
        Errors{"programs.json: /programs/0/title/en: character U+1F600 at position 6 is not in the "
               "kiosk font (Latin-1, Latin Extended-A, typographic quotes and dashes)"});

  files = with_json("programs.json",
                    [](json& j) { j["programs"][0]["summary"]["es"] = "Vigilancia \xE4\xB8\xAD"; });
  CHECK_THAT(errors_of(files).at(0), Catch::Contains("character U+4E2D at position 11"));

  files = with_json("programs.json",
                    [](json& j) { j["programs"][0]["title"]["es"] = std::string(41, 'a'); });
  CHECK(errors_of(files) ==
        Errors{"programs.json: /programs/0/title/es: too long: 41 characters (at most 40)"});

  // Length counts characters, not bytes: 40 accented letters fit.
  std::string forty;
  for (int k = 0; k < 40; ++k) forty += "\xC3\xB1";
  files = with_json("programs.json", [&](json& j) { j["programs"][0]["title"]["es"] = forty; });
  CHECK(errors_of(files).empty());

  files =
      with_json("programs.json", [](json& j) { j["programs"][0]["summary"]["en"] = "One\nTwo"; });
  CHECK(errors_of(files) == Errors{"programs.json: /programs/0/summary/en: line break not allowed "
                                   "here (only in descriptions and notices)"});

  files =
      with_json("programs.json", [](json& j) { j["programs"][0]["title"]["en"] = "Tab\there"; });
  CHECK_THAT(errors_of(files).at(0), Catch::Contains("character U+0009"));

  files = with_json("programs.json", [](json& j) { j["programs"][0]["title"]["en"] = " Watch"; });
  CHECK(errors_of(files) ==
        Errors{"programs.json: /programs/0/title/en: starts or ends with a space or line break"});
}

TEST_CASE("references between files are checked") {
  auto files =
      with_json("events.json", [](json& j) { j["events"][1]["program_id"] = "bingo-night"; });
  CHECK(errors_of(files) ==
        Errors{"events.json: /events/1/program_id: unknown program \"bingo-night\""});

  files = with_json("categories.json", [](json& j) {
    j["categories"].push_back({{"id", "empty-shelf"},
                               {"title", {{"en", "Empty"}, {"es", "Vacío"}}},
                               {"summary", {{"en", "Nothing here"}, {"es", "Nada aquí"}}}});
  });
  std::size_t n = json::parse(bundled_files().at("categories.json"))["categories"].size();
  CHECK(errors_of(files) == Errors{"categories.json: " + at("categories", n) +
                                   "/id: category \"empty-shelf\" has no programs"});
}

TEST_CASE("department file: format version and highlights") {
  auto files = with_json("department.json", [](json& j) { j["format_version"] = 2; });
  CHECK(errors_of(files) ==
        Errors{
            "department.json: /format_version: unsupported format_version 2 (this kiosk reads 1)"});

  files =
      with_json("department.json", [](json& j) { j["department"]["highlights"] = json::array(); });
  CHECK(errors_of(files) ==
        Errors{"department.json: /department/highlights: expected 1 to 12 highlights, got 0"});
}

TEST_CASE("missing and unknown files") {
  Files files = bundled_files();
  files.erase("events.json");
  Errors errs = errors_of(files);
  REQUIRE(errs.size() == 1);
  CHECK_THAT(errs[0],
             Catch::StartsWith(
                 "events.json: missing file (a bundle holds department.json, categories.json, "));

  files = bundled_files();
  files["extras.json"] = "{}";
  files["README.txt"] = "not content, ignored";
  errs = errors_of(files);
  REQUIRE(errs.size() == 1);
  CHECK_THAT(errs[0], Catch::StartsWith("extras.json: unknown file"));

  errs = errors_of(Files{});
  CHECK(errs.size() == 5);
}

TEST_CASE("every defect in a bundle is reported and not just the first") {
  Files files = with_json("programs.json", [](json& j) {
    j["programs"][0]["title"].erase("es");
    j["programs"][1]["category"] = "nowhere";
    j["programs"][2]["extra"] = true;
  });
  files["events.json"] = "";
  json contacts = json::parse(files["contacts.json"]);
  contacts["contacts"][0]["contact"]["phone"] = "call us";
  files["contacts.json"] = contacts.dump();
  Errors errs = errors_of(files);
  CHECK(errs.size() == 5);
  auto has = [&](const std::string& s) {
    return std::find(errs.begin(), errs.end(), s) != errs.end();
  };
  CHECK(has("programs.json: /programs/0/title/es: missing Spanish text"));
  CHECK(has("programs.json: /programs/1/category: unknown category \"nowhere\""));
  CHECK(has("programs.json: /programs/2/extra: unknown key \"extra\""));
  CHECK(has("events.json: empty file"));
  CHECK_THAT(
      errs, Catch::VectorContains(std::string(
                "contacts.json: /contacts/0/contact/phone: expected a US phone number written like "
                "\"(555) 555-0100\", got \"call us\"")));
}

TEST_CASE("events are sorted by date and time whatever their order in the file") {
  auto files = with_json("events.json",
                         [](json& j) { std::reverse(j["events"].begin(), j["events"].end()); });
  auto r = load_catalogue(files);
  REQUIRE(r.catalogue);
  const auto& ev = r.catalogue->events;
  for (std::size_t i = 1; i < ev.size(); ++i)
    CHECK(std::tie(ev[i - 1].date, ev[i - 1].start_time) <= std::tie(ev[i].date, ev[i].start_time));
}

TEST_CASE("a bundle directory loads like the embedded bundle") {
  TempDir dir;
  dir.write_all(bundled_files());
  dir.write("README.md", "Notes for editors: not part of the bundle.");
  auto r = kiosk::load_catalogue_dir(dir.path.string());
  CHECK(r.errors.empty());
  REQUIRE(r.catalogue);
  CHECK(r.catalogue->programs.size() == kiosk::bundled_catalogue().programs.size());
}

TEST_CASE("a directory that is missing or holds an oversized file is reported") {
  auto r = kiosk::load_catalogue_dir("/nonexistent/kiosk-content");
  REQUIRE(r.errors.size() == 1);
  CHECK_THAT(r.errors[0], Catch::StartsWith("/nonexistent/kiosk-content: not a directory"));
  CHECK_FALSE(r.catalogue);

  TempDir dir;
  dir.write_all(bundled_files());
  dir.write("programs.json", std::string(3 * 1024 * 1024, ' '));
  r = kiosk::load_catalogue_dir(dir.path.string());
  REQUIRE(r.errors.size() == 1);  // too large, and not also "missing"
  CHECK_THAT(r.errors[0],
             Catch::StartsWith("programs.json: file too large (3145728 bytes; at most 2097152)"));
}

namespace {

// Sends the log to a file for the test's lifetime; text() reads what was logged so far.
struct LogCapture {
  TempDir dir;
  std::string file = (dir.path / "kiosk.log").string();
  LogCapture() {
    kiosk::log::Options lo;
    lo.file = file;
    lo.to_stderr = false;
    kiosk::log::init(lo);
  }
  ~LogCapture() { kiosk::log::init(kiosk::log::Options{}); }
  std::string text() const {
    std::ifstream in(file);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  }
};

Files one_error_bundle() {
  return with_json("programs.json", [](json& j) { j["programs"][4]["title"].erase("es"); });
}

}  // namespace

TEST_CASE("no department bundle configured: the bundled demo, with nothing kept") {
  LogCapture logs;
  TempDir data;
  auto c = kiosk::choose_content("", data.path.string());
  CHECK(c.source == kiosk::ContentSource::Bundled);
  REQUIRE(c.catalogue);
  CHECK(c.catalogue->programs.size() == kiosk::bundled_catalogue().programs.size());
  CHECK(c.errors.empty());
  CHECK_FALSE(std::filesystem::exists(kiosk::last_good_content_dir(data.path.string())));
}

TEST_CASE("a valid department bundle is used and kept as the last good copy") {
  LogCapture logs;
  TempDir data, good;
  good.write_all(with_json("programs.json",
                           [](json& j) { j["programs"][0]["title"]["en"] = "Block Captains"; }));
  good.write("README.md", "Notes for editors: not part of the bundle.");
  auto c = kiosk::choose_content(good.path.string(), data.path.string());
  CHECK(c.source == kiosk::ContentSource::Configured);
  REQUIRE(c.catalogue);
  CHECK(c.errors.empty());
  CHECK(c.catalogue->programs[0].title.en == "Block Captains");

  namespace fs = std::filesystem;
  const fs::path kept = kiosk::last_good_content_dir(data.path.string());
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(kept)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  CHECK(names == std::vector<std::string>{"categories.json", "contacts.json", "department.json",
                                          "events.json", "pictures", "programs.json"});
  auto copy = kiosk::load_catalogue_dir(kept.string());
  REQUIRE(copy.catalogue);
  CHECK(copy.catalogue->programs[0].title.en == "Block Captains");
  // Nothing is left beside it from the replacement.
  CHECK_FALSE(fs::exists(kept.string() + ".new"));
  CHECK_FALSE(fs::exists(kept.string() + ".old"));

  // A later valid bundle replaces the copy.
  good.write_all(with_json("programs.json",
                           [](json& j) { j["programs"][0]["title"]["en"] = "Block Leaders"; }));
  c = kiosk::choose_content(good.path.string(), data.path.string());
  CHECK(c.source == kiosk::ContentSource::Configured);
  copy = kiosk::load_catalogue_dir(kept.string());
  REQUIRE(copy.catalogue);
  CHECK(copy.catalogue->programs[0].title.en == "Block Leaders");
}

TEST_CASE("a rejected bundle with a last good copy uses that copy, never the demo") {
  LogCapture logs;
  TempDir data, dir;
  dir.write_all(with_json("programs.json",
                          [](json& j) { j["programs"][0]["title"]["en"] = "Block Captains"; }));
  REQUIRE(kiosk::choose_content(dir.path.string(), data.path.string()).source ==
          kiosk::ContentSource::Configured);

  dir.write_all(one_error_bundle());  // the department edits its bundle and breaks it
  auto c = kiosk::choose_content(dir.path.string(), data.path.string());
  CHECK(c.source == kiosk::ContentSource::LastGood);
  REQUIRE(c.catalogue);
  CHECK(c.catalogue->programs[0].title.en == "Block Captains");
  CHECK(c.errors == Errors{"programs.json: /programs/4/title/es: missing Spanish text"});
  CHECK(c.last_good_date.size() == 10);
  std::string log = logs.text();
  CHECK_THAT(log, Catch::Contains("content: the bundle in " + dir.path.string() +
                                  " was rejected (1 error)"));
  CHECK_THAT(log,
             Catch::Contains("content: programs.json: /programs/4/title/es: missing Spanish text"));
  CHECK_THAT(log,
             Catch::Contains("using the last good copy of the bundle, saved " + c.last_good_date));
  CHECK_THAT(log, !Catch::Contains("demo"));
  // The rejected bundle did not replace the copy.
  auto copy = kiosk::load_catalogue_dir(kiosk::last_good_content_dir(data.path.string()));
  CHECK(copy.catalogue.has_value());
}

TEST_CASE("a rejected bundle with no usable last good copy leaves no catalogue, only errors") {
  LogCapture logs;
  TempDir data, bad;
  bad.write_all(one_error_bundle());
  auto c = kiosk::choose_content(bad.path.string(), data.path.string());
  CHECK(c.source == kiosk::ContentSource::None);
  CHECK_FALSE(c.catalogue);
  CHECK(c.errors == Errors{"programs.json: /programs/4/title/es: missing Spanish text"});
  CHECK_THAT(logs.text(), Catch::Contains("no last good copy of the bundle: out of service"));

  // A copy that is itself no longer valid is not used either.
  TempDir data2;
  std::filesystem::create_directories(kiosk::last_good_content_dir(data2.path.string()));
  for (const auto& [name, bytes] : one_error_bundle())
    std::ofstream(std::filesystem::path(kiosk::last_good_content_dir(data2.path.string())) / name)
        << bytes;
  c = kiosk::choose_content(bad.path.string(), data2.path.string());
  CHECK(c.source == kiosk::ContentSource::None);
  CHECK_FALSE(c.catalogue);
}

TEST_CASE("a copy left as .old by an interrupted replacement is still the last good one") {
  LogCapture logs;
  TempDir data, good, bad;
  good.write_all(bundled_files());
  REQUIRE(kiosk::choose_content(good.path.string(), data.path.string()).catalogue);
  const std::string kept = kiosk::last_good_content_dir(data.path.string());
  std::filesystem::rename(kept, kept + ".old");
  bad.write_all(one_error_bundle());
  auto c = kiosk::choose_content(bad.path.string(), data.path.string());
  CHECK(c.source == kiosk::ContentSource::LastGood);
  CHECK(c.catalogue.has_value());
}

TEST_CASE("highlights and events with a passed until are hidden, and named as expired") {
  Files f = with_json("department.json", [](json& j) {
    json& h = j["department"]["highlights"];
    // 1 and 2 are plain texts in the bundled content.
    h[1] = {{"text", h[1]}, {"until", "2027-03-03"}};
    h[2] = {{"text", h[2]}};  // the object form without until: always shown
  });
  json events = json::parse(f.at("events.json"));
  events["events"][0]["until"] = "2027-01-05";
  const std::string first_id = events["events"][0]["id"];
  f["events.json"] = events.dump(2);
  auto r = load_catalogue(f);
  REQUIRE(r.errors.empty());
  REQUIRE(r.catalogue);
  const kiosk::Catalogue& c = *r.catalogue;
  const std::size_t n = c.department.highlights.size();
  CHECK(c.department.highlights[1].until == "2027-03-03");
  CHECK(c.department.highlights[2].until.empty());

  // The last day itself still shows it; the day after does not. (The bundled highlights 0 and 3
  // have until dates of their own, 2027-08-03 and 2027-03-03.)
  CHECK(c.current_highlights("2027-03-03").size() == n);
  auto after = c.current_highlights("2027-03-04");
  CHECK(after.size() == n - 2);
  CHECK(std::find(after.begin(), after.end(), &c.department.highlights[1]) == after.end());
  CHECK(std::find(after.begin(), after.end(), &c.department.highlights[2]) != after.end());

  auto has_first = [&](const std::vector<const kiosk::Event*>& ev) {
    return std::any_of(ev.begin(), ev.end(), [&](const auto* e) { return e->id == first_id; });
  };
  const std::string date = events["events"][0]["date"];
  CHECK(has_first(c.upcoming_events(std::min(date, std::string("2027-01-05")))));
  CHECK_FALSE(has_first(c.upcoming_events("2027-01-06")));

  CHECK(c.expired_items("2027-03-03").size() == 1);  // the event only
  CHECK(c.expired_items("2027-01-05").empty());
  CHECK(c.expired_items("2027-03-04") ==
        Errors{"department.json: /department/highlights/1/until: 2027-03-03 has passed; this "
               "highlight is no longer shown",
               "department.json: /department/highlights/3/until: 2027-03-03 has passed; this "
               "highlight is no longer shown",
               "events.json: event \"" + first_id +
                   "\": until 2027-01-05 has passed; this event is no longer shown"});
}

TEST_CASE("an until that is not a date is an error, and so is until beside en and es") {
  CHECK(errors_of(with_json("department.json",
                            [](json& j) {
                              json& h = j["department"]["highlights"];
                              h[2] = {{"text", h[2]}, {"until", "March 3"}};
                            })) ==
        Errors{"department.json: /department/highlights/2/until: expected a date written "
               "YYYY-MM-DD (like \"2027-08-03\"), got \"March 3\""});
  CHECK(errors_of(with_json("events.json", [](json& j) {
          j["events"][1]["until"] = "2027-02-30";
        })).size() == 1);
  // "until" beside en/es (not beside "text") is an unknown key of the text object.
  Errors e = errors_of(with_json("department.json", [](json& j) {
    j["department"]["highlights"][1] = {{"until", "2027-01-01"}, {"en", "x"}, {"es", "y"}};
  }));
  REQUIRE(e.size() == 1);
  CHECK_THAT(e[0], Catch::StartsWith("department.json: /department/highlights/1/until: "));
}

TEST_CASE("the example bundle in docs/content-format.md is valid") {
  std::ifstream in(std::string(KIOSK_SOURCE_DIR) + "/docs/content-format.md");
  std::string doc((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  REQUIRE(!doc.empty());
  // Each example file is written as: `name.json` <blank line> ```json ... ```
  Files files;
  const std::string fence = "```json\n";
  for (std::size_t pos = doc.find("## Example");
       (pos = doc.find(fence, pos)) != std::string::npos;) {
    std::size_t name_end = doc.rfind(".json`", pos);
    std::size_t name_start = doc.rfind('`', name_end - 1);
    std::size_t body = pos + fence.size();
    std::size_t end = doc.find("```", body);
    REQUIRE(end != std::string::npos);
    files[doc.substr(name_start + 1, name_end + 5 - name_start - 1)] = doc.substr(body, end - body);
    pos = end + 3;
  }
  CHECK(files.size() == 5);
  auto r = load_catalogue(files);
  CHECK(r.errors.empty());
  CHECK(r.catalogue.has_value());
}

TEST_CASE("with no content the Out of service screen still has the emergency notice, no demo") {
  const kiosk::Catalogue c = kiosk::no_content_catalogue();
  CHECK(c.department.emergency_notice.en ==
        kiosk::bundled_catalogue().department.emergency_notice.en);
  CHECK_FALSE(c.department.emergency_notice.en.empty());
  CHECK(c.department.name.en.empty());
  CHECK(c.department.main_phone.empty());
  CHECK(c.programs.empty());
}
