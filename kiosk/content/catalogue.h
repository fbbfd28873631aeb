// Catalogue: the department's programs, categories, events, contacts and standing notices, in
// English and Spanish, as loaded and validated from a content bundle (docs/content-format.md).
#pragma once
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/lang.h"

namespace kiosk {

struct Contact {
  std::string phone;  // "(555) 010-2000"
  std::string email;  // "community@democity.example.org"; may be empty
  LocalText office;   // "Community Relations Unit, Demo City Police HQ, 100 Main St."
};

struct Category {
  std::string id;  // "neighborhood-safety"
  LocalText title;
  LocalText summary;
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

struct Department {
  LocalText name;          // "Demo City Police Department"
  std::string main_phone;  // non-emergency line
  std::string website;
  LocalText emergency_notice;         // "Not for emergencies — call 911" (every screen)
  LocalText not_monitored_notice;     // this kiosk is not monitored in real time
  LocalText privacy_notice;           // what is collected, why, how long kept
  LocalText records_info;             // who may request records and crash reports, usual time
  std::vector<LocalText> highlights;  // rotating attract-screen highlights
};

struct Catalogue {
  Department department;
  std::vector<Category> categories;
  std::vector<Program> programs;
  std::vector<Event> events;  // sorted by date
  std::vector<ContactPath> contacts;

  const Program* find_program(const std::string& id) const;
  const Category* find_category(const std::string& id) const;
  std::vector<const Program*> programs_in(const std::string& category_id) const;
  // Events that have not ended by `today` (YYYY-MM-DD, e.g. from the kiosk clock), in date order.
  std::vector<const Event*> upcoming_events(const std::string& today) const;
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
// For the GUI: the bundle in `dir` when it is valid; otherwise (or when `dir` is empty) the bundled
// catalogue. A rejected bundle is logged (kiosk/core/log.h) with every error, and its errors are
// returned beside the bundled catalogue so staff screens can show them. `catalogue` is always set.
CatalogueResult load_catalogue_or_bundled(const std::string& dir);

// The files every bundle has, in the order they are checked (docs/content-format.md).
inline constexpr const char* kBundleFiles[] = {"department.json", "categories.json",
                                               "programs.json", "events.json", "contacts.json"};
// The content format this loader reads (department.json "format_version").
inline constexpr int kContentFormatVersion = 1;

}  // namespace kiosk
