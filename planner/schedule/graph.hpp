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

}  // namespace rplan::schedule
