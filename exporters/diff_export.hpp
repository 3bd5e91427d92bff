#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "planner/model/plan_diff.hpp"

// `rplan diff`: a plan's changes since a baseline as text for a terminal or
// a status mail, as Markdown, or as JSON (docs/baselines.md).
namespace rplan::exporters {

enum class DiffFormat { text, markdown, json };
// "text", "md" (also "markdown"), "json".
std::optional<DiffFormat> parse_diff_format(std::string_view text);

// Writes `diff`. Text and Markdown name the finish then and now, each topic
// whose finish moved, each changed task with what changed, and each person
// whose planned hours changed; an empty diff says there is no change. JSON
// has `tasks`, one entry per changed task (`id`, `change`: a list of
// "added", "removed", "done", "reassigned", "estimate", "moved").
void write_diff(const model::PlanDiff& diff, DiffFormat format, std::ostream& out);

// One kind of change of a task as what it was and what it is, in words
// ("2026-12-07 to 2026-12-09" -> "2026-12-08 to 2026-12-10"; "Ada" ->
// "Grace"; "4 h" -> "6 h"; an added task's `from` and a removed one's `to`
// are empty): the workbook's Changes sheet and the report's list of changes.
struct ChangeSides {
  std::string from, to;
};
ChangeSides change_sides(const model::TaskChange& change, model::TaskChangeKind kind);

// One changed task as the workbook's Changes sheet and the report's change
// list show it: its kinds ("moved, reassigned"), and each kind's from and to
// sides joined with "; " (empty when no kind has that side).
struct ChangeLine {
  std::string kinds, from, to;
};
ChangeLine change_line(const model::TaskChange& change);

// "+2 working days", "-1 working day", "same day".
std::string describe_days(int days);

}  // namespace rplan::exporters
