// Parsing of `--say TEXT --wav FILE [--lang es]` (issue 16): a run mode with its own --wav, and
// each misuse named in one line.
#include <catch2/catch.hpp>

#include "kiosk/cli/options.h"

using namespace kiosk;

TEST_CASE("parsing: --say takes the text and --wav the file, separate or with =") {
  auto r = parse_options({"--say", "Hello there", "--wav", "out.wav", "--lang", "es"});
  REQUIRE(r.error.empty());
  CHECK(r.options.mode == Mode::Say);
  CHECK(r.options.mode_arg == "Hello there");
  CHECK(r.options.wav_file == "out.wav");
  CHECK(r.options.lang == "es");
  r = parse_options({"--say=Hola", "--wav=y.wav"});
  REQUIRE(r.error.empty());
  CHECK(r.options.mode_arg == "Hola");
  CHECK(r.options.wav_file == "y.wav");
}

TEST_CASE("parsing: --say misuse is one clear message") {
  CHECK(parse_options({"--say", "Hi"}).error == "--say: expected --wav FILE.wav as well");
  CHECK(parse_options({"--say", "", "--wav", "x.wav"}).error ==
        "--say: expected the text to speak");
  CHECK(parse_options({"--wav", "x.wav"}).error == "--wav: only with --say");
  CHECK(parse_options({"--status", "--wav", "x.wav"}).error == "--wav: only with --say");
  CHECK(parse_options({"--say", "Hi", "--status"}).error ==
        "--status: cannot be combined with --say");
  CHECK(parse_options({"--say"}).error == "--say: expected a value after it");
}

TEST_CASE("kiosk --help lists --say") {
  CHECK(usage_text().find("--say TEXT --wav FILE.wav [--lang es]") != std::string::npos);
}
