#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "planner/model/model.hpp"
#include "planner/model/working_time.hpp"
#include "planner/util/time_zone.hpp"

// Slack and the critical chain of a stored plan (docs/scheduling.md, "Slack
// and the critical chain"): the one definition `show`, `list --critical` and
// every export use.
namespace rplan::model {

// One person's working minutes over a range of local dates, as UTC windows:
// each working day's window (model::WorkingTime) from its local start for its
// length in elapsed time, as the scheduler's calendars lay work out.
class WorkingMinutes {
 public:
  // The windows of `rule` on the dates from `first` to `last`, both included,
  // in time zone `zone` (the rule's).
  WorkingMinutes(const WorkingTime& rule, const util::TimeZone& zone, Date first, Date last);
  // Working minutes from the first window's start to `t` (whole minutes; 0
  // before the first window, every minute after the last).
  std::int64_t before(Instant t) const;
  // The start of working minute `k` (0-based, counted as before() counts);
  // the last window's end when there are k minutes or fewer.
  Instant start_of(std::int64_t k) const;
  std::int64_t total() const { return m_total; }

 private:
  struct Window {
    Instant start;
    std::int64_t minutes = 0;
    std::int64_t before = 0;  // working minutes of the windows before this one
  };
  std::vector<Window> m_windows;
  std::int64_t m_total = 0;
};

// A task's slack in a plan: how many working minutes of its person's
// calendar it could finish later, with every task keeping its person and
// each person their order of tasks, and every other task starting when it
// does or as soon after as its dependencies and its person's previous task
// allow, without moving the plan's finish (the last finish of planned work).
struct TaskSlack {
  // nullopt for a task with no planned work to move: done, nobody could take
  // it, only history left, or its person is no longer on the team.
  std::optional<std::int64_t> minutes;
  // On the critical chain: a delay of one working minute moves the finish.
  bool critical() const { return minutes && *minutes == 0; }
  double hours() const { return minutes ? static_cast<double>(*minutes) / 60.0 : 0.0; }
  friend bool operator==(const TaskSlack&, const TaskSlack&) = default;
};

// The slack of every task of `project` (one per task, in its order), from
// the stored plan alone: a backward pass over the tasks' planned (not
// history) blocks, whose successors are the tasks that depend on them
// (depends_on) and the next task of the same person, each moved as late as
// the finish allows in its own person's working time. Throws InputError for
// an unknown time zone on the team.
std::vector<TaskSlack> plan_slack(const Project& project);

}  // namespace rplan::model
