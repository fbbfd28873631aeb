// The form screens' state without a display: typing through the on-screen keyboard model,
// physical-keyboard text, saving (and failing to save), the confirmation code — and that an idle
// timeout or the confirmation timeout, driven through the App model on a VirtualClock, overwrites
// every buffer of the form, the keyboard and the confirmation in place.
#include <catch2/catch.hpp>

#include "tests/support/sealed_rows.h"

#include <memory>
#include <set>
#include <string>

#include "kiosk/app/app.h"
#include "kiosk/forms/confirmation_code.h"
#include "offline-cache/outbox.h"
#include "test_form_util.h"
#include "ui/screens/form_ui.h"
#include "ui/widgets/keyboard_layout.h"

using namespace kiosk;
using namespace kiosk::ui;
using kiosk::forms::Part;
using namespace kiosk::forms::test;
using namespace std::chrono_literals;

namespace {

// A two-field form: a required name (typed) and a required signature.
std::shared_ptr<const forms::FormSpec> small_form() {
  json fields = json::array(
      {{{"id", "name"},
        {"type", "person_name"},
        {"label", lt("Name", "Nombre")},
        {"required", true}},
       {{"id", "sig"}, {"type", "signature"}, {"label", lt("Sign", "Firme")}, {"required", true}}});
  return std::make_shared<forms::FormSpec>(
      load_ok(form_json(json::array({step_json("s", fields)}))));
}

AppSettings settings() {
  AppSettings s;
  s.idle_timeout = 90s;
  s.idle_countdown = 20s;
  s.confirmation_timeout = 60s;
  return s;
}

// Taps the key typing `text` on the current page of the keyboard (as a finger on the glass would).
void tap_key(KeyboardState& kb, FormFlow& flow, const std::string& text) {
  for (const KeyRow& row : keyboard_rows(kb.layout, kb.symbols))
    for (const Key& k : row)
      if (k.action == KeyAction::Char && k.text == text) {
        press_key(kb, flow, k);
        return;
      }
  FAIL("no key " << text);
}

void tap_action(KeyboardState& kb, FormFlow& flow, KeyAction a) {
  for (const KeyRow& row : keyboard_rows(kb.layout, kb.symbols))
    for (const Key& k : row)
      if (k.action == a) {
        press_key(kb, flow, k);
        return;
      }
  FAIL("no such action key");
}

void sign(forms::FormSession& s) {
  REQUIRE(s.begin_stroke("sig"));
  for (int i = 0; i <= 20; ++i)
    REQUIRE(s.add_point("sig", 0.1f + 0.04f * static_cast<float>(i), 0.5f));
}

// The visitor types "Ana Núñez" on the on-screen keyboard (names start words with capitals).
void type_name(FormUi& fu) {
  fu.flow.set_focus(TextTarget{"name", Part::None});
  fu.kb.on_focus(forms::FieldType::PersonName, Part::None, true);
  for (const char* t : {"a", "n", "a"}) tap_key(fu.kb, fu.flow, t);
  tap_action(fu.kb, fu.flow, KeyAction::Space);
  for (const char* t : {"n", "ú", "ñ", "e", "z"}) tap_key(fu.kb, fu.flow, t);
}

}  // namespace

TEST_CASE(
    "the on-screen keyboard types into the focused field: capitals, Spanish letters, Delete with "
    "repeat") {
  VirtualClock clock;
  FormUi fu(clock, [](const store::NewSubmission&) -> std::string { return "id"; });
  fu.flow.start(small_form(), "t", Lang::Es);
  type_name(fu);
  CHECK(fu.flow.session()->text("name") == "Ana Núñez");
  CHECK_FALSE(fu.kb.shift);

  // Delete: one character on press, then one every 100 ms after 500 ms held, on the app clock.
  delete_pressed(fu.kb, fu.flow, clock.now());
  CHECK(fu.flow.session()->text("name") == "Ana Núñe");
  clock.advance(499ms);
  delete_tick(fu.kb, fu.flow, clock.now());
  CHECK(fu.flow.session()->text("name") == "Ana Núñe");
  clock.advance(1ms);
  delete_tick(fu.kb, fu.flow, clock.now());
  CHECK(fu.flow.session()->text("name") == "Ana Núñ");
  clock.advance(200ms);
  delete_tick(fu.kb, fu.flow, clock.now());
  CHECK(fu.flow.session()->text("name") == "Ana N");
  delete_released(fu.kb);
  clock.advance(1s);
  delete_tick(fu.kb, fu.flow, clock.now());
  CHECK(fu.flow.session()->text("name") == "Ana N");

  // Shift twice is caps lock; a third time turns it off.
  tap_action(fu.kb, fu.flow, KeyAction::Shift);
  tap_action(fu.kb, fu.flow, KeyAction::Shift);
  tap_key(fu.kb, fu.flow, "o");
  tap_key(fu.kb, fu.flow, "ñ");
  tap_action(fu.kb, fu.flow, KeyAction::Shift);
  tap_key(fu.kb, fu.flow, "o");
  CHECK(fu.flow.session()->text("name") == "Ana NOÑo");

  // A physical keyboard's text: an emoji is refused with a message, the rest is typed.
  fu.flow.queue_text("s\xF0\x9F\x98\x80");
  fu.flow.type_queued();
  CHECK(fu.flow.session()->text("name") == "Ana NOÑos");
  REQUIRE(fu.flow.input_message());
  CHECK(fu.flow.input_message()->en.find("can't be used") != std::string::npos);
}

