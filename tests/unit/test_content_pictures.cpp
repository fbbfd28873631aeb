// Pictures and icons in content bundles (issue 17): each defect a picture or icon name can have is
// refused with a message naming the item, the file and the limit; the limits hold at their exact
// edges; the bundled demo resolves every visual it names; and the last good copy keeps the
// pictures with the JSON, never half-replaced by a rejected bundle.
#include <catch2/catch.hpp>
#include <stb/stb_image_write.h>  // declarations only: libstb provides the code

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <random>
#include <set>

#include "kiosk/content/catalogue.h"
#include "kiosk/content/icon_names.h"
#include "kiosk/content/pictures.h"
#include "kiosk/core/embedded_assets.h"
#include "kiosk/core/log.h"

using kiosk::load_catalogue;
using nlohmann::json;
using Files = std::map<std::string, std::string>;
using Errors = std::vector<std::string>;
namespace fs = std::filesystem;

namespace {

Files bundled_files() { return kiosk::assets::under("content/"); }

Files with_json(Files f, const std::string& file, const std::function<void(json&)>& edit) {
  json j = json::parse(f.at(file));
  edit(j);
  f[file] = j.dump(2);
  return f;
}

Files with_json(const std::string& file, const std::function<void(json&)>& edit) {
  return with_json(bundled_files(), file, edit);
}

Errors errors_of(const Files& files) {
  auto r = load_catalogue(files);
  CHECK(r.catalogue.has_value() == r.errors.empty());  // a bad bundle is rejected whole
  return r.errors;
}

// A real PNG written by stb_image_write: `w` x `h` pixels of noise (`noise`, so it barely
// compresses and its size grows with its area) or of one colour.
std::string png(int w, int h, bool noise = false) {
  std::vector<unsigned char> px(static_cast<std::size_t>(w) * h * 3, 0x5A);
  if (noise) {
    std::mt19937 rng(42);
    for (auto& b : px) b = static_cast<unsigned char>(rng());
  }
  std::string out;
  stbi_write_png_to_func(
      [](void* ctx, void* data, int size) {
        static_cast<std::string*>(ctx)->append(static_cast<const char*>(data),
                                               static_cast<std::size_t>(size));
      },
      &out, w, h, 3, px.data(), w * 3);
  REQUIRE(out.size() > 8);
  return out;
}

// A valid PNG of exactly `bytes` bytes: decoders stop at the IEND chunk, so the zero bytes after
// it change nothing but the file's size, which is what the byte limits are about.
std::string png_of_size(std::size_t bytes) {
  std::string p = png(4, 3);
  REQUIRE(p.size() <= bytes);
  p.resize(bytes, '\0');
  return p;
}

struct TempDir {
  fs::path path;
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "kiosk-pictures-XXXXXX").string();
    REQUIRE(mkdtemp(tmpl.data()) != nullptr);
    path = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  void write(const std::string& name, const std::string& bytes) const {
    fs::create_directories((path / name).parent_path());
    std::ofstream(path / name, std::ios::binary) << bytes;
  }
  void write_all(const Files& files) const {
    for (const auto& [name, bytes] : files) write(name, bytes);
  }
};

std::string read_bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// Program 3 names `picture`, given as `bytes` in the bundle's pictures/ folder.
Files program_picture(const std::string& picture, const std::string& bytes) {
  Files f = with_json("programs.json", [&](json& j) { j["programs"][3]["picture"] = picture; });
  f["pictures/" + picture] = bytes;
  return f;
}

// Sends the log to a file for the test's lifetime, so choose_content's lines stay out of the output.
struct QuietLog {
  TempDir dir;
  QuietLog() {
    kiosk::log::Options lo;
    lo.file = (dir.path / "kiosk.log").string();
    lo.to_stderr = false;
    kiosk::log::init(lo);
  }
  ~QuietLog() { kiosk::log::init(kiosk::log::Options{}); }
};

}  // namespace

