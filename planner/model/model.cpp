#include "planner/model/model.hpp"

#include <algorithm>
#include <array>

#include "planner/model/working_time.hpp"
#include "planner/util/error.hpp"
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

std::size_t kind_word_length(TaskKind kind, std::string_view prompt) {
  std::size_t end = 0;
  while (end < prompt.size() && ((prompt[end] >= 'a' && prompt[end] <= 'z') ||
                                 (prompt[end] >= 'A' && prompt[end] <= 'Z'))) {
    ++end;
  }
  if (end >= prompt.size() || prompt[end] != ' ') {
    return 0;  // "Research-based ...", "Documents" are other words; a word alone keeps its label
  }
  const std::string word = util::to_lower_ascii(prompt.substr(0, end));
  static constexpr std::array<std::string_view, 3> k_research{"research"},
      k_analysis{"analyze", "analyse", "analysis"}, k_documentation{"document", "documentation"},
      k_other{"other"};
  const auto& words = kind == TaskKind::research        ? k_research
                      : kind == TaskKind::analysis      ? k_analysis
                      : kind == TaskKind::documentation ? k_documentation
                                                        : k_other;
  for (const std::string_view w : words) {
    if (!w.empty() && word == w) return end;
  }
  return 0;
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
    std::size_t dash = part.find('-');
    std::size_t dash_length = 1;
    if (const std::size_t en = part.find("\u2013"); en != std::string::npos && en < dash) {
      dash = en;
      dash_length = std::string_view("\u2013").size();
    }
    if (dash == std::string::npos) {
      const auto day = util::parse_weekday(part);
      if (!day) return std::nullopt;
      days[static_cast<std::size_t>(*day)] = true;
      continue;
    }
    const auto first = util::parse_weekday(std::string_view(part).substr(0, dash));
    const auto last = util::parse_weekday(std::string_view(part).substr(dash + dash_length));
    if (!first || !last) return std::nullopt;
    for (int d = *first;; d = (d + 1) % 7) {  // mon..sun, wrapping: sun-thu
      days[static_cast<std::size_t>(d)] = true;
      if (d == *last) break;
    }
  }
  return days;
}

bool same_name(std::string_view a, std::string_view b) {
  a = util::trim(a);
  b = util::trim(b);
  return a == b || util::fold_case(a) == util::fold_case(b);
}

const Assignee* find_person(std::span<const Assignee> team, std::string_view name) {
  name = util::trim(name);
  const std::string folded = util::fold_case(name);
  std::vector<const Assignee*> by_case;
  for (const Assignee& p : team) {
    if (p.name == name) return &p;
    if (util::fold_case(p.name) == folded) by_case.push_back(&p);
  }
  if (by_case.empty()) return nullptr;
  if (by_case.size() > 1) {
    std::vector<std::string> names;
    for (const Assignee* p : by_case) names.push_back("\"" + p->name + "\"");
    throw InputError("\"" + std::string(name) + "\" could be " + util::join(names, " or ") +
                     ", whose names differ only in case; give the name exactly");
  }
  return by_case.front();
}

const Assignee& require_person(std::span<const Assignee> team, std::string_view name) {
  if (const Assignee* p = find_person(team, name)) return *p;
  throw InputError("nobody named \"" + std::string(util::trim(name)) + "\" is in the team (" +
                   (team.empty()
                        ? std::string("the team is empty: rplan team add NAME adds someone")
                        : "it has " + describe_team(team)) +
                   ")");
}

std::string case_clash(std::span<const Assignee> team, std::string_view name) {
  name = util::trim(name);
  const std::string folded = util::fold_case(name);
  const Assignee* clash = nullptr;
  for (const Assignee& p : team) {
    if (p.name == name) return "";
    if (clash == nullptr && util::fold_case(p.name) == folded) clash = &p;
  }
  if (clash == nullptr) return "";
  return "\"" + std::string(name) + "\" differs only in case from \"" + clash->name +
         "\", who is in the team (names are matched without regard to case); to change " +
         clash->name + "'s settings, give the name as \"" + clash->name + "\"";
}

std::string describe_team(std::span<const Assignee> team) {
  constexpr std::size_t k_shown = 10;
  if (team.empty()) return "nobody yet";
  std::vector<std::string> names;
  for (std::size_t i = 0; i < team.size() && i < k_shown; ++i) names.push_back(team[i].name);
  if (team.size() > k_shown) {
    return util::join(names, ", ") + " and " + std::to_string(team.size() - k_shown) + " more";
  }
  if (names.size() == 1) return names.front();
  const std::string last = names.back();
  names.pop_back();
  return util::join(names, ", ") + " and " + last;
}

}  // namespace rplan::model
