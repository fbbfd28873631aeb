// Fuzzes the content bundle loader (--check-content, the GUI's catalogue): the input is a file
// name on its first line and that file's bytes after it, put in place of (or beside) the bundled
// demo bundle's files, so the other files stay valid and cross-file checks are reached too.
#include <cstdint>
#include <map>
#include <string>

#include "kiosk/content/catalogue.h"
#include "kiosk/core/embedded_assets.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  static const std::map<std::string, std::string> bundled = kiosk::assets::under("content/");
  std::string_view rest = kiosk::fuzz::as_text(data, size);
  std::string name = kiosk::fuzz::take_line(rest);
  auto files = bundled;
  files[name] = std::string(rest);
  auto r = kiosk::load_catalogue(files);
  if (r.catalogue.has_value() != r.errors.empty())
    __builtin_trap();  // a bad bundle is refused whole
  if (r.catalogue) (void)r.catalogue->upcoming_events("2026-06-01");
  return 0;
}