TEST_CASE("each field type gets its keyboard layout") {
  using forms::FieldType;
  CHECK(layout_for(FieldType::Email, Part::None) == KeyLayout::Email);
  CHECK(layout_for(FieldType::PhoneUs, Part::None) == KeyLayout::Phone);
  CHECK(layout_for(FieldType::AddressUs, Part::Zip) == KeyLayout::Numeric);
  CHECK(layout_for(FieldType::AddressUs, Part::Street) == KeyLayout::Letters);
  CHECK(layout_for(FieldType::PersonName, Part::None) == KeyLayout::Letters);
  KeyboardState kb;
  kb.on_focus(FieldType::AddressUs, Part::State, true);
  CHECK(kb.caps);
  // Every key label of a page is unique (scripts tap keys by label), and Spanish letters are on
  // the letters page in both languages.
  for (KeyLayout l : {KeyLayout::Letters, KeyLayout::Email, KeyLayout::Numeric, KeyLayout::Phone})
    for (bool sym : {false, true}) {
      std::set<std::string> seen;
      for (const KeyRow& r : keyboard_rows(l, sym))
        for (const Key& k : r)
          if (k.action == KeyAction::Char) CHECK(seen.insert(k.text).second);
    }
  std::set<std::string> letters;
  for (const KeyRow& r : keyboard_rows(KeyLayout::Letters, false))
    for (const Key& k : r) letters.insert(k.text);
  for (const char* c : {"ñ", "á", "é", "í", "ó", "ú", "ü", "¿", "¡"}) CHECK(letters.count(c));
  CHECK(upper("ñ") == "Ñ");
  CHECK(upper("ü") == "Ü");
  CHECK(upper("¿") == "¿");
}

TEST_CASE("an idle timeout overwrites the form, the keyboard and the queued text in place") {
  VirtualClock clock;
  App app(clock, settings());
  FormUi fu(clock, [](const store::NewSubmission&) -> std::string { return "id"; });
  fu.attach(app);
  app.start();
  app.open(Route{Screen::Form, "t"});
  fu.flow.start(small_form(), "t", Lang::En);
  type_name(fu);
  sign(*fu.flow.session());
  tap_action(fu.kb, fu.flow, KeyAction::Shift);
  fu.flow.queue_text("Ana");  // physical keys not yet typed
  fu.open_date = "name";
  fu.pickers["name"] =
      forms::open_date_picker("name", std::nullopt, forms::Date{2026, 1, 1},
                              forms::Date{2026, 12, 31}, forms::Date{2026, 11, 23});
  const forms::SecureString& name = fu.flow.session()->answer("name").text;
  const char* storage = name.data();
  std::size_t capacity = name.capacity();
  REQUIRE_FALSE(fu.all_buffers_zero_for_test());
  REQUIRE_FALSE(forms::buffer_is_zero(name));

  clock.advance(90s);
  app.tick();
  REQUIRE(app.idle_phase() == IdleTimer::Phase::Prompt);
  CHECK_FALSE(fu.all_buffers_zero_for_test());  // the prompt itself erases nothing yet
  clock.advance(20s);
  app.tick();
  CHECK(app.screen() == Screen::Attract);
  CHECK(fu.all_buffers_zero_for_test());
  // The same buffer, overwritten where it was (not a fresh one beside a freed copy).
  CHECK(name.data() == storage);
  CHECK(name.capacity() == capacity);
  CHECK(forms::buffer_is_zero(name));
  CHECK_FALSE(fu.flow.active());
  CHECK(fu.kb.is_reset());
  CHECK_FALSE(fu.flow.focus());
}

