// SpeechLog: marks select what was queued since an input command; clear() forgets the texts.
#include <catch2/catch.hpp>

#include "kiosk/speech/recording_speaker.h"
#include "kiosk/speech/speech_log.h"

using namespace kiosk;

TEST_CASE("SpeechLog returns what was said since a mark, in order") {
  SpeechLog log;
  RecordingSpeaker sp(log);
  sp.say("Welcome", Lang::En);
  const auto m = log.mark();
  sp.say("Next, button", Lang::En);
  sp.say("Siguiente, botón", Lang::Es);
  const auto got = log.since(m);
  REQUIRE(got.size() == 2);
  CHECK(got[0].text == "Next, button");
  CHECK(got[1].lang == Lang::Es);
  CHECK(log.since(log.mark()).empty());
}

TEST_CASE("SpeechLog clear forgets texts but keeps counting") {
  SpeechLog log;
  log.add("A B 1 2", Lang::En);
  const auto before = log.mark();
  log.clear();
  CHECK(log.since(0).empty());
  CHECK(log.mark() == before);
  log.add("after", Lang::En);
  REQUIRE(log.since(before).size() == 1);
}
