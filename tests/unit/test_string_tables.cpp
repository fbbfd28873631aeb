// Every word the kiosk shows lives in assets/strings/{en,es}.json: the two tables have the same keys,
// each once; every key the UI code names exists; and no ui/ code draws a word of its own (a string
// literal that reads as words). Read from the source tree, so the failure names the file and line.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "source_scan.h"

namespace scan = kiosk::test::source_scan;

namespace {

const std::string kRoot = KIOSK_SOURCE_DIR;

// ---------------------------------------------------------------- the tables

struct Table {
  std::vector<std::string> keys;  // in file order, duplicates included
  std::vector<std::string> problems;
};

Table read_table(const std::string& text, const std::string& name) {
  Table t;
  auto cb = [&](int depth, nlohmann::json::parse_event_t ev, nlohmann::json& parsed) {
    if (ev == nlohmann::json::parse_event_t::key && depth == 1)
      t.keys.push_back(parsed.get<std::string>());
    return true;
  };
  nlohmann::json j = nlohmann::json::parse(text, cb, false);
  if (j.is_discarded() || !j.is_object()) {
    t.problems.push_back(name + ": not a JSON object");
    return t;
  }
  for (auto it = j.begin(); it != j.end(); ++it)
    if (!it.value().is_string()) t.problems.push_back(name + ": " + it.key() + ": not a string");
  std::set<std::string> seen;
  for (const auto& k : t.keys)
    if (!seen.insert(k).second)
      t.problems.push_back(name + ": key " + k + " appears twice (the JSON keeps only the last)");
  return t;
}

// One line per problem: a key in one language only, a duplicate, a malformed table.
std::vector<std::string> table_problems(const std::string& en_json, const std::string& es_json) {
  Table en = read_table(en_json, "en.json"), es = read_table(es_json, "es.json");
  std::vector<std::string> out = en.problems;
  out.insert(out.end(), es.problems.begin(), es.problems.end());
  std::set<std::string> ek(en.keys.begin(), en.keys.end()), sk(es.keys.begin(), es.keys.end());
  for (const auto& k : ek)
    if (!sk.count(k)) out.push_back("key " + k + " is in en.json only");
  for (const auto& k : sk)
    if (!ek.count(k)) out.push_back("key " + k + " is in es.json only");
  return out;
}

// ---------------------------------------------------------------- literals in ui/ code

// Folders of ui/ that draw nothing: the platform layer (window, input, stderr diagnostics) and the
// test-script player (messages for script authors, on stderr).
const std::vector<std::string> kNoDrawing = {"ui/platform/", "ui/script/"};

// Calls whose text never reaches the screen: logs, stderr, exceptions, environment, SDL.
bool silent_call(const std::string& name) {
  static const std::set<std::string> names = {"log::debug",
                                              "log::info",
                                              "log::warn",
                                              "log::error",
                                              "std::fprintf",
                                              "fprintf",
                                              "std::printf",
                                              "printf",
                                              "std::snprintf",
                                              "snprintf",
                                              "std::fputs",
                                              "std::perror",
                                              "std::runtime_error",
                                              "std::logic_error",
                                              "std::invalid_argument",
                                              "std::out_of_range",
                                              "std::system_error",
                                              "std::getenv",
                                              "getenv",
                                              "assert",
                                              "static_assert"};
  return names.count(name) || name.rfind("SDL_", 0) == 0 || name.rfind("ImGui_Impl", 0) == 0;
}

// Literals that read as words but are not shown, each with why. A stale entry fails the test.
struct Allowed {
  const char* file;
  const char* text;
  const char* why;
};
const std::vector<Allowed> kAllowed = {
    {"ui/widgets/widgets.cpp",
     "QR code: ", "registry text of a QR code, never drawn: scripts read it in both languages"},
    {"ui/screens/form_done.cpp",
     "QR code: ", "registry text of the confirmation's QR code, never drawn: scripts read it"},
    {"ui/theme/theme.h", "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf", "a font file"},
    {"ui/theme/theme.h", "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf", "a font file"},
    {"ui/theme/theme.cpp", "OTTO", "the OpenType file signature"},
    {"ui/screens/staff_pin.cpp", "kiosk --set-pin", "a command typed as shown, in any language"},
    {"ui/widgets/registry.cpp", " is outside the ",
     "layout_problems(): a message for script authors (expect-layout), never drawn"},
    {"ui/widgets/registry.cpp", ", larger than its box ",
     "layout_problems(): a message for script authors (expect-layout), never drawn"},
    {"ui/widgets/registry.cpp",
     "the on-screen keyboard is up but the box being typed in is not on screen",
     "layout_problems(): a message for script authors (expect-layout), never drawn"},
    {"ui/widgets/registry.cpp", ", the box being typed in, shows ",
     "layout_problems(): a message for script authors (expect-layout), never drawn"},
    {"ui/widgets/registry.cpp", " of its ",
     "layout_problems(): a message for script authors (expect-layout), never drawn"},
};

bool starts_with_any(const std::string& s, const std::vector<std::string>& prefixes) {
  for (const auto& p : prefixes)
    if (s.rfind(p, 0) == 0) return true;
  return false;
}

// True when the literal would show words: after dropping printf conversions, {placeholders} and
// escapes, a run of two or more letters holding a capital or a non-ASCII letter, or two such runs
// with a space between them. Lower-case single tokens ("nav-back", "form.leave_no", "##idle") are
// ids and keys, which the key check below covers.
bool reads_as_words(const std::string& lit) {
  if (lit.rfind("##", 0) == 0) return false;  // ImGui hides everything after "##"
  static const std::regex printf_spec(
      R"(%[-+ #0]*[0-9*]*(\.[0-9*]+)?(hh|h|ll|l|j|z|t|L)?[diouxXfFeEgGaAcsp%])");
  static const std::regex placeholder(R"(\{[a-z_]+\})");
  static const std::regex escape(R"(\\.)");
  std::string s = std::regex_replace(lit, printf_spec, " ");
  s = std::regex_replace(s, placeholder, " ");
  s = std::regex_replace(s, escape, " ");
  int runs = 0;
  bool marked = false;
  std::size_t i = 0;
  while (i < s.size()) {
    auto u = static_cast<unsigned char>(s[i]);
    bool letter = std::isalpha(u) || u >= 0xC0;
    if (!letter) {
      ++i;
      continue;
    }
    int len = 0;
    bool upper_or_wide = false;
    while (i < s.size()) {
      u = static_cast<unsigned char>(s[i]);
      if (u >= 0x80 && u < 0xC0) {  // a UTF-8 continuation byte: same letter
        ++i;
        continue;
      }
      if (!(std::isalpha(u) || u >= 0xC0)) break;
      upper_or_wide = upper_or_wide || std::isupper(u) || u >= 0xC0;
      ++len, ++i;
    }
    if (len >= 2) {
      ++runs;
      marked = marked || upper_or_wide;
    }
  }
  return marked || (runs >= 2 && s.find(' ') != std::string::npos);
}

bool is_key_literal(const std::string& lit) {
  static const std::regex key(R"(^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$)");
  return std::regex_match(lit, key);
}

struct Finding {
  std::vector<std::string> words;      // "file:line: "text"": a visible literal
  std::vector<std::string> unknown;    // "file:line: key": a key not in en.json
  std::set<std::string> allowed_used;  // "file|text"
};

void scan_file(const std::string& file, const std::string& src, const std::set<std::string>& keys,
               Finding& f) {
  bool drawing = !starts_with_any(file, kNoDrawing);
  for (const auto& lit : scan::literals(src)) {
    std::string where = file + ":" + std::to_string(lit.line) + ": ";
    std::string innermost = lit.calls.empty() ? "" : lit.calls.back();
    if ((innermost == "t" || innermost == "format" || innermost == "get") &&
        is_key_literal(lit.text) && !keys.count(lit.text))
      f.unknown.push_back(where + lit.text);
    if (!drawing || !reads_as_words(lit.text)) continue;
    if (std::any_of(lit.calls.begin(), lit.calls.end(), silent_call)) continue;
    bool allowed = false;
    for (const auto& a : kAllowed)
      if (file == a.file && lit.text == a.text) {
        allowed = true;
        f.allowed_used.insert(file + "|" + lit.text);
      }
    if (!allowed) f.words.push_back(where + "\"" + lit.text + "\"");
  }
}

std::set<std::string> en_keys() {
  Table en = read_table(scan::read(kRoot + "/assets/strings/en.json"), "en.json");
  return std::set<std::string>(en.keys.begin(), en.keys.end());
}

std::string lines(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += s + "\n";
  return out;
}

}  // namespace

