#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "planner/model/model.hpp"

namespace rplan::schedule {

enum class DocumentingOrder {
  after_topic,  // a topic's documentation tasks wait for all its other tasks (default)
  free,         // no implicit dependencies
};

struct Options {
  // Without from_now: the plan starts at the beginning of this local date,
  // for everyone (`plan --start DATE`). Not used with from_now.
  model::Date start;
  model::Strategy strategy = model::Strategy::balanced;
  DocumentingOrder documenting = DocumentingOrder::after_topic;
  // The plan starts at this instant (`plan` without --start: the clock's
  // now): each person's next working minute at or after it. It becomes
  // plan.now, and plan.start is the earliest of the team's local dates then.
  std::optional<model::Instant> from_now;
  // The hours planned for a task whose spent hours reached its estimate
  // while it is not done (model::remaining_hours).
  double minimum_remaining_hours = 1;
};

// Effective dependencies of every task of `project` (indexes into
// project.tasks, each list sorted): the explicit `after` ids plus, with
// DocumentingOrder::after_topic, each documentation task on every
// non-documentation task of its topic. Ids that name no task are ignored.
std::vector<std::vector<std::size_t>> dependencies(const model::Project& project,
                                                   DocumentingOrder documenting);

// The ids of a dependency cycle (first id repeated at the end), or an empty
// vector when the graph is acyclic.
std::vector<std::string> find_cycle(const model::Project& project, DocumentingOrder documenting);

// Schedules the work left of every task of `project` that is not done,
// deterministically (docs/scheduling.md), from the plan's start: each
// person's next working minute at or after options.from_now, or the
// beginning of options.start on their calendar. Fills each task's assignee,
// depends_on, start, finish, blocks (utc and local) and slipped, and
// project.plan's exists, start, finish, strategy, total_hours (the hours
// left to plan), unassigned, slipped, at_minimum and minimum_remaining_hours
// (and now, with from_now).
//
// The past is kept (WorkBlock::history): the blocks of done and in-progress
// tasks before the start stay as they are, a block under way then is cut
// there; a done task keeps its blocks up to done_at (cut there, later ones
// dropped) and its person (done_by when no block is left), and finishes at
// done_at. An in-progress task gets model::remaining_hours() of new work
// after its history, from the person who started it (else its assignee)
// unless they are not on the team, have no working time left or it is
// pinned to someone else; a block of its history worked by someone else
// than its new assignee names them (WorkBlock::assignee). An open task keeps
// no past: when a block of it passed with no hours recorded it is slipped.
// Nobody is booked twice, history included: a person's new work starts after
// their last kept block.
//
// A task nobody can take (pinned to someone absent or without working time,
// a team with no capacity, or waiting for such a task) gets no new work and
// no assignee, keeps its history, and is listed in plan.unassigned, never
// silently dropped. Leaves plan.created_at and every sequence alone (a new
// block keeps the sequence of the block it replaces at its position).
// Throws rplan::InputError naming the tasks when the dependencies have a
// cycle; the project is then unchanged.
void make_plan(model::Project& project, const Options& options);

// What fixed a task's start (docs/scheduling.md, "Why a task starts when it
// does"), as the scheduler placed it.
enum class StartReasonKind {
  plan_start,    // it starts at its person's first working minute of the plan
  dependency,    // it waited for a task of its topic (documentation after research)
  after,         // it waited for a task named with `task --after`
  person_busy,   // its person was busy with another task (or its history) until then
  working_time,  // the constraint above passed outside its person's working time
  pin,           // pinned: only its person could take it, and they were busy
  skill,         // the skill preference chose its person over someone free earlier
};
// "plan_start", "dependency", "after", "person_busy", "working_time", "pin", "skill".
std::string_view to_string(StartReasonKind kind);

inline constexpr std::size_t k_no_task = SIZE_MAX;

// Why one task starts when it does. `earliest` is the latest of its named
// constraints (its dependencies' finish, when its person was free, the
// plan's start) and the task starts at its person's first working minute at
// or after it; `kind` says which constraint that was (working_time when the
// start is later than `earliest`).
struct StartReason {
  bool placed = false;  // false: done, or nobody could take it (nothing to explain)
  StartReasonKind kind = StartReasonKind::plan_start;
  model::Instant start{};     // the task's start
  model::Instant earliest{};  // the latest of its constraints
  // The constraint that gave `earliest`: the dependency waited for, or the
  // task its person was busy with (index into project.tasks); k_no_task at
  // the plan's start. The critical chain follows these links.
  std::size_t task = k_no_task;
  bool task_is_dependency = false;  // `task` is a dependency, not the person's previous task
  // pin: the person it is pinned to; skill: the earliest finisher passed over.
  std::string person;
  model::Instant person_free{};  // skill: when `person` could have started it
  friend bool operator==(const StartReason&, const StartReason&) = default;
};

// make_plan that also records, in `reasons` (resized to one per task of
// project.tasks), why each task placed starts when it does, as it places it.
void make_plan(model::Project& project, const Options& options, std::vector<StartReason>& reasons);

// The critical chain of a plan made with `reasons`: from the task that
// finishes last (the lowest index among equals), each task's `task` link
// back to the plan's start; indexes into project.tasks, last task first.
// Empty when nothing was placed.
std::vector<std::size_t> critical_chain(const model::Project& project,
                                        const std::vector<StartReason>& reasons);

}  // namespace rplan::schedule
