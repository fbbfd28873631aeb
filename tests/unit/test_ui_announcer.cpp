// Announcer: what is spoken for hand-made registry frames (screen arrival, focus and its roles,
// alerts and the idle countdown, codes, typed echo, F1), and the first-key hint that turns Read
// aloud on without sight — once per visit, reset with the visit.
#include <catch2/catch.hpp>

#include "kiosk/app/app.h"
#include "kiosk/core/clock.h"
#include "kiosk/core/strings.h"
#include "kiosk/speech/recording_speaker.h"
#include "kiosk/speech/speech_log.h"
#include "ui/speech/announcer.h"

using namespace kiosk;
using namespace kiosk::ui;

namespace {

WidgetEntry entry(Control c, std::string label, std::string text, float y, bool tappable) {
  WidgetEntry e;
  e.label = std::move(label);
  e.text = std::move(text);
  e.rect = Rect{10, y, 400, 40};
  e.tappable = tappable;
  e.control = c;
  return e;
}
WidgetEntry heading(std::string t, float y = 10) {
  return entry(Control::Heading, "", t, y, false);
}
WidgetEntry plain(std::string t, float y) { return entry(Control::None, "", t, y, false); }
WidgetEntry button(std::string l, float y, bool focused = false) {
  WidgetEntry e = entry(Control::Button, l, l, y, true);
  e.focused = focused;
  return e;
}
WidgetEntry field(std::string l, std::string value, bool focused, bool secret = false) {
  WidgetEntry e = entry(Control::Field, l, l, 300, true);
  e.value = secret ? std::string() : std::move(value);
  e.focused = focused;
  e.secret = secret;
  return e;
}
WidgetEntry checkable(Control c, std::string l, bool checked, bool focused) {
  WidgetEntry e = entry(c, l, l, 400, true);
  e.checked = checked;
  e.focused = focused;
  return e;
}
WidgetEntry alert(std::string t) { return entry(Control::Alert, "", t, 500, false); }
WidgetEntry code(std::string t) { return entry(Control::Code, "", t, 600, false); }

struct Rig {
  SpeechLog log;
  RecordingSpeaker speaker{log};
  Announcer a{Strings::builtin(), speaker};
  AccessibilityChoices choices;
  unsigned nav = 1;
  Lang lang = Lang::En;
  Rig() { choices.read_aloud = true; }

  // Draws `frame` and returns what was said for it ("" when nothing).
  std::string frame(const std::vector<WidgetEntry>& f) {
    const auto m = log.mark();
    a.on_frame(f, nav, lang, choices);
    auto said = log.since(m);
    REQUIRE(said.size() <= 1);  // one utterance per frame at most
    return said.empty() ? std::string() : said[0].text;
  }
  std::vector<std::string> all() const {
    std::vector<std::string> out;
    for (const auto& u : log.since(0)) out.push_back(u.text);
    return out;
  }
};

}  // namespace

TEST_CASE("announcer: arriving at a screen reads its title, then its purpose") {
  Rig r;
  CHECK(r.frame({heading("How can we help you?"), plain("Choose one of the topics.", 60),
                 button("Upcoming events", 120)}) ==
        "How can we help you? Choose one of the topics.");
  // Same screen, nothing changed: silence.
  CHECK(r.frame({heading("How can we help you?"), plain("Choose one of the topics.", 60),
                 button("Upcoming events", 120)}) == "");
  // A text beside the title (not below it), or a tappable one next, is not its purpose.
  ++r.nav;
  WidgetEntry beside = plain("Page 1", 10);
  CHECK(r.frame({heading("Programs"), beside}) == "Programs");
  ++r.nav;
  CHECK(r.frame({heading("Events"), button("Next", 60), plain("Later text", 200)}) == "Events");
}

TEST_CASE("announcer: a screen without a marked title is named by its first plain text") {
  Rig r;
  // The first plain text, not the button before it; the text right under it is its purpose.
  CHECK(r.frame({button("Touch to start", 300), plain("Springfield Police Department", 10),
                 plain("Safety tips this week", 100), plain("Choose your language", 400)}) ==
        "Springfield Police Department. Safety tips this week");
}

