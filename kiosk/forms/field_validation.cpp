// Field validation rules and the string keys of their messages. Each field gets at most one message per
// part, the first problem found, in the order a visitor can act on it.
#include "kiosk/forms/field_validation.h"
#include "kiosk/forms/phone_intl.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>

#include "kiosk/core/utf8.h"

namespace kiosk::forms {
namespace {

using Msg = std::optional<ValidationMessage>;

ValidationMessage msg(std::string key, std::vector<std::pair<std::string, std::string>> args = {}) {
  return ValidationMessage{std::move(key), std::move(args), {}, {}, {}};
}

FieldError error_of(const FieldSpec& f, Part part, ValidationMessage what) {
  LocalText words = what.words(Strings::builtin());
  return FieldError{f.id, part, std::move(what), std::move(words)};
}

// Invisible or control characters: they confuse the display and hide text (bidi overrides).
bool is_control_or_invisible(uint32_t cp, bool multiline) {
  if (cp == '\n') return !multiline;
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0x200B && cp <= 0x200F) ||
         (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x206F) || cp == 0xFEFF ||
         (cp >= 0xFFF0 && cp <= 0xFFFB);
}

// Characters the kiosk cannot show: outside the BMP (most emoji), private use, U+FFFC..FFFF, and
// the BMP's emoji-like symbols (arrows, technical and miscellaneous symbols, dingbats such as
// U+2764 heavy heart, U+2600 sun; combining marks for symbols like the keycap U+20E3; variation
// selectors that turn text into emoji). General punctuation (dashes, curly quotes) stays allowed.
bool is_undrawable(uint32_t cp) {
  return cp > 0xFFFF || (cp >= 0xE000 && cp <= 0xF8FF) || cp >= 0xFFFC ||
         (cp >= 0x2190 && cp <= 0x2BFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
         (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0x3030 || cp == 0x303D || cp == 0x3297 ||
         cp == 0x3299;
}

bool is_letter(uint32_t cp) {
  if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) return true;
  if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7) return false;
  return !(cp >= 0x2000 && cp <= 0x2BFF) &&
         !(cp >= 0x3000 && cp <= 0x303F);  // punctuation, symbols
}

const ValidationMessage kRequired = msg("val.required");

Msg check_text(std::string_view raw, std::string_view trimmed, int min_len, int max_len,
               bool multiline) {
  if (!utf8::is_valid(raw)) return msg("val.text_unreadable");
  bool control = false, undrawable = false;
  utf8::for_each_code_point(trimmed, [&](uint32_t cp) {
    control = control || is_control_or_invisible(cp, multiline);
    undrawable = undrawable || is_undrawable(cp);
  });
  if (undrawable) return msg("val.text_undrawable");
  if (control) return msg("val.text_control");
  auto len = static_cast<long long>(utf8::length(trimmed));
  if (len > max_len)
    return msg("val.text_too_long",
               {{"max", std::to_string(max_len)}, {"count", std::to_string(len)}});
  if (len > 0 && len < min_len)
    return msg("val.text_too_short", {{"min", std::to_string(min_len)}});
  return std::nullopt;
}

Msg check_person_name(std::string_view s) {
  bool ok = true, letter = false;
  utf8::for_each_code_point(s, [&](uint32_t cp) {
    if (is_letter(cp))
      letter = true;
    else if (!(cp == ' ' || cp == '-' || cp == '\'' || cp == 0x2019 || cp == '.' || cp == ','))
      ok = false;
  });
  if (ok && letter) return std::nullopt;
  return msg("val.person_name");
}

Msg check_pattern(const FieldSpec& f, std::string_view s) {
  if (content::matches_pattern(f, s)) return std::nullopt;
  if (!f.pattern_message.en.empty()) return ValidationMessage{{}, {}, {}, f.pattern_message, {}};
  return msg("val.pattern");
}

Msg check_typed(const FieldSpec& f, std::string_view s) {
  switch (f.type) {
    case FieldType::PersonName:
      if (auto m = check_person_name(s)) return m;
      break;
    case FieldType::Email:
      if (!is_valid_email(s)) return msg("val.email");
      break;
    default: break;
  }
  return check_pattern(f, s);
}

// A day of the week in both languages, lower case as it reads inside a sentence.
LocalText weekday_words(int weekday) {
  return LocalText{cal::weekday_name(weekday, Lang::En), cal::weekday_name(weekday, Lang::Es)};
}

// Why a day in range does not fit the field's schedule, or nullopt when it does.
Msg check_schedule_of(const FieldSpec& f, const Date& d, const Date& today) {
  const cal::DateSchedule& s = f.schedule;
  ValidationMessage m;
  switch (cal::check_schedule(s, d, today)) {
    case cal::ScheduleVerdict::Ok: return std::nullopt;
    case cal::ScheduleVerdict::TooLittleNotice:
      m.key = "val.date_notice_min";
      m.args = {{"days", std::to_string(*s.min_notice_days)}};
      m.dates = {{"from", add_days(today, *s.min_notice_days)}};
      return m;
    case cal::ScheduleVerdict::TooFarAhead:
      m.key = "val.date_notice_max";
      m.args = {{"days", std::to_string(*s.max_notice_days)}};
      m.dates = {{"to", add_days(today, *s.max_notice_days)}};
      return m;
    case cal::ScheduleVerdict::WrongWeekday: {
      LocalText days;
      for (int w = 0; w < 7; ++w) {
        if (!(s.weekdays & (1u << w))) continue;
        LocalText one = weekday_words(w);
        days.en += (days.en.empty() ? "" : ", ") + one.en;
        days.es += (days.es.empty() ? "" : ", ") + one.es;
      }
      m.key = "val.date_weekday";
      m.words_args = {{"weekdays", days}};
      return m;
    }
    case cal::ScheduleVerdict::WrongNthWeekday: {
      const cal::NthWeekday& nth = *s.nth;
      std::string ordinal = nth.n == -1 ? "last" : std::to_string(nth.n);
      const Strings& str = Strings::builtin();
      m.words_args = {{"nth", LocalText{str.get(Lang::En, "val.date_ordinal." + ordinal),
                                        str.get(Lang::Es, "val.date_ordinal." + ordinal)}},
                      {"weekday", weekday_words(nth.weekday)}};
      // The next day that can be chosen, so the visitor need not count weeks.
      if (auto next = first_allowed_date(f, d, today)) {
        m.key = "val.date_nth_weekday_next";
        m.dates = {{"next", *next}};
      } else {
        m.key = "val.date_nth_weekday";
      }
      return m;
    }
  }
  return std::nullopt;
}

Msg check_date(const FieldSpec& f, std::string_view s, const Date& today) {
  auto d = parse_date(s);
  if (!d) return msg("val.date_invalid");
  // The notice first: it names the reason (days of notice), not only the range it makes.
  cal::ScheduleVerdict verdict = cal::check_schedule(f.schedule, *d, today);
  if (verdict == cal::ScheduleVerdict::TooLittleNotice ||
      verdict == cal::ScheduleVerdict::TooFarAhead)
    return check_schedule_of(f, *d, today);
  auto [lo, hi] = date_range(f, today);
  if (*d >= lo && *d <= hi) return check_schedule_of(f, *d, today);
  // "today" is a word of its own in each language, so each combination has its key.
  ValidationMessage m;
  if (lo == today && hi == today) {
    m.key = "val.date_today";
  } else if (lo == today) {
    m.key = "val.date_from_today";
    m.dates = {{"to", hi}};
  } else if (hi == today) {
    m.key = "val.date_until_today";
    m.dates = {{"from", lo}};
  } else {
    m.key = "val.date_between";
    m.dates = {{"from", lo}, {"to", hi}};
  }
  return m;
}

std::vector<FieldError> check_address(const FieldSpec& f, const Answer& a) {
  std::vector<FieldError> out;
  auto add = [&](Part p, ValidationMessage m) { out.push_back(error_of(f, p, std::move(m))); };
  if (!f.required && a.is_empty(f.type)) return out;
  for (Part p : {Part::Street, Part::Unit, Part::City, Part::State, Part::Zip}) {
    const SecureString& raw = a.address.part(p);
    std::string_view v = trim(raw);
    // State and ZIP have fixed shapes: their own message says more than a length would.
    int max_len = p == Part::State || p == Part::Zip ? kMaxTextLengthCap : part_max_length(p);
    if (auto m = check_text(raw, v, 0, max_len, false)) {
      add(p, *m);
      continue;
    }
    bool letter = false, digit = false;
    utf8::for_each_code_point(v, [&](uint32_t cp) {
      letter = letter || is_letter(cp);
      digit = digit || (cp >= '0' && cp <= '9');
    });
    switch (p) {
      case Part::Street:
        if (!letter && !digit) add(p, msg("val.street"));
        break;
      case Part::City:
        if (!letter) add(p, msg("val.city"));
        break;
      case Part::State: {
        std::string up(v);
        for (char& c : up) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
        if (!is_usps_state(up)) add(p, msg("val.state"));
        break;
      }
      case Part::Zip:
        if (normalize_zip(v).empty()) add(p, msg("val.zip"));
        break;
      default: break;
    }
  }
  return out;
}

Msg check_signature(const FieldSpec& f, const Signature& sig) {
  if (sig.empty() && !f.required) return std::nullopt;
  if (sig.typed()) {  // a full name in place of the drawing: the person_name rule, 2-200 long
    std::string_view name = trim(std::string_view(sig.typed_name()));
    if (name.empty()) return msg("typedsig.required");
    if (utf8::length(name) < static_cast<std::size_t>(kMinTypedNameLength))
      return msg("val.text_too_short", {{"min", std::to_string(kMinTypedNameLength)}});
    if (utf8::length(name) > static_cast<std::size_t>(kMaxTypedNameLength))
      return msg("val.text_too_long", {{"max", std::to_string(kMaxTypedNameLength)},
                                       {"count", std::to_string(utf8::length(name))}});
    return check_person_name(name);
  }
  if (sig.longest_stroke_length() < kMinSignatureStrokeLength) return msg("val.signature");
  return std::nullopt;
}

Msg check_one(const FieldSpec& f, const Answer& a, const ValidationContext& ctx) {
  std::string_view raw = a.text;
  std::string_view v = trim(raw);
  switch (f.type) {
    case FieldType::Text:
    case FieldType::LongText:
    case FieldType::PersonName:
    case FieldType::Email: {
      if (auto m = check_text(raw, v, f.min_length, f.max_length, f.type == FieldType::LongText))
        return m;
      if (v.empty()) return f.required ? Msg(kRequired) : std::nullopt;
      return check_typed(f, v);
    }
    case FieldType::PhoneUs: {
      if (auto m = check_text(raw, v, 0, 32, false)) return m;
      if (v.empty()) return f.required ? Msg(kRequired) : std::nullopt;
      if (phone_digits(v).empty()) return msg("val.phone");
      return std::nullopt;
    }
    case FieldType::PhoneIntl: {
      if (auto m = check_text(raw, v, 0, 32, false)) return m;
      if (v.empty()) return f.required ? Msg(kRequired) : std::nullopt;
      if (e164(v).empty()) return msg("val.phone_intl");
      return std::nullopt;
    }
    case FieldType::Date:
      if (v.empty()) return f.required ? Msg(msg("val.date_required")) : std::nullopt;
      return check_date(f, v, ctx.today);
    case FieldType::Time:
      if (v.empty()) return f.required ? Msg(msg("val.time_required")) : std::nullopt;
      if (!parse_time(v)) return msg("val.time_invalid");
      return std::nullopt;
    case FieldType::Number:
      if (!a.number) return f.required ? Msg(msg("val.number_required")) : std::nullopt;
      if (*a.number < f.min || *a.number > f.max)
        return msg("val.number_range",
                   {{"min", std::to_string(f.min)}, {"max", std::to_string(f.max)}});
      return std::nullopt;
    case FieldType::SingleChoice:
      if (v.empty()) return f.required ? Msg(msg("val.choice_required")) : std::nullopt;
      if (!f.find_choice(v)) return msg("val.choice_unknown");
      return std::nullopt;
    case FieldType::MultiChoice:
      if (a.is_empty(f.type) && f.required) return msg("val.choices_required");
      return std::nullopt;
    case FieldType::YesNo:
      if (v.empty()) return f.required ? Msg(msg("val.yes_no")) : std::nullopt;
      if (v != "yes" && v != "no") return msg("val.yes_no");
      return std::nullopt;
    case FieldType::Consent:
      if (f.required && !a.agreed) return msg("val.consent");
      return std::nullopt;
    case FieldType::Signature: return check_signature(f, a.signature);
    case FieldType::AddressUs: break;  // per part, in check_address
  }
  return std::nullopt;
}

// USPS codes: 50 states, DC, territories and freely associated states, and military (AA/AE/AP).
constexpr std::array<std::string_view, 62> kUspsStates = {
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS",
    "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY",
    "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV",
    "WI", "WY", "DC", "AS", "GU", "MP", "PR", "VI", "FM", "MH", "PW", "AA", "AE", "AP",
};

}  // namespace

