// load_catalogue: turns a bundle's files into a Catalogue, or into the full list of what is wrong.
// Every file is checked even after another fails, and references between files (a program's
// category, an event's program) are checked whenever the file they point into could be read.
#include <algorithm>
#include <set>
#include <tuple>

#include "kiosk/content/bundle.h"
#include "kiosk/content/catalogue.h"
#include "kiosk/content/json_reader.h"
#include "kiosk/content/field_format.h"
#include "kiosk/content/pictures.h"
#include "kiosk/content/text_rules.h"
#include "kiosk/content/value_rules.h"

namespace kiosk {
namespace {

using content::ErrorSink;
using content::json;
using content::ObjectReader;
using content::PictureUse;
using text_rules::kSummaryMax;
using text_rules::kTitleMax;

// Limits for longer texts, in code points (docs/content-format.md lists them all).
constexpr std::size_t kDepartmentNameMax = 40;
constexpr std::size_t kLineMax = 200;      // audience, schedule, not-monitored notice
constexpr std::size_t kPlaceMax = 160;     // location, event place, office
constexpr std::size_t kEmergencyMax = 60;  // shown on every screen
constexpr std::size_t kHoursMax = 90;
constexpr std::size_t kDescriptionMax = 2000;
constexpr std::size_t kNoticeMax = 2500;  // privacy notice, records info
constexpr std::size_t kMaxHighlights = 12;
constexpr std::size_t kMaxFees = 30, kMaxPlaces = 30;
constexpr long long kMaxFeeCents = 100000000;  // $1,000,000: anything larger is a typo

// A value in one file that must name an id defined in another, checked once all files are read.
struct Reference {
  ErrorSink* errors;
  std::string path;
  std::string id;
};

// Reads a string key that must pass `check` (a value_rules function); "" when absent or bad.
std::string checked_string(ObjectReader& r, const std::string& key, bool required,
                           std::string (*check)(const std::string&)) {
  auto s = r.string(key, required);
  if (!s) return "";
  if (std::string m = check(*s); !m.empty()) {
    r.errors().add(r.path_of(key), m);
    return "";
  }
  return *s;
}

// Reads the "id" of a list element and reports a repeat within the list.
std::string unique_id(ObjectReader& r, std::set<std::string>& seen) {
  std::string id = checked_string(r, "id", true, content::check_id);
  if (!id.empty() && !seen.insert(id).second)
    r.errors().add(r.path_of("id"), "duplicate id \"" + id + "\"");
  return id;
}

LocalText text_or_empty(ObjectReader& r, const std::string& key, std::size_t max_len,
                        bool multiline = false) {
  return r.text(key, true, max_len, multiline).value_or(LocalText{});
}

Contact read_contact(ObjectReader& parent, const std::string& key) {
  Contact c;
  const json* v = parent.required(key);
  if (!v) return c;
  ObjectReader r(*v, parent.path_of(key), parent.errors(),
                 "a contact object with \"phone\" and \"office\"");
  if (!r.ok()) return c;
  c.phone = checked_string(r, "phone", true, content::check_phone);
  c.email = checked_string(r, "email", false, content::check_email);
  c.office = text_or_empty(r, "office", kPlaceMax);
  r.finish();
  return c;
}

// The array under the file's single top-level key ("programs" in programs.json), or nullptr.
const json* top_level_array(ObjectReader& top, const std::string& key) {
  const json* v = top.required(key);
  if (v && !v->is_array()) {
    top.errors().add(top.path_of(key), "expected an array, got " + content::describe_type(*v));
    return nullptr;
  }
  if (v && v->empty() && key != "events")
    top.errors().add(top.path_of(key), "expected at least one entry");
  return v;
}

// Reads the file's one top-level list `key`: each element an object (`what`) with an "id" unique in
// the file; `fill(r, item)` reads the rest. Every list file has this shape, so it is walked here once.
template <typename T, typename Fill>
std::vector<T> read_entries(const json& doc, ErrorSink& errors, const std::string& key,
                            const char* what, Fill&& fill) {
  std::vector<T> out;
  const std::string top_what = "an object with \"" + key + "\"";
  ObjectReader top(doc, "", errors, top_what.c_str());
  const json* list = top_level_array(top, key);
  top.finish();
  if (!list) return out;
  std::set<std::string> seen;
  content::for_each_element(*list, top.path_of(key), errors,
                            [&](const json& v, const std::string& path) {
                              ObjectReader r(v, path, errors, what);
                              if (!r.ok()) return;
                              T item;
                              item.id = unique_id(r, seen);
                              fill(r, item);
                              r.finish();
                              out.push_back(std::move(item));
                            });
  return out;
}

// A highlight is a text object, or {"text": {...}, "until": "YYYY-MM-DD", "picture"/"icon"} when it
// has a last day or a visual. Both stay valid so bundles written before those existed load unchanged.
std::optional<Highlight> read_highlight(const json& v, const std::string& path, ErrorSink& errors,
                                        std::vector<PictureUse>& pictures) {
  if (!v.is_object() || !v.contains("text")) {
    auto text = content::read_text(v, path, errors, kSummaryMax, false);
    if (!text) return std::nullopt;
    return Highlight{std::move(*text), "", {}};
  }
  ObjectReader r(v, path, errors, "a highlight object with \"text\"");
  auto text = r.text("text", true, kSummaryMax, false);
  std::string until = checked_string(r, "until", false, content::check_date);
  Visual visual = content::read_visual(r, pictures);
  r.finish();
  if (!text) return std::nullopt;
  return Highlight{std::move(*text), until, std::move(visual)};
}

// department.json "/department/fees", read before anything else so every text of the bundle can
// state a fee as "{fee:<id>}". Absent: an empty table (bundles made before fees existed).
std::vector<Fee> read_fees(const json& doc, ErrorSink& errors) {
  std::vector<Fee> out;
  if (!doc.is_object() || !doc.contains("department") || !doc["department"].is_object() ||
      !doc["department"].contains("fees"))
    return out;
  const json& v = doc["department"]["fees"];
  const std::string path = "/department/fees";
  if (v.is_array() && v.size() > kMaxFees)
    errors.add(path, "more than " + std::to_string(kMaxFees) + " fees");
  std::set<std::string> seen;
  content::for_each_element(v, path, errors, [&](const json& f, const std::string& fpath) {
    ObjectReader r(f, fpath, errors,
                   "a fee object with \"id\", \"amount_cents\", \"unit\" and \"label\"");
    if (!r.ok()) return;
    Fee fee;
    fee.id = checked_string(r, "id", true, content::check_field_id);
    if (!fee.id.empty() && !seen.insert(fee.id).second)
      errors.add(r.path_of("id"), "duplicate fee id \"" + fee.id + "\"");
    if (const json* a = r.required("amount_cents")) {
      if (!a->is_number_integer() || a->get<long long>() < 0 || a->get<long long>() > kMaxFeeCents)
        errors.add(r.path_of("amount_cents"), "expected a whole number of cents from 0 to " +
                                                  std::to_string(kMaxFeeCents) +
                                                  " (500 is $5.00), got " + a->dump());
      else
        fee.amount_cents = a->get<long long>();
    }
    if (auto unit = r.string("unit", true)) {
      if (*unit == "each" || *unit == "page" || *unit == "request")
        fee.unit = *unit;
      else
        errors.add(r.path_of("unit"),
                   "expected \"each\", \"page\" or \"request\", got \"" + *unit + "\"");
    }
    fee.label = text_or_empty(r, "label", kSummaryMax);
    r.finish();
    out.push_back(std::move(fee));
  });
  return out;
}

std::vector<Place> read_places(const json& v, const std::string& path, ErrorSink& errors) {
  std::vector<Place> out;
  if (v.is_array() && v.size() > kMaxPlaces)
    errors.add(path, "more than " + std::to_string(kMaxPlaces) + " places");
  std::set<std::string> seen;
  content::for_each_element(v, path, errors, [&](const json& p, const std::string& ppath) {
    ObjectReader r(p, ppath, errors, "a place object with \"id\", \"name\" and \"address\"");
    if (!r.ok()) return;
    Place place;
    place.id = checked_string(r, "id", true, content::check_field_id);
    if (!place.id.empty() && !seen.insert(place.id).second)
      errors.add(r.path_of("id"), "duplicate place id \"" + place.id + "\"");
    place.name = text_or_empty(r, "name", kSummaryMax);
    if (auto a = r.string("address", true);
        a && content::check_text(*a, r.path_of("address"), errors, kPlaceMax, false, "English"))
      place.address = *a;
    place.hours = r.text("hours", false, kHoursMax, false).value_or(LocalText{});
    place.records_pickup = r.boolean("records_pickup", false).value_or(false);
    r.finish();
    out.push_back(std::move(place));
  });
  return out;
}

// Replaces every "{fee:<id>}" in the strings of `v` (a whole file) by its amount, reporting a
// malformed or unknown one at its JSON pointer. The fee table itself is left alone.
void expand_fee_placeholders(json& v, const std::string& path, const std::vector<Fee>& fees,
                             ErrorSink& errors) {
  if (path == "/department/fees") return;
  if (v.is_string()) {
    const std::string& s = v.get_ref<const std::string&>();
    if (!content::has_fee_placeholder(s)) return;
    std::string problem;
    if (auto expanded = content::expand_fees(s, fees, problem))
      v = std::move(*expanded);
    else
      errors.add(path, problem);
  } else if (v.is_object()) {
    for (auto it = v.begin(); it != v.end(); ++it)
      expand_fee_placeholders(it.value(), content::child_path(path, it.key()), fees, errors);
  } else if (v.is_array()) {
    for (std::size_t i = 0; i < v.size(); ++i)
      expand_fee_placeholders(v[i], content::child_path(path, i), fees, errors);
  }
}

// department.json "/department/features": a visual for each of the kiosk's own services, by
// kFeatureIds; any may be left out.
void read_features(const json& v, const std::string& path, ErrorSink& errors, Visual (&out)[4],
                   std::vector<PictureUse>& pictures) {
  ObjectReader r(v, path, errors,
                 "a features object (\"crash_report\", \"records_request\", "
                 "\"programs\", \"events\")");
  if (!r.ok()) return;
  for (std::size_t i = 0; i < std::size(kFeatureIds); ++i) {
    const json* f = r.optional(kFeatureIds[i]);
    if (!f) continue;
    ObjectReader fr(*f, r.path_of(kFeatureIds[i]), errors,
                    "a feature object with \"picture\" or \"icon\"");
    if (!fr.ok()) continue;
    out[i] = content::read_visual(fr, pictures);
    fr.finish();
  }
  r.finish();
}

// `places_read` tells whether the places list, if any, was read without errors (so an event's
// place_id can be judged against it, whatever else department.json got wrong).
Department read_department(const json& doc, ErrorSink& errors, std::vector<Fee> fees,
                           bool& places_read, std::vector<PictureUse>& pictures) {
  Department d;
  ObjectReader top(doc, "", errors, "an object with \"format_version\" and \"department\"");
  if (const json* v = top.required("format_version")) {
    if (!v->is_number_integer() && !v->is_number_unsigned())
      errors.add(top.path_of("format_version"),
                 "expected a whole number, got " + content::describe_type(*v));
    else if (v->get<long long>() != kContentFormatVersion)
      errors.add(top.path_of("format_version"),
                 "unsupported format_version " + std::to_string(v->get<long long>()) +
                     " (this kiosk reads " + std::to_string(kContentFormatVersion) + ")");
  }
  const json* dv = top.required("department");
  top.finish();
  if (!dv) return d;
  ObjectReader r(*dv, top.path_of("department"), errors, "a department object");
  if (!r.ok()) return d;
  d.name = text_or_empty(r, "name", kDepartmentNameMax);
  d.main_phone = checked_string(r, "main_phone", true, content::check_phone);
  d.website = checked_string(r, "website", true, content::check_url);
  d.logo = content::read_picture_key(r, "logo", pictures);
  d.emergency_notice = text_or_empty(r, "emergency_notice", kEmergencyMax);
  d.not_monitored_notice = text_or_empty(r, "not_monitored_notice", kLineMax);
  d.privacy_notice = text_or_empty(r, "privacy_notice", kNoticeMax, true);
  d.records_info = text_or_empty(r, "records_info", kNoticeMax, true);
  if (const json* h = r.required("highlights")) {
    std::string path = r.path_of("highlights");
    content::for_each_element(*h, path, errors, [&](const json& t, const std::string& tpath) {
      if (auto hl = read_highlight(t, tpath, errors, pictures))
        d.highlights.push_back(std::move(*hl));
    });
    if (h->is_array() && (h->empty() || h->size() > kMaxHighlights))
      errors.add(path, "expected 1 to " + std::to_string(kMaxHighlights) + " highlights, got " +
                           std::to_string(h->size()));
  }
  if (const json* f = r.optional("features"))
    read_features(*f, r.path_of("features"), errors, d.features, pictures);
  r.optional("fees");  // read first, by read_fees
  d.fees = std::move(fees);
  places_read = r.ok();
  if (const json* p = r.optional("places")) {
    std::size_t before = errors.count();
    d.places = read_places(*p, r.path_of("places"), errors);
    places_read = errors.count() == before;
  }
  r.finish();
  return d;
}

std::vector<Category> read_categories(const json& doc, ErrorSink& errors,
                                      std::vector<PictureUse>& pictures) {
  return read_entries<Category>(doc, errors, "categories", "a category object",
                                [&](ObjectReader& r, Category& c) {
                                  c.title = text_or_empty(r, "title", kTitleMax);
                                  c.summary = text_or_empty(r, "summary", kSummaryMax);
                                  c.visual = content::read_visual(r, pictures);
                                });
}

void read_signups(ObjectReader& r, Program& p) {
  auto takes = r.boolean("takes_signups", true);
  p.takes_signups = takes.value_or(false);
  bool has_form = r.has("signup_form");
  bool has_fields = r.has("signup_fields");
  if (takes && *takes) {
    if (!has_form)
      r.errors().add(r.path_of("signup_form"), "missing (required when takes_signups is true)");
    p.signup_form = checked_string(r, "signup_form", false, content::check_form_id);
    if (const json* f = r.optional("signup_fields")) {
      content::check_signup_fields(*f, r.path_of("signup_fields"), r.errors());
      p.signup_fields = *f;
    }
    return;
  }
  r.optional("signup_form");
  r.optional("signup_fields");
  if (takes && has_form)
    r.errors().add(r.path_of("signup_form"), "given but takes_signups is false");
  if (takes && has_fields)
    r.errors().add(r.path_of("signup_fields"), "given but takes_signups is false");
}

std::vector<Program> read_programs(const json& doc, ErrorSink& errors,
                                   std::vector<Reference>& category_refs,
                                   std::vector<PictureUse>& pictures) {
  return read_entries<Program>(
      doc, errors, "programs", "a program object", [&](ObjectReader& r, Program& p) {
        if (auto cat = r.string("category", true)) {
          p.category = *cat;
          category_refs.push_back({&errors, r.path_of("category"), *cat});
        }
        p.title = text_or_empty(r, "title", kTitleMax);
        p.summary = text_or_empty(r, "summary", kSummaryMax);
        p.description = text_or_empty(r, "description", kDescriptionMax, true);
        p.audience = text_or_empty(r, "audience", kLineMax);
        p.schedule = text_or_empty(r, "schedule", kLineMax);
        p.location = text_or_empty(r, "location", kPlaceMax);
        p.contact = read_contact(r, "contact");
        p.url = checked_string(r, "url", true, content::check_url);
        read_signups(r, p);
        p.visual = content::read_visual(r, pictures);
      });
}

void read_event_times(ObjectReader& r, Event& e) {
  e.date = checked_string(r, "date", true, content::check_date);
  e.end_date = checked_string(r, "end_date", false, content::check_date);
  if (!e.date.empty() && !e.end_date.empty() && e.end_date <= e.date)
    r.errors().add(r.path_of("end_date"), "must be after date (leave it out for a one-day event)");
  e.start_time = checked_string(r, "start_time", false, content::check_time);
  e.end_time = checked_string(r, "end_time", false, content::check_time);
  if (!e.end_time.empty() && !r.has("start_time"))
    r.errors().add(r.path_of("end_time"), "given without start_time");
  else if (!e.start_time.empty() && !e.end_time.empty() && e.end_time <= e.start_time)
    r.errors().add(r.path_of("end_time"), "must be after start_time");
}

std::vector<Event> read_events(const json& doc, ErrorSink& errors,
                               std::vector<Reference>& program_refs,
                               std::vector<Reference>& place_refs) {
  std::vector<Event> out =
      read_entries<Event>(doc, errors, "events", "an event object", [&](ObjectReader& r, Event& e) {
        if (auto prog = r.string("program_id", false)) {
          e.program_id = *prog;
          program_refs.push_back({&errors, r.path_of("program_id"), *prog});
        }
        e.title = text_or_empty(r, "title", kTitleMax);
        e.summary = text_or_empty(r, "summary", kSummaryMax);
        read_event_times(r, e);
        e.place = text_or_empty(r, "place", kPlaceMax);
        if (auto place = r.string("place_id", false)) {
          e.place_id = *place;
          place_refs.push_back({&errors, r.path_of("place_id"), *place});
        }
        e.until = checked_string(r, "until", false, content::check_date);
      });
  std::stable_sort(out.begin(), out.end(), [](const Event& a, const Event& b) {
    return std::tie(a.date, a.start_time) < std::tie(b.date, b.start_time);
  });
  return out;
}

std::vector<ContactPath> read_contacts(const json& doc, ErrorSink& errors) {
  return read_entries<ContactPath>(
      doc, errors, "contacts", "a contact-path object", [](ObjectReader& r, ContactPath& c) {
        c.title = text_or_empty(r, "title", kTitleMax);
        c.summary = text_or_empty(r, "summary", kSummaryMax);
        c.contact = read_contact(r, "contact");
        c.url = checked_string(r, "url", false, content::check_url);
        c.hours = r.text("hours", false, kHoursMax, false).value_or(LocalText{});
      });
}

void check_references(const std::vector<Reference>& refs, const std::set<std::string>& ids,
                      const char* what) {
  for (const auto& ref : refs)
    if (!ids.count(ref.id))
      ref.errors->add(ref.path, std::string("unknown ") + what + " \"" + ref.id + "\"");
}

bool is_bundle_file(const std::string& name) {
  return std::any_of(std::begin(kBundleFiles), std::end(kBundleFiles),
                     [&](const char* f) { return name == f; });
}

std::string bundle_file_list() {
  std::string s;
  for (const char* f : kBundleFiles) s += (s.empty() ? "" : ", ") + std::string(f);
  return s;
}

}  // namespace

namespace content {

CatalogueResult load_bundle(const std::map<std::string, std::string>& files,
                            const std::map<std::string, std::string>& unreadable,
                            const PictureReader& pictures) {
  CatalogueResult result;
  auto& errors = result.errors;
  for (const auto& [name, reason] : unreadable) ErrorSink(name, errors).add("", reason);
  for (const auto& [name, bytes] : files)
    if (name.ends_with(".json") && !is_bundle_file(name))
      ErrorSink(name, errors)
          .add("", "unknown file (a bundle holds exactly " + bundle_file_list() + ")");

  // Sinks live until the cross-file checks below have reported through them.
  std::map<std::string, ErrorSink> sinks;
  std::map<std::string, json> docs;
  for (const char* name : kBundleFiles) {
    ErrorSink& sink = sinks.emplace(name, ErrorSink(name, errors)).first->second;
    auto it = files.find(name);
    if (unreadable.count(name)) continue;  // already reported with its reason
    if (it == files.end()) {
      sink.add("", "missing file (a bundle holds " + bundle_file_list() + ")");
      continue;
    }
    if (auto doc = content::parse_document(it->second, sink)) docs.emplace(name, std::move(*doc));
  }

  Catalogue cat;
  std::vector<Reference> category_refs, program_refs, place_refs;
  std::vector<PictureUse> picture_uses;  // in file order, so each file is judged at its first use
  // Fees first: every other text may state one. Placeholders are checked against a fee table read
  // without errors only (otherwise "unknown fee" would echo the table's own defect).
  std::vector<Fee> fees;
  bool fees_clean = true;
  if (docs.count("department.json")) {
    ErrorSink& sink = sinks.at("department.json");
    std::size_t before = sink.count();
    fees = read_fees(docs["department.json"], sink);
    fees_clean = sink.count() == before;
  }
  if (fees_clean)
    for (auto& [name, doc] : docs) expand_fee_placeholders(doc, "", fees, sinks.at(name));
  bool places_read = false;
  if (docs.count("department.json"))
    cat.department = read_department(docs["department.json"], sinks.at("department.json"),
                                     std::move(fees), places_read, picture_uses);
  if (docs.count("categories.json"))
    cat.categories =
        read_categories(docs["categories.json"], sinks.at("categories.json"), picture_uses);
  if (docs.count("programs.json"))
    cat.programs = read_programs(docs["programs.json"], sinks.at("programs.json"), category_refs,
                                 picture_uses);
  if (docs.count("events.json"))
    cat.events =
        read_events(docs["events.json"], sinks.at("events.json"), program_refs, place_refs);
  if (docs.count("contacts.json"))
    cat.contacts = read_contacts(docs["contacts.json"], sinks.at("contacts.json"));

  // References are checked only against a file that is itself free of errors: when a list could
  // not be read whole, "unknown id" reports would be echoes of the real defect, not new ones.
  auto clean = [&](const char* name) { return docs.count(name) && sinks.at(name).count() == 0; };
  if (places_read) {
    std::set<std::string> ids;
    for (const auto& p : cat.department.places) ids.insert(p.id);
    check_references(place_refs, ids, "place");
  }
  if (clean("categories.json")) {
    std::set<std::string> ids;
    for (const auto& c : cat.categories) ids.insert(c.id);
    check_references(category_refs, ids, "category");
  }
  if (clean("programs.json")) {
    std::set<std::string> ids, used;
    for (const auto& p : cat.programs) ids.insert(p.id), used.insert(p.category);
    check_references(program_refs, ids, "program");
    for (std::size_t i = 0; i < cat.categories.size(); ++i)
      if (!cat.categories[i].id.empty() && !used.count(cat.categories[i].id))
        sinks.at("categories.json")
            .add("/categories/" + std::to_string(i) + "/id",
                 "category \"" + cat.categories[i].id + "\" has no programs");
  }

  ErrorSink picture_sink("pictures/", errors);
  cat.pictures = content::check_pictures(picture_uses, pictures, picture_sink);

  if (errors.empty()) result.catalogue = std::move(cat);
  return result;
}

}  // namespace content

CatalogueResult load_catalogue(const std::map<std::string, std::string>& files) {
  return content::load_bundle(files, {}, content::pictures_in_memory(files));
}

}  // namespace kiosk