TEST_CASE(
    "announcer: nothing is said while Read aloud is off, and turning it on is not a backlog") {
  Rig r;
  r.choices.read_aloud = false;
  CHECK(r.frame({heading("Home"), button("Next", 100, true)}) == "");
  CHECK(r.frame({heading("Home"), button("Back", 100, true), alert("Enter a date")}) == "");
  r.choices.read_aloud = true;
  CHECK(r.frame({heading("Home"), button("Back", 100, true), alert("Enter a date")}) == "");
}

TEST_CASE("announcer: focus moving reads label, role, state and value") {
  Rig r;
  r.frame({heading("Form")});
  CHECK(r.frame({heading("Form"), button("Next", 100, true)}) == "Next, button");
  CHECK(r.frame({heading("Form"), button("Next", 100), field("First name", "Ana", true)}) ==
        "First name, field, Ana");
  CHECK(r.frame({heading("Form"), checkable(Control::Choice, "Yes", true, true)}) ==
        "Yes, choice, checked");
  CHECK(r.frame({heading("Form"), checkable(Control::CheckBox, "I agree", false, true)}) ==
        "I agree, check box, not checked");
  // A private field's value is never read.
  CHECK(r.frame({heading("Form"), field("PIN", "1234", true, true)}) == "PIN, field");
}

TEST_CASE("announcer: words in the other language are spoken in its voice (WCAG 3.1.2)") {
  Rig r;
  // The attract screen: an English welcome, then its Spanish twin, on an English screen.
  WidgetEntry es = heading("Bienvenidos", 10);
  es.lang = Lang::Es;
  auto m = r.log.mark();
  r.a.on_frame({heading("Welcome"), es}, r.nav, Lang::En, r.choices);
  auto said = r.log.since(m);
  REQUIRE(said.size() == 2);  // one utterance, in two parts
  CHECK(said[0].text == "Welcome.");
  CHECK(said[0].lang == Lang::En);
  CHECK(said[1].text == "Bienvenidos");
  CHECK(said[1].lang == Lang::Es);
  // Focus on the language button: its name in Spanish, its role in the screen's language.
  WidgetEntry other = button("Español", 100, true);
  other.lang = Lang::Es;
  m = r.log.mark();
  r.a.on_frame({heading("Welcome"), es, other}, r.nav, Lang::En, r.choices);
  said = r.log.since(m);
  REQUIRE(said.size() == 2);
  CHECK(said[0].text == "Español.");
  CHECK(said[0].lang == Lang::Es);
  CHECK(said[1].text == "button");
  CHECK(said[1].lang == Lang::En);
  // Runs in one language stay one part: nothing marked, one utterance as before.
  ++r.nav;
  CHECK(r.frame({heading("Programs"), plain("Choose one.", 60)}) == "Programs. Choose one.");
}

TEST_CASE("announcer: role words and states in Spanish") {
  Rig r;
  r.lang = Lang::Es;
  r.frame({heading("Formulario")});
  CHECK(r.frame({heading("Formulario"), button("Siguiente", 100, true)}) == "Siguiente, botón");
  CHECK(r.frame({heading("Formulario"), checkable(Control::CheckBox, "Acepto", true, true)}) ==
        "Acepto, casilla, marcada");
  CHECK(r.frame({heading("Formulario"), checkable(Control::Choice, "No", false, true)}) ==
        "No, opción, sin marcar");
  CHECK(r.frame({heading("Formulario"), field("Nombre", "", true)}) == "Nombre, campo");
}

TEST_CASE("announcer: a toggled check box says its new state") {
  Rig r;
  r.frame({heading("Accessibility"), checkable(Control::CheckBox, "Read aloud", false, false)});
  CHECK(r.frame({heading("Accessibility"), checkable(Control::CheckBox, "Read aloud", true,
                                                     false)}) == "Read aloud, checked");
  CHECK(r.frame({heading("Accessibility"), checkable(Control::CheckBox, "Read aloud", false,
                                                     false)}) == "Read aloud, not checked");
}

TEST_CASE("announcer: new alerts are read as they appear, once") {
  Rig r;
  r.frame({heading("Your details"), field("Date of birth", "", true)});
  CHECK(r.frame({heading("Your details"), field("Date of birth", "", true),
                 alert("Enter a date in the past.")}) == "Enter a date in the past.");
  CHECK(r.frame({heading("Your details"), field("Date of birth", "", true),
                 alert("Enter a date in the past.")}) == "");
}

