// Date schedules (docs/forms.md, "Schedules"): the n-th weekday of a month over a whole year, the
// last weekday, allowed weekdays, notice limits at their boundaries, malformed schedules refused
// with the JSON pointer and a clear reason, the validator's words in English and Spanish, the
// picker model offering only scheduled days, and the demo content's car-seat and special-events
// fields.
#include <catch2/catch.hpp>

#include <functional>

#include "kiosk/content/catalogue.h"
#include "kiosk/core/clock.h"
#include "kiosk/forms/date_entry.h"
#include "kiosk/forms/field_validation.h"
#include "kiosk/forms/form_session.h"
#include "test_form_util.h"

using namespace kiosk::forms;
using namespace kiosk::forms::test;
using kiosk::Lang;
using kiosk::LocalText;
namespace cal = kiosk::cal;

namespace {

const Date kToday{2026, 11, 23};  // a Monday

std::vector<std::string> errors_for(const json& field) {
  json f = field;
  f["id"] = "f";
  f["label"] = lt("Field", "Campo");
  return load_form("t.json", form_json(json::array({step_json("s", json::array({f}))})).dump())
      .errors;
}

const std::string kAt = "t.json: /steps/0/fields/0";

std::optional<LocalText> refusal(const FormSpec& form, const Date& d) {
  Answers answers(form);
  answers.at("f").text = to_secure(format_date(d));
  auto errs = validate_answers(answers, ValidationContext{kToday});
  if (errs.empty()) return std::nullopt;
  return errs.front().message;
}

}  // namespace

TEST_CASE("schedule: the 2nd Saturday of each month of 2027, and nothing else") {
  const cal::NthWeekday second_sat{2, 6};
  const int expected[12] = {9, 13, 13, 10, 8, 12, 10, 14, 11, 9, 13, 11};
  for (int m = 1; m <= 12; ++m) {
    INFO(m);
    auto d = cal::nth_weekday_in_month(2027, m, second_sat);
    REQUIRE(d);
    CHECK(*d == Date{2027, m, expected[m - 1]});
    int matches = 0;
    for (int day = 1; day <= days_in_month(2027, m); ++day)
      matches += cal::is_nth_weekday(Date{2027, m, day}, second_sat) ? 1 : 0;
    CHECK(matches == 1);
  }
}

TEST_CASE("schedule: the last weekday of a month, and a 5th one that some months lack") {
  const cal::NthWeekday last_fri{-1, 5};
  CHECK(cal::nth_weekday_in_month(2027, 1, last_fri) == Date{2027, 1, 29});
  CHECK(cal::nth_weekday_in_month(2027, 4, last_fri) == Date{2027, 4, 30});
  CHECK(cal::nth_weekday_in_month(2027, 12, last_fri) == Date{2027, 12, 31});
  CHECK(cal::nth_weekday_in_month(2028, 2, cal::NthWeekday{-1, 2}) == Date{2028, 2, 29});  // leap
  CHECK_FALSE(cal::is_nth_weekday(Date{2027, 1, 22}, last_fri));
  const cal::NthWeekday fifth_sat{5, 6};
  CHECK(cal::nth_weekday_in_month(2027, 1, fifth_sat) == Date{2027, 1, 30});
  CHECK_FALSE(cal::nth_weekday_in_month(2027, 2, fifth_sat));
  CHECK_FALSE(cal::nth_weekday_in_month(2027, 2, cal::NthWeekday{0, 6}));
  CHECK_FALSE(cal::nth_weekday_in_month(2027, 2, cal::NthWeekday{6, 6}));
  // From February 2027 the next 5th Saturday is May 1's month: May 29.
  cal::DateSchedule s;
  s.nth = fifth_sat;
  CHECK(cal::first_scheduled_day(s, Date{2027, 2, 1}, Date{2027, 12, 31}, kToday) ==
        Date{2027, 5, 29});
  CHECK_FALSE(cal::first_scheduled_day(s, Date{2027, 2, 1}, Date{2027, 5, 28}, kToday));
}

TEST_CASE("schedule: weekday codes") {
  CHECK(cal::parse_weekday("sun") == 0);
  CHECK(cal::parse_weekday("sat") == 6);
  CHECK_FALSE(cal::parse_weekday("Sat"));
  CHECK_FALSE(cal::parse_weekday("saturday"));
  CHECK(std::string(cal::weekday_code(3)) == "wed");
}

