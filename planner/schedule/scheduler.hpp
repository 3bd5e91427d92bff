#pragma once

#include <string>
#include <vector>

#include "planner/model/model.hpp"

namespace rplan::schedule {

enum class DocumentingOrder {
  after_topic,  // a topic's documentation tasks wait for all its other tasks (default)
  free,         // no implicit dependencies
};

struct Options {
  model::Date start;  // no work before this local date, for anyone
  model::Strategy strategy = model::Strategy::balanced;
  DocumentingOrder documenting = DocumentingOrder::after_topic;
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

// Schedules every task of `project` that is not done, deterministically
// (docs/scheduling.md): fills each task's assignee, depends_on, start, finish
// and blocks (utc and local) and project.plan's exists, start, finish,
// strategy, total_hours and unassigned. Done tasks count as finished and
// keep the blocks they carry from before options.start (work done); their
// blocks from the start on are dropped, so no one is booked twice. A task nobody can take (pinned
// to someone absent or without working time, a team with no capacity, or waiting for such a task)
// is left without assignee, dates and blocks and listed in plan.unassigned, never silently dropped.
// Leaves plan.created_at and every sequence alone (a new block keeps the sequence of the block it
// replaces at its position). Throws rplan::InputError naming the tasks when the dependencies have a
// cycle; the project is then unchanged.
void make_plan(model::Project& project, const Options& options);

}  // namespace rplan::schedule
