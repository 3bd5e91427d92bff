#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "planner/model/model.hpp"

// Load and burn-up: capacity, planned and done hours per person and ISO week
// over the whole horizon of a plan and its history, and the burn-up's weekly
// series. The one rule `plan`'s summary, the JSON export, the workbook and
// the report use (docs/baselines.md, "Load" and "Burn-up").
namespace rplan::model {

// Hours per person and ISO week. The horizon is every ISO week (Monday to
// Sunday) from the earliest of the plan's start, its first work block and
// the first work entry, to the latest of the plan's finish, its last block
// and the last work entry; capacity counts whole weeks, by the one
// working-time rule (model::WorkingTime: workdays, hours, holidays, time off).
class Workload {
 public:
  explicit Workload(const Project& project);

  // The team in its order, then anyone else with work blocks or work entries
  // (left the team), by name.
  const std::vector<std::string>& people() const { return m_people; }
  bool on_team(int person) const { return person < m_team_size; }
  Date first_week() const { return m_first_week; }  // a Monday
  int weeks() const { return m_weeks; }             // 0: no plan, no block, no entry
  Date week_start(int week) const { return m_first_week + std::chrono::days{7 * week}; }

  // Working time that week (0 off the team).
  std::int64_t capacity_minutes(int person, int week) const { return at(m_capacity, person, week); }
  // Minutes of the plan's work blocks that person works that week (history
  // included): what plan.json's blocks add up to.
  std::int64_t planned_minutes(int person, int week) const { return at(m_planned, person, week); }
  // Of those, the blocks still to come (not history, of tasks not done).
  std::int64_t future_minutes(int person, int week) const { return at(m_future, person, week); }
  // Hours recorded (`task --spent`) by that person on dates of that week.
  double done_hours(int person, int week) const { return at(m_done, person, week); }

  // The last local date of the person's work blocks; nullopt without any.
  std::optional<Date> finish(int person) const {
    return m_finish[static_cast<std::size_t>(person)];
  }

 private:
  template <class T>
  const T& at(const std::vector<T>& table, int person, int week) const {
    return table[static_cast<std::size_t>(week) * m_people.size() +
                 static_cast<std::size_t>(person)];
  }
  std::vector<std::string> m_people;
  int m_team_size = 0;
  Date m_first_week{};
  int m_weeks = 0;
  std::vector<std::int64_t> m_capacity, m_planned, m_future;
  std::vector<double> m_done;
  std::vector<std::optional<Date>> m_finish;
};

// The burn-up of one ISO week.
struct BurnupWeek {
  Date week;           // its Monday
  double scope_hours;  // the work of the project as it stood that week
  double done_hours;   // hours recorded up to the week's end, in all
  // The plan's projected line: the hours recorded up to the plan's now, plus
  // the plan's work still to come up to the week's end.
  double planned_done_hours;
};

// The hours a project holds now: of every task, the hours recorded plus the
// hours left (model::remaining_hours at the plan's minimum).
double scope_hours(const Project& project);

// One entry per week of `workload`. Scope: for a week that ended before the
// plan's now, the scope the last plan made by that week's end recorded
// (project.scope_history; the first one recorded for earlier weeks); for the
// others, scope_hours(project).
std::vector<BurnupWeek> burnup(const Project& project, const Workload& workload);

}  // namespace rplan::model