bool is_displayable_text(std::string_view s, bool multiline) {
  if (!utf8::is_valid(s)) return false;
  bool ok = true;
  utf8::for_each_code_point(s, [&](uint32_t cp) {
    ok = ok && !is_control_or_invisible(cp, multiline) && !is_undrawable(cp);
  });
  return ok;
}

std::string ValidationMessage::text(Lang lang, const Strings& strings) const {
  if (key.empty()) return custom.get(lang);
  auto all = args;
  for (const auto& [name, date] : dates) all.emplace_back(name, format_date_long(date, lang));
  for (const auto& [name, w] : words_args) all.emplace_back(name, w.get(lang));
  return strings.format(lang, key, all);
}

LocalText ValidationMessage::words(const Strings& strings) const {
  return LocalText{text(Lang::En, strings), text(Lang::Es, strings)};
}

FieldError FieldError::with_text(std::string field_id, Part part, LocalText text) {
  return FieldError{std::move(field_id), part, ValidationMessage{{}, {}, {}, text, {}}, text};
}

std::string FieldError::where() const {
  return part == Part::None ? field_id : field_id + "." + part_name(part);
}

std::string_view trim(std::string_view s) {
  auto space_at_front = [&](std::string_view v) -> std::size_t {
    if (v.empty()) return 0;
    char c = v.front();
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return 1;
    if (v.size() >= 2 && v[0] == '\xC2' && v[1] == '\xA0') return 2;
    return 0;
  };
  auto space_at_back = [&](std::string_view v) -> std::size_t {
    if (v.empty()) return 0;
    char c = v.back();
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return 1;
    if (v.size() >= 2 && v[v.size() - 2] == '\xC2' && v.back() == '\xA0') return 2;
    return 0;
  };
  while (std::size_t n = space_at_front(s)) s.remove_prefix(n);
  while (std::size_t n = space_at_back(s)) s.remove_suffix(n);
  return s;
}

