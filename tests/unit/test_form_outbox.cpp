// From a visitor's FormSession to the outbox and back: the payload stored is exactly the
// normalised answers (SQL and JSON metacharacters, accents and newlines verbatim), and the
// confirmation code is derived from the id the outbox returned.
#include <catch2/catch.hpp>

#include <filesystem>

#include "kiosk/forms/confirmation_code.h"
#include "kiosk/forms/form_session.h"
#include "offline-cache/outbox.h"
#include "test_form_util.h"

using namespace kiosk::forms;
using namespace kiosk::forms::test;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "kiosk-form-outbox-XXXXXX").string();
    REQUIRE(mkdtemp(tmpl.data()) != nullptr);
    path = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

}  // namespace

TEST_CASE("a completed form round-trips through the outbox verbatim") {
  kiosk::Clock::Wall start;
  REQUIRE(kiosk::parse_rfc3339("2026-03-05T12:00:00Z", start));
  kiosk::VirtualClock clock(start);
  auto form = compose_form(*bundled_forms().find("records_request"), nullptr).form;
  REQUIRE(form);
  FormSession s(form, kiosk::Lang::Es, clock);

  const std::string sql = "Robert'); DROP TABLE submissions;-- \"x\" \\ % _ ` $1";
  const std::string purpose = "Para el seguro: ' OR ''=' \n-- fin";
  s.choose("record_type", "incident_report");
  REQUIRE(s.next());
  REQUIRE(s.set_date("event_date", Date{2026, 2, 14}));
  REQUIRE(s.set_text("people_involved", Part::None, sql) == InputResult::Ok);
  REQUIRE(s.set_text("location", Part::None, "Calle Señora de Guadalupe 5; 1=1") ==
          InputResult::Ok);
  REQUIRE(s.set_text("purpose", Part::None, purpose) == InputResult::Ok);
  REQUIRE(s.next());
  s.choose("access", "copies");
  s.choose("format", "paper");
  s.choose("fee_waiver", "no");
  REQUIRE(s.next());
  REQUIRE(s.set_text("requester_name", Part::None, "María José O'Neil-Núñez") == InputResult::Ok);
  REQUIRE(s.set_text("requester_phone", Part::None, "(555) 555-0142") == InputResult::Ok);
  REQUIRE(s.next());
  s.choose("delivery", "pickup");
  REQUIRE(s.next());
  s.set_agreed("acknowledgement", true);
  REQUIRE(s.begin_stroke("signature"));
  REQUIRE(s.add_point("signature", 0.1f, 0.5f));
  REQUIRE(s.add_point("signature", 0.6f, 0.4f));
  REQUIRE(s.next());
  REQUIRE(s.on_review());

  auto draft = s.submission();
  REQUIRE(draft);
  TempDir dir;
  kiosk::store::Outbox box(dir.path.string(), clock);
  kiosk::store::NewSubmission ns;
  ns.form_id = draft->form_id;
  ns.form_version = draft->form_version;
  ns.payload_json.assign(draft->payload_json.data(), draft->payload_json.size());
  std::string id = box.enqueue(ns);
  std::string code = confirmation_code(form->code_prefix, id);
  CHECK(code.substr(0, 3) == "RR-");
  CHECK(is_confirmation_code(code));

  auto row = box.get(id);
  REQUIRE(row);
  CHECK(row->payload_json == ns.payload_json);  // byte for byte
  json a = json::parse(row->payload_json).at("answers");
  CHECK(a.at("people_involved") == sql);
  CHECK(a.at("purpose") == purpose);
  CHECK(a.at("location") == "Calle Señora de Guadalupe 5; 1=1");
  CHECK(a.at("requester_name") == "María José O'Neil-Núñez");
  CHECK(a.at("event_date") == "2026-02-14");
  CHECK(json::parse(row->payload_json).at("lang") == "es");
  CHECK(box.counts().pending == 1);

  s.wipe();
  CHECK(s.all_buffers_zero_for_test());
}
