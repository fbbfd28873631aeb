// Pictures and icons of a content bundle (docs/content-format.md, "Pictures and icons"): reading
// the "picture"/"icon" keys of an item, and checking each named PNG of the bundle's pictures/
// folder against the limits of catalogue.h before the kiosk ever decodes it.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "kiosk/content/catalogue.h"
#include "kiosk/content/json_reader.h"

namespace kiosk::content {

// A picture file as a bundle's source found it.
struct PictureFile {
  enum class State { Read, Missing, TooLarge, Unreadable };
  State state = State::Missing;
  std::string bytes;        // Read: the whole file
  std::uintmax_t size = 0;  // Read and TooLarge: the file's size in bytes
  std::string reason;       // Unreadable: "cannot read: Permission denied"
};

// Finds the file `name` (already a valid picture file name) of the bundle's pictures/ folder.
using PictureReader = std::function<PictureFile(const std::string& name)>;

// The reader for a bundle held in memory: `files` entries "pictures/<name>".
PictureReader pictures_in_memory(const std::map<std::string, std::string>& files);
// The reader for a bundle on disk: <dir>/pictures/<name>; a file over kMaxPictureBytes is not read.
PictureReader pictures_in_dir(const std::string& dir);

// "" when `name` may name a picture ("station-tours.png"), else why not.
std::string check_picture_name(const std::string& name);
// "" when `bytes` is a PNG within kMaxPictureSide and kMaxPictureBytes, else what is wrong with
// it, naming the limit ("pictures/x.png is 2049x10 pixels; at most 2048x2048").
std::string check_picture_bytes(const std::string& name, const std::string& bytes);
// "" when `name` is a Fork Awesome icon the kiosk can draw, else why not.
std::string check_icon_name(const std::string& name);

// Where a bundle names a picture, so each problem of the file is reported at its first use.
struct PictureUse {
  ErrorSink* errors;
  std::string path;  // "/programs/3/picture"
  std::string name;  // "station-tours.png"
};

// Reads the optional "picture" and "icon" keys of `r` (a category, program, highlight or feature
// object), reporting a bad name at once and remembering each picture named in `uses`.
Visual read_visual(ObjectReader& r, std::vector<PictureUse>& uses);
// Reads an optional picture-name key ("logo"), as read_visual reads "picture".
std::string read_picture_key(ObjectReader& r, const std::string& key,
                             std::vector<PictureUse>& uses);

// Finds and checks every picture in `uses` through `reader`, once per file: missing, unreadable,
// not a PNG, too large, and all of them together over kMaxBundlePictureBytes (reported through
// `bundle_errors`). Returns the pictures read (name -> bytes), for Catalogue::pictures.
std::map<std::string, std::string> check_pictures(const std::vector<PictureUse>& uses,
                                                  const PictureReader& reader,
                                                  ErrorSink& bundle_errors);

}  // namespace kiosk::content
