#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "planner/model/model.hpp"

// When people work: the one rule for "is this a working day for this person,
// and which minutes of it". The scheduler's calendars, the plan summary and
// every exporter ask it; nothing else looks at workdays, hours per day or
// holidays to decide that.
namespace rplan::model {

// An inclusive range of local dates.
struct DateRange {
  Date from;
  Date to;
  friend auto operator<=>(const DateRange&, const DateRange&) = default;
};

// Whole minutes of a working day of `hours_per_day` hours, before the day is
// cut at midnight: hours rounded to the minute, at most 24 h; 0 for hours
// that are not a positive number.
int working_day_minutes(double hours_per_day);

// True when `holiday` is a day off for `person`: a holiday without people is
// everyone's, one with people is theirs only (matched by the name as stored).
// The one place that decides it: the scheduler, the summary and every export
// follow it through WorkingTime.
bool holiday_applies(const Holiday& holiday, const Assignee& person);

// One person's working time, in their local dates: they work on their
// workdays except the holidays that apply to them and their time off, each
// such day from day_start for hours_per_day, the window cut at local
// midnight. Holds no reference to what it was built from.
class WorkingTime {
 public:
  // The window of a working day, in local wall-clock minutes.
  struct Window {
    int start_minute = 0;  // after local midnight
    int minutes = 0;       // length; start_minute + minutes <= 24 * 60
    friend bool operator==(const Window&, const Window&) = default;
  };

  // Takes of `holidays` those that apply to the person and of `time_off`
  // their own (matched by name); both in any order.
  WorkingTime(const Assignee& person, std::span<const Holiday> holidays,
              std::span<const TimeOff> time_off);
  // `holidays` are the person's days off for holidays (any order, repeats
  // allowed), `time_off` their ranges (any order; overlapping, adjacent and
  // empty ranges allowed).
  WorkingTime(const Assignee& person, std::vector<Date> holidays, std::vector<DateRange> time_off);

  // A workday of theirs that is neither a holiday of theirs nor time off.
  bool working_day(Date day) const;
  // The window on every working day; {day_start, 0} when they have no hours.
  Window window() const { return {m_day_start, m_minutes}; }
  // The window of `day`; nullopt when it is not a working day.
  std::optional<Window> window(Date day) const;
  // False when no day can ever be a working day: no workday, or no hours.
  bool has_working_time() const { return m_any_time; }

  // Minutes of working time from `from` to `to`, both included (0 when to < from).
  std::int64_t capacity_minutes(Date from, Date to) const;
  double capacity_hours(Date from, Date to) const { return capacity_minutes(from, to) / 60.0; }
  // Minutes of working time per ISO week (Monday to Sunday) from `from` to
  // `to`, both included: element k is the week that starts on
  // util::week_start(from) + 7k, and days outside [from, to] count nothing.
  // Empty when to < from.
  std::vector<std::int64_t> weekly_capacity_minutes(Date from, Date to) const;

  const std::array<bool, 7>& workdays() const { return m_workdays; }  // mon..sun
  int day_start() const { return m_day_start; }
  int minutes_per_day() const { return m_minutes; }
  const std::string& time_zone() const { return m_zone; }           // IANA name of the local dates
  const std::vector<Date>& holidays() const { return m_holidays; }  // sorted, unique
  const std::vector<DateRange>& time_off() const { return m_time_off; }  // merged, sorted

  // Ordered by every field: equal rules give identical calendars.
  friend auto operator<=>(const WorkingTime&, const WorkingTime&) = default;

 private:
  std::array<bool, 7> m_workdays;
  int m_day_start;  // clamped to 00:00..23:59
  int m_minutes;    // cut at local midnight
  std::string m_zone;
  std::vector<Date> m_holidays;
  std::vector<DateRange> m_time_off;
  bool m_any_time;
};

// The working time of each of `people`, in their order, from the project's
// holidays and time off (each list read once, whatever the team's size).
std::vector<WorkingTime> working_times(std::span<const Assignee> people,
                                       std::span<const Holiday> holidays,
                                       std::span<const TimeOff> time_off);

}  // namespace rplan::model