TEST_CASE(
    "submit stores after COMMIT, wipes the answers, and the confirmation code goes with the "
    "confirmation timeout") {
  VirtualClock clock;
  App app(clock, settings());
  std::string stored;
  const std::string id = "5b0c8f1e-3a52-4c8e-9d51-7f1c2a9e6b40";
  FormUi fu(clock, [&](const store::NewSubmission& s) {
    CHECK(s.payload_json.empty());  // the store is handed sealed bytes only
    stored = kiosk::testing::open_demo(s.sealed_payload);
    return id;
  });
  fu.attach(app);
  app.start();
  app.open(Route{Screen::Form, "t"});
  fu.flow.start(small_form(), "t", Lang::Es);
  type_name(fu);
  sign(*fu.flow.session());
  REQUIRE(fu.flow.session()->next());
  REQUIRE(fu.flow.session()->on_review());
  REQUIRE(fu.flow.submit() == FormFlow::SubmitResult::Saved);
  CHECK(stored.find("\"name\":\"Ana Núñez\"") != std::string::npos);
  CHECK(stored.find("\"lang\":\"es\"") != std::string::npos);
  CHECK(stored.find("\"labels\"") != std::string::npos);  // self-describing for the department
  CHECK(fu.flow.confirmation_code() == forms::confirmation_code("TT", id));
  CHECK(fu.flow.session() == nullptr);  // filling is over; the answers are gone already
  app.home();
  app.open(Route{Screen::FormDone, {}});
  CHECK(app.next_deadline() <= clock.now() + 60s);
  clock.advance(59s);
  app.tick();
  CHECK(app.screen() == Screen::FormDone);
  CHECK_FALSE(fu.all_buffers_zero_for_test());  // the code is still on screen
  clock.advance(1s);
  app.tick();
  CHECK(app.screen() == Screen::Attract);
  CHECK(fu.all_buffers_zero_for_test());
  CHECK(fu.flow.confirmation_code().empty());
}

TEST_CASE("the confirmation counts down each second, and Keep this screen adds the time again") {
  VirtualClock clock;
  App app(clock, settings());
  app.start();
  CHECK(app.confirmation_seconds_left() == 0);  // not on the confirmation
  app.open(Route{Screen::FormDone, {}});
  CHECK(app.confirmation_seconds_left() == 60);
  CHECK(app.next_deadline() <= clock.now() + 1s);  // a frame for the next second
  clock.advance(std::chrono::milliseconds(10'500));
  CHECK(app.confirmation_seconds_left() == 50);
  app.keep_confirmation();
  CHECK(app.confirmation_seconds_left() == 110);
  clock.advance(std::chrono::milliseconds(109'000));
  app.tick();
  CHECK(app.screen() == Screen::FormDone);
  CHECK(app.confirmation_seconds_left() == 1);
  clock.advance(1s);
  app.tick();
  CHECK(app.screen() == Screen::Attract);
}

TEST_CASE("a save failure keeps every answer and says so, and the next try can succeed") {
  VirtualClock clock;
  bool fail = true;
  FormUi fu(clock, [&](const store::NewSubmission&) -> std::string {
    if (fail) throw store::StoreError(store::StoreErrorKind::ReadOnly, "open kiosk.db: read-only");
    return "5b0c8f1e-3a52-4c8e-9d51-7f1c2a9e6b40";
  });
  fu.flow.start(small_form(), "t", Lang::En);
  type_name(fu);
  sign(*fu.flow.session());
  REQUIRE(fu.flow.session()->next());
  CHECK(fu.flow.submit() == FormFlow::SubmitResult::Failed);
  CHECK(fu.flow.save_failed());
  REQUIRE(fu.flow.session());
  CHECK(fu.flow.session()->text("name") == "Ana Núñez");
  CHECK(fu.flow.session()->signature("sig").point_count() == 21);
  CHECK_FALSE(fu.flow.has_confirmation());
  fail = false;
  CHECK(fu.flow.submit() == FormFlow::SubmitResult::Saved);
  CHECK_FALSE(fu.flow.save_failed());
  CHECK(fu.flow.has_confirmation());
}

TEST_CASE("starting the form being filled keeps its answers, and another form starts empty") {
  VirtualClock clock;
  FormUi fu(clock, [](const store::NewSubmission&) -> std::string { return "id"; });
  fu.flow.start(small_form(), "t", Lang::En);
  type_name(fu);
  fu.flow.start(small_form(), "t", Lang::En);
  CHECK(fu.flow.session()->text("name") == "Ana Núñez");
  CHECK(fu.flow.has_answers());
  fu.flow.start(small_form(), "other", Lang::En);
  CHECK(fu.flow.session()->text("name").empty());
  CHECK_FALSE(fu.flow.has_answers());
}
