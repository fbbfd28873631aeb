// The staff dashboard's actions (issue 14 and 11): with no server configured Export comes first
// and is the primary button while Send now steps back; with a server it is the other way round;
// "Change PIN" is among the actions unless the dashboard asks for a new PIN (then its button
// stands beside the ask).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "ui/screens/staff_screens.h"

using namespace kiosk;
using namespace kiosk::ui;

namespace {

const StaffAction* find(const std::vector<StaffAction>& a, const std::string& id) {
  for (const StaffAction& x : a)
    if (id == x.id) return &x;
  return nullptr;
}

int primaries(const std::vector<StaffAction>& a) {
  int n = 0;
  for (const StaffAction& x : a) n += x.kind == ButtonKind::Primary;
  return n;
}

}  // namespace

TEST_CASE("staff dashboard: offline, Export leads as the one primary action") {
  const auto a = staff_dashboard_actions(true, false, Profile::Lobby);
  REQUIRE_FALSE(a.empty());
  CHECK(std::string(a.front().id) == "export");
  CHECK(a.front().kind == ButtonKind::Primary);
  REQUIRE(find(a, "send-now"));
  CHECK(find(a, "send-now")->kind == ButtonKind::Secondary);
  CHECK(primaries(a) == 1);
  CHECK(std::string(a.back().id) == "exit");
}

TEST_CASE("staff dashboard: with a server, Send now leads and Export is secondary") {
  const auto a = staff_dashboard_actions(false, false, Profile::Booth);
  CHECK(std::string(a.front().id) == "send-now");
  CHECK(a.front().kind == ButtonKind::Primary);
  REQUIRE(find(a, "export"));
  CHECK(find(a, "export")->kind == ButtonKind::Secondary);
  CHECK(primaries(a) == 1);
  REQUIRE(find(a, "profile"));
  CHECK(std::string(find(a, "profile")->key) == "staff.action.to_lobby");
}

TEST_CASE("staff dashboard: Change PIN is an action unless the dashboard asks for it") {
  const auto online = staff_dashboard_actions(false, false, Profile::Lobby);
  const auto offline = staff_dashboard_actions(true, false, Profile::Lobby);
  const auto asked = staff_dashboard_actions(false, true, Profile::Lobby);
  const auto asked_offline = staff_dashboard_actions(true, true, Profile::Lobby);
  CHECK(find(online, "change-pin"));
  CHECK(find(offline, "change-pin"));
  CHECK_FALSE(find(asked, "change-pin"));
  // Every action but the asked-for one stays.
  CHECK(asked_offline.size() == offline.size() - 1);
}
