// Dependencies point one way (docs/architecture.md, "Include direction"): kiosk/main.cpp, the
// composition root, may include anything; ui/ uses kiosk/'s models and core but not kiosk/cli;
// nothing else in kiosk/ includes ui/; offline-cache/ depends only on kiosk/core; kiosk/core on
// nothing of ours; intake/ (the department's service) never on ui/ or offline-cache/. And only
// ui/platform/ includes SDL's or OpenGL's headers (ui/script/script.h names keys with SDL's
// scancode values); kiosk/ and offline-cache/ include no SDL, ImGui or OpenGL at all.
#include <catch2/catch.hpp>

#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "source_scan.h"

namespace scan = kiosk::test::source_scan;

namespace {

struct Rule {
  std::string files;                // files under this folder prefix...
  std::vector<std::string> except;  // ...other than these...
  std::vector<std::string> only;    // ...include only these prefixes (empty: no such limit)
  std::vector<std::string> never;   // ...and never these prefixes
  std::string why;
};

// Our own headers are named from the tree's root ("kiosk/core/log.h"); a quoted include with no
// folder is the file's neighbour (generated or third-party), outside these rules.
bool ours(const std::string& inc) { return inc.find('/') != std::string::npos; }

bool has_prefix(const std::string& s, const std::vector<std::string>& prefixes) {
  for (const auto& p : prefixes)
    if (s.rfind(p, 0) == 0) return true;
  return false;
}

const std::vector<Rule> kRules = {
    {"kiosk/core/", {}, {"kiosk/core/"}, {}, "the core (clock, log, strings) is the bottom layer"},
    {"offline-cache/",
     {},
     {"offline-cache/", "kiosk/core/"},
     {},
     "the store knows only the core: no screens, no App, no sync"},
    {"kiosk/",
     {"kiosk/main.cpp"},
     {},
     {"ui/"},
     "only kiosk/main.cpp, the composition root, knows the UI"},
    {"kiosk/config/", {}, {}, {"offline-cache/"}, "only app, sync, staff and cli use the store"},
    {"kiosk/content/", {}, {}, {"offline-cache/"}, "only app, sync, staff and cli use the store"},
    {"kiosk/forms/", {}, {}, {"offline-cache/"}, "only app, sync, staff and cli use the store"},
    {"ui/", {}, {}, {"kiosk/cli/"}, "the UI gets ui::GuiLaunch from main.cpp, not the CLI's types"},
    {"intake/",
     {},
     {},
     {"ui/", "offline-cache/"},
     "the department's service shares core, forms, crypto and envelope code only"},
};

// "file:line: includes X (why)" for each include that breaks a rule.
std::vector<std::string> violations(const std::string& file, const std::string& src) {
  std::vector<std::string> out;
  for (const auto& r : kRules) {
    if (file.rfind(r.files, 0) != 0 || has_prefix(file, r.except)) continue;
    for (const auto& inc : scan::quoted_includes(src)) {
      if (!ours(inc.path)) continue;
      bool bad =
          (!r.only.empty() && !has_prefix(inc.path, r.only)) || has_prefix(inc.path, r.never);
      if (bad)
        out.push_back(file + ":" + std::to_string(inc.line) + ": includes " + inc.path + " (" +
                      r.why + ")");
    }
  }
  return out;
}

// "file:line: includes <X> (why)" for each SDL, OpenGL or ImGui header where it does not belong.
std::vector<std::string> graphics_violations(const std::string& file, const std::string& src) {
  static const std::regex re(R"(^\s*#\s*include\s*<((SDL2|GL|imgui)/[^>]+)>)");
  std::vector<std::string> out;
  bool core = file.rfind("kiosk/", 0) == 0 || file.rfind("offline-cache/", 0) == 0 ||
              file.rfind("intake/", 0) == 0;
  bool platform = file.rfind("ui/platform/", 0) == 0 || file == "ui/script/script.h";
  std::istringstream in(src);
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    std::smatch m;
    if (!std::regex_search(line, m, re)) continue;
    std::string inc = m[1].str();
    std::string why;
    if (core)
      why = "the core and the store stay free of SDL, ImGui and OpenGL";
    else if (m[2].str() != "imgui" && !platform)
      why = "ui/platform/ is the one place that talks to SDL and OpenGL";
    else if (inc.rfind("imgui/backends/", 0) == 0 && !platform)
      why = "ImGui's SDL and OpenGL backends are the platform's";
    if (!why.empty())
      out.push_back(file + ":" + std::to_string(n) + ": includes <" + inc + "> (" + why + ")");
  }
  return out;
}

}  // namespace

