#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "planner/model/model.hpp"
#include "planner/model/slack.hpp"
#include "planner/model/topic_index.hpp"
#include "planner/model/working_time.hpp"
#include "planner/model/workload.hpp"

// What the exporters see of a plan beyond the plain model: people in colour
// order with one palette, tasks grouped by topic, holidays, and planned and
// capacity hours per person and ISO week. Built once from a Project by one
// constructor, and read by the HTML report, the workbook and any exporter
// that needs more than the task list, so that they all agree.
namespace rplan::exporters {

using model::Date;

// The one palette (RGB): a person's colour in every export, by their place
// in PlanView::people(); it repeats past its end (docs/file-formats.md).
inline constexpr std::array<std::uint32_t, 12> k_palette = {0x4E79A7, 0xF28E2B, 0x59A14F, 0xE15759,
                                                            0x76B7B2, 0xEDC948, 0xB07AA1, 0xFF9DA7,
                                                            0x9C755F, 0x86BCB6, 0x8CD17D, 0xD37295};

// One person of the plan.
struct PersonView {
  std::string_view name;
  const model::Assignee* assignee = nullptr;  // nullptr: not on the team (any more)
  // Team members only: when they work (holidays and their time off included).
  std::optional<model::WorkingTime> working_time;
  std::size_t colour = 0;             // index into k_palette
  std::int64_t open_minutes = 0;      // work blocks of their tasks that are not done
  std::int64_t done_minutes = 0;      // work blocks of their done tasks
  std::int64_t capacity_minutes = 0;  // working time over the plan's days; 0 off the team
  std::uint32_t rgb() const { return k_palette[colour]; }
  double open_hours() const { return open_minutes / 60.0; }
  double capacity_hours() const { return capacity_minutes / 60.0; }
  bool has_work() const { return open_minutes + done_minutes > 0; }
};

// A plan as the exporters see it. Refers to the project, which must outlive
// the view and not change meanwhile. Dates are the people's local dates, as
// the work blocks record them.
class PlanView {
 public:
  explicit PlanView(const model::Project& project);
  PlanView(const PlanView&) = delete;
  PlanView& operator=(const PlanView&) = delete;

  const model::Project& project() const { return m_project; }
  // Capacity, planned and done hours per person and ISO week over the whole
  // horizon of the plan and its history (model::Workload): the workbook's
  // Workload sheet and the report's heat map and burn-up.
  const model::Workload& workload() const { return m_workload; }
  // The index in workload().people() of people()[person].
  int workload_person(int person) const {
    return m_workload_person[static_cast<std::size_t>(person)];
  }

  // ---- people ----

  // In colour order: the team as listed, then the assignees of planned tasks
  // who are not on the team (removed since the plan was made), in the order
  // of their first task.
  const std::vector<PersonView>& people() const { return m_people; }
  // The person's index in people(), or -1 for "" and names not in the plan.
  int person(std::string_view name) const;
  // The index of a planned task's assignee; -1 for a task that is not planned.
  int person_of(const model::Task& task) const {
    return task.planned() ? person(task.assignee) : -1;
  }

  // ---- topics ----

  const model::TopicIndex& topic_index() const { return m_topic_index; }
  // Groups of tasks: group g < project.topics.size() holds the tasks of topic
  // g, and the last group (g == project.topics.size()) the tasks whose topic
  // is not in the project (none, when the store is consistent). Within a
  // group, tasks keep the project's order.
  std::size_t group_count() const { return m_group_begin.size() - 1; }
  // Indices into project.tasks.
  std::span<const std::uint32_t> group_tasks(std::size_t group) const {
    return std::span(m_order).subspan(m_group_begin[group],
                                      m_group_begin[group + 1] - m_group_begin[group]);
  }
  // The group's topic; nullptr for the last group.
  const model::Topic* group_topic(std::size_t group) const {
    return group < m_project.topics.size() ? &m_project.topics[group] : nullptr;
  }
  // The group of project.tasks[task].
  std::size_t group_of(std::size_t task) const { return m_group_of[task]; }

  // ---- days ----

