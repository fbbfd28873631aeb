// Fuzzes the UI test-script language (docs/script-harness.md): parsing only, as `--script FILE`
// reads it before anything is played.
#include <cstdint>

#include "tests/fuzz/fuzz_input.h"
#include "ui/script/script.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  auto parsed = kiosk::ui::parse_script(kiosk::fuzz::as_text(data, size));
  // Every command's line is a line of the script.
  for (const auto& c : parsed.commands)
    if (c.line < 1 || static_cast<std::size_t>(c.line) > size + 1) __builtin_trap();
  return 0;
}