bool is_usps_state(std::string_view code) {
  return std::find(kUspsStates.begin(), kUspsStates.end(), code) != kUspsStates.end();
}

std::string phone_digits(std::string_view s) {
  std::string d;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c >= '0' && c <= '9') {
      if (d.size() >= 11) return {};
      d += c;
    } else if (c == '+') {
      if (i != 0) return {};
    } else if (c != ' ' && c != '(' && c != ')' && c != '-' && c != '.') {
      return {};
    }
  }
  if (d.size() == 11 && d[0] == '1')
    d.erase(0, 1);
  else if (!s.empty() && s[0] == '+')
    return {};  // "+" only as "+1"
  if (d.size() != 10) return {};
  // NANP: area code and exchange start with 2-9; an area code is never N11 (911, 411, ...).
  if (d[0] < '2' || d[3] < '2' || (d[1] == '1' && d[2] == '1')) return {};
  return d;
}

std::string format_phone(std::string_view d) {
  if (d.size() != 10) return std::string(d);
  return "(" + std::string(d.substr(0, 3)) + ") " + std::string(d.substr(3, 3)) + "-" +
         std::string(d.substr(6));
}

std::string normalize_zip(std::string_view s) {
  auto all_digits = [](std::string_view v) {
    return std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  std::string out;
  if (s.size() == 5 && all_digits(s))
    out = std::string(s);
  else if (s.size() == 10 && s[5] == '-' && all_digits(s.substr(0, 5)) && all_digits(s.substr(6)))
    out = std::string(s);
  else if (s.size() == 9 && all_digits(s))
    out = std::string(s.substr(0, 5)) + "-" + std::string(s.substr(5));
  if (out.starts_with("00000")) return {};
  return out;
}

std::pair<Date, Date> date_range(const FieldSpec& field, const Date& today) {
  Date lo{1900, 1, 1}, hi{2199, 12, 31};
  if (field.min_date) lo = std::max(lo, field.min_date->resolve(today));
  if (field.max_date) hi = std::min(hi, field.max_date->resolve(today));
  const cal::DateSchedule& s = field.schedule;
  if (s.min_notice_days) lo = std::max(lo, add_days(today, *s.min_notice_days));
  if (s.max_notice_days) hi = std::min(hi, add_days(today, *s.max_notice_days));
  return {lo, hi};
}

bool date_allowed(const FieldSpec& field, const Date& d, const Date& today) {
  auto [lo, hi] = date_range(field, today);
  return !(d < lo) && !(hi < d) &&
         cal::check_schedule(field.schedule, d, today) == cal::ScheduleVerdict::Ok;
}

std::optional<Date> first_allowed_date(const FieldSpec& field, const Date& from,
                                       const Date& today) {
  auto [lo, hi] = date_range(field, today);
  return cal::first_scheduled_day(field.schedule, std::max(from, lo), hi, today);
}

std::vector<FieldError> validate_field(const FieldSpec& field, const Answer& answer,
                                       const ValidationContext& ctx) {
  if (field.type == FieldType::AddressUs) return check_address(field, answer);
  std::vector<FieldError> out;
  if (auto m = check_one(field, answer, ctx))
    out.push_back(error_of(field, Part::None, std::move(*m)));
  return out;
}

namespace {

// Minutes since midnight of a time answer, or days since the epoch of a date one: the order of two
// answers of the same type. nullopt when `text` is not one.
std::optional<long long> ordinal_of(FieldType type, std::string_view text) {
  if (type == FieldType::Time) {
    auto t = parse_time(trim(text));
    if (!t) return std::nullopt;
    return t->hour * 60LL + t->minute;
  }
  auto d = parse_date(trim(text));
  if (!d) return std::nullopt;
  return d->year * 10000LL + d->month * 100LL + d->day;
}

}  // namespace

std::vector<FieldError> validate_field(const FieldSpec& field, const Answers& answers,
                                       const ValidationContext& ctx) {
  auto out = validate_field(field, answers.at(field.id), ctx);
  if (!out.empty() || field.not_before.empty()) return out;
  // The pair is judged only when both ends stand on their own: one message per field, and the
  // "from" field's own message comes first.
  const FieldSpec* from = answers.form().find_field(field.not_before);
  if (!from || !answers.is_visible(*from) ||
      !validate_field(*from, answers.at(from->id), ctx).empty())
    return out;
  auto mine = ordinal_of(field.type, answers.at(field.id).text);
  auto theirs = ordinal_of(from->type, answers.at(from->id).text);
  if (mine && theirs && *mine < *theirs) {
    ValidationMessage m = msg(field.type == FieldType::Time ? "reqform.val.time_not_before"
                                                            : "reqform.val.date_not_before");
    if (field.type == FieldType::Date)
      m.dates = {{"value", *parse_date(trim(answers.at(from->id).text))}};
    else
      m.args = {{"value", std::string(trim(answers.at(from->id).text))}};
    m.words_args = {{"other", from->label}};
    out.push_back(error_of(field, Part::None, std::move(m)));
  }
  return out;
}

std::vector<FieldError> validate_answers(const Answers& answers, const ValidationContext& ctx) {
  std::vector<FieldError> out;
  for (const FieldSpec* f : answers.form().all_fields()) {
    if (!answers.is_visible(*f)) continue;
    auto errs = validate_field(*f, answers, ctx);
    out.insert(out.end(), errs.begin(), errs.end());
  }
  return out;
}

}  // namespace kiosk::forms
