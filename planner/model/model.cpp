#include "planner/model/model.hpp"

#include <algorithm>

#include "planner/model/working_time.hpp"
#include "planner/util/text.hpp"
#include "planner/util/time_zone.hpp"

namespace rplan::model {

std::string_view to_string(TaskKind kind) {
  switch (kind) {
    case TaskKind::research:
      return "research";
    case TaskKind::analysis:
      return "analysis";
    case TaskKind::documentation:
      return "documentation";
    case TaskKind::other:
      break;
  }
  return "other";
}

std::string_view display_name(TaskKind kind) {
  switch (kind) {
    case TaskKind::research:
      return "Research";
    case TaskKind::analysis:
      return "Analysis";
    case TaskKind::documentation:
      return "Documentation";
    case TaskKind::other:
      break;
  }
  return "Other";
}

std::string_view to_string(TaskStatus status) {
  switch (status) {
    case TaskStatus::open:
      return "open";
    case TaskStatus::in_progress:
      return "in-progress";
    case TaskStatus::done:
      break;
  }
  return "done";
}

std::string_view to_string(Strategy strategy) {
  return strategy == Strategy::round_robin ? "round-robin" : "balanced";
}

std::optional<TaskKind> parse_task_kind(std::string_view text) {
  for (auto kind :
       {TaskKind::research, TaskKind::analysis, TaskKind::documentation, TaskKind::other}) {
    if (text == to_string(kind)) return kind;
  }
  return std::nullopt;
}

std::optional<TaskStatus> parse_task_status(std::string_view text) {
  if (text == "open") return TaskStatus::open;
  if (text == "in-progress" || text == "in_progress") return TaskStatus::in_progress;
  if (text == "done") return TaskStatus::done;
  return std::nullopt;
}

std::optional<Strategy> parse_strategy(std::string_view text) {
  if (text == "balanced") return Strategy::balanced;
  if (text == "round-robin" || text == "round_robin") return Strategy::round_robin;
  return std::nullopt;
}

ThreePoint three_point(const Task& task) {
  const Estimate& e = task.estimate;
  if (!e.manual) return {e.optimistic, e.likely, e.pessimistic};
  const double low_ratio = e.likely > 0 ? e.optimistic / e.likely : 1;
  const double high_ratio = e.likely > 0 ? e.pessimistic / e.likely : 1;
  return {task.manual_optimistic.value_or(e.hours * low_ratio), e.hours,
          task.manual_pessimistic.value_or(e.hours * high_ratio)};
}

double remaining_hours(const Task& task, double minimum) {
  if (task.status == TaskStatus::done) return 0;
  if (task.remaining_hours) return *task.remaining_hours;
  const double left = task.estimate.hours - task.spent_hours;
  if (left > 0) return left;
  return task.spent_hours > 0 ? minimum : 0;
}

bool remaining_is_minimum(const Task& task) {
  return task.status != TaskStatus::done && !task.remaining_hours && task.spent_hours > 0 &&
         !(task.estimate.hours - task.spent_hours > 0);
}

void set_dates_from_blocks(Task& task) {
  task.start.reset();
  task.finish.reset();
  if (!task.blocks.empty()) {
    task.start = task.blocks.front().utc_start;
    task.finish = task.blocks.back().utc_end;
  }
  if (task.status == TaskStatus::done && task.done_at) {
    task.start = task.start ? std::min(*task.start, *task.done_at) : *task.done_at;
    task.finish = task.done_at;
  }
}

const std::string& credited_person(const Task& task) {
  return task.assignee.empty() ? task.pinned_assignee : task.assignee;
}

std::vector<std::string> validate(const Assignee& p) {
  std::vector<std::string> problems;
  if (util::trim(p.name).empty()) problems.push_back("a person needs a name");
  if (!k_hours_per_day.contains(p.hours_per_day)) {
    problems.push_back("hours per day must be " + k_hours_per_day.describe() + ", not " +
                       util::format_hours(p.hours_per_day));
  } else if (p.day_start + working_day_minutes(p.hours_per_day) > 24 * 60) {
    problems.push_back("a working day from " + util::format_clock(p.day_start) + " for " +
                       util::format_hours(p.hours_per_day) + " h runs past midnight");
  }
  bool any_day = false;
  for (bool d : p.workdays) any_day = any_day || d;
  if (!any_day) problems.push_back("workdays names no day of the week");
  if (!util::is_known_time_zone(p.timezone)) {
    problems.push_back("unknown time zone \"" + p.timezone +
                       "\" (use an IANA name such as Europe/Berlin)");
  }
  if (!p.email.empty() && (p.email.find('@') == std::string::npos ||
                           p.email.find_first_of(" \t\r\n<>\"") != std::string::npos)) {
    problems.push_back("email \"" + p.email + "\" is not an email address");
  }
  return problems;
}

std::optional<std::array<bool, 7>> parse_workdays(std::string_view text) {
  std::array<bool, 7> days{};
  for (const auto& part : util::split(text, ',')) {
    const auto day = util::parse_weekday(part);
    if (!day) return std::nullopt;
    days[static_cast<std::size_t>(*day)] = true;
  }
  return days;
}

}  // namespace rplan::model
