// The bundled demo content: valid, complete (every program and service named in the seed pages),
// fictional (555-01xx numbers, example.org addresses), drawable in the kiosk font, short enough for
// large type, bilingual, and accepted by the forms library for every program that takes sign-ups.
#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <set>

#include "kiosk/content/catalogue.h"
#include "kiosk/content/text_rules.h"
#include "kiosk/core/embedded_assets.h"
#include "kiosk/core/utf8.h"
#include "kiosk/forms/form_spec.h"

using kiosk::Catalogue;
using kiosk::LocalText;

namespace {

const Catalogue& cat() {
  static const Catalogue c = kiosk::bundled_catalogue();
  return c;
}

// Every visitor-facing text of the catalogue, with a name for messages and its length limit
// (0 = the loader's own limit applies; these tests add the UI's large-type limits).
struct NamedText {
  std::string where;
  const LocalText* text;
  std::size_t max_len;
};

std::vector<NamedText> all_texts() {
  using kiosk::text_rules::kSummaryMax;
  using kiosk::text_rules::kTitleMax;
  std::vector<NamedText> out;
  const auto& d = cat().department;
  for (auto [name, t, max] : {std::tuple{"name", &d.name, kTitleMax},
                              {"emergency_notice", &d.emergency_notice, 60},
                              {"not_monitored_notice", &d.not_monitored_notice, 200},
                              {"privacy_notice", &d.privacy_notice, 2500},
                              {"records_info", &d.records_info, 2500}})
    out.push_back({std::string("department.") + name, t, max});
  for (const auto& h : d.highlights) out.push_back({"highlight", &h, kSummaryMax});
  for (const auto& c : cat().categories) {
    out.push_back({"category " + c.id + " title", &c.title, kTitleMax});
    out.push_back({"category " + c.id + " summary", &c.summary, kSummaryMax});
  }
  for (const auto& p : cat().programs) {
    out.push_back({"program " + p.id + " title", &p.title, kTitleMax});
    out.push_back({"program " + p.id + " summary", &p.summary, kSummaryMax});
    out.push_back({"program " + p.id + " description", &p.description, 2000});
    out.push_back({"program " + p.id + " audience", &p.audience, 200});
    out.push_back({"program " + p.id + " schedule", &p.schedule, 200});
    out.push_back({"program " + p.id + " location", &p.location, 160});
    out.push_back({"program " + p.id + " office", &p.contact.office, 160});
  }
  for (const auto& e : cat().events) {
    out.push_back({"event " + e.id + " title", &e.title, kTitleMax});
    out.push_back({"event " + e.id + " summary", &e.summary, kSummaryMax});
    out.push_back({"event " + e.id + " place", &e.place, 160});
  }
  for (const auto& c : cat().contacts) {
    out.push_back({"contact " + c.id + " title", &c.title, kTitleMax});
    out.push_back({"contact " + c.id + " summary", &c.summary, kSummaryMax});
    out.push_back({"contact " + c.id + " office", &c.contact.office, 160});
  }
  return out;
}

}  // namespace

TEST_CASE("the bundled content is valid") {
  auto r = kiosk::load_catalogue(kiosk::assets::under("content/"));
  INFO((r.errors.empty() ? std::string() : r.errors.front()));
  CHECK(r.errors.empty());
  REQUIRE(r.catalogue);
  CHECK(cat().department.name.en == "Demo City Police Department");
  CHECK(cat().programs.size() == r.catalogue->programs.size());
}

