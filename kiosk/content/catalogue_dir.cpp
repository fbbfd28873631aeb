// load_catalogue_dir: reads a content bundle from a directory (the --content DIR option and
// --check-content), then validates it like any other bundle. Unreadable files are errors too.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "kiosk/content/bundle.h"
#include "kiosk/content/catalogue.h"
#include "kiosk/content/json_reader.h"

namespace kiosk {
namespace {

namespace fs = std::filesystem;

// Reads one file whole; reports (and returns false) when it cannot, or when it is too large to be
// content, so that a mistaken path never makes the kiosk swallow a huge file.
bool read_file(const fs::path& path, std::string& out, std::string& error) {
  std::error_code ec;
  auto size = fs::file_size(path, ec);
  if (ec) {
    error = "cannot read: " + ec.message();
    return false;
  }
  if (size > content::kMaxFileBytes) {
    error = "file too large (" + std::to_string(size) + " bytes; at most " +
            std::to_string(content::kMaxFileBytes) + ")";
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  if (!in.good() && !in.eof()) {
    error = "cannot read the file";
    return false;
  }
  out = ss.str();
  return true;
}

}  // namespace

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
    std::string bytes, error;
    if (read_file(p, bytes, error))
      files.emplace(p.filename().string(), std::move(bytes));
    else
      unreadable.emplace(p.filename().string(), error);
  }
  if (ec) {
    result.errors.push_back(dir + ": cannot list the directory (" + ec.message() + ")");
    return result;
  }
  return content::load_bundle(files, unreadable);
}

}  // namespace kiosk