TEST_CASE("schedule: notice limits at their boundaries") {
  cal::DateSchedule s;
  s.min_notice_days = 14;
  s.max_notice_days = 60;
  CHECK(cal::check_schedule(s, add_days(kToday, 13), kToday) ==
        cal::ScheduleVerdict::TooLittleNotice);
  CHECK(cal::check_schedule(s, add_days(kToday, 14), kToday) == cal::ScheduleVerdict::Ok);
  CHECK(cal::check_schedule(s, add_days(kToday, 60), kToday) == cal::ScheduleVerdict::Ok);
  CHECK(cal::check_schedule(s, add_days(kToday, 61), kToday) == cal::ScheduleVerdict::TooFarAhead);
  cal::DateSchedule zero;
  zero.min_notice_days = 0;
  CHECK(cal::check_schedule(zero, kToday, kToday) == cal::ScheduleVerdict::Ok);
  CHECK(cal::check_schedule(zero, add_days(kToday, -1), kToday) ==
        cal::ScheduleVerdict::TooLittleNotice);

  FormSpec f = one_field({{"type", "date"}, {"min_notice_days", 14}, {"max_notice_days", 60}});
  auto [lo, hi] = date_range(f.steps[0].fields[0], kToday);
  CHECK(lo == Date{2026, 12, 7});
  CHECK(hi == add_days(kToday, 60));
  CHECK_FALSE(refusal(f, Date{2026, 12, 7}));
  auto soon = refusal(f, Date{2026, 12, 6});
  REQUIRE(soon);
  CHECK(soon->en == "This needs at least 14 days' notice: choose December 7, 2026 or later.");
  CHECK(soon->es ==
        "Se necesita un aviso de al menos 14 días: elija el 7 de diciembre de 2026 o una fecha "
        "posterior.");
  auto far = refusal(f, add_days(kToday, 61));
  REQUIRE(far);
  CHECK(far->en == "This can be booked at most 60 days ahead: choose January 22, 2027 or earlier.");
}

TEST_CASE("schedule: weekdays and nth_weekday refused in words, EN and ES") {
  FormSpec weekend = one_field({{"type", "date"}, {"weekdays", {"sat", "sun"}}});
  CHECK_FALSE(refusal(weekend, Date{2026, 11, 28}));  // Saturday
  CHECK_FALSE(refusal(weekend, Date{2026, 11, 29}));  // Sunday
  auto monday = refusal(weekend, Date{2026, 11, 30});
  REQUIRE(monday);
  CHECK(monday->en ==
        "That day cannot be chosen. Choose one of these days of the week: Sunday, Saturday.");
  CHECK(monday->es ==
        "Ese día no se puede elegir. Elija uno de estos días de la semana: domingo, sábado.");

  FormSpec second_sat = one_field({{"type", "date"},
                                   {"nth_weekday", {{"n", 2}, {"weekday", "sat"}}},
                                   {"max_date", "today+180d"}});
  CHECK_FALSE(refusal(second_sat, Date{2026, 12, 12}));
  auto first_sat = refusal(second_sat, Date{2026, 12, 5});
  REQUIRE(first_sat);
  CHECK(first_sat->en ==
        "Only the second Saturday of each month can be chosen. The next one is December 12, 2026.");
  CHECK(first_sat->es ==
        "Solo se puede elegir el segundo sábado de cada mes. El próximo es el 12 de diciembre de "
        "2026.");
  // After the last one in range there is no next one to name.
  auto late = refusal(second_sat, Date{2027, 5, 20});
  REQUIRE(late);
  CHECK(late->en == "Only the second Saturday of each month can be chosen.");
  // Outside the range, the range is what is wrong.
  auto past = refusal(second_sat, Date{2026, 11, 14});
  CHECK_FALSE(past);  // no min_date: a past 2nd Saturday is allowed by this field
  FormSpec last_fri =
      one_field({{"type", "date"}, {"nth_weekday", {{"n", -1}, {"weekday", "fri"}}}});
  auto not_last = refusal(last_fri, Date{2026, 11, 20});
  REQUIRE(not_last);
  CHECK(not_last->en ==
        "Only the last Friday of each month can be chosen. The next one is November 27, 2026.");
  CHECK(not_last->es.rfind("Solo se puede elegir el último viernes de cada mes.", 0) == 0);
}