TEST_CASE("every program service and contact path named in the seed pages is in the catalogue") {
  // seed file -> what it names -> catalogue id (docs/program-coverage.md is the readable table).
  const std::vector<std::pair<const char*, const char*>> seeds = {
      // 000: Community Relations Unit (Westchester)
      {"community relations unit / officer", "community-relations-officer"},
      {"Neighborhood Watch", "neighborhood-watch"},
      {"Home and Apartment Security Survey", "home-security-survey"},
      {"S.A.F.E. Senior", "safe-senior"},
      {"Red Ribbon Week", "red-ribbon-week"},
      {"National Night Out", "national-night-out"},
      {"Department Tours", "station-tours"},
      {"Workplace Safety", "workplace-safety"},
      {"Bullying presentations", "bullying-presentations"},
      {"Safety \"U\"", "safety-u"},
      {"Community Festivals booth", "festival-booth"},
      {"Presentations on request", "speaker-request"},
      // 001: Community Policing
      {"community police officers", "community-policing"},
      {"community meetings", "community-meetings"},
      {"healthy activities for children / youth away from gangs", "youth-programs"},
      // 002: Community Resource Officers (West Haven)
      {"Community Resource Officers", "community-resource-officers"},
      {"neighborhood police sub-station", "neighborhood-substation"},
      {"downtown business sub-station", "downtown-substation"},
      // 003: Community Relations (Waterbury)
      {"problem solving: vehicles, disorderly groups, blight", "problem-solving"},
      {"Youth Engagement & Development Programs", "youth-programs"},
      {"Citizens' Police Academy", "citizens-police-academy"},
      {"\"Officer Friendly\" Program", "officer-friendly"},
      {"Child Safety Installations (car-seat inspections)", "car-seat-inspections"},
      {"Crime Stoppers", "crime-stoppers"},
      {"Neighborhood Block Watch", "block-watch"},
      {"Downtown Business Watch", "downtown-business-watch"},
      {"Special Olympics (Torch Run, Tip-A-Cop)", "special-olympics"},
      // 004: Cary, NC article
      {"Patrol Services", "report-a-crime"},
      {"Investigations", "case-follow-up"},
      {"Traffic Enforcement", "traffic-safety"},
      {"School Resource Officers", "school-resource-officers"},
      {"Special Events security", "special-events-security"},
      {"Crime Prevention Seminars", "crime-prevention-seminars"},
      {"Community Clean-Up Events", "community-cleanup"},
      {"Crime Prevention Tips", "crime-prevention-tips"},
      {"Victim Services", "victim-services"},
      {"Youth Programs", "youth-programs"},
      {"Community Outreach: presentations, classes", "speaker-request"},
      {"Report a Crime", "report-a-crime"},
      {"Police website, Facebook, Twitter; Officer Profiles", "stay-informed"},
      {"K-9 Unit demonstrations", "k9-demonstrations"},
      // Records and crash reports (issue 2), reachable at sub-stations in seed 002.
      {"records and crash reports", "records-crash-reports"},
  };
  for (const auto& [named, id] : seeds) {
    INFO(named << " -> " << id);
    CHECK(cat().find_program(id) != nullptr);
  }
  // Contact paths for the contact/help screen.
  std::set<std::string> contacts;
  for (const auto& c : cat().contacts) contacts.insert(c.id);
  for (const char* id : {"community-relations", "crime-stoppers", "victim-services", "records-unit",
                         "non-emergency"}) {
    INFO(id);
    CHECK(contacts.count(id));
  }
}

TEST_CASE("every program's category exists and every category has programs") {
  for (const auto& p : cat().programs) {
    INFO(p.id);
    CHECK(cat().find_category(p.category) != nullptr);
  }
  for (const auto& c : cat().categories) {
    INFO(c.id);
    CHECK(!cat().programs_in(c.id).empty());
  }
  CHECK(cat().categories.size() >= 5);
}

TEST_CASE(
    "every text is in both languages and BMP-only and in the font's ranges and fits large type") {
  auto texts = all_texts();
  CHECK(texts.size() > 300);
  for (const auto& t : texts) {
    for (const std::string* s : {&t.text->en, &t.text->es}) {
      INFO(t.where << ": " << *s);
      REQUIRE(!s->empty());
      CHECK(kiosk::utf8::is_bmp_only(*s));
      CHECK_FALSE(kiosk::text_rules::first_undrawable(*s, true).has_value());
      CHECK(kiosk::utf8::length(*s) <= t.max_len);
    }
  }
}

TEST_CASE("Spanish text is a translation and not a copy of the English") {
  for (const auto& t : all_texts()) {
    // Proper names may read the same in both languages; the prose may not.
    bool prose = t.where.find("description") != std::string::npos ||
                 t.where.find("summary") != std::string::npos ||
                 t.where.find("notice") != std::string::npos || t.where == "highlight";
    if (!prose) continue;
    INFO(t.where);
    CHECK(t.text->en != t.text->es);
  }
  // Spot checks of the translation (usted form, correct accents).
  const auto* nw = cat().find_program("neighborhood-watch");
  REQUIRE(nw);
  CHECK(nw->title.es == "Vigilancia Vecinal");
  CHECK(cat().department.emergency_notice.es == "No es para emergencias — llame al 911");
  CHECK(cat().department.emergency_notice.en == "Not for emergencies — call 911");
}

TEST_CASE("phone numbers and e-mail addresses and URLs are fictional") {
  auto fictional_phone = [](const std::string& p) {
    // (555) 555-0100 .. 0199: the range reserved for fiction.
    return p.size() == 14 && p.rfind("(555) 555-01", 0) == 0;
  };
  auto example_email = [](const std::string& e) {
    return e.empty() || e.ends_with("@democity.example.org");
  };
  auto example_url = [](const std::string& u) {
    return u.rfind("https://democity.example.org", 0) == 0;
  };

  CHECK(fictional_phone(cat().department.main_phone));
  CHECK(example_url(cat().department.website));
  std::set<std::string> urls;
  for (const auto& p : cat().programs) {
    INFO(p.id);
    CHECK(fictional_phone(p.contact.phone));
    CHECK(example_email(p.contact.email));
    CHECK(p.url == "https://democity.example.org/community/" + p.id);
    CHECK(urls.insert(p.url).second);
  }
  for (const auto& c : cat().contacts) {
    INFO(c.id);
    CHECK(fictional_phone(c.contact.phone));
    CHECK(example_email(c.contact.email));
    CHECK((c.url.empty() || example_url(c.url)));
  }
  // Anonymity: the tip line has no e-mail and no sign-up form at the kiosk.
  const auto* cs = cat().find_program("crime-stoppers");
  REQUIRE(cs);
  CHECK(cs->contact.email.empty());
  CHECK_FALSE(cs->takes_signups);
}

