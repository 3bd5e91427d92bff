#include <algorithm>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "planner/schedule/graph.hpp"
#include "planner/schedule/scheduler.hpp"

namespace rplan::schedule {

std::vector<std::vector<std::size_t>> dependencies(const model::Project& project,
                                                   DocumentingOrder documenting) {
  const auto& tasks = project.tasks;
  std::vector<std::vector<std::size_t>> result(tasks.size());

  const bool any_after = std::any_of(tasks.begin(), tasks.end(),
                                     [](const model::Task& t) { return !t.after.empty(); });
  if (any_after) {
    // Lookups only: no iteration order of the map reaches the result.
    std::unordered_map<std::string_view, std::size_t> index;
    index.reserve(tasks.size());
    for (std::size_t i = 0; i < tasks.size(); ++i) index.emplace(tasks[i].id, i);
    for (std::size_t i = 0; i < tasks.size(); ++i) {
      for (const std::string& id : tasks[i].after) {
        const auto it = index.find(id);
        if (it != index.end()) result[i].push_back(it->second);
      }
    }
  }

  if (documenting == DocumentingOrder::after_topic) {
    // Each topic's non-documentation tasks, in project order.
    std::unordered_map<std::string_view, std::size_t> topic_group;
    std::vector<std::size_t> group_of(tasks.size());
    for (std::size_t i = 0; i < tasks.size(); ++i) {
      if (i > 0 && tasks[i].topic_id == tasks[i - 1].topic_id) {  // tasks come by topic
        group_of[i] = group_of[i - 1];
      } else {
        group_of[i] = topic_group.emplace(tasks[i].topic_id, topic_group.size()).first->second;
      }
    }
    std::vector<std::vector<std::size_t>> others(topic_group.size());
    bool any_documentation = false;
    for (std::size_t i = 0; i < tasks.size(); ++i) {
      if (tasks[i].kind == model::TaskKind::documentation) {
        any_documentation = true;
      } else {
        others[group_of[i]].push_back(i);
      }
    }
    if (any_documentation) {
      for (std::size_t i = 0; i < tasks.size(); ++i) {
        if (tasks[i].kind != model::TaskKind::documentation) continue;
        const auto& group = others[group_of[i]];
        result[i].insert(result[i].end(), group.begin(), group.end());
      }
    }
  }

  for (auto& list : result) {
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
  }
  return result;
}

std::vector<std::string> find_cycle(const model::Project& project, DocumentingOrder documenting) {
  return find_cycle(project, dependencies(project, documenting));
}

std::vector<std::string> find_cycle(const model::Project& project,
                                    const std::vector<std::vector<std::size_t>>& deps) {
  enum : unsigned char { white, grey, black };
  std::vector<unsigned char> colour(deps.size(), white);
  std::vector<std::pair<std::size_t, std::size_t>> stack;  // task, next dependency to visit
  for (std::size_t root = 0; root < deps.size(); ++root) {
    if (colour[root] != white) continue;
    colour[root] = grey;
    stack.emplace_back(root, 0);
    while (!stack.empty()) {
      auto& [task, next] = stack.back();
      if (next == deps[task].size()) {
        colour[task] = black;
        stack.pop_back();
        continue;
      }
      const std::size_t dep = deps[task][next++];
      if (colour[dep] == white) {
        colour[dep] = grey;
        stack.emplace_back(dep, 0);
      } else if (colour[dep] == grey) {
        // The stack from dep to the top is the cycle.
        auto from = stack.begin();
        while (from->first != dep) ++from;
        std::vector<std::string> ids;
        for (auto it = from; it != stack.end(); ++it) ids.push_back(project.tasks[it->first].id);
        ids.push_back(project.tasks[dep].id);
        return ids;
      }
    }
  }
  return {};
}

std::string describe_cycle(const std::vector<std::string>& ids) {
  std::string text;
  for (const std::string& id : ids) {
    if (!text.empty()) text += " -> ";
    text += id;
  }
  return text;
}

Dependents invert(const std::vector<std::vector<std::size_t>>& deps) {
  Dependents out;
  out.offsets.assign(deps.size() + 1, 0);
  for (const auto& list : deps) {
    for (std::size_t dep : list) ++out.offsets[dep + 1];
  }
  for (std::size_t i = 0; i < deps.size(); ++i) out.offsets[i + 1] += out.offsets[i];
  out.targets.resize(out.offsets.back());
  std::vector<std::uint32_t> fill(out.offsets.begin(), out.offsets.end() - 1);
  for (std::size_t i = 0; i < deps.size(); ++i) {  // targets end up in project order
    for (std::size_t dep : deps[i]) out.targets[fill[dep]++] = static_cast<std::uint32_t>(i);
  }
  return out;
}

}  // namespace rplan::schedule
