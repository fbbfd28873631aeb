// Command-line parsing: modes, values, and one clear message for every misuse.
#include <catch2/catch.hpp>

#include "kiosk/cli/options.h"

using kiosk::Mode;
using kiosk::parse_options;

TEST_CASE("no arguments run the GUI") {
  auto r = parse_options({});
  CHECK(r.error.empty());
  CHECK(r.options.mode == Mode::Gui);
}

TEST_CASE("options with values, separate or with =") {
  auto r = parse_options(
      {"--windowed", "1280x800", "--lang=es", "--data-dir", "/tmp/d", "--content=/c"});
  REQUIRE(r.error.empty());
  REQUIRE(r.options.windowed);
  CHECK(r.options.windowed->first == 1280);
  CHECK(r.options.windowed->second == 800);
  CHECK(r.options.lang == "es");
  CHECK(r.options.data_dir == "/tmp/d");
  CHECK(r.options.content_dir == "/c");
}

TEST_CASE("mode options") {
  CHECK(parse_options({"--check-content", "dir"}).options.mode == Mode::CheckContent);
  CHECK(parse_options({"--check-content", "dir"}).options.mode_arg == "dir");
  CHECK(parse_options({"--list-programs", "--lang", "es"}).options.mode == Mode::ListPrograms);
  auto s = parse_options(
      {"--submit", "signup", "--answers", "a.json", "--program", "neighborhood-watch"});
  REQUIRE(s.error.empty());
  CHECK(s.options.mode == Mode::Submit);
  CHECK(s.options.program_id == "neighborhood-watch");
}

TEST_CASE("misuse is one clear message") {
  CHECK(parse_options({"--bogus"}).error == "unknown option \"--bogus\" (see kiosk --help)");
  CHECK(parse_options({"--lang", "fr"}).error == "--lang: expected en or es, got \"fr\"");
  CHECK(parse_options({"--windowed", "big"}).error ==
        "--windowed: expected WIDTHxHEIGHT such as 1280x800, got \"big\"");
  CHECK(parse_options({"--windowed", "10x10"}).error.rfind("--windowed:", 0) == 0);
  CHECK(parse_options({"--config"}).error == "--config: expected a value after it");
  CHECK(parse_options({"--status", "--sync-once"}).error ==
        "--sync-once: cannot be combined with --status");
  CHECK(parse_options({"--submit", "signup"}).error ==
        "--submit: expected --answers FILE.json as well");
  CHECK(parse_options({"--program", "x"}).error ==
        "--program: only with --submit or --answers-example");
  CHECK(parse_options({"--answers-example", "signup", "--program", "tours"}).error.empty());
  CHECK(parse_options({"--status=1"}).error == "--status: takes no value");
}
