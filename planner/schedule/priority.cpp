#include <algorithm>

#include "planner/schedule/graph.hpp"

namespace rplan::schedule {

std::vector<std::uint32_t> priority_order(const std::vector<model::Task>& tasks,
                                          const std::vector<int>& ordinal,
                                          const std::vector<std::vector<std::size_t>>& deps,
                                          const Dependents& dependents,
                                          const std::vector<std::int64_t>& minutes,
                                          const std::vector<char>& done, std::size_t people) {
  const std::size_t n = tasks.size();
  std::vector<std::uint32_t> order(n);
  for (std::uint32_t i = 0; i < n; ++i) order[i] = i;
  auto topic_order = [&](std::uint32_t a, std::uint32_t b) {
    const int oa = ordinal[a], ob = ordinal[b];
    return oa != ob ? oa < ob : tasks[a].position < tasks[b].position;
  };
  if (!std::is_sorted(order.begin(), order.end(), topic_order)) {
    std::stable_sort(order.begin(), order.end(), topic_order);
  }
  const auto team = static_cast<std::int64_t>(std::max<std::size_t>(people, 1));
  std::vector<std::int64_t> due(n, 0);
  std::int64_t work = 0;
  for (std::uint32_t i : order) {
    work += minutes[i];
    due[i] = work / team;
  }
  // Reverse topological order (the graph is acyclic here).
  std::vector<std::uint32_t> waiting(n), topo;
  topo.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    waiting[i] = static_cast<std::uint32_t>(deps[i].size());
    if (waiting[i] == 0) topo.push_back(static_cast<std::uint32_t>(i));
  }
  for (std::size_t k = 0; k < topo.size(); ++k) {
    const std::uint32_t i = topo[k];
    for (auto e = dependents.offsets[i]; e < dependents.offsets[i + 1]; ++e) {
      if (--waiting[dependents.targets[e]] == 0) topo.push_back(dependents.targets[e]);
    }
  }
  std::vector<std::int64_t> tail(n, 0);  // longest chain of work waiting for the task
  for (auto it = topo.rbegin(); it != topo.rend(); ++it) {
    const std::uint32_t i = *it;
    std::int64_t pulled = due[i];
    for (auto e = dependents.offsets[i]; e < dependents.offsets[i + 1]; ++e) {
      const std::uint32_t j = dependents.targets[e];
      if (done[j]) continue;
      tail[i] = std::max(tail[i], minutes[j] + tail[j]);
      pulled = std::min(pulled, due[j] - minutes[j]);
    }
    due[i] = std::min(due[i] - tail[i], pulled);
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return due[a] < due[b]; });
  return order;
}

}  // namespace rplan::schedule
