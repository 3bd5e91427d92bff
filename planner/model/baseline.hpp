#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "planner/model/model.hpp"

// Baselines: what a plan said of each task, kept to compare later plans with
// (`rplan baseline`, `rplan diff`, `export --baseline`). Not a copy of the
// plan: each task's dates, person and hours (docs/baselines.md).
namespace rplan::model {

// The baseline the last `plan` keeps of the plan it replaced.
inline constexpr std::string_view k_previous_baseline = "previous";

// One task as a plan had it.
struct BaselineTask {
  std::string id;
  std::string assignee;  // plan_person(task): "" when nobody had it
  TaskStatus status = TaskStatus::open;
  std::optional<Instant> start, finish;     // the task's start and finish; none when unplanned
  std::optional<Date> first_day, last_day;  // local dates of its first and last block
  double estimate_hours = 0;                // task.estimate.hours
  std::int64_t planned_minutes = 0;         // its work blocks, history included
  // For naming a removed task: make_baseline copies them; a stored baseline's
  // load fills them only for tasks archived since (a task the project has is
  // named, and placed in its topic, by the project: diff_plans).
  std::string topic_id;
  std::string prompt;
  friend bool operator==(const BaselineTask&, const BaselineTask&) = default;
};

struct Baseline {
  std::string name;
  Instant saved_at{};         // when it was saved
  Instant plan_created_at{};  // when the plan it keeps was made
  Instant plan_now{};         // the instant that plan was made from
  Date start{}, finish{};     // that plan's start and finish dates
  double total_hours = 0;
  std::vector<BaselineTask> tasks;  // by id
  friend bool operator==(const Baseline&, const Baseline&) = default;
};

// Whether baseline_task copies the task's topic id and prompt (for naming a
// removed task; comparing and dating a task needs neither).
enum class BaselineTexts { with, without };

// What the plan says of one task.
BaselineTask baseline_task(const Task& task, BaselineTexts texts = BaselineTexts::with);

// What a planned project's plan says of each of its tasks (by id), named
// `name` and saved at `saved_at`. The one rule of what a baseline keeps.
Baseline make_baseline(const Project& project, std::string name, Instant saved_at);

// The baseline's row of the task with id `id` (tasks are by id); nullptr
// when it has none.
const BaselineTask* find_task(const Baseline& baseline, std::string_view id);

// A baseline name: 1 to 64 characters, letters, digits, '-', '_' and '.',
// not starting with '.' or '-'. "" when `name` is one, else the reason.
std::string check_baseline_name(std::string_view name);

}  // namespace rplan::model
