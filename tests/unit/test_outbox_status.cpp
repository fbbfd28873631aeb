// outbox_status_json: the object `kiosk --status` prints (counts by status, oldest pending time,
// kiosk id), and that it never carries a payload.
#include "offline-cache/outbox_status.h"

#include "tests/unit/test_outbox_util.h"

using namespace kiosk;
using namespace kiosk::store;

TEST_CASE("outbox_status_json: counts by status, oldest pending, kiosk id, no answers") {
  outbox_test::TempDir dir;
  Clock::Wall start;
  REQUIRE(parse_rfc3339("2026-08-04T18:00:00Z", start));
  VirtualClock clock(start);
  Outbox box(dir.path(), clock);

  nlohmann::json empty = outbox_status_json(box);
  CHECK(empty["counts"] ==
        nlohmann::json{
            {"pending", 0}, {"sending", 0}, {"sent", 0}, {"rejected", 0}, {"discarded", 0}});
  CHECK(empty["oldest_pending_created_at"].is_null());
  CHECK(empty["kiosk_id"] == box.kiosk_id());
  CHECK(empty["startup_events"].empty());

  NewSubmission s;
  s.form_id = "records_request";
  s.payload_json = R"({"name":"Private Person","phone":"555-0100"})";
  const std::string a = box.enqueue(s);
  clock.advance(std::chrono::minutes(2));
  const std::string b = box.enqueue(s);
  box.enqueue(s);
  REQUIRE(box.claim(a));
  box.mark_sent({{a, "R"}});
  REQUIRE(box.claim(b));

  nlohmann::json j = outbox_status_json(box);
  CHECK(j["counts"] ==
        nlohmann::json{
            {"pending", 1}, {"sending", 1}, {"sent", 1}, {"rejected", 0}, {"discarded", 0}});
  CHECK(j["oldest_pending_created_at"] == "2026-08-04T18:02:00Z");
  CHECK(j["database"] == box.path());
  const std::string text = j.dump();
  CHECK(text.find("Private Person") == std::string::npos);
  CHECK(text.find("555-0100") == std::string::npos);
}