TEST_CASE("the bundled catalogue resolves every picture and icon it names") {
  const kiosk::Catalogue c = kiosk::bundled_catalogue();
  std::set<std::string> named;
  auto check_visual = [&](const kiosk::Visual& v, const std::string& what) {
    INFO(what);
    if (!v.picture.empty()) {
      named.insert(v.picture);
      REQUIRE(c.pictures.count(v.picture) == 1);
      CHECK(kiosk::content::check_picture_bytes(v.picture, c.pictures.at(v.picture)).empty());
    }
    if (!v.icon.empty()) CHECK(kiosk::content::icon_code(v.icon).has_value());
  };
  // The demo shows what a bundle can do: a picture per category and feature, an icon per
  // program, a logo, and highlights with icons beside plain ones.
  for (const auto& cat : c.categories) {
    CHECK_FALSE(cat.visual.picture.empty());
    check_visual(cat.visual, "category " + cat.id);
  }
  for (const auto& p : c.programs) {
    CHECK_FALSE(p.visual.icon.empty());
    check_visual(p.visual, "program " + p.id);
  }
  std::size_t highlights_with_icons = 0;
  for (const auto& h : c.department.highlights) {
    highlights_with_icons += h.visual.icon.empty() ? 0 : 1;
    check_visual(h.visual, "highlight " + h.en);
  }
  CHECK(highlights_with_icons >= 1);
  for (std::size_t i = 0; i < std::size(kiosk::kFeatureIds); ++i) {
    CHECK_FALSE(c.department.features[i].picture.empty());
    check_visual(c.department.features[i], kiosk::kFeatureIds[i]);
  }
  CHECK(c.department.feature(kiosk::Feature::CrashReport).picture == "crash-report.png");
  REQUIRE_FALSE(c.department.logo.empty());
  check_visual({c.department.logo, ""}, "logo");
  // Only the pictures something names are kept, and the embedded bytes are the files'.
  CHECK(c.pictures.size() == named.size());
  for (const auto& [name, bytes] : c.pictures)
    CHECK(bytes == read_bytes(fs::path(KIOSK_SOURCE_DIR) / "assets/content/pictures" / name));
}

TEST_CASE("a named picture that is missing is an error at the item naming it") {
  Files f = with_json("programs.json", [](json& j) { j["programs"][3]["picture"] = "tours.png"; });
  CHECK(errors_of(f) ==
        Errors{"programs.json: /programs/3/picture: pictures/tours.png is missing"});

  f = with_json("department.json", [](json& j) { j["department"]["logo"] = "badge.png"; });
  CHECK(errors_of(f) == Errors{"department.json: /department/logo: pictures/badge.png is missing"});
}

TEST_CASE("a picture that is not a PNG is refused, naming the format and size allowed") {
  const std::string not_png = " is not a PNG file (pictures must be PNG, at most 2048x2048 pixels)";
  // A JPEG's first bytes (SOI, APP0 "JFIF"), as a photo renamed to .png would start.
  const std::string jpeg("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00",
                         20);
  CHECK(errors_of(program_picture("photo.png", jpeg)) ==
        Errors{"programs.json: /programs/3/picture: pictures/photo.png" + not_png});
  CHECK(errors_of(program_picture("notes.png", "Remember to add the tour photo.\n")) ==
        Errors{"programs.json: /programs/3/picture: pictures/notes.png" + not_png});
  CHECK(errors_of(program_picture("empty.png", "")) ==
        Errors{"programs.json: /programs/3/picture: pictures/empty.png" + not_png});
  // The signature alone is not enough: the header must give a size.
  Errors e = errors_of(program_picture("cut.png", png(8, 8).substr(0, 12)));
  REQUIRE(e.size() == 1);
  CHECK_THAT(e[0], Catch::StartsWith("programs.json: /programs/3/picture: pictures/cut.png is a "
                                     "damaged PNG file (its size cannot be read: "));
}

TEST_CASE("a picture over 2048 pixels on a side is refused, 2048 is accepted") {
  CHECK(errors_of(program_picture("wide.png", png(2049, 10))) ==
        Errors{"programs.json: /programs/3/picture: pictures/wide.png is 2049x10 pixels; at most "
               "2048x2048"});
  CHECK(errors_of(program_picture("tall.png", png(10, 2049))) ==
        Errors{"programs.json: /programs/3/picture: pictures/tall.png is 10x2049 pixels; at most "
               "2048x2048"});
  auto r = load_catalogue(program_picture("edge.png", png(2048, 2048)));
  CHECK(r.errors.empty());
  REQUIRE(r.catalogue);
  CHECK(r.catalogue->programs[3].visual.picture == "edge.png");
  CHECK(r.catalogue->pictures.count("edge.png") == 1);
}

