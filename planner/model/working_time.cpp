#include "planner/model/working_time.hpp"

#include <algorithm>
#include <cmath>
#include <string_view>
#include <unordered_map>

namespace rplan::model {

namespace {

constexpr int k_minutes_per_day = 24 * 60;

std::vector<DateRange> merge(std::vector<DateRange> ranges) {
  std::sort(ranges.begin(), ranges.end());
  std::vector<DateRange> merged;
  for (const DateRange& r : ranges) {
    if (r.to < r.from) continue;
    if (!merged.empty() && r.from <= merged.back().to + std::chrono::days{1}) {
      merged.back().to = std::max(merged.back().to, r.to);
    } else {
      merged.push_back(r);
    }
  }
  return merged;
}

std::vector<Date> sorted_unique(std::vector<Date> dates) {
  std::sort(dates.begin(), dates.end());
  dates.erase(std::unique(dates.begin(), dates.end()), dates.end());
  return dates;
}

std::vector<Date> holidays_of(const Assignee& person, std::span<const Holiday> holidays) {
  std::vector<Date> dates;
  for (const Holiday& h : holidays) {
    if (holiday_applies(h, person)) dates.push_back(h.date);
  }
  return dates;
}

}  // namespace

int working_day_minutes(double hours_per_day) {
  if (!std::isfinite(hours_per_day) || hours_per_day <= 0) return 0;
  return static_cast<int>(std::round(std::min(hours_per_day, 24.0) * 60));
}

bool holiday_applies(const Holiday& holiday, const Assignee& person) {
  return holiday.people.empty() || std::find(holiday.people.begin(), holiday.people.end(),
                                             person.name) != holiday.people.end();
}

WorkingTime::WorkingTime(const Assignee& person, std::span<const Holiday> holidays,
                         std::span<const TimeOff> time_off)
    : WorkingTime(person, holidays_of(person, holidays), [&] {
        std::vector<DateRange> own;
        for (const TimeOff& off : time_off) {
          if (off.assignee == person.name) own.push_back({off.from, off.to});
        }
        return own;
      }()) {}

WorkingTime::WorkingTime(const Assignee& person, std::vector<Date> holidays,
                         std::vector<DateRange> time_off)
    : m_workdays(person.workdays),
      m_day_start(std::clamp(person.day_start, 0, k_minutes_per_day - 1)),
      m_minutes(
          std::min(working_day_minutes(person.hours_per_day), k_minutes_per_day - m_day_start)),
      m_zone(person.timezone),
      m_holidays(sorted_unique(std::move(holidays))),
      m_time_off(merge(std::move(time_off))),
      m_any_time(m_minutes > 0 &&
                 std::any_of(m_workdays.begin(), m_workdays.end(), [](bool b) { return b; })) {}

bool WorkingTime::working_day(Date day) const {
  if (!m_any_time) return false;
  if (!m_workdays[static_cast<std::size_t>(util::weekday_index(day))]) return false;
  if (std::binary_search(m_holidays.begin(), m_holidays.end(), day)) return false;
  const auto after = std::upper_bound(m_time_off.begin(), m_time_off.end(), day,
                                      [](Date d, const DateRange& r) { return d < r.from; });
  return after == m_time_off.begin() || std::prev(after)->to < day;
}

std::optional<WorkingTime::Window> WorkingTime::window(Date day) const {
  if (!working_day(day)) return std::nullopt;
  return window();
}

std::int64_t WorkingTime::capacity_minutes(Date from, Date to) const {
  std::int64_t minutes = 0;
  if (!m_any_time) return 0;
  for (Date d = from; d <= to; d += std::chrono::days{1}) {
    if (working_day(d)) minutes += m_minutes;
  }
  return minutes;
}

std::vector<std::int64_t> WorkingTime::weekly_capacity_minutes(Date from, Date to) const {
  if (to < from) return {};
  const Date week0 = util::week_start(from);
  std::vector<std::int64_t> weeks(
      static_cast<std::size_t>((util::week_start(to) - week0).count() / 7) + 1, 0);
  if (!m_any_time) return weeks;
  for (Date d = from; d <= to; d += std::chrono::days{1}) {
    if (working_day(d)) weeks[static_cast<std::size_t>((d - week0).count() / 7)] += m_minutes;
  }
  return weeks;
}

std::vector<WorkingTime> working_times(std::span<const Assignee> people,
                                       std::span<const Holiday> holidays,
                                       std::span<const TimeOff> time_off) {
  std::unordered_map<std::string_view, std::vector<DateRange>> off_by_name;
  for (const TimeOff& off : time_off) off_by_name[off.assignee].push_back({off.from, off.to});
  std::vector<WorkingTime> rules;
  rules.reserve(people.size());
  for (const Assignee& person : people) {
    const auto it = off_by_name.find(person.name);
    rules.emplace_back(person, holidays_of(person, holidays),
                       it == off_by_name.end() ? std::vector<DateRange>{} : it->second);
  }
  return rules;
}

}  // namespace rplan::model
