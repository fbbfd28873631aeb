// Wrapping never splits a number: ImGui 1.86 ends lines after '.', ',' and ':', which cut
// "$10.00" into "$10." / "00" on the crash report's copies step. Needs an ImGui context and the
// atlas builder only (no display, no GL).
#include <catch2/catch.hpp>

#include <string>

#include "ui/theme/metrics.h"
#include "ui/theme/theme.h"
#include "ui/widgets/widgets.h"

using namespace kiosk::ui;

namespace {
struct Context {
  Context() { ImGui::CreateContext(); }
  ~Context() { ImGui::DestroyContext(); }
};

bool digit(char c) { return c >= '0' && c <= '9'; }
}  // namespace

TEST_CASE("keep_numbers_whole moves a break inside a number to the blank before it") {
  const std::string s = "It costs $10.00 per copy";
  const char* p = s.data();
  const char* nl = p + s.size();
  const char* inside = p + s.find("00 per");  // ImGui's break after "$10."
  CHECK(keep_numbers_whole(p, inside, nl) == p + s.find("$10"));
  const char* after_word = p + s.find("per");  // a break between words stays
  CHECK(keep_numbers_whole(p, after_word, nl) == after_word);
  const std::string t = "Weekdays 8 a.m.–4:30 p.m.";
  const char* q = t.data();
  // "a.m.–4:30" has no blank inside: the break goes before the whole word.
  CHECK(keep_numbers_whole(q, q + t.find("30 p"), q + t.size()) == q + t.find("a.m.–4:30"));
  const std::string only = "10.00";  // a number alone on its line must still break somewhere
  CHECK(keep_numbers_whole(only.data(), only.data() + 3, only.data() + 5) == only.data() + 3);
}

TEST_CASE("wrapped help text never splits an amount or a time, at any width") {
  Context ctx;
  Metrics m = compute_metrics(1920, 1080);
  Fonts f = load_fonts(m);
  REQUIRE(ImGui::GetIO().Fonts->Build());
  const std::string text =
      "A certified copy carries the department's seal, for a court or an agency. It costs $10.00 "
      "per copy instead of $5.00. Records Unit, weekdays 8 a.m.–4:30 p.m., 1,250 pages at most.";
  int breaks_seen = 0;
  for (float w = 120; w <= 1400; w += 7) {
    const auto lines = wrap_lines(f.small, f.small->FontSize, text, w);
    for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
      ++breaks_seen;
      const char* end = lines[i].end;
      const char* next = lines[i + 1].begin;
      INFO("width " << w << ": line ends \"" << std::string(lines[i].begin, end) << "\"");
      REQUIRE(end > lines[i].begin);
      const bool splits_number = end - lines[i].begin >= 2 &&
                                 (end[-1] == '.' || end[-1] == ',' || end[-1] == ':') &&
                                 digit(end[-2]) && digit(*next);
      CHECK_FALSE(splits_number);
    }
  }
  CHECK(breaks_seen > 100);  // the sweep really wrapped the text many times
}