TEST_CASE("a picture over 2 MiB is refused, exactly 2 MiB is accepted") {
  // Real noise, as a photo saved without care would be.
  const std::string big = png(1000, 800, true);
  REQUIRE(big.size() > kiosk::kMaxPictureBytes);
  char mib[16];
  std::snprintf(mib, sizeof mib, "%.1f", static_cast<double>(big.size()) / (1 << 20));
  CHECK(errors_of(program_picture("photo.png", big)) ==
        Errors{"programs.json: /programs/3/picture: pictures/photo.png is " + std::string(mib) +
               " MiB (" + std::to_string(big.size()) +
               " bytes); at most 2 MiB (2097152 bytes) per picture"});
  CHECK(errors_of(program_picture("edge.png", png_of_size(kiosk::kMaxPictureBytes))).empty());
  CHECK(errors_of(program_picture("over.png", png_of_size(kiosk::kMaxPictureBytes + 1))) ==
        Errors{"programs.json: /programs/3/picture: pictures/over.png is 2.0 MiB (2097153 bytes); "
               "at most 2 MiB (2097152 bytes) per picture"});
}

TEST_CASE("all the pictures a bundle names may take 32 MiB, not one byte more is refused") {
  // The bundled pictures, plus 16 more that bring the total to exactly 32 MiB.
  const kiosk::Catalogue bundled = kiosk::bundled_catalogue();
  std::size_t bundled_bytes = 0;
  for (const auto& [name, bytes] : bundled.pictures) bundled_bytes += bytes.size();
  auto bundle = [&](std::size_t extra) {
    Files f = with_json("programs.json", [](json& j) {
      for (int i = 0; i < 16; ++i) j["programs"][i]["picture"] = "p" + std::to_string(i) + ".png";
    });
    std::size_t left = kiosk::kMaxBundlePictureBytes - bundled_bytes + extra;
    for (int i = 0; i < 16; ++i) {
      std::size_t size = std::min(left - (15 - i) * std::size_t{64}, kiosk::kMaxPictureBytes);
      f["pictures/p" + std::to_string(i) + ".png"] = png_of_size(size);
      left -= size;
    }
    REQUIRE(left == 0);
    return f;
  };
  CHECK(errors_of(bundle(0)).empty());
  const std::string n = std::to_string(bundled.pictures.size() + 16);
  CHECK(errors_of(bundle(1)) == Errors{"pictures/: the " + n +
                                       " pictures named take 32.0 MiB (33554433 bytes) in all; at "
                                       "most 32 MiB (33554432 bytes) per bundle"});
}

TEST_CASE("a bundle on disk over 32 MiB of pictures is refused, its files read from pictures/") {
  TempDir dir;
  dir.write_all(with_json("programs.json", [](json& j) {
    for (int i = 0; i < 17; ++i) j["programs"][i]["picture"] = "p" + std::to_string(i) + ".png";
  }));
  for (int i = 0; i < 17; ++i)
    dir.write("pictures/p" + std::to_string(i) + ".png", png_of_size(kiosk::kMaxPictureBytes));
  auto r = kiosk::load_catalogue_dir(dir.path.string());
  CHECK_FALSE(r.catalogue);
  REQUIRE(r.errors.size() == 1);
  CHECK_THAT(r.errors[0],
             Catch::StartsWith("pictures/: the ") &&
                 Catch::EndsWith(" in all; at most 32 MiB (33554432 bytes) per bundle"));
}

TEST_CASE("a picture on disk: too large without reading it, unreadable with its reason") {
  TempDir dir;
  dir.write_all(with_json("categories.json", [](json& j) {
    j["categories"][0]["picture"] = "huge.png";
    j["categories"][1]["picture"] = "folder.png";
  }));
  dir.write("pictures/huge.png", png_of_size(3 * 1024 * 1024));
  fs::create_directories(dir.path / "pictures" / "folder.png");
  dir.write("pictures/unused.png", "not a picture, but nothing names it");
  auto r = kiosk::load_catalogue_dir(dir.path.string());
  CHECK(r.errors == Errors{"categories.json: /categories/0/picture: pictures/huge.png is 3.0 MiB "
                           "(3145728 bytes); at most 2 MiB (2097152 bytes) per picture",
                           "categories.json: /categories/1/picture: pictures/folder.png: cannot "
                           "read: Is a directory"});
}

