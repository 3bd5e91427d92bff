#include "planner/model/baseline.hpp"

#include <algorithm>
#include <cctype>

namespace rplan::model {

BaselineTask baseline_task(const Task& t, BaselineTexts texts) {
  BaselineTask bt;
  bt.id = t.id;
  bt.assignee = plan_person(t);
  bt.status = t.status;
  bt.start = t.start;
  bt.finish = t.finish;
  if (!t.blocks.empty()) {
    bt.first_day = t.blocks.front().date;
    bt.last_day = t.blocks.back().date;
  }
  bt.estimate_hours = t.estimate.hours;
  for (const WorkBlock& block : t.blocks) bt.planned_minutes += block.minutes;
  if (texts == BaselineTexts::with) {
    bt.topic_id = t.topic_id;
    bt.prompt = t.prompt;
  }
  return bt;
}

Baseline make_baseline(const Project& project, std::string name, Instant saved_at) {
  Baseline b;
  b.name = std::move(name);
  b.saved_at = saved_at;
  b.plan_created_at = project.plan.created_at;
  b.plan_now = project.plan.now;
  b.start = project.plan.start;
  b.finish = project.plan.finish;
  b.total_hours = project.plan.total_hours;
  b.tasks.reserve(project.tasks.size());
  for (const Task& t : project.tasks) b.tasks.push_back(baseline_task(t));
  std::sort(b.tasks.begin(), b.tasks.end(),
            [](const BaselineTask& x, const BaselineTask& y) { return x.id < y.id; });
  return b;
}

const BaselineTask* find_task(const Baseline& baseline, std::string_view id) {
  const auto it = std::lower_bound(
      baseline.tasks.begin(), baseline.tasks.end(), id,
      [](const BaselineTask& t, std::string_view key) { return std::string_view(t.id) < key; });
  return it != baseline.tasks.end() && it->id == id ? &*it : nullptr;
}

std::string check_baseline_name(std::string_view name) {
  if (name.empty()) return "a baseline needs a name";
  if (name.size() > 64) return "a baseline's name is at most 64 characters";
  if (name.front() == '.' || name.front() == '-') {
    return "a baseline's name starts with a letter, digit or '_'";
  }
  for (const char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (!std::isalnum(u) && c != '-' && c != '_' && c != '.') {
      return "a baseline's name holds only letters, digits, '-', '_' and '.'";
    }
  }
  return "";
}

}  // namespace rplan::model
