// Catalogue: the department's programs, categories, events, contacts and standing notices, in
// English and Spanish, as loaded and validated from a content bundle (docs/content-format.md).
#pragma once
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/content/fees.h"
#include "kiosk/core/lang.h"

namespace kiosk {

// What a tile shows beside its words (docs/content-format.md, "Pictures and icons"): a PNG of the
// bundle's pictures/ folder, or else an icon of the Fork Awesome font by name ("car", "users").
// Both may be empty (words only). The loader checks that the picture exists and is a PNG within
// the size limits, and that the icon name is known.
struct Visual {
  std::string picture;  // file name under pictures/ ("neighborhood-watch.png"); "" = none
  std::string icon;     // Fork Awesome icon name without the "fa-" prefix; "" = none
  bool empty() const { return picture.empty() && icon.empty(); }
};

struct Contact {
  std::string phone;  // "(555) 010-2000"
  std::string email;  // "community@democity.example.org"; may be empty
  LocalText office;   // "Community Relations Unit, Demo City Police HQ, 100 Main St."
};

struct Category {
  std::string id;  // "neighborhood-safety"
  LocalText title;
  LocalText summary;
  Visual visual;
};

struct Program {
  std::string id;        // "neighborhood-watch": [a-z0-9-]+, unique
  std::string category;  // a Category id
  LocalText title;
  LocalText summary;      // one line
  LocalText description;  // full text, paragraphs separated by "\n\n"
  LocalText audience;     // who it is for
  LocalText schedule;     // when: a schedule, or "On request"
  LocalText location;     // where
  Contact contact;
  std::string url;  // https://democity.example.org/... (QR code)
  bool takes_signups = false;
  std::string signup_form;  // form id when takes_signups ("signup"); empty otherwise
  nlohmann::json signup_fields =
      nlohmann::json::array();  // extra fields, form field format (docs/forms.md)
  Visual visual;
};

struct Event {
  std::string id;
  std::string program_id;  // may be empty
  LocalText title;
  LocalText summary;
  std::string date;        // YYYY-MM-DD
  std::string end_date;    // YYYY-MM-DD after `date` for multi-day events; empty = one day
  std::string start_time;  // HH:MM (24 h), may be empty
  std::string end_time;    // HH:MM, may be empty
  LocalText place;
  std::string place_id;  // a Department place id when the event is at one; may be empty
  std::string until;     // YYYY-MM-DD: hidden after this day even if not over; empty = no limit
};

// A way to reach someone, for the contact/help screen (community officer, Crime Stoppers, ...).
struct ContactPath {
  std::string id;
  LocalText title;
  LocalText summary;
  Contact contact;
  std::string url;  // https://...; may be empty
  LocalText hours;  // "Mon-Fri 8:00-16:30"; both empty when not given
};

// An attract-screen line. It is its text (so whatever shows a LocalText shows it) plus an optional
// last day, for lines that name a date ("The Academy starts March 3").
struct Highlight : LocalText {
  std::string until;  // YYYY-MM-DD: hidden after this day; empty = always shown
  Visual visual;
};

// The kiosk's own services, each with its picture on the attract and home screens
// (department.json "features": {"crash_report": {...}, ...}).
enum class Feature { CrashReport, RecordsRequest, Programs, Events };
inline constexpr const char* kFeatureIds[] = {"crash_report", "records_request", "programs",
                                              "events"};

struct Department {
  LocalText name;          // "Demo City Police Department"
  std::string main_phone;  // non-emergency line
  std::string website;
  LocalText emergency_notice;         // "Not for emergencies — call 911" (every screen)
  LocalText not_monitored_notice;     // this kiosk is not monitored in real time
  LocalText privacy_notice;           // what is collected, why, how long kept
  LocalText records_info;             // who may request records and crash reports, usual time
  std::vector<Highlight> highlights;  // rotating attract-screen highlights, in file order
  std::vector<Fee> fees;              // the fee table ("{fee:id}" in any text); may be empty
  std::vector<Place> places;          // headquarters, substations; may be empty
  std::string logo;                   // file name under pictures/; "" = none (the name in words)
  Visual features[4];                 // by Feature; empty ones show words only

  const Visual& feature(Feature f) const { return features[static_cast<int>(f)]; }