TEST_CASE("announcer: the idle countdown every 5 seconds, then each of the last 5 as a number") {
  Rig r;
  r.frame({heading("Home")});
  auto prompt = [](int n) {
    return std::vector<WidgetEntry>{
        heading("Home"), alert("Still there?"),
        alert(n == 1 ? "Returning to the start screen in 1 second."
                     : "Returning to the start screen in " + std::to_string(n) + " seconds.")};
  };
  CHECK(r.frame(prompt(20)) == "Still there? Returning to the start screen in 20 seconds.");
  std::vector<std::string> said;
  for (int n = 19; n >= 1; --n) said.push_back(r.frame(prompt(n)));
  // 19..16 silent, 15 whole, 14..11 silent, 10 whole, 9..6 silent, then 5 4 3 2 1.
  std::vector<std::string> want(19);
  want[20 - 15 - 1] = "Returning to the start screen in 15 seconds.";
  want[20 - 10 - 1] = "Returning to the start screen in 10 seconds.";
  for (int n = 5; n >= 1; --n) want[20 - n - 1] = std::to_string(n);
  CHECK(said == want);
}

TEST_CASE("announcer: a confirmation code is spelled with single spaces") {
  Rig r;
  CHECK(spell_out("SU-7K3P-Q9XD") == "S U - 7 K 3 P - Q 9 X D");
  CHECK(spell_out("AB 12") == "A B 1 2");
  CHECK(spell_out("") == "");
  r.frame({heading("Thank you")});
  CHECK(r.frame({heading("Thank you"), code("SU-7K3P-Q9XD")}) == "S U - 7 K 3 P - Q 9 X D");
  // On arrival the code follows the title, after a full stop.
  ++r.nav;
  CHECK(r.frame({heading("Request sent"), code("RR-AB12")}) == "Request sent. R R - A B 1 2");
}

TEST_CASE("announcer: typed characters are echoed, and a private field says only 'character'") {
  Rig r;
  r.frame({heading("Form"), field("Name", "", true)});
  r.a.on_text("A");
  CHECK(r.frame({heading("Form"), field("Name", "A", true)}) == "A");
  r.a.on_text(" ");
  CHECK(r.frame({heading("Form"), field("Name", "A ", true)}) == "space");
  r.a.on_text("ñ");
  CHECK(r.frame({heading("Form"), field("Name", "A ñ", true)}) == "ñ");
  // A picker or a deletion reads the new value.
  CHECK(r.frame({heading("Form"), field("Name", "A", true)}) == "A");

  r.frame({heading("Form"), field("PIN", "", true, true)});
  r.a.on_text("7");
  const std::string said = r.frame({heading("Form"), field("PIN", "", true, true)});
  CHECK(said == "character");
  CHECK(said.find('7') == std::string::npos);
  CHECK(r.frame({heading("Form"), field("PIN", "", true, true)}) == "");

  r.lang = Lang::Es;
  r.a.on_text("8");
  CHECK(r.frame({heading("Form"), field("PIN", "", true, true)}) == "carácter");
}

TEST_CASE("announcer: F1 reads the focused widget's help, or its label") {
  Rig r;
  WidgetEntry date = field("Date of birth", "", true);
  date.help = "Month, day and year, for example March 4 1980.";
  r.frame({heading("Form"), date});
  CHECK(r.a.on_key(AnnounceKey::Help, false, r.lang, r.choices) == false);
  CHECK(r.frame({heading("Form"), date}) == "Month, day and year, for example March 4 1980.");
  CHECK(r.frame({heading("Form"), date}) == "");  // once per press
  WidgetEntry next = button("Next", 100, true);
  r.frame({heading("Form"), next});
  r.a.on_key(AnnounceKey::Help, false, r.lang, r.choices);
  CHECK(r.frame({heading("Form"), next}) == "Next");
  r.frame({heading("Form")});
  r.a.on_key(AnnounceKey::Help, false, r.lang, r.choices);
  CHECK(r.frame({heading("Form")}) == "Form");
}