TEST_CASE("include direction: SDL, OpenGL and ImGui headers stay in their layers") {
  CHECK(graphics_violations("ui/platform/platform.h", "#include <SDL2/SDL.h>\n").empty());
  CHECK(graphics_violations("ui/screens/home.cpp", "#include <imgui/imgui.h>\n").empty());
  CHECK(graphics_violations("ui/app_runner.cpp", "#include <SDL2/SDL.h>\n").size() == 1);
  CHECK(graphics_violations("ui/widgets/x.cpp", "#include <imgui/backends/imgui_impl_sdl.h>\n")
            .size() == 1);
  CHECK(graphics_violations("kiosk/app/app.cpp", "#include <imgui/imgui.h>\n").size() == 1);
  CHECK(graphics_violations("offline-cache/x.cpp", "# include <GL/gl.h>\n").size() == 1);
}

TEST_CASE("include direction: each rule catches the edge it forbids") {
  CHECK(violations("offline-cache/outbox.cpp", "#include \"kiosk/core/log.h\"\n").empty());
  CHECK(violations("offline-cache/outbox.cpp", "#include \"kiosk/app/app.h\"\n").size() == 1);
  CHECK(violations("offline-cache/outbox.cpp", "#include \"ui/widgets/ui.h\"\n").size() == 1);
  CHECK(violations("kiosk/main.cpp", "#include \"ui/app_runner.h\"\n").empty());
  CHECK(violations("kiosk/cli/commands.cpp", "  #  include \"ui/app_runner.h\"\n") ==
        std::vector<std::string>{"kiosk/cli/commands.cpp:1: includes ui/app_runner.h (only "
                                 "kiosk/main.cpp, the composition root, knows the UI)"});
  CHECK(violations("kiosk/forms/x.cpp", "#include \"offline-cache/outbox.h\"\n").size() == 1);
  CHECK(violations("kiosk/sync/x.cpp", "#include \"offline-cache/outbox.h\"\n").empty());
  CHECK(violations("ui/app_runner.h", "#include \"kiosk/cli/run_context.h\"\n").size() == 1);
  CHECK(violations("ui/app_runner.h", "#include \"kiosk/config/config.h\"\n").empty());
  CHECK(violations("intake/server.cpp", "#include \"offline-cache/outbox.h\"\n").size() == 1);
  CHECK(violations("intake/server.cpp", "#include \"kiosk/forms/form_spec.h\"\n").empty());
  CHECK(violations("kiosk/core/log.cpp", "#include \"kiosk/app/app.h\"\n").size() == 1);
  CHECK(violations("kiosk/core/log.cpp", "#include <SDL2/SDL.h>\n#include \"gen.h\"\n").empty());
}

TEST_CASE("include direction: the tree follows every rule") {
  const std::string root = KIOSK_SOURCE_DIR;
  std::vector<std::string> all;
  std::size_t files = 0;
  for (const char* dir : {"kiosk", "offline-cache", "ui", "intake"})
    for (const auto& f : scan::files_under(root, dir)) {
      ++files;
      std::string src = scan::read(root + "/" + f);
      auto v = violations(f, src);
      all.insert(all.end(), v.begin(), v.end());
      v = graphics_violations(f, src);
      all.insert(all.end(), v.begin(), v.end());
    }
  REQUIRE(files > 100);
  std::string msg;
  for (const auto& v : all) msg += v + "\n";
  INFO(msg);
  CHECK(all.empty());
}
