#include "planner/model/workload.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "planner/model/working_time.hpp"

namespace rplan::model {

namespace {

constexpr std::int64_t k_max_weeks = 100 * 53;  // a horizon past a century is cut there

}  // namespace

Workload::Workload(const Project& project) {
  std::unordered_map<std::string_view, int> index;
  for (const Assignee& a : project.team) {
    if (index.emplace(a.name, static_cast<int>(m_people.size())).second) m_people.push_back(a.name);
  }
  m_team_size = static_cast<int>(m_people.size());
  std::optional<Date> first, last;
  const auto widen = [&](Date d) {
    first = first ? std::min(*first, d) : d;
    last = last ? std::max(*last, d) : d;
  };
  if (project.plan.exists) {
    widen(project.plan.start);
    widen(project.plan.finish);
  }
  std::map<std::string, bool> others;
  for (const Task& t : project.tasks) {
    for (const WorkBlock& b : t.blocks) {
      widen(b.date);
      const std::string& who = block_person(t, b);
      if (!who.empty() && !index.count(who)) others.emplace(who, true);
    }
  }
  for (const WorkEntry& e : project.work_log) {
    widen(e.date);
    if (!index.count(e.assignee)) others.emplace(e.assignee, true);
  }
  for (const auto& [name, unused] : others) m_people.push_back(name);
  for (std::size_t i = static_cast<std::size_t>(m_team_size); i < m_people.size(); ++i) {
    index.emplace(m_people[i], static_cast<int>(i));
  }
  m_finish.assign(m_people.size(), std::nullopt);
  if (!first) return;
  m_first_week = util::week_start(*first);
  m_weeks = static_cast<int>(std::min<std::int64_t>(
      (util::week_start(*last) - m_first_week).count() / 7 + 1, k_max_weeks));
  const Date end = m_first_week + std::chrono::days{7 * m_weeks - 1};
  const std::size_t cells = static_cast<std::size_t>(m_weeks) * m_people.size();
  m_capacity.assign(cells, 0);
  m_planned.assign(cells, 0);
  m_future.assign(cells, 0);
  m_done.assign(cells, 0);
  const auto cell = [&](int person, Date day) -> std::optional<std::size_t> {
    if (day < m_first_week || day > end) return std::nullopt;
    return static_cast<std::size_t>((day - m_first_week).count() / 7) * m_people.size() +
           static_cast<std::size_t>(person);
  };
  const auto rules = working_times(project.team, project.holidays, project.time_off);
  for (std::size_t p = 0; p < project.team.size(); ++p) {
    const auto found = index.find(project.team[p].name);
    if (found == index.end() || found->second != static_cast<int>(p)) continue;  // a name twice
    const auto weekly = rules[p].weekly_capacity_minutes(m_first_week, end);
    for (std::size_t w = 0; w < weekly.size(); ++w) m_capacity[w * m_people.size() + p] = weekly[w];
  }
  for (const Task& t : project.tasks) {
    for (const WorkBlock& b : t.blocks) {
      const std::string& who = block_person(t, b);
      if (who.empty()) continue;
      const int person = index.at(who);
      const auto c = cell(person, b.date);
      if (!c) continue;
      m_planned[*c] += b.minutes;
      if (!b.history && t.status != TaskStatus::done) m_future[*c] += b.minutes;
      auto& f = m_finish[static_cast<std::size_t>(person)];
      f = f ? std::max(*f, b.date) : b.date;
    }
  }
  for (const WorkEntry& e : project.work_log) {
    if (const auto c = cell(index.at(e.assignee), e.date)) m_done[*c] += e.hours;
  }
}

double scope_hours(const Project& project) {
  double hours = 0;
  for (const Task& t : project.tasks) {
    hours += t.spent_hours + remaining_hours(t, project.plan.minimum_remaining_hours);
  }
  return hours;
}

std::vector<BurnupWeek> burnup(const Project& project, const Workload& workload) {
  std::vector<BurnupWeek> weeks;
  const std::size_t people = workload.people().size();
  const double scope_now = scope_hours(project);
  // Hours recorded up to the plan's now: the start of the projected line.
  const Date now_day = std::chrono::floor<std::chrono::days>(project.plan.now);
  double done = 0, done_by_now = 0, planned = 0;
  for (const WorkEntry& e : project.work_log) {
    if (!project.plan.exists || e.date < now_day) done_by_now += e.hours;
  }
  std::size_t next_scope = 0;
  std::optional<double> recorded;  // the last scope recorded by the week's end
  for (int w = 0; w < workload.weeks(); ++w) {
    BurnupWeek week{};
    week.week = workload.week_start(w);
    const Instant week_end{week.week + std::chrono::days{7}};
    for (std::size_t p = 0; p < people; ++p) {
      done += workload.done_hours(static_cast<int>(p), w);
      planned += workload.future_minutes(static_cast<int>(p), w) / 60.0;
    }
    while (next_scope < project.scope_history.size() &&
           project.scope_history[next_scope].at < week_end) {
      recorded = project.scope_history[next_scope++].scope_hours;
    }
    if (week_end <= project.plan.now) {
      week.scope_hours = recorded ? *recorded
                         : project.scope_history.empty()
                             ? scope_now
                             : project.scope_history.front().scope_hours;
    } else {
      week.scope_hours = scope_now;
    }
    week.done_hours = done;
    week.planned_done_hours = week_end <= project.plan.now ? done : done_by_now + planned;
    weeks.push_back(week);
  }
  return weeks;
}

}  // namespace rplan::model
