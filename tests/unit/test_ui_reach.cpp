// Reach geometry (issue 18): the 1.22 m line on a floor-standing 43" panel, in px per screen size.
#include <catch2/catch.hpp>

#include "ui/theme/reach.h"

using namespace kiosk::ui;

TEST_CASE("portrait 1080x1920: the line is 420 mm above the panel's bottom edge") {
  // 0.80 m bottom edge, 1.22 m reach: 0.42 m of the 0.9522 m panel is within reach.
  CHECK(reach::panel_height_mm(1080, 1920) == Approx(952.2f));
  CHECK(reach::line_y(1080, 1920) == 1074.0f);  // 1073.1 rounded up: that row is partly above
  // Below the middle of the screen: the top half is out of reach.
  CHECK(reach::line_y(1080, 1920) > 960.0f);
}

TEST_CASE("landscape: the same panel turned, its short side upright") {
  CHECK(reach::panel_height_mm(1920, 1080) == Approx(535.6f));
  CHECK(reach::line_y(1920, 1080) == 234.0f);
  CHECK(reach::line_y(1280, 800) == 173.0f);
}

TEST_CASE("the line scales with the screen's pixel height, not its width") {
  // Same portrait panel, half the pixels: the line at the same fraction of the height.
  CHECK(reach::line_y(540, 960) == 537.0f);
  CHECK(reach::line_y(1080, 1920) / 1920.0f ==
        Approx(reach::line_y(540, 960) / 960.0f).epsilon(0.002));
}

TEST_CASE("degenerate sizes give no line") {
  CHECK(reach::line_y(0, 0) == 0.0f);
  CHECK(reach::line_y(1080, 0) == 0.0f);
}
