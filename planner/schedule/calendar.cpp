#include "planner/schedule/calendar.hpp"

#include <algorithm>

namespace rplan::schedule {

namespace {

// `t` moved forward to the next whole minute after `origin` (t itself when it is one).
Instant round_up_minute(Instant t, Instant origin) {
  const auto seconds = (t - origin).count();
  return origin + std::chrono::seconds{(seconds + 59) / 60 * 60};
}

}  // namespace

// ---- LocalClock ----

LocalClock::LocalClock(std::string_view zone, int minute, Date first)
    : m_zone(zone), m_minute(minute), m_first(first), m_utc(zone == "UTC" || zone == "Etc/UTC") {}

Instant LocalClock::at(Date day) {
  if (m_utc) return Instant{day} + std::chrono::minutes{m_minute};
  if (day < m_first) return m_zone.to_utc(day, m_minute);
  const auto index = static_cast<std::size_t>((day - m_first).count());
  if (index >= m_cache.size()) m_cache.resize(index + 1, Instant::min());
  if (m_cache[index] == Instant::min()) m_cache[index] = m_zone.to_utc(day, m_minute);
  return m_cache[index];
}

Date LocalClock::local_date(Instant t) const {
  const int offset = m_utc ? 0 : m_zone.offset_minutes(t);
  return std::chrono::floor<std::chrono::days>(t + std::chrono::minutes{offset});
}

// ---- WorkCalendar ----

WorkCalendar::WorkCalendar(model::WorkingTime rule, Date start, LocalClock& clock)
    : m_rule(std::move(rule)),
      m_start(start),
      m_horizon(start + std::chrono::days{k_horizon_days}),
      m_clock(&clock),
      m_next(start) {}

WorkCalendar::WorkCalendar(const model::Assignee& person, std::span<const Date> holidays,
                           std::vector<DateRange> time_off, Date start, LocalClock& clock)
    : WorkCalendar(model::WorkingTime(person, std::vector<Date>(holidays.begin(), holidays.end()),
                                      std::move(time_off)),
                   start, clock) {}

bool WorkCalendar::workable(Date day) const {
  return day >= m_start && day < m_horizon && m_rule.working_day(day);
}

bool WorkCalendar::generate_next() {
  if (!m_rule.has_working_time()) return false;
  while (m_next < m_horizon) {
    const Date day = m_next;
    m_next += std::chrono::days{1};
    if (!workable(day)) continue;
    const Instant start = m_clock->at(day);
    m_days.push_back({day, start, start + std::chrono::minutes{m_rule.minutes_per_day()}});
    return true;
  }
  return false;
}

const WorkDay* WorkCalendar::day(std::size_t k) {
  while (m_days.size() <= k) {
    if (!generate_next()) return nullptr;
  }
  return &m_days[k];
}

std::optional<std::size_t> WorkCalendar::first_day_ending_after(Instant t, std::size_t hint) {
  while (m_days.empty() || m_days.back().utc_end <= t) {
    if (!generate_next()) return std::nullopt;
  }
  hint = std::min(hint, m_days.size() - 1);
  const auto it =
      std::partition_point(m_days.begin() + static_cast<std::ptrdiff_t>(hint), m_days.end(),
                           [t](const WorkDay& d) { return d.utc_end <= t; });
  return static_cast<std::size_t>(it - m_days.begin());
}

std::optional<Span> WorkCalendar::fit(Instant from, std::int64_t minutes, std::size_t hint) {
  const auto first = first_day_ending_after(from, hint);
  if (!first) return std::nullopt;
  Span span;
  bool started = false;
  std::int64_t remaining = std::max<std::int64_t>(minutes, 0);
  for (std::size_t k = *first;; ++k) {
    const WorkDay* d = day(k);
    if (d == nullptr) return std::nullopt;
    const Instant begin = from > d->utc_start ? round_up_minute(from, d->utc_start) : d->utc_start;
    const std::int64_t available = begin < d->utc_end ? (d->utc_end - begin).count() / 60 : 0;
    if (available <= 0) continue;
    if (!started) {
      span.start = begin;
      span.first_day = k;
      started = true;
    }
    if (remaining <= available) {
      span.finish = begin + std::chrono::minutes{remaining};
      span.last_day = k;
      return span;
    }
    remaining -= available;
  }
}

void WorkCalendar::blocks(const Span& span, std::int64_t minutes,
                          std::vector<model::WorkBlock>& out) {
  std::int64_t remaining = minutes;
  for (std::size_t k = span.first_day; k <= span.last_day && remaining > 0; ++k) {
    const WorkDay* day_k = day(k);  // a span from an identical calendar may reach further
    if (day_k == nullptr) break;
    const WorkDay& d = *day_k;
    const Instant begin = k == span.first_day ? span.start : d.utc_start;
    const std::int64_t available = (d.utc_end - begin).count() / 60;
    const std::int64_t length = std::min(available, remaining);
    if (length <= 0) continue;
    model::WorkBlock block;
    block.date = d.date;
    block.start_minute = m_rule.day_start() + static_cast<int>((begin - d.utc_start).count() / 60);
    block.minutes = static_cast<int>(length);
    block.utc_start = begin;
    block.utc_end = begin + std::chrono::minutes{length};
    out.push_back(block);
    remaining -= length;
  }
}

}  // namespace rplan::schedule