TEST_CASE("string tables: a key in one language only, or twice in one, is reported") {
  CHECK(table_problems(R"({"a.b":"A","c.d":"C"})", R"({"a.b":"A","c.d":"C"})").empty());
  CHECK(table_problems(R"({"a.b":"A","c.d":"C"})", R"({"a.b":"A"})") ==
        std::vector<std::string>{"key c.d is in en.json only"});
  CHECK(table_problems(R"({"a.b":"A"})", R"({"a.b":"A","e.f":"E"})") ==
        std::vector<std::string>{"key e.f is in es.json only"});
  CHECK(table_problems(R"({"a.b":"A","a.b":"B"})", R"({"a.b":"A"})") ==
        std::vector<std::string>{"en.json: key a.b appears twice (the JSON keeps only the last)"});
  CHECK(table_problems(R"({"a.b":1})", R"({"a.b":"A"})") ==
        std::vector<std::string>{"en.json: a.b: not a string"});
}

TEST_CASE("string tables: assets/strings/en.json and es.json have the same keys, once each") {
  std::string en = scan::read(kRoot + "/assets/strings/en.json");
  std::string es = scan::read(kRoot + "/assets/strings/es.json");
  REQUIRE(en.size() > 100);
  REQUIRE(es.size() > 100);
  auto problems = table_problems(en, es);
  INFO(lines(problems));
  CHECK(problems.empty());
}

