#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "planner/model/model.hpp"

// The dependency graph of a project's tasks, as the scheduler walks it.
namespace rplan::schedule {

// For each task, the tasks that wait for it (the reverse of dependencies()),
// packed: the dependents of task i are targets[offsets[i] .. offsets[i + 1]).
struct Dependents {
  std::vector<std::uint32_t> offsets;
  std::vector<std::uint32_t> targets;
};
Dependents invert(const std::vector<std::vector<std::size_t>>& dependencies);

// The ids of a cycle in `dependencies` (each task waits for the next; the
// first id repeated at the end), or empty. Found by a depth-first search from
// the tasks in project order, so the same project gives the same cycle.
std::vector<std::string> find_cycle(const model::Project& project,
                                    const std::vector<std::vector<std::size_t>>& dependencies);

// "a -> b -> a" for the error message.
std::string describe_cycle(const std::vector<std::string>& ids);

// The tasks (indexes) in the order the scheduler takes them up when it may
// choose. Each task gets a due time: when it would be done if the team worked
// through the tasks in topic order (`ordinal` of each task's topic, then its
// position), that is work so far / people; less the longest chain of work
// waiting for it; and early enough for each task that waits for it to meet
// its own due time. Lower due first, ties in topic order. So the plan moves
// topic by topic (a topic's documentation a little after the next topic's
// research), a long chain of dependencies starts early, and the plan does
// not end on a chain started late. `minutes` is 0 for done tasks; the graph
// must be acyclic.
std::vector<std::uint32_t> priority_order(const std::vector<model::Task>& tasks,
                                          const std::vector<int>& ordinal,
                                          const std::vector<std::vector<std::size_t>>& deps,
                                          const Dependents& dependents,
                                          const std::vector<std::int64_t>& minutes,
                                          const std::vector<char>& done, std::size_t people);

}  // namespace rplan::schedule