TEST_CASE("announcer: one utterance per frame, in order: screen, alerts, code, focus") {
  Rig r;
  r.frame({heading("Old")});
  ++r.nav;
  CHECK(r.frame({heading("Review"), plain("Check your answers.", 60), alert("2 answers missing"),
                 button("Send", 700, true)}) ==
        "Review. Check your answers. 2 answers missing. Send, button");
  // Each frame's utterance is a new say() (which interrupts the one before, in a real speaker).
  r.frame({heading("Review"), button("Back", 700, true)});
  r.frame({heading("Review"), button("Send", 700, true)});
  const auto all = r.all();
  REQUIRE(all.size() >= 2);
  CHECK(all[all.size() - 2] == "Back, button");
  CHECK(all.back() == "Send, button");
  // A dialog opening: its title is read even though the screen did not change.
  CHECK(r.frame({heading("Review"), heading("Leave this form?"), button("Stay", 400, true)}) ==
        "Leave this form? Stay, button");
}

TEST_CASE(
    "announcer: the first key of a visit speaks the hint once and Return then turns speech on") {
  Rig r;
  r.choices = AccessibilityChoices{};
  r.frame({heading("How can we help you?")});
  CHECK(r.a.on_key(AnnounceKey::Other, false, r.lang, r.choices) == false);
  REQUIRE(r.all().size() == 1);
  CHECK(r.all().back() == "Press Enter to hear the screen read aloud");
  CHECK(r.choices.key_hint_spoken);
  CHECK(r.a.on_key(AnnounceKey::Other, false, r.lang, r.choices) == false);
  CHECK(r.all().size() == 1);  // once per visit
  // Return is used up (it does not also press a button) and reads the screen.
  CHECK(r.a.on_key(AnnounceKey::Enter, false, r.lang, r.choices) == true);
  CHECK(r.choices.read_aloud);
  CHECK(r.frame({heading("How can we help you?"), button("Events", 100)}) ==
        "How can we help you?");
  // Afterwards Return is an ordinary key again.
  CHECK(r.a.on_key(AnnounceKey::Enter, false, r.lang, r.choices) == false);
  // Auto-repeat never speaks the hint.
  AccessibilityChoices fresh;
  Rig r2;
  r2.choices = fresh;
  CHECK(r2.a.on_key(AnnounceKey::Other, true, r2.lang, r2.choices) == false);
  CHECK(r2.all().empty());
}

TEST_CASE("announcer: the hint in Spanish, and again in the next visit after end_session") {
  VirtualClock clock;
  App app(clock, AppSettings{});
  SpeechLog log;
  RecordingSpeaker speaker(log);
  Announcer a(Strings::builtin(), speaker);
  app.start();
  app.set_lang(Lang::Es);
  a.on_key(AnnounceKey::Other, false, app.lang(), app.accessibility());
  REQUIRE(log.since(0).size() == 1);
  CHECK(log.since(0)[0].text == "Presione Enter para escuchar la pantalla en voz alta");
  CHECK(log.since(0)[0].lang == Lang::Es);
  CHECK(a.on_key(AnnounceKey::Enter, false, app.lang(), app.accessibility()));
  CHECK(app.accessibility().read_aloud);

  app.end_session();
  a.reset();
  CHECK_FALSE(app.accessibility().read_aloud);
  CHECK_FALSE(app.accessibility().key_hint_spoken);
  app.start();
  a.on_key(AnnounceKey::Other, false, app.lang(), app.accessibility());
  REQUIRE(log.since(0).size() == 2);
  CHECK(log.since(0)[1].text == "Press Enter to hear the screen read aloud");
  // The Return after it turns speech on again (the reset did not leave the hint disarmed).
  CHECK(a.on_key(AnnounceKey::Enter, false, app.lang(), app.accessibility()));
}

TEST_CASE("announcer: Escape closes the Accessibility panel and is used up") {
  Rig r;
  r.choices.panel_open = true;
  CHECK(r.a.on_key(AnnounceKey::Escape, false, r.lang, r.choices));
  CHECK_FALSE(r.choices.panel_open);
  CHECK_FALSE(r.a.on_key(AnnounceKey::Escape, false, r.lang, r.choices));  // Back, as usual
}