TEST_CASE("standing notices say what a lobby must say") {
  const auto& d = cat().department;
  CHECK_THAT(d.emergency_notice.en, Catch::Contains("911"));
  CHECK_THAT(d.emergency_notice.es, Catch::Contains("911"));
  CHECK_THAT(d.not_monitored_notice.en, Catch::Contains("real time"));
  CHECK_THAT(d.not_monitored_notice.es, Catch::Contains("tiempo real"));
  // Privacy: what and why. How long is the kiosk's own paragraph (string privacy.retention), with
  // the days from the config, so the content states no number of days that could disagree.
  CHECK_THAT(d.privacy_notice.en, Catch::Contains("What we collect") && Catch::Contains("Why") &&
                                      !Catch::Contains("days"));
  CHECK_THAT(d.privacy_notice.es, Catch::Contains("Qué recopilamos") && !Catch::Contains("días"));
  // Records: who may ask, how long it takes, fees, redactions.
  for (const char* s : {"insurance", "attorneys", "5 to 10 business days", "Fees", "blacked out"})
    CHECK_THAT(d.records_info.en, Catch::Contains(s));
  for (const char* s : {"seguros", "abogados", "entre 5 y 10 días hábiles", "Tarifas", "tachar"})
    CHECK_THAT(d.records_info.es, Catch::Contains(s));
  CHECK(d.highlights.size() >= 4);
  CHECK(d.highlights.size() <= 8);
}

TEST_CASE(
    "upcoming events are dated after 2026-11-21 and include National Night Out and Red Ribbon "
    "Week") {
  const auto& ev = cat().events;
  REQUIRE(ev.size() >= 5);
  for (const auto& e : ev) {
    INFO(e.id);
    CHECK(e.date > "2026-11-21");
    if (!e.program_id.empty()) CHECK(cat().find_program(e.program_id) != nullptr);
  }
  auto find = [&](const std::string& program) {
    return std::find_if(ev.begin(), ev.end(),
                        [&](const auto& e) { return e.program_id == program; });
  };
  auto nno = find("national-night-out");
  REQUIRE(nno != ev.end());
  CHECK(nno->date == "2027-08-03");  // the first Tuesday of August 2027
  auto rrw = find("red-ribbon-week");
  REQUIRE(rrw != ev.end());
  CHECK(rrw->date == "2027-10-23");
  CHECK(rrw->end_date == "2027-10-31");
  for (const char* p : {"car-seat-inspections", "citizens-police-academy", "safe-senior"}) {
    INFO(p);
    CHECK(find(p) != ev.end());
  }

  // upcoming_events() keeps events that have not ended, in order.
  auto later = cat().upcoming_events("2027-10-25");
  REQUIRE(!later.empty());
  CHECK(later.front()->program_id == "red-ribbon-week");  // started on the 23rd, still running
  CHECK(cat().upcoming_events("2026-11-21").size() == ev.size());
  CHECK(cat().upcoming_events("2028-01-01").empty());
}

TEST_CASE("programs that take sign-ups carry the agreed extra fields") {
  auto field_ids = [](const std::string& program) {
    std::set<std::string> ids;
    const auto* p = cat().find_program(program);
    REQUIRE(p);
    CHECK(p->takes_signups);
    CHECK(p->signup_form == "signup");
    for (const auto& f : p->signup_fields) ids.insert(f.at("id").get<std::string>());
    return ids;
  };
  auto has_all = [&](const std::string& program, std::initializer_list<const char*> want) {
    auto ids = field_ids(program);
    for (const char* w : want) {
      INFO(program << " needs " << w);
      CHECK(ids.count(w));
    }
  };
  has_all("neighborhood-watch", {"household_size"});
  has_all("block-watch", {"household_size"});
  has_all("car-seat-inspections", {"child_age", "car_seat_type"});
  has_all("speaker-request", {"organization", "audience_size", "preferred_date"});
  has_all("station-tours", {"organization", "audience_size", "preferred_date"});
  has_all("home-security-survey", {"survey_address", "preferred_date"});
  has_all("citizens-police-academy", {"date_of_birth", "lives_or_works_in_city", "employer",
                                      "reason", "prior_arrests", "background_check"});

  for (const auto& p : cat().programs) {
    INFO(p.id);
    CHECK(p.takes_signups == !p.signup_form.empty());
    if (!p.takes_signups) CHECK(p.signup_fields.empty());
  }
}

TEST_CASE("the forms library accepts every program's sign-up form") {
  const auto& forms = kiosk::forms::bundled_forms();
  INFO((forms.errors.empty() ? std::string() : forms.errors.front()));
  for (const auto& p : cat().programs) {
    if (!p.takes_signups) continue;
    INFO(p.id);
    auto base = forms.find(p.signup_form);
    REQUIRE(base);
    auto composed = kiosk::forms::compose_form(*base, &p);
    INFO((composed.errors.empty() ? std::string() : composed.errors.front()));
    CHECK(composed.errors.empty());
    REQUIRE(composed.form);
    for (const auto& f : p.signup_fields)
      CHECK(composed.form->find_field(f.at("id").get<std::string>()) != nullptr);
  }
}