TEST_CASE("schedule: malformed schedules are form errors naming the key and the reason") {
  using E = std::vector<std::string>;
  auto date = [](json extra) {
    json f = {{"type", "date"}};
    f.update(extra);
    return f;
  };
  CHECK(errors_for(date({{"weekdays", {"saturday"}}})) ==
        E{kAt + "/weekdays/0: expected a day of the week: sun, mon, tue, wed, thu, fri or sat, "
                "got \"saturday\""});
  CHECK(errors_for(date({{"weekdays", json::array()}})) ==
        E{kAt + "/weekdays: expected a non-empty list of days of the week, like [\"sat\"]"});
  CHECK(errors_for(date({{"weekdays", {"sat", "sat"}}})) ==
        E{kAt + "/weekdays/1: \"sat\" is listed twice"});
  CHECK(errors_for(date({{"weekdays", {6}}})) ==
        E{kAt + "/weekdays/0: expected a day of the week: sun, mon, tue, wed, thu, fri or sat, "
                "got a number"});
  CHECK(errors_for(date({{"nth_weekday", {{"n", 0}, {"weekday", "sat"}}}})) ==
        E{kAt + "/nth_weekday/n: expected 1, 2, 3, 4 or 5 (the n-th in the month) or -1 (the "
                "last), got 0"});
  CHECK(errors_for(date({{"nth_weekday", {{"n", 6}, {"weekday", "sat"}}}})).size() == 1);
  CHECK(errors_for(date({{"nth_weekday", {{"n", -2}, {"weekday", "sat"}}}})).size() == 1);
  CHECK(errors_for(date({{"nth_weekday", {{"n", 2}, {"weekday", "caturday"}}}})) ==
        E{kAt + "/nth_weekday/weekday: expected a day of the week: sun, mon, tue, wed, thu, fri "
                "or sat, got \"caturday\""});
  CHECK(errors_for(date({{"nth_weekday", {{"n", 2}}}})) ==
        E{kAt + "/nth_weekday/weekday: missing (required)"});
  CHECK(errors_for(date({{"nth_weekday", {{"n", 2}, {"weekday", "sat"}, {"every", 1}}}})).size() ==
        1);
  CHECK(errors_for(date({{"nth_weekday", "2nd sat"}})).size() == 1);
  CHECK(
      errors_for(date({{"weekdays", {"sat"}}, {"nth_weekday", {{"n", 2}, {"weekday", "sat"}}}})) ==
      E{kAt + "/nth_weekday: give either weekdays or nth_weekday, not both (nth_weekday names "
              "its day)"});
  CHECK(errors_for(date({{"min_notice_days", -1}})) ==
        E{kAt + "/min_notice_days: expected a whole number from 0 to 3650, got -1"});
  CHECK(errors_for(date({{"max_notice_days", "60"}})) ==
        E{kAt + "/max_notice_days: expected a whole number, got a string"});
  CHECK(errors_for(date({{"min_notice_days", 60}, {"max_notice_days", 14}})) ==
        E{kAt + "/min_notice_days: greater than max_notice_days (14)"});
  CHECK(errors_for(date({{"min_notice_days", 60}, {"max_date", "today+30d"}})) ==
        E{kAt + "/min_notice_days: more days than max_date allows: no day could be chosen"});
  CHECK(errors_for({{"type", "text"}, {"weekdays", {"sat"}}}) ==
        E{kAt + "/weekdays: not used by a text field (only date fields have a schedule)"});
  CHECK(errors_for(date({{"min_notice_days", 14}, {"nth_weekday", {{"n", 2}, {"weekday", "sat"}}}}))
            .empty());
}