TEST_CASE("an unknown icon name is refused, with a hint for the fa- prefix") {
  CHECK(
      errors_of(with_json("programs.json", [](json& j) { j["programs"][0]["icon"] = "fa-eye"; })) ==
      Errors{"programs.json: /programs/0/icon: unknown icon \"fa-eye\" (a Fork Awesome icon name "
             "such as \"car\" or \"users\"; write \"eye\" without \"fa-\")"});
  CHECK(errors_of(with_json("categories.json",
                            [](json& j) { j["categories"][2]["icon"] = "unicorn-rainbow"; })) ==
        Errors{"categories.json: /categories/2/icon: unknown icon \"unicorn-rainbow\" (a Fork "
               "Awesome icon name such as \"car\" or \"users\")"});
  CHECK(errors_of(with_json("programs.json", [](json& j) { j["programs"][0]["icon"] = 7; })) ==
        Errors{"programs.json: /programs/0/icon: expected a string, got a number"});
}

TEST_CASE("a picture name with a folder, capitals or another extension is refused") {
  const std::string expected =
      "expected a file name in the bundle's pictures/ folder: lower-case letters, digits and "
      "hyphens, ending in .png (\"station-tours.png\"; no folders), got ";
  for (const std::string& bad :
       std::vector<std::string>{"../secret.png", "sub/x.png", "/etc/x.png", "Tours.png",
                                "tours.PNG", "tours.jpg", "tours", ".png", "tour s.png",
                                "tour_s.png", "t\xC3\xA9.png", std::string(61, 'a') + ".png"}) {
    INFO(bad);
    Files f = with_json("programs.json", [&](json& j) { j["programs"][2]["picture"] = bad; });
    f["pictures/" + bad] = png(4, 3);  // present or not, the name alone refuses it
    Errors e = errors_of(f);
    REQUIRE(e.size() == 1);
    CHECK_THAT(e[0], Catch::StartsWith("programs.json: /programs/2/picture: " + expected));
  }
  // Control characters in a bad name cannot break the one-error-per-line report.
  Errors e = errors_of(
      with_json("programs.json", [](json& j) { j["programs"][2]["picture"] = "a\nb.png"; }));
  REQUIRE(e.size() == 1);
  CHECK(e[0].find('\n') == std::string::npos);
}

TEST_CASE("features, logo and highlight visuals are read, and their keys checked") {
  Files f = with_json("department.json", [](json& j) {
    json& d = j["department"];
    d["features"]["events"] = {{"icon", "calendar"}};
    d["highlights"][1] = {{"text", d["highlights"][1]}, {"picture", "events.png"}};
  });
  auto r = load_catalogue(f);
  REQUIRE(r.catalogue);
  const kiosk::Department& d = r.catalogue->department;
  CHECK(d.feature(kiosk::Feature::Events).icon == "calendar");
  CHECK(d.feature(kiosk::Feature::Events).picture.empty());
  CHECK(d.feature(kiosk::Feature::Programs).picture == "programs.png");
  CHECK(d.highlights[1].visual.picture == "events.png");
  CHECK(d.highlights[2].visual.empty());  // a bare text stays valid, with no visual
  CHECK(d.logo == "department-logo.png");

  // A bundle written before pictures existed loads unchanged, with no pictures at all.
  Files old = with_json("department.json", [](json& j) {
    j["department"].erase("logo");
    j["department"].erase("features");
    for (auto& h : j["department"]["highlights"]) h.erase("icon");
  });
  old = with_json(old, "categories.json", [](json& j) {
    for (auto& c : j["categories"]) c.erase("picture");
  });
  old = with_json(old, "programs.json", [](json& j) {
    for (auto& p : j["programs"]) p.erase("icon");
  });
  for (auto it = old.begin(); it != old.end();)
    it = it->first.starts_with("pictures/") ? old.erase(it) : std::next(it);
  r = load_catalogue(old);
  CHECK(r.errors.empty());
  REQUIRE(r.catalogue);
  CHECK(r.catalogue->pictures.empty());
  CHECK(r.catalogue->department.logo.empty());

  CHECK(
      errors_of(with_json(
          "department.json",
          [](json& j) {
            j["department"]["features"]["coffee"] = {{"icon", "coffee"}};
            j["department"]["features"]["events"] = {{"picture", "events.png"}, {"colour", "red"}};
            j["department"]["features"]["programs"] = "users";
          })) ==
      Errors{"department.json: /department/features/programs: expected a feature object "
             "with \"picture\" or \"icon\", got a string",
             "department.json: /department/features/events/colour: unknown key \"colour\"",
             "department.json: /department/features/coffee: unknown key \"coffee\""});
}

