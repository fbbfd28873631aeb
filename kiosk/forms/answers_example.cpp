// Plausible invented answers per field type (and, for text, per field id), dates picked inside
// each field's range.
#include "kiosk/forms/answers_example.h"

#include <algorithm>
#include <initializer_list>
#include <string_view>
#include <utility>

#include "kiosk/forms/field_validation.h"

namespace kiosk::forms {
namespace {

// Field-id fragments and values that read naturally for them; the first match wins.
constexpr std::pair<std::string_view, std::string_view> kTextByIdHint[] = {
    {"case", "2024-012345"},
    {"plate", "ABC1234"},
    {"claim", "CLM-77812"},
    {"organization", "Lincoln Elementary PTA"},
    {"employer", "Demo City Public Library"},
    {"group", "Oak Street Neighbors"},
    {"vehicle", "2016 Honda Civic, blue"},
    {"location", "Main St and 5th Ave"},
    {"driver", "Ana Lopez, John Smith"},
    {"people", "Ana Lopez, John Smith"},
    {"event_name", "Oak Street Block Party"},
    {"topic", "Scams that target seniors"},
    {"role", "Parent of the driver"},
    {"record", "Incident log for the 100 block of Main St"},
};
constexpr std::string_view kPatternCandidates[] = {"2024-012345", "ABC1234", "Example", "12345",
                                                   "A1"};

std::string_view text_for(const FieldSpec& f) {
  for (const auto& [hint, value] : kTextByIdHint)
    if (f.id.find(hint) != std::string::npos) return value;
  if (f.type == FieldType::LongText) return "No special needs. Thank you.";
  return "Example answer";
}

void set(SecureString& s, std::string_view v) {
  wipe_buffer(s);
  s.append(v.data(), v.size());
}

Date pick_date(const FieldSpec& f, const Date& today) {
  auto [lo, hi] = date_range(f, today);
  long wanted = f.id.find("birth") != std::string::npos               ? -35L * 365
                : (f.max_date && f.max_date->resolve(today) <= today) ? -7
                                                                      : 14;
  Date d = std::clamp(add_days(today, wanted), lo, hi);
  // A scheduled field (2nd Saturdays) gets a day it allows, so the example submits as it is.
  return first_allowed_date(f, d, today).value_or(d);
}

void fill_signature(Signature& sig) {
  // A looping, left-to-right scrawl: long enough to count as a signature, a few hundred bytes.
  constexpr Point kScrawl[] = {{0.08f, 0.62f}, {0.16f, 0.30f}, {0.22f, 0.70f}, {0.30f, 0.34f},
                               {0.38f, 0.66f}, {0.47f, 0.40f}, {0.55f, 0.62f}, {0.66f, 0.38f},
                               {0.78f, 0.58f}, {0.92f, 0.48f}};
  sig.wipe();
  sig.begin_stroke();
  for (const Point& p : kScrawl) sig.add_point(p.x, p.y);
  sig.begin_stroke();  // the underline
  sig.add_point(0.10f, 0.82f);
  sig.add_point(0.85f, 0.80f);
}

}  // namespace

void fill_example_answers(Answers& out, const Date& today) {
  for (const FieldSpec* fp : out.form().all_fields()) {
    const FieldSpec& f = *fp;
    Answer& a = out.at(f.id);
    switch (f.type) {
      case FieldType::PersonName:
        set(a.text, f.id.find("first") != std::string::npos  ? "Ana"
                    : f.id.find("last") != std::string::npos ? "López"
                                                             : "Ana López");
        break;
      case FieldType::Email: set(a.text, "ana.lopez@example.com"); break;
      case FieldType::PhoneUs: set(a.text, "(555) 555-0123"); break;
      case FieldType::PhoneIntl: set(a.text, "+44 20 7946 0958"); break;
      case FieldType::Text:
      case FieldType::LongText: {
        set(a.text, text_for(f));
        ValidationContext ctx{today};
        for (std::string_view candidate : kPatternCandidates) {
          if (validate_field(f, a, ctx).empty()) break;
          set(a.text, candidate);
        }
        break;
      }
      case FieldType::AddressUs:
        set(a.address.street, "100 Main St");
        set(a.address.unit, "Apt 2");
        set(a.address.city, "Springfield");
        set(a.address.state, "IL");
        set(a.address.zip, "62701");
        break;
      case FieldType::Date: set(a.text, format_date(pick_date(f, today))); break;
      case FieldType::Time: set(a.text, "14:30"); break;
      case FieldType::Number: a.number = std::clamp(3LL, f.min, f.max); break;
      case FieldType::SingleChoice: set(a.text, f.choices.front().id); break;
      case FieldType::MultiChoice:
        std::fill(a.chosen.begin(), a.chosen.end(), 0);
        for (std::size_t i = 0; i < a.chosen.size() && i < 2; ++i) a.chosen[i] = 1;
        break;
      case FieldType::YesNo: set(a.text, "yes"); break;
      case FieldType::Consent: a.agreed = true; break;
      case FieldType::Signature: fill_signature(a.signature); break;
    }
  }
}

}  // namespace kiosk::forms
