// Capture limits on touch-screen saves (issue 11, docs/config.md [capture]): the hourly rate limit
// refuses the 121st save in an hour with its own message, storing nothing and keeping every
// answer; the outbox cap warns staff at 80 % and closes forms at 100 % until an export frees it.
// A real outbox and a virtual clock; the refusal count goes through the staff model.
#include <catch2/catch.hpp>
#include <chrono>
#include <memory>
#include <string>

#include "kiosk/app/form_flow.h"
#include "kiosk/app/record_sealing.h"
#include "kiosk/app/staff_session.h"
#include "kiosk/config/config.h"
#include "kiosk/staff/export.h"
#include "offline-cache/outbox.h"
#include "test_form_util.h"
#include "test_outbox_util.h"

using namespace std::chrono;
using kiosk::CaptureLimits;
using kiosk::CaptureStore;
using kiosk::FormFlow;

namespace {

// A kiosk's UI thread: its outbox, the staff model and a form flow saving into them.
struct Kiosk {
  outbox_test::TempDir dir{"capture"};
  kiosk::VirtualClock clock = outbox_test::make_clock();
  std::unique_ptr<kiosk::store::Outbox> outbox =
      std::make_unique<kiosk::store::Outbox>(dir.path(), clock);
  kiosk::StaffSession staff{clock, dir.path()};
  FormFlow flow{clock, [this](const kiosk::store::NewSubmission& s) { return outbox->enqueue(s); },
                [this] {
                  return kiosk::SealingIdentity::load(kiosk::Config{}, dir.path(),
                                                      outbox->kiosk_id());
                }};
  std::shared_ptr<const kiosk::forms::FormSpec> form =
      std::make_shared<const kiosk::forms::FormSpec>(
          kiosk::forms::test::one_field({{"type", "text"}, {"required", true}}));

  Kiosk() { staff.connect(outbox.get(), nullptr); }

  void limit(int per_hour, int64_t cap_bytes) {
    staff.set_outbox_cap(cap_bytes);
    flow.set_capture_limits(CaptureLimits{per_hour, cap_bytes},
                            CaptureStore{[this] { return outbox->unexported_bytes(); },
                                         [this] { staff.count_capture_refusal(); }});
  }
  // A visitor fills the form in (true: it opened).
  bool fill(const std::string& answer) {
    flow.wipe();
    flow.start(form, "t", kiosk::Lang::En);
    if (!flow.session()) return false;
    REQUIRE(flow.session()->set_text("f", kiosk::forms::Part::None, answer) ==
            kiosk::forms::InputResult::Ok);
    REQUIRE(flow.session()->next());
    return true;
  }
  std::string answer() const { return std::string(flow.session()->answer("f").text); }
  int64_t stored() { return outbox->counts().pending; }
};

}  // namespace

TEST_CASE("the 121st save in an hour is refused with its message: nothing stored, nothing lost") {
  Kiosk k;
  k.limit(120, 0);
  for (int n = 1; n <= 120; ++n) {
    REQUIRE(k.fill("Made up " + std::to_string(n)));
    REQUIRE(k.flow.submit() == FormFlow::SubmitResult::Saved);
    k.clock.advance(seconds(20));  // 120 saves in 40 minutes
  }
  REQUIRE(k.fill("Made up 121"));
  CHECK(k.flow.submit() == FormFlow::SubmitResult::Failed);
  CHECK(k.flow.save_failed());
  CHECK(std::string(k.flow.save_failed_key()) == "form.rate_limited");
  CHECK(k.stored() == 120);            // nothing stored
  REQUIRE(k.flow.session());           // the visitor is still on the form ...
  CHECK(k.answer() == "Made up 121");  // ... with every answer
  CHECK(k.flow.session()->on_review());
  CHECK(k.flow.refusals() == 1);
  // Counted for staff, in the store: a restart does not hide it.
  CHECK(k.staff.counts().capture_refusals == 1);
  CHECK(k.staff.counts().last_capture_refusal_at ==
        std::optional<std::string>("2026-08-04T18:40:00Z"));
  {
    kiosk::StaffSession after_restart(k.clock, k.dir.path());
    after_restart.connect(k.outbox.get(), nullptr);
    after_restart.refresh_counts();
    CHECK(after_restart.counts().capture_refusals == 1);
  }

  // Still within the hour: refused again, still kept.
  k.clock.advance(minutes(19));
  CHECK(k.flow.submit() == FormFlow::SubmitResult::Failed);
  CHECK(k.answer() == "Made up 121");
  // Once the first save is an hour old, the same answers save.
  k.clock.advance(minutes(1));
  CHECK(k.flow.submit() == FormFlow::SubmitResult::Saved);
  CHECK_FALSE(k.flow.save_failed());
  CHECK(k.stored() == 121);
  CHECK(k.flow.has_confirmation());
}

