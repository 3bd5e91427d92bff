#pragma once

#include <array>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace rplan::util {

// A calendar day with no time zone attached (a person's local date, or a
// holiday). Arithmetic in whole days.
using Date = std::chrono::sys_days;
// A point in time, UTC, to the second.
using Instant = std::chrono::sys_seconds;

// Parses a strict ISO date "YYYY-MM-DD" that exists in the calendar.
std::optional<Date> parse_date(std::string_view text);
std::string format_date(Date date);

// Parses "HH:MM" (00:00-23:59) into minutes after midnight.
std::optional<int> parse_clock(std::string_view text);
std::string format_clock(int minutes_after_midnight);

// Monday = 0 ... Sunday = 6.
int weekday_index(Date date);
// "mon".."sun" for 0..6.
std::string_view weekday_name(int index);
// Accepts mon/monday/Mon..., returns 0..6.
std::optional<int> parse_weekday(std::string_view text);

// The first Monday strictly after `today` (a Monday gives the next week's).
Date next_monday(Date today);

// The Monday on or before `date` (start of its ISO week).
Date week_start(Date date);

// ISO 8601 week-numbering year and week of `date`.
struct IsoWeek {
  int year;
  int week;
};
IsoWeek iso_week(Date date);

// "2026-12-07T09:00:00+01:00": the instant shown in a zone whose offset from
// UTC is offset_minutes at that instant ("Z" is never used; "+00:00" is).
std::string format_rfc3339(Instant utc, int offset_minutes);
// "20261207T080000Z" (iCalendar UTC form).
std::string format_ical_utc(Instant utc);
// "20261207" (iCalendar DATE form).
std::string format_ical_date(Date date);
// Parses the RFC 3339 form format_rfc3339 writes (any offset); nullopt if malformed.
std::optional<Instant> parse_rfc3339(std::string_view text);

}  // namespace rplan::util