  // The dates of the holidays of the whole team (model::holiday_applies says
  // so for everyone on it; everyone's holidays for an empty team), sorted.
  const std::vector<Date>& holidays() const { return m_holidays; }
  bool is_holiday(Date day) const;
  // The dates of holidays that are some people's only (not the whole
  // team's), sorted: shaded per person.
  const std::vector<Date>& some_holidays() const { return m_some_holidays; }
  bool is_some_holiday(Date day) const;
  // Whether `day` is a holiday of person `person` (an index into people());
  // false for people off the team.
  bool is_holiday_of(int person, Date day) const;
  // The name of holiday `day`, "" when none.
  std::string_view holiday_name(Date day) const;
  // "Labour Day (Ana Souza, Tom Becker)": the name and, for some people's
  // holiday, whom it is for; "" when there is no holiday that day.
  std::string holiday_title(Date day) const;
  // Weekdays (mon..sun) on which someone on the team works; mon..fri for an
  // empty team.
  const std::array<bool, 7>& team_works() const { return m_team_works; }
  // Someone on the team works that weekday, and it is not a holiday.
  bool team_working_day(Date day) const;

  // The first and last local dates of any work block; nullopt when no task has one.
  std::optional<Date> first_work_day() const { return m_first_work; }
  std::optional<Date> last_work_day() const { return m_last_work; }
  // The plan's days, from its start to its finish, widened to every work
  // block; false when there is neither a plan nor a block.
  bool has_days() const { return m_has_days; }
  Date first_day() const { return m_first_day; }
  Date last_day() const { return m_last_day; }

  // ---- weeks: the ISO weeks (Monday to Sunday) over first_day() .. last_day() ----

  Date first_week() const { return m_week0; }  // a Monday
  int weeks() const { return m_weeks; }        // 0 without days
  // The week holding `day` (which must lie within the weeks).
  int week_of(Date day) const { return static_cast<int>((day - m_week0).count() / 7); }
  // Minutes of work blocks of one person in one week, of tasks not done and done.
  std::int64_t open_minutes(int person, int week) const { return at(m_open, person, week); }
  std::int64_t done_minutes(int person, int week) const { return at(m_done, person, week); }
  // A team member's working time in that week, counting the plan's days only
  // (plan start to finish); 0 for people off the team and without a plan.
  std::int64_t capacity_minutes(int person, int week) const { return at(m_capacity, person, week); }
  // The whole team's capacity in that week.
  std::int64_t team_capacity_minutes(int week) const {
    return m_team_capacity[static_cast<std::size_t>(week)];
  }

  // ---- slack: model::plan_slack of the project, one per task ----
  const model::TaskSlack& slack(std::size_t task) const { return m_slack[task]; }

 private:
  std::int64_t at(const std::vector<std::int64_t>& table, int person, int week) const {
    return table[static_cast<std::size_t>(week) * m_people.size() +
                 static_cast<std::size_t>(person)];
  }
  void add_people();
  void group_tasks();
  void find_days();
  void sum_work();
  void sum_capacity();

  const model::Project& m_project;
  model::Workload m_workload;
  std::vector<int> m_workload_person;  // by person: the index in m_workload.people(), or -1
  std::vector<PersonView> m_people;
  std::unordered_map<std::string_view, int> m_person_index;
  model::TopicIndex m_topic_index;
  std::vector<std::uint32_t> m_order;        // task indices grouped by topic
  std::vector<std::uint32_t> m_group_begin;  // group g is m_order[begin[g] .. begin[g + 1])
  std::vector<std::uint32_t> m_group_of;     // by task
  std::vector<Date> m_holidays, m_some_holidays;
  std::array<bool, 7> m_team_works{};
  std::optional<Date> m_first_work, m_last_work;
  bool m_has_days = false;
  Date m_first_day{}, m_last_day{}, m_week0{};
  int m_weeks = 0;
  std::vector<std::int64_t> m_open, m_done, m_capacity;  // [week * people + person]
  std::vector<std::int64_t> m_team_capacity;             // by week
  std::vector<model::TaskSlack> m_slack;                 // by task
};

}  // namespace rplan::exporters
