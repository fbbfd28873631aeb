// load_catalogue_dir: reads a content bundle from a directory (the --content DIR option and
// --check-content), then validates it like any other bundle; the pictures items name are read
// from its pictures/ folder. Unreadable files are errors too.
#include <filesystem>
#include <system_error>

#include "kiosk/content/bundle.h"
#include "kiosk/content/catalogue.h"
#include "kiosk/content/json_reader.h"
#include "kiosk/core/file_io.h"

namespace kiosk {

namespace fs = std::filesystem;

CatalogueResult load_catalogue_dir(const std::string& dir) {
  CatalogueResult result;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    result.errors.push_back(dir + ": not a directory" +
                            (ec ? " (" + ec.message() + ")" : std::string()));
    return result;
  }
  std::map<std::string, std::string> files, unreadable;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path& p = it->path();
    std::error_code type_ec;
    if (p.extension() != ".json" || !it->is_regular_file(type_ec)) continue;
    // Bounded by the content limit, so a mistaken path never makes the kiosk swallow a huge file.
    std::string error;
    if (auto bytes = read_file(p.string(), error, content::kMaxFileBytes))
      files.emplace(p.filename().string(), std::move(*bytes));
    else
      unreadable.emplace(p.filename().string(), error);
  }
  if (ec) {
    result.errors.push_back(dir + ": cannot list the directory (" + ec.message() + ")");
    return result;
  }
  return content::load_bundle(files, unreadable, content::pictures_in_dir(dir));
}

}  // namespace kiosk
