// The staff dashboard's actions (issue 14 and 11): with no server configured Export comes first
// and is the primary button while Send now steps back; with a server it is the other way round;
// "Change PIN" comes first, primary, while the dashboard asks for a new PIN. And the staff folder
// field's keyboard: "/" on its first page.
#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <vector>

#include "ui/screens/staff_screens.h"
#include "ui/widgets/keyboard_layout.h"

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

TEST_CASE("staff dashboard: Change PIN comes first and primary while the dashboard asks for it") {
  const auto online = staff_dashboard_actions(false, false, Profile::Lobby);
  const auto asked = staff_dashboard_actions(false, true, Profile::Lobby);
  const auto asked_offline = staff_dashboard_actions(true, true, Profile::Lobby);
  REQUIRE(find(online, "change-pin"));
  CHECK(find(online, "change-pin")->kind == ButtonKind::Secondary);
  CHECK(std::string(online.front().id) != "change-pin");
  CHECK(std::string(asked.front().id) == "change-pin");
  CHECK(asked.front().kind == ButtonKind::Primary);
  // Offline and asked: Change PIN, then Export; both primary, Send now not.
  CHECK(std::string(asked_offline[0].id) == "change-pin");
  CHECK(std::string(asked_offline[1].id) == "export");
  CHECK(asked_offline[1].kind == ButtonKind::Primary);
  CHECK(find(asked_offline, "send-now")->kind == ButtonKind::Secondary);
  // The same actions either way, each once: eight, two rows of four on a wide screen.
  CHECK(online.size() == 8);
  CHECK(asked.size() == 8);
  std::set<std::string> ids;
  for (const StaffAction& x : asked_offline) CHECK(ids.insert(x.id).second);
}

TEST_CASE("keyboard: a folder path gets / and ~ on the first page - plain staff text does not") {
  KeyboardState kb;
  kb.on_focus(forms::FieldType::Text, forms::Part::None, true);
  kb.shift = true;
  kb.on_focus_kind(TextKind::FolderPath);
  CHECK(kb.layout == KeyLayout::Path);
  CHECK_FALSE(kb.symbols);
  CHECK_FALSE(kb.shift);  // a path is typed as the system shows it: no automatic capital
  auto first_page = [](KeyLayout l) {
    std::set<std::string> chars;
    for (const KeyRow& r : keyboard_rows(l, false))
      for (const Key& k : r)
        if (k.action == KeyAction::Char) CHECK(chars.insert(k.text).second);  // labels unique
    return chars;
  };
  const auto path = first_page(KeyLayout::Path);
  for (const char* c : {"/", "~", "-", "_", ".", "0", "9", "a", "z"}) CHECK(path.count(c));
  CHECK_FALSE(first_page(layout_for(TextKind::Plain)).count("/"));
  // The "123" page is still there, with every symbol.
  bool symbols_key = false;
  for (const KeyRow& r : keyboard_rows(KeyLayout::Path, false))
    for (const Key& k : r) symbols_key = symbols_key || k.action == KeyAction::Symbols;
  CHECK(symbols_key);
  CHECK(&keyboard_rows(KeyLayout::Path, true) == &keyboard_rows(KeyLayout::Letters, true));
}
