#pragma once

#include <array>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "planner/model/baseline.hpp"
#include "planner/model/model.hpp"
#include "planner/model/working_time.hpp"

// What changed between a baseline and the plan now (`rplan diff`, the
// exports' --baseline): the one rule of what counts as a change.
namespace rplan::model {

// Kinds of change of one task, in the order they are listed.
enum class TaskChangeKind { added, removed, done, reassigned, estimate, moved };
std::string_view to_string(TaskChangeKind kind);

// Counts the team's working days between two local dates: the days d with
// from < d <= to on which someone on the team works (a workday of theirs,
// not a holiday or time off of theirs; Monday to Friday for an empty team),
// negative when `to` comes before `from`.
class TeamDays {
 public:
  // Answers in constant time for dates within [first, last], day by day outside.
  TeamDays(std::span<const WorkingTime> team, Date first, Date last);
  int between(Date from, Date to) const;
  bool working(Date day) const;

 private:
  std::int64_t count_to(Date day) const;  // working days in [m_first, day]
  std::span<const WorkingTime> m_team;
  Date m_first, m_last;
  std::vector<std::int32_t> m_prefix;  // m_prefix[k]: working days in [m_first, m_first + k]
};

// The kinds of change of one task, in TaskChangeKind order, each at most
// once: a small list kept in place (a diff may hold one per task).
class TaskChangeKinds {
 public:
  using value_type = TaskChangeKind;
  using iterator = const TaskChangeKind*;
  using const_iterator = const TaskChangeKind*;
  TaskChangeKinds() = default;
  TaskChangeKinds(std::initializer_list<TaskChangeKind> kinds);
  void push_back(TaskChangeKind kind);
  const TaskChangeKind* begin() const { return m_kinds.data(); }
  const TaskChangeKind* end() const { return m_kinds.data() + m_size; }
  std::size_t size() const { return m_size; }
  bool empty() const { return m_size == 0; }
  operator std::vector<TaskChangeKind>() const { return {begin(), end()}; }  // NOLINT: reads as one
  friend bool operator==(const TaskChangeKinds& a, const TaskChangeKinds& b);
  friend bool operator==(const TaskChangeKinds& a, const std::vector<TaskChangeKind>& b);

 private:
  std::array<TaskChangeKind, 6> m_kinds{};
  std::uint8_t m_size = 0;
};

// One task that changed: views of the project's task and the baseline's
// row, valid while both are (a diff is read while its baseline and project
// are there). An added task has no `then`, a removed one no `task`.
struct TaskChange {
  std::string_view id;
  std::string_view topic_id;
  std::string_view prompt;
  TaskChangeKinds kinds;               // at least one
  const BaselineTask* then = nullptr;  // the baseline's row
  const Task* task = nullptr;          // the project's task
  // Team working days the start and the finish moved (later is positive);
  // 0 unless both plans date the task.
  int start_days = 0;
  int finish_days = 0;
  bool has(TaskChangeKind kind) const;
  // The task as the plan has it now (make_baseline's rule); none when removed.
  std::optional<BaselineTask> now(BaselineTexts texts = BaselineTexts::with) const;
};

// A topic whose finish (its last task's finish date) moved.
struct TopicSlip {
  std::string topic_id;
  std::string title;
  std::optional<Date> then, now;  // none: no task of it planned then / now
  int days = 0;                   // team working days later (negative: earlier)
};

// A person whose planned hours changed: the hours of the tasks planned for
// them, history included.
struct PersonHours {
  std::string name;
  double then = 0, now = 0;
};

struct PlanDiff {
  std::string baseline;  // its name
  Instant baseline_saved_at{}, baseline_created_at{};
  Instant created_at{};  // the plan now
  Date then_finish{}, now_finish{};
  int finish_days = 0;                   // team working days the plan's finish moved
  double then_hours = 0, now_hours = 0;  // hours left then and now (plan.total_hours)
  std::vector<TopicSlip> topics;         // topics whose finish moved, in topic order
  std::vector<TaskChange> tasks;         // changed tasks: the plan's order, then the removed by id
  std::vector<PersonHours> people;       // people whose planned hours changed, by name
  // Nothing changed: no task, topic, person or finish.
  bool empty() const;
};

// Compares `project`'s plan with `baseline`; the diff refers to both, which
// must outlive it. A task is added when the
// baseline does not have it, removed when the project does not (archived);
// done when it is done now and was not then; reassigned when its person
// changed; estimate when its estimate changed; moved when its start or finish
// changed. Working days are counted on the project's team (TeamDays).
PlanDiff diff_plans(const Baseline& baseline, const Project& project);
// A diff refers to its baseline and project: never to temporaries.
PlanDiff diff_plans(Baseline&&, const Project&) = delete;
PlanDiff diff_plans(const Baseline&, Project&&) = delete;
PlanDiff diff_plans(Baseline&&, Project&&) = delete;

}  // namespace rplan::model
