// Picture and icon checks for content bundles. A picture is judged from its bytes alone (the PNG
// signature, then the size stb_image reads from the header), so a bad file is refused by
// --check-content before the screen ever tries to decode it.
#include "kiosk/content/pictures.h"

#include <stb/stb_image.h>  // declarations only: libstb provides the code

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <set>
#include <system_error>

#include "kiosk/content/icon_names.h"
#include "kiosk/core/file_io.h"
#include "kiosk/core/utf8.h"

namespace kiosk::content {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMaxPictureNameBytes = 64;
constexpr unsigned char kPngSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

// A value for a message: clipped (never inside a UTF-8 sequence) and with control characters
// shown as "?", so a bad name cannot break the one-error-per-line report.
std::string quoted(const std::string& s) {
  std::string v = s.size() <= 60 ? s : std::string(utf8::prefix_bytes(s, 57)) + "...";
  std::replace_if(
      v.begin(), v.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; }, '?');
  return "\"" + v + "\"";
}

// "2.5 MiB" for messages that state a size against a limit in MiB.
std::string mebibytes(std::uintmax_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  return buf;
}

std::string over_bytes(const std::string& name, std::uintmax_t size) {
  return "pictures/" + name + " is " + mebibytes(size) + " (" + std::to_string(size) +
         " bytes); at most " + std::to_string(kMaxPictureBytes >> 20) + " MiB (" +
         std::to_string(kMaxPictureBytes) + " bytes) per picture";
}

}  // namespace

PictureReader pictures_in_memory(const std::map<std::string, std::string>& files) {
  return [&files](const std::string& name) {
    PictureFile f;
    auto it = files.find("pictures/" + name);
    if (it == files.end()) return f;  // Missing
    f.size = it->second.size();
    if (f.size > kMaxPictureBytes) {
      f.state = PictureFile::State::TooLarge;
      return f;
    }
    f.state = PictureFile::State::Read;
    f.bytes = it->second;
    return f;
  };
}

PictureReader pictures_in_dir(const std::string& dir) {
  return [dir](const std::string& name) {
    PictureFile f;
    const fs::path path = fs::path(dir) / "pictures" / name;
    std::error_code ec;
    fs::file_status st = fs::status(path, ec);
    if (st.type() == fs::file_type::not_found) return f;  // Missing
    if (st.type() == fs::file_type::none) {               // e.g. pictures/ not searchable
      f.state = PictureFile::State::Unreadable;
      f.reason = "cannot read: " + ec.message();
      return f;
    }
    if (fs::is_regular_file(st)) {
      std::uintmax_t size = fs::file_size(path, ec);
      if (!ec && size > kMaxPictureBytes) {  // not read: its size alone refuses it
        f.state = PictureFile::State::TooLarge;
        f.size = size;
        return f;
      }
    }
    // read_file says why a directory, a device or a file that grew cannot be read.
    if (auto bytes = read_file(path.string(), f.reason, kMaxPictureBytes)) {
      f.state = PictureFile::State::Read;
      f.size = bytes->size();
      f.bytes = std::move(*bytes);
    } else {
      f.state = PictureFile::State::Unreadable;
    }
    return f;
  };
}