TEST_CASE("ui literals: what reads as shown words and what does not") {
  for (const char* shown : {"OK", "Staff PIN", "Wrong PIN. %d attempts left", "1 digit entered",
                            "Año", "unknown error here", "Label##id", "Dashboard"}) {
    INFO(shown);
    CHECK(reads_as_words(shown));
  }
  for (const char* id : {"nav-back", "form.leave_no", "##idle", "%s: %s\\n", "{n}", "< ", " >",
                         ": ", "á", "¿", " (", "  [button] \\\"", "  @ %.0f,%.0f %.0fx%.0f"}) {
    INFO(id);
    CHECK_FALSE(reads_as_words(id));
  }
}

TEST_CASE("ui literals: the scanner sees through comments, char literals and digit separators") {
  std::string src = R"src(// "Not this" in a comment
/* nor "This One" */
#include "ui/Not/This.h"
int x = 60'000; char q = '"';
void f() { text(ui, "Shown Here", 1); log::error(std::string("Not Shown ") + e); }
auto r = R"x(Raw "Text")x";
)src";
  Finding f;
  scan_file("ui/screens/fake.cpp", src, {"a.b"}, f);
  CHECK(f.words == std::vector<std::string>{"ui/screens/fake.cpp:5: \"Shown Here\"",
                                            "ui/screens/fake.cpp:6: \"Raw \"Text\"\""});
  Finding k;
  scan_file("ui/screens/fake.cpp", "void g() { ui.t(\"a.b\"); ui.t(\"a.c\"); }", {"a.b"}, k);
  CHECK(k.unknown == std::vector<std::string>{"ui/screens/fake.cpp:1: a.c"});
}

TEST_CASE("ui literals: no ui/ code shows a word that is not in the string tables") {
  auto keys = en_keys();
  REQUIRE(keys.size() > 20);
  Finding f;
  auto files = scan::files_under(kRoot, "ui");
  REQUIRE(files.size() > 50);
  for (const auto& file : files) scan_file(file, scan::read(kRoot + "/" + file), keys, f);
  INFO("Move these words into assets/strings/{en,es}.json (CONTRIBUTING.md, \"Add a string\"):\n"
       << lines(f.words));
  CHECK(f.words.empty());
  INFO("Keys named in ui/ code but missing from assets/strings/en.json:\n" << lines(f.unknown));
  CHECK(f.unknown.empty());
  for (const auto& a : kAllowed) {
    INFO("stale allow-list entry: " << a.file << " \"" << a.text << "\" (" << a.why << ")");
    CHECK(f.allowed_used.count(std::string(a.file) + "|" + a.text));
  }
}