TEST_CASE("a store failure after a refusal says the store failed, not the limit") {
  kiosk::VirtualClock clock = outbox_test::make_clock();
  bool disk_full = false;
  int saved = 0;
  FormFlow flow(clock, [&](const kiosk::store::NewSubmission&) {
    if (disk_full) throw kiosk::store::StoreError(kiosk::store::StoreErrorKind::Full, "disk full");
    return "5b0c8f1e-3a52-4c8e-9d51-7f1c2a9e6b4" + std::to_string(++saved);
  });
  flow.set_capture_limits(CaptureLimits{1, 0}, CaptureStore{});
  auto form = std::make_shared<const kiosk::forms::FormSpec>(
      kiosk::forms::test::one_field({{"type", "text"}, {"required", true}}));
  auto fill = [&] {
    flow.wipe();
    flow.start(form, "t", kiosk::Lang::En);
    REQUIRE(flow.session()->set_text("f", kiosk::forms::Part::None, "x") ==
            kiosk::forms::InputResult::Ok);
    REQUIRE(flow.session()->next());
  };
  fill();
  REQUIRE(flow.submit() == FormFlow::SubmitResult::Saved);
  fill();
  REQUIRE(flow.submit() == FormFlow::SubmitResult::Failed);
  CHECK(std::string(flow.save_failed_key()) == "form.rate_limited");
  clock.advance(hours(1));
  disk_full = true;
  REQUIRE(flow.submit() == FormFlow::SubmitResult::Failed);
  CHECK(std::string(flow.save_failed_key()) == "form.save_failed");
  CHECK(flow.refusals() == 1);  // a store failure is not a refusal
}

TEST_CASE("the outbox cap: staff warned at 80 %, forms closed at 100 %, an export reopens them") {
  Kiosk k;
  REQUIRE(k.fill("Made up"));
  REQUIRE(k.flow.submit() == FormFlow::SubmitResult::Saved);
  const int64_t one = k.outbox->unexported_bytes();
  REQUIRE(one > 0);
  k.limit(1000, one * 10);
  auto save = [&] {
    REQUIRE(k.fill("Made up"));
    REQUIRE(k.flow.submit() == FormFlow::SubmitResult::Saved);
  };
  for (int n = 2; n <= 7; ++n) save();
  k.staff.refresh_counts();
  CHECK(k.staff.counts().outbox_unexported_bytes == one * 7);
  CHECK(k.staff.counts().outbox_fill_percent() == 70);
  CHECK_FALSE(k.staff.counts().outbox_near_cap());
  save();
  k.staff.refresh_counts();
  CHECK(k.staff.counts().outbox_fill_percent() == 80);
  CHECK(k.staff.counts().outbox_near_cap());
  CHECK_FALSE(k.staff.counts().outbox_at_cap());
  save();

  // A visitor on the form when the outbox fills (another save got there first): refused with the
  // cap's words, nothing stored, the answers kept.
  REQUIRE(k.fill("Last one"));
  {
    kiosk::store::NewSubmission other;
    other.form_id = "signup";
    other.sealed_payload.assign(static_cast<std::size_t>(one), 7);
    k.outbox->enqueue(other);
  }
  CHECK(k.flow.submit() == FormFlow::SubmitResult::Failed);
  CHECK(std::string(k.flow.save_failed_key()) == "form.outbox_full");
  CHECK(k.stored() == 10);
  CHECK(k.answer() == "Last one");
  k.staff.refresh_counts();
  CHECK(k.staff.counts().outbox_at_cap());
  CHECK(k.staff.counts().capture_refusals == 1);

  // At the cap no form opens.
  CHECK(k.flow.forms_closed());
  CHECK_FALSE(k.fill("Next visitor"));
  CHECK_FALSE(k.flow.active());

  // Staff export: the records are on the stick (still queued for upload), so the cap is freed.
  outbox_test::TempDir usb{"usb"};
  kiosk::staff::ExportResult r = kiosk::staff::export_pending(*k.outbox, usb.path(), k.clock);
  CHECK(r.count == 9);  // the unsigned stand-in is left out (and stays queued)
  CHECK(k.stored() == 10);
  // The flow looks again within 30 s.
  k.clock.advance(seconds(30));
  CHECK_FALSE(k.flow.forms_closed());
  CHECK(k.fill("Next visitor"));
  CHECK(k.flow.submit() == FormFlow::SubmitResult::Saved);
  k.staff.refresh_counts();
  CHECK(k.staff.counts().outbox_fill_percent() == 20);
}
