// The confirmation's photo-ID reminder (issue 15): after a save, FormFlow names the pickup place
// the visitor chose on a shown `choices_from: "pickup_places"` field, so the confirmation can say
// where to bring the ID; mailed records (the place question hidden) name none, and the place goes
// with the visit. The form is a small one composed with the bundled demo content's places.
#include <catch2/catch.hpp>
#include <memory>
#include <string>

#include "kiosk/app/form_flow.h"
#include "kiosk/core/clock.h"
#include "test_form_util.h"

using kiosk::FormFlow;
using kiosk::forms::test::form_json;
using kiosk::forms::test::load_ok;
using kiosk::forms::test::lt;
using kiosk::forms::test::step_json;
using nlohmann::json;

namespace {

// Delivery by mail or pickup; the place is asked only for pickup (as crash_report.json does).
std::shared_ptr<const kiosk::forms::FormSpec> delivery_form() {
  json form = form_json(json::array({step_json(
      "s", json::array({{{"id", "delivery"},
                         {"type", "single_choice"},
                         {"required", true},
                         {"label", lt("Send it", "Enviarlo")},
                         {"choices",
                          json::array({{{"id", "mail"}, {"label", lt("Mail", "Correo")}},
                                       {{"id", "pickup"}, {"label", lt("Pickup", "Recoger")}}})}},
                        {{"id", "place"},
                         {"type", "single_choice"},
                         {"required", true},
                         {"choices_from", "pickup_places"},
                         {"label", lt("Where?", "¿Dónde?")},
                         {"show_if", {{"field", "delivery"}, {"equals", "pickup"}}}}}))}));
  kiosk::forms::ComposeResult r = kiosk::forms::compose_form(load_ok(form), nullptr);
  REQUIRE(r.errors.empty());
  return r.form;
}

struct Visit {
  kiosk::VirtualClock clock;
  int saved = 0;
  FormFlow flow{clock, [this](const kiosk::store::NewSubmission&) {
                  ++saved;
                  return std::string("00000000-0000-4000-8000-00000000000") + std::to_string(saved);
                }};
  std::shared_ptr<const kiosk::forms::FormSpec> form = delivery_form();

  FormFlow::SubmitResult send(const char* delivery, const char* place) {
    flow.wipe();
    flow.start(form, "t", kiosk::Lang::En);
    REQUIRE(flow.session());
    flow.session()->choose("delivery", delivery);
    if (place) flow.session()->choose("place", place);
    REQUIRE(flow.session()->next());
    return flow.submit();
  }
};

}  // namespace

TEST_CASE("pickup: the confirmation knows the chosen place until the visit ends") {
  Visit v;
  REQUIRE(v.send("pickup", "downtown_substation") == FormFlow::SubmitResult::Saved);
  CHECK(v.flow.has_confirmation());
  CHECK(v.flow.pickup_place() == "downtown_substation");
  v.flow.wipe();
  CHECK(v.flow.pickup_place().empty());
}

TEST_CASE("mail: no pickup place, even when one was chosen before switching to mail") {
  Visit v;
  v.flow.start(v.form, "t", kiosk::Lang::En);
  v.flow.session()->choose("delivery", "pickup");
  v.flow.session()->choose("place", "headquarters");
  v.flow.session()->choose("delivery", "mail");  // the place question is hidden now
  REQUIRE(v.flow.session()->next());
  REQUIRE(v.flow.submit() == FormFlow::SubmitResult::Saved);
  CHECK(v.flow.pickup_place().empty());
}