TEST_CASE("a picture named by several items is checked and reported once") {
  Files f = with_json("categories.json", [](json& j) {
    for (auto& c : j["categories"]) c["picture"] = "same.png";
  });
  CHECK(errors_of(f) ==
        Errors{"categories.json: /categories/0/picture: pictures/same.png is missing"});
  f["pictures/same.png"] = png(48, 36);
  auto r = load_catalogue(f);
  REQUIRE(r.catalogue);
  CHECK(r.catalogue->pictures.count("same.png") == 1);
  // Pictures nobody names are not kept (the category pictures are no longer named).
  CHECK(r.catalogue->pictures.count("neighborhood-safety.png") == 0);
}

TEST_CASE("the last good copy keeps the named pictures with the JSON") {
  QuietLog quiet;
  TempDir data, good;
  good.write_all(bundled_files());
  good.write("pictures/unused.png", png(4, 3));
  auto c = kiosk::choose_content(good.path.string(), data.path.string());
  REQUIRE(c.source == kiosk::ContentSource::Configured);
  const fs::path kept = kiosk::last_good_content_dir(data.path.string());
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(kept / "pictures"))
    names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  std::vector<std::string> expected;
  for (const auto& [name, bytes] : c.catalogue->pictures) expected.push_back(name);
  CHECK(names == expected);  // the named ones only: unused.png is not copied
  for (const auto& name : names)
    CHECK(read_bytes(kept / "pictures" / name) == read_bytes(good.path / "pictures" / name));
  auto copy = kiosk::load_catalogue_dir(kept.string());
  REQUIRE(copy.catalogue);
  CHECK(copy.catalogue->pictures == c.catalogue->pictures);

  // A bundle rejected for a picture leaves the copy whole: its JSON and its pictures.
  const std::string logo_before = read_bytes(kept / "pictures/department-logo.png");
  good.write_all(with_json("programs.json",
                           [](json& j) { j["programs"][0]["title"]["en"] = "Block Captains"; }));
  good.write("pictures/department-logo.png", "not a PNG");
  c = kiosk::choose_content(good.path.string(), data.path.string());
  CHECK(c.source == kiosk::ContentSource::LastGood);
  REQUIRE(c.errors.size() == 1);
  CHECK_THAT(c.errors[0], Catch::StartsWith("department.json: /department/logo: "
                                            "pictures/department-logo.png is not a PNG file"));
  REQUIRE(c.catalogue);
  CHECK(c.catalogue->programs[0].title.en != "Block Captains");
  CHECK(read_bytes(kept / "pictures/department-logo.png") == logo_before);
  CHECK(c.catalogue->pictures.at("department-logo.png") == logo_before);
}

TEST_CASE("a last good copy whose pictures were lost is not used") {
  QuietLog quiet;
  TempDir data, good, bad;
  good.write_all(bundled_files());
  REQUIRE(kiosk::choose_content(good.path.string(), data.path.string()).catalogue);
  fs::remove(fs::path(kiosk::last_good_content_dir(data.path.string())) / "pictures/events.png");
  bad.write_all(with_json("programs.json", [](json& j) { j["programs"][0]["icon"] = "nope"; }));
  auto c = kiosk::choose_content(bad.path.string(), data.path.string());
  CHECK(c.source == kiosk::ContentSource::None);
  CHECK_FALSE(c.catalogue);
}