  const Place* find_place(const std::string& id) const;
  std::vector<const Place*> pickup_places() const;  // records_pickup ones, in file order
};

struct Catalogue {
  Department department;
  std::vector<Category> categories;
  std::vector<Program> programs;
  std::vector<Event> events;  // sorted by date
  std::vector<ContactPath> contacts;
  // The bundle's pictures (file name under pictures/ -> PNG bytes), each checked by the loader
  // (PNG, at most kMaxPictureSide x kMaxPictureSide and kMaxPictureBytes; kMaxBundlePictureBytes
  // in all). Only pictures some item names are kept.
  std::map<std::string, std::string> pictures;

  const Program* find_program(const std::string& id) const;
  const Category* find_category(const std::string& id) const;
  std::vector<const Program*> programs_in(const std::string& category_id) const;
  // Events that have not ended by `today` (YYYY-MM-DD, e.g. from the kiosk clock) and whose
  // `until` has not passed, in date order.
  std::vector<const Event*> upcoming_events(const std::string& today) const;
  // Highlights whose `until` has not passed by `today`, in file order.
  std::vector<const Highlight*> current_highlights(const std::string& today) const;
  // One line per highlight or event whose `until` is before `today` (--check-content's warnings):
  // "department.json: /department/highlights/3/until: 2027-03-03 has passed; no longer shown".
  std::vector<std::string> expired_items(const std::string& today) const;
};

struct CatalogueResult {
  std::optional<Catalogue> catalogue;  // load_catalogue*: set only when errors is empty
  std::vector<std::string> errors;     // "programs.json: /programs/3/title/es: missing"
};

// Validates a bundle given as file name -> bytes ("department.json" -> "{...}").
CatalogueResult load_catalogue(const std::map<std::string, std::string>& files);
// Reads every *.json file of `dir` and validates it as a bundle.
CatalogueResult load_catalogue_dir(const std::string& dir);
// The bundled demo content compiled into the binary (always valid: a test proves it).
Catalogue bundled_catalogue();

// Where the GUI's content came from (choose_content).
enum class ContentSource {
  Bundled,     // no department bundle configured: the demo content
  Configured,  // the configured bundle, valid (and now kept as the last good copy)
  LastGood,    // the configured bundle was rejected: the copy kept when it last was valid
  None,        // rejected with no usable last good copy: the kiosk is out of service
};

struct ContentChoice {
  std::optional<Catalogue> catalogue;  // unset only for ContentSource::None
  ContentSource source = ContentSource::Bundled;
  std::vector<std::string> errors;  // the configured bundle's errors when it was rejected
  std::string last_good_date;       // LastGood: the local day the copy was saved, YYYY-MM-DD
};

// What the Out of service screen shows when there is no department content: nothing of the demo
// department (no name, no phone) except its emergency notice, since "call 911" holds everywhere.
Catalogue no_content_catalogue();

// The last good copy of the department's bundle inside the data dir.
std::string last_good_content_dir(const std::string& data_dir);
// Who chooses: the GUI keeps the last good copy up to date and logs a rejection with every error;
// a headless listing (--list-programs) only reads, and says what it chose on its own stderr.
enum class ContentUse { Gui, Listing };

// `dir` empty: the bundled demo. Otherwise the bundle in `dir` when valid (for the GUI a copy is
// kept in the data dir, replaced atomically); when rejected, never the demo: the last good copy if
// there is a valid one, else no catalogue.
ContentChoice choose_content(const std::string& dir, const std::string& data_dir,
                             ContentUse use = ContentUse::Gui);

// The files every bundle has, in the order they are checked (docs/content-format.md).
inline constexpr const char* kBundleFiles[] = {"department.json", "categories.json",
                                               "programs.json", "events.json", "contacts.json"};
// Picture limits (--check-content refuses a bundle past any of them).
inline constexpr int kMaxPictureSide = 2048;
inline constexpr std::size_t kMaxPictureBytes = 2u << 20;         // 2 MiB per picture
inline constexpr std::size_t kMaxBundlePictureBytes = 32u << 20;  // 32 MiB per bundle
// The content format this loader reads (department.json "format_version").
inline constexpr int kContentFormatVersion = 1;

}  // namespace kiosk
