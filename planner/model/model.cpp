#include "planner/model/model.hpp"

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

}  // namespace rplan::model
