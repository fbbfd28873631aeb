// The bundle as a set of named files: the entry point shared by load_catalogue (bytes in memory)
// and load_catalogue_dir (files on disk, some of which may be unreadable).
#pragma once
#include <map>
#include <string>

#include "kiosk/content/catalogue.h"
#include "kiosk/content/pictures.h"

namespace kiosk::content {

// Validates `files` (name -> bytes). `unreadable` (name -> reason) names files that exist but could
// not be read: each is reported with its reason instead of as missing. `pictures` finds the files
// of pictures/ that items name (only those are read and checked).
CatalogueResult load_bundle(const std::map<std::string, std::string>& files,
                            const std::map<std::string, std::string>& unreadable,
                            const PictureReader& pictures);

}  // namespace kiosk::content
