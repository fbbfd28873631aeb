// Format checks for content values that are not prose: ids, phone numbers, e-mail addresses, URLs,
// dates and times. Each returns an empty string when the value is fine, else the message to report.
#pragma once
#include <string>

namespace kiosk::content {

std::string check_id(const std::string& s);  // "station-tours": [a-z0-9] words joined by "-", <= 40
std::string check_form_id(const std::string& s);  // "signup", "records_request": [a-z0-9_-]+, <= 40
std::string check_field_id(const std::string& s);  // "household_size": [a-z0-9_]+, <= 40
std::string check_phone(const std::string& s);     // "(555) 555-0100"
std::string check_email(const std::string& s);     // "community@democity.example.org"
std::string check_url(const std::string& s);       // "https://democity.example.org/community/tours"
std::string check_date(const std::string& s);      // "2027-08-03": a calendar day, year 2000..2199
std::string check_time(const std::string& s);      // "18:30", 24-hour
// A date bound as forms take it (cal::parse_date_bound): "today", "today+7d", "today-3650d" or a
// date of the calendar's range (1900..2199: a birth-date bound may lie before 2000).
std::string check_relative_date(const std::string& s);

}  // namespace kiosk::content