std::string check_picture_name(const std::string& name) {
  const std::string expected =
      "expected a file name in the bundle's pictures/ folder: lower-case letters, digits and "
      "hyphens, ending in .png (\"station-tours.png\"; no folders)";
  if (name.size() <= 4 || name.size() > kMaxPictureNameBytes || !name.ends_with(".png"))
    return expected + ", got " + quoted(name);
  bool ok = std::all_of(name.begin(), name.end() - 4, [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
  return ok ? "" : expected + ", got " + quoted(name);
}

std::string check_picture_bytes(const std::string& name, const std::string& bytes) {
  const std::string file = "pictures/" + name;
  if (bytes.size() > kMaxPictureBytes) return over_bytes(name, bytes.size());
  if (bytes.size() < sizeof kPngSignature ||
      !std::equal(std::begin(kPngSignature), std::end(kPngSignature), bytes.begin(),
                  [](unsigned char a, char b) { return a == static_cast<unsigned char>(b); }))
    return file + " is not a PNG file (pictures must be PNG, at most " +
           std::to_string(kMaxPictureSide) + "x" + std::to_string(kMaxPictureSide) + " pixels)";
  int w = 0, h = 0, comp = 0;
  // Bounded by kMaxPictureBytes above, so the size fits an int.
  if (!stbi_info_from_memory(reinterpret_cast<const stbi_uc*>(bytes.data()),
                             static_cast<int>(bytes.size()), &w, &h, &comp))
    return file + " is a damaged PNG file (its size cannot be read: " + stbi_failure_reason() + ")";
  if (w <= 0 || h <= 0 || w > kMaxPictureSide || h > kMaxPictureSide)
    return file + " is " + std::to_string(w) + "x" + std::to_string(h) + " pixels; at most " +
           std::to_string(kMaxPictureSide) + "x" + std::to_string(kMaxPictureSide);
  return "";
}

std::string check_icon_name(const std::string& name) {
  if (icon_code(name)) return "";
  std::string hint = " (a Fork Awesome icon name such as \"car\" or \"users\"";
  if (name.starts_with("fa-") && icon_code(name.substr(3)))
    hint += "; write \"" + name.substr(3) + "\" without \"fa-\"";
  return "unknown icon " + quoted(name) + hint + ")";
}

std::string read_picture_key(ObjectReader& r, const std::string& key,
                             std::vector<PictureUse>& uses) {
  auto name = r.string(key, false);
  if (!name) return "";
  if (std::string m = check_picture_name(*name); !m.empty()) {
    r.errors().add(r.path_of(key), m);
    return "";
  }
  uses.push_back({&r.errors(), r.path_of(key), *name});
  return *name;
}

Visual read_visual(ObjectReader& r, std::vector<PictureUse>& uses) {
  Visual v;
  v.picture = read_picture_key(r, "picture", uses);
  if (auto icon = r.string("icon", false)) {
    if (std::string m = check_icon_name(*icon); !m.empty())
      r.errors().add(r.path_of("icon"), m);
    else
      v.icon = *icon;
  }
  return v;
}

std::map<std::string, std::string> check_pictures(const std::vector<PictureUse>& uses,
                                                  const PictureReader& reader,
                                                  ErrorSink& bundle_errors) {
  std::map<std::string, std::string> read;
  std::set<std::string> seen;
  std::uintmax_t total = 0;
  for (const auto& use : uses) {
    if (!seen.insert(use.name).second) continue;  // each file is judged (and reported) once
    const std::string file = "pictures/" + use.name;
    PictureFile f = reader(use.name);
    switch (f.state) {
      case PictureFile::State::Missing: use.errors->add(use.path, file + " is missing"); break;
      case PictureFile::State::Unreadable: use.errors->add(use.path, file + ": " + f.reason); break;
      case PictureFile::State::TooLarge:
        use.errors->add(use.path, over_bytes(use.name, f.size));
        total += f.size;
        break;
      case PictureFile::State::Read:
        total += f.bytes.size();
        if (std::string m = check_picture_bytes(use.name, f.bytes); !m.empty())
          use.errors->add(use.path, m);
        else
          read.emplace(use.name, std::move(f.bytes));
        break;
    }
  }
  if (total > kMaxBundlePictureBytes)
    bundle_errors.add("", "the " + std::to_string(seen.size()) + " pictures named take " +
                              mebibytes(total) + " (" + std::to_string(total) +
                              " bytes) in all; at most " +
                              std::to_string(kMaxBundlePictureBytes >> 20) + " MiB (" +
                              std::to_string(kMaxBundlePictureBytes) + " bytes) per bundle");
  return read;
}

}  // namespace kiosk::content
