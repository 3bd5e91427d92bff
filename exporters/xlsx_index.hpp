#pragma once

// Internal to the xlsx builder: one entry point per sheet, each reading the
// plan through the exporters' PlanView. Not included outside exporters/xlsx_*.cpp.

#include <cstddef>
#include <functional>
#include <optional>
#include <vector>

#include "exporters/plan_view.hpp"
#include "exporters/xlsx_builder.hpp"
#include "planner/model/plan_diff.hpp"

namespace rplan::exporters::xlsx {

using RowSink = std::function<void(const Row&)>;

// A row of wrapped text is at most this many lines tall, each this many points.
inline constexpr int k_max_wrapped_lines = 8;
inline constexpr double k_line_height = 15;
// About how many lines `text` wraps to in a column `column_width` wide.
int wrapped_lines(std::string_view text, double column_width);

// The view's groups the sheets show: every topic, then the group of tasks
// without a known topic when it has any.
inline std::size_t shown_groups(const PlanView& view) {
  const std::size_t groups = view.group_count();
  return view.group_tasks(groups - 1).empty() ? groups - 1 : groups;
}

// A cell holding text, written as a string (never a formula).
Cell text_cell(int column, std::string_view text, Style style = Style::text);
Cell number_cell(int column, double value, Style style = Style::plain);
Cell date_cell(int column, double serial, Style style);
Cell fill_cell(int column, Style style, int colour = 0);

// A baseline against the project's plan: the diff, and per task of the
// project (in its order) the baseline's row and the variance of its finish.
struct Against {
  Against(const model::Project& project, const model::Baseline& baseline);
  const model::Baseline& baseline;
  model::PlanDiff diff;
  std::vector<const model::BaselineTask*> then;  // nullptr: the baseline does not have the task
  std::vector<std::optional<int>> finish_days;   // team working days; none unless both date it
};

// `against` (nullptr: no baseline) adds the baseline columns.
SheetLayout tasks_layout(const model::Project& project, const Against* against);
void tasks_rows(const model::Project& project, const PlanView& view, const Against* against,
                const RowSink& emit);

// The tasks changed since the baseline.
SheetLayout changes_layout(const Against& against);
void changes_rows(const Against& against, const RowSink& emit);

// The hidden sheet of the editable values as exported (model::workbook).
SheetLayout sync_layout();
void sync_rows(const model::Project& project, const RowSink& emit);

SheetLayout topics_layout(const PlanView& view);
void topics_rows(const model::Project& project, const PlanView& view, const RowSink& emit);

SheetLayout workload_layout(const PlanView& view);
void workload_rows(const PlanView& view, const RowSink& emit);

// The forecast kept with the plan (xlsx_forecast.cpp): a sheet only when
// has_forecast_sheet, from the project's forecast.
bool has_forecast_sheet(const model::Project& project);
SheetLayout forecast_layout(const model::Forecast& forecast);
void forecast_rows(const model::Forecast& forecast, const RowSink& emit);

SheetLayout gantt_layout(const model::Project& project, const PlanView& view,
                         const GanttLimits& limits);
void gantt_rows(const model::Project& project, const PlanView& view, const GanttLimits& limits,
                const RowSink& emit);

}  // namespace rplan::exporters::xlsx
