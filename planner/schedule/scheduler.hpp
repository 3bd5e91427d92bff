#pragma once

#include <optional>
#include <string>
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

}  // namespace rplan::schedule
