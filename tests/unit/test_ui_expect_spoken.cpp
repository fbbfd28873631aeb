// Script harness `expect-spoken` (issue 16): it parses, matches a part of any utterance queued
// since the latest input command began (interrupted or not), not one from before it, and its
// failure lists what was spoken since then.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "kiosk/speech/speech_log.h"
#include "ui/script/player.h"
#include "ui/script/script.h"

using namespace kiosk;
using namespace kiosk::ui;

namespace {

// Each key or typed piece makes the fake kiosk say something, as the announcer would; a wait says
// what time brings (a countdown).
class SpeakingHost : public ScriptHost {
 public:
  std::vector<WidgetEntry> frame;
  SpeechLog log;
  std::vector<std::string> on_key;  // said in order, one per key command
  std::size_t next_key = 0;

  const std::vector<WidgetEntry>& last_frame() const override { return frame; }
  ImVec2 screen_size() const override { return ImVec2(1920, 1080); }
  void pointer(PointerEvent::Kind, ImVec2) override {}
  void text_input(const std::string& piece) override { log.add(piece, Lang::En); }
  std::vector<std::pair<std::string, Lang>>
      first_key_parts;  // said at the first key, each in its voice
  void key(const KeyChord&) override {
    for (const auto& [text, lang] : first_key_parts) log.add(text, lang);
    first_key_parts.clear();
    if (next_key < on_key.size()) log.add(on_key[next_key++], Lang::En);
  }
  void close_request() override {}
  void frames(int) override {}
  void settle() override {}
  void pass_time(Clock::Millis) override { log.add("Returning in 10 seconds.", Lang::En); }
  bool screenshot(const std::string&, std::string&) override { return true; }
  bool quitting() const override { return false; }
  const SpeechLog* speech_log() const override { return &log; }
};

ScriptResult play(ScriptHost& h, const char* text) {
  auto s = parse_script(text);
  REQUIRE(s.ok());
  return run_script(s.commands, h, "t.script");
}

}  // namespace

TEST_CASE("expect-spoken: parses with one quoted text, and it counts as a check, not input") {
  auto s = parse_script("expect-spoken \"Next, button\"\n");
  REQUIRE(s.ok());
  REQUIRE(s.commands.size() == 1);
  CHECK(s.commands[0].kind == Command::Kind::ExpectSpoken);
  CHECK(s.commands[0].text == "Next, button");
  CHECK_FALSE(parse_script("expect-spoken Next\n").ok());
  CHECK_FALSE(parse_script("expect-spoken \"a\" \"b\"\n").ok());
  CHECK_FALSE(is_input_command(Command::Kind::ExpectSpoken));
  CHECK_FALSE(is_input_command(Command::Kind::Wait));
  CHECK_FALSE(is_input_command(Command::Kind::Expect));
  for (auto k :
       {Command::Kind::TapLabel, Command::Kind::TapXY, Command::Kind::Drag, Command::Kind::Type,
        Command::Kind::HoldLabel, Command::Kind::HoldXY, Command::Kind::Key})
    CHECK(is_input_command(k));
}

TEST_CASE("expect-spoken: since the latest input command, interrupted utterances included") {
  SpeakingHost h;
  // Both utterances of one command count (the first was interrupted by the second).
  h.on_key = {"first", "second"};
  CHECK(play(h, "key tab\nexpect-spoken \"first\"\nexpect-spoken \"irs\"\n").exit_code == 0);
  // Case-sensitive.
  SpeakingHost h2;
  h2.on_key = {"Next, button"};
  CHECK(play(h2, "key tab\nexpect-spoken \"next\"\n").exit_code == 1);
  // What a wait brings counts until the next input command.
  SpeakingHost h3;
  h3.on_key = {"Hello"};
  CHECK(play(h3, "key tab\nwait 1000\nexpect-spoken \"Hello\"\nexpect-spoken \"10 seconds\"\n")
            .exit_code == 0);
}

TEST_CASE("expect-spoken: an utterance from before the latest input command does not count") {
  SpeakingHost h;
  h.on_key = {"Press Enter to hear the screen read aloud", "Home"};
  auto r = play(h,
                "key tab\nexpect-spoken \"Press Enter\"\nkey return\nexpect-spoken \"Press "
                "Enter\"\n");
  CHECK(r.exit_code == 1);
  CHECK(r.message.find("t.script:4:") != std::string::npos);
  CHECK(r.message.find("\"Press Enter\" was not spoken since the last input command") !=
        std::string::npos);
  CHECK(r.message.find("\"Home\"") != std::string::npos);  // what was said instead
  // Typed text is an input command too.
  SpeakingHost h2;
  h2.on_key = {"before"};
  CHECK(play(h2, "key tab\ntype \"x\"\nexpect-spoken \"before\"\n").exit_code == 1);
}

TEST_CASE("expect-spoken: before any input, since the script began, and nothing said is reported") {
  SpeakingHost h;
  h.log.add("from an earlier run", Lang::En);
  auto r = play(h, "expect-spoken \"earlier\"\n");
  CHECK(r.exit_code == 1);
  CHECK(r.message.find("(nothing was)") != std::string::npos);
}

TEST_CASE("expect-spoken ... in es: only words spoken in that language's voice count") {
  auto s = parse_script("expect-spoken \"Toque\" in es\n");
  REQUIRE(s.ok());
  CHECK(s.commands[0].text == "Toque");
  CHECK(s.commands[0].lang == "es");
  CHECK_FALSE(parse_script("expect-spoken \"Toque\" in fr\n").ok());
  CHECK_FALSE(parse_script("expect-spoken \"Toque\" on es\n").ok());
  CHECK_FALSE(parse_script("expect-spoken \"Toque\" in\n").ok());
  SpeakingHost h;
  h.first_key_parts = {{"Touch to start.", Lang::En}, {"Toque para comenzar", Lang::Es}};
  CHECK(play(h, "key tab\nexpect-spoken \"Toque\" in es\nexpect-spoken \"Touch\" in en\n")
            .exit_code == 0);
  SpeakingHost h2;
  h2.first_key_parts = {{"Toque para comenzar", Lang::En}};  // the right words, the wrong voice
  auto r = play(h2, "key tab\nexpect-spoken \"Toque\" in es\n");
  CHECK(r.exit_code == 1);
  CHECK(r.message.find("\"Toque\" was not spoken in es") != std::string::npos);
  CHECK(r.message.find("\"Toque para comenzar\" (en)") != std::string::npos);
}
