// The staff dashboard draws from the StaffSession's cache: 100 frames of it start no SQL statement
// (counted on every store connection through sqlite3_trace_v2), while entering it reads the counts
// once, and an action reads again. Drawn headless: an ImGui context with the real fonts and
// screens, no display and no GL.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <string>

#include "kiosk/app/app.h"
#include "kiosk/app/staff_session.h"
#include "kiosk/content/catalogue.h"
#include "kiosk/core/strings.h"
#include "offline-cache/database.h"
#include "offline-cache/outbox.h"
#include "ui/screens/form_ui.h"
#include "ui/screens/screens.h"
#include "ui/screens/staff_ui.h"
#include "ui/theme/metrics.h"
#include "ui/theme/theme.h"
#include "ui/widgets/registry.h"
#include "ui/widgets/ui.h"

using namespace kiosk;
using namespace kiosk::ui;

namespace {

struct TempDir {
  std::filesystem::path path;
  TempDir() {
    path = std::filesystem::temp_directory_path() /
           ("kiosk-staff-frames-" + std::to_string(::getpid()) + "-" +
            std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
    std::filesystem::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

struct Headless {
  Headless() {
    ImGui::CreateContext();
    theme.m = compute_metrics(1920, 1080);
    theme.f = load_fonts(theme.m);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);  // builds the atlas
    ImGui::GetIO().DisplaySize = ImVec2(1920, 1080);
    ImGui::GetIO().IniFilename = nullptr;
  }
  ~Headless() { ImGui::DestroyContext(); }
  Theme theme;
};

store::NewSubmission signup(int i) {
  store::NewSubmission s;
  s.form_id = "signup";
  s.program_id = "neighborhood-watch";
  s.payload_json = R"({"answers":{"first_name":"Visitor )" + std::to_string(i) + R"("}})";
  return s;
}

}  // namespace

TEST_CASE("100 staff-dashboard frames make no SQLite call, entering the dashboard does") {
  TempDir dir;
  VirtualClock clock;
  Headless h;
  Catalogue cat = bundled_catalogue();
  WidgetRegistry reg;
  App app(clock, AppSettings{});
  Ui ui(app, cat, Strings::builtin(), h.theme, reg, clock);

  store::Outbox outbox(dir.path.string(), clock);
  for (int i = 0; i < 3; ++i) outbox.enqueue(signup(i));
  StaffSession session(clock, dir.path.string());
  session.connect(&outbox, nullptr);
  StaffUi staff(session);
  staff.attach(app);
  FormUi form(clock, [](const store::NewSubmission&) -> std::string { return {}; });
  ui.staff = &staff;
  ui.form = &form;

  auto frame = [&] {
    ImGui::GetIO().DeltaTime = 1.0f / 60;
    ImGui::NewFrame();
    reg.begin_frame();
    ui.begin_frame(PointerFrame{}, clock.now());
    draw_app(ui);
    ImGui::Render();
    clock.advance(std::chrono::milliseconds(16));
  };

  app.open_staff_pin(true);
  app.enter_staff();
  REQUIRE(app.screen() == Screen::StaffHome);

  const uint64_t before_entry = store::sql_statements_started();
  frame();  // the first frame of the dashboard reads the counts once
  const uint64_t after_entry = store::sql_statements_started();
  CHECK(after_entry > before_entry);  // the counter sees the store's statements
  CHECK(WidgetRegistry::shows_text(reg.current(), "Pending: 3"));

  for (int i = 0; i < 100; ++i) frame();
  CHECK(store::sql_statements_started() == after_entry);
  CHECK(WidgetRegistry::shows_text(reg.current(), "Pending: 3"));

  // A visitor's save elsewhere is not seen by drawing; the next refresh (a snapshot or an action)
  // brings it.
  outbox.enqueue(signup(3));
  const uint64_t after_save = store::sql_statements_started();
  for (int i = 0; i < 100; ++i) frame();
  CHECK(store::sql_statements_started() == after_save);
  CHECK(WidgetRegistry::shows_text(reg.current(), "Pending: 3"));
  session.refresh_counts();
  frame();
  CHECK(WidgetRegistry::shows_text(reg.current(), "Pending: 4"));

  // The staff screens follow the kiosk's language like every other screen.
  app.set_lang(Lang::Es);
  frame();
  CHECK(WidgetRegistry::shows_text(reg.current(), "Panel del personal"));
  CHECK(WidgetRegistry::shows_text(reg.current(), "Pendientes: 4"));
  CHECK_FALSE(WidgetRegistry::shows_text(reg.current(), "Staff dashboard"));
}