TEST_CASE("schedule: the picker model offers only 2nd Saturdays") {
  cal::DateSchedule s;
  s.nth = cal::NthWeekday{2, 6};
  Date lo = kToday, hi = add_days(kToday, 180);
  // November 2026: its 2nd Saturday (the 14th) is past, so nothing is on offer.
  CHECK(offered_days(2026, 11, lo, hi, s, kToday).empty());
  CHECK_FALSE(month_offered(2026, 11, lo, hi, s, kToday));
  CHECK(offered_days(2026, 12, lo, hi, s, kToday) == std::vector<Date>{Date{2026, 12, 12}});
  CHECK(day_offered(Date{2026, 12, 12}, lo, hi, s, kToday));
  CHECK_FALSE(day_offered(Date{2026, 12, 5}, lo, hi, s, kToday));
  CHECK_FALSE(day_offered(Date{2026, 12, 19}, lo, hi, s, kToday));
  // Every month up to the range's end offers exactly its 2nd Saturday.
  int months = 0;
  for (Date m{2026, 12, 1}; !(hi < m); m = add_days(m, days_in_month(m.year, m.month)), ++months) {
    auto days = offered_days(m.year, m.month, lo, hi, s, kToday);
    INFO(format_date(m));
    REQUIRE(days.size() == 1);
    CHECK(cal::weekday(days[0]) == 6);
    CHECK(days[0].day >= 8);
    CHECK(days[0].day <= 14);
  }
  CHECK(months == 6);  // December .. May
  // Without a schedule every day in range is on offer.
  CHECK(offered_days(2026, 12, lo, hi, {}, kToday).size() == 31);
}

TEST_CASE("schedule: demo content: car-seat checks on 2nd Saturdays, events with 60 days' notice") {
  kiosk::Catalogue catalogue = kiosk::bundled_catalogue();
  kiosk::Clock::Wall afternoon;  // a Monday afternoon, the same day in any US time zone
  REQUIRE(kiosk::parse_rfc3339("2026-11-23T15:00:00Z", afternoon));
  kiosk::VirtualClock clock(afternoon);

  const kiosk::Program* car_seat = catalogue.find_program("car-seat-inspections");
  REQUIRE(car_seat);
  ComposeResult car = compose_form(*bundled_forms().find("signup"), car_seat);
  REQUIRE(car.errors.empty());
  FormSession s(car.form, Lang::En, clock);
  CHECK_FALSE(s.set_date("preferred_date", Date{2026, 12, 5}));
  auto why = s.date_refusal("preferred_date", Date{2026, 12, 5});
  REQUIRE(why);
  CHECK(why->en ==
        "Only the second Saturday of each month can be chosen. The next one is December 12, 2026.");
  CHECK(s.set_date("preferred_date", Date{2026, 12, 12}));
  CHECK_FALSE(s.date_refusal("preferred_date", Date{2027, 1, 9}));

  const kiosk::Program* events = catalogue.find_program("special-events-security");
  REQUIRE(events);
  ComposeResult ev = compose_form(*bundled_forms().find("signup"), events);
  REQUIRE(ev.errors.empty());
  FormSession e(ev.form, Lang::Es, clock);
  CHECK_FALSE(e.set_date("event_date", Date{2027, 1, 21}));  // 59 days ahead
  auto soon = e.date_refusal("event_date", Date{2027, 1, 21});
  REQUIRE(soon);
  CHECK(soon->en == "This needs at least 60 days' notice: choose January 22, 2027 or later.");
  CHECK(e.set_date("event_date", Date{2027, 1, 22}));
  // The help says it before the visitor picks.
  const FieldSpec* f = ev.form->find_field("event_date");
  REQUIRE(f);
  CHECK(f->help.en.find("60 days") != std::string::npos);
  CHECK(f->help.es.find("60 días") != std::string::npos);
}

TEST_CASE("schedule: a program's signup_fields with a bad schedule reject the bundle, naming it") {
  json fields = json::array({{{"id", "visit"},
                              {"type", "date"},
                              {"label", lt("Visit", "Visita")},
                              {"nth_weekday", {{"n", 2}, {"weekday", "saturday"}}},
                              {"min_notice_days", 3651}}});
  std::vector<std::string> errors;
  kiosk::content::ErrorSink sink("programs.json", errors);
  kiosk::content::check_signup_fields(fields, "/programs/0/signup_fields", sink);
  CHECK(errors ==
        std::vector<std::string>{
            "programs.json: /programs/0/signup_fields/0/nth_weekday/weekday: expected a day of the "
            "week: sun, mon, tue, wed, thu, fri or sat, got \"saturday\"",
            "programs.json: /programs/0/signup_fields/0/min_notice_days: expected a whole number "
            "from 0 to 3650, got 3651"});
}
