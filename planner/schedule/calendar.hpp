#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "planner/model/model.hpp"
#include "planner/model/working_time.hpp"
#include "planner/util/time_zone.hpp"

// Work calendars: on which local days one person works and when, in UTC.
namespace rplan::schedule {

using util::Date;
using util::Instant;

// How far past the plan's start a calendar looks for working days; work that
// would end later than this is not planned (the task is reported unassigned).
inline constexpr int k_horizon_days = 100 * 366;

// The UTC instant of one local wall-clock time (a day start) in one zone, per
// local date. Each date is converted once: time zone conversion is the costly
// part of a calendar, and many people share a zone and a day start.
class LocalClock {
 public:
  // Throws rplan::InputError for an unknown zone. `first` is the earliest date
  // expected (dates before it still work, uncached).
  LocalClock(std::string_view zone, int minute, Date first);

  Instant at(Date day);
  // The zone's local date at instant `t`.
  Date local_date(Instant t) const;

 private:
  util::TimeZone m_zone;
  int m_minute;
  Date m_first;
  bool m_utc;                    // plain UTC: no conversion needed
  std::vector<Instant> m_cache;  // by day after m_first; Instant::min() when not yet computed
};

// One day a person works: the local date and the window of working time,
// day_start .. day_start + minutes_per_day local time, as UTC instants.
struct WorkDay {
  Date date;
  Instant utc_start;
  Instant utc_end;
};

// Where a stretch of work falls in a calendar: from `start` (inside day
// first_day) to `finish` (inside day last_day).
struct Span {
  Instant start;
  Instant finish;
  std::size_t first_day = 0;
  std::size_t last_day = 0;
};

using model::DateRange;

// The working days of one person from the plan's start on, as UTC instants:
// the days and windows their model::WorkingTime gives (holidays taken as the
// person's local dates), before the horizon. Days are produced lazily and
// kept, so asking again is cheap.
//
// A window is measured in elapsed time from its local start; the local clock
// times of blocks are exact except on a day whose window contains a daylight
// saving change itself (only possible for windows around 01:00-03:00).
class WorkCalendar {
 public:
  // `clock` converts the rule's day start in its zone and must outlive the
  // calendar.
  WorkCalendar(model::WorkingTime rule, Date start, LocalClock& clock);
  // The rule made of the person, these holiday dates (any order) and their
  // time off (any order).
  WorkCalendar(const model::Assignee& person, std::span<const Date> holidays,
               std::vector<DateRange> time_off, Date start, LocalClock& clock);

  const model::WorkingTime& rule() const { return m_rule; }
  int day_start() const { return m_rule.day_start(); }
  int minutes_per_day() const { return m_rule.minutes_per_day(); }

  // True when the person works on `day`: a working day of the rule, not
  // before the start, not past the horizon.
  bool workable(Date day) const;

  // The k-th working day (0-based), or nullptr when there are fewer.
  const WorkDay* day(std::size_t k);
  bool has_working_time() { return day(0) != nullptr; }

  // Where `minutes` of work end when they start no earlier than `from`, filling
  // each window from its first whole minute at or after `from` on; days before
  // `hint` are not considered. nullopt when the calendar ends first. Zero
  // minutes give an empty span at the first working minute.
  std::optional<Span> fit(Instant from, std::int64_t minutes, std::size_t hint = 0);

  // The blocks of a span found by fit() for the same minutes (by this or an
  // identical calendar), appended to out. Each block's sequence is 0.
  void blocks(const Span& span, std::int64_t minutes, std::vector<model::WorkBlock>& out);

 private:
  // Index of the first day (>= hint) whose window ends after t, or nullopt.
  std::optional<std::size_t> first_day_ending_after(Instant t, std::size_t hint);
  bool generate_next();

  model::WorkingTime m_rule;
  Date m_start;
  Date m_horizon;  // first date past the horizon
  LocalClock* m_clock;
  std::vector<WorkDay> m_days;
  Date m_next;  // next date to examine
};

}  // namespace rplan::schedule
