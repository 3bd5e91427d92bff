#pragma once

#include <filesystem>
#include <functional>

#include "exporters/xlsx_builder.hpp"
#include "planner/model/model.hpp"

namespace rplan::exporters {

// Writes the project as an Excel workbook at `out`: sheets Tasks, Gantt,
// Workload and Topics (docs/file-formats.md). Rows stream through
// libxlsxwriter's constant-memory mode into a temporary file beside `out`
// (its scratch files go to the same folder), which is then renamed over
// `out`. On any failure the previous `out` is left as it was and
// rplan::OutputError (exit 73) names `out`. `before_publish`, when given, is
// called right before the rename (and may throw to leave `out` alone). With
// a `baseline` (`export xlsx --baseline NAME`), the Tasks sheet has its
// columns and a Changes sheet lists what changed (xlsx::WorkbookBuilder).
void write_xlsx(const PlanView& view, const std::filesystem::path& out,
                xlsx::GanttLimits limits = {}, const std::function<void()>& before_publish = {},
                const model::Baseline* baseline = nullptr);
// The same, building the project's view first.
void write_xlsx(const model::Project& project, const std::filesystem::path& out,
                xlsx::GanttLimits limits = {}, const std::function<void()>& before_publish = {},
                const model::Baseline* baseline = nullptr);

}  // namespace rplan::exporters
