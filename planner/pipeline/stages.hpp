#pragma once

#include <filesystem>
#include <functional>
#include <vector>

#include "planner/estimate/estimator.hpp"
#include "planner/model/model.hpp"
#include "planner/pipeline/exports.hpp"
#include "planner/pipeline/reporter.hpp"
#include "planner/schedule/scheduler.hpp"
#include "planner/store/store.hpp"
#include "planner/util/dates.hpp"

// The stages the commands are made of, and the commands that are one stage
// after another (import, plan, export); `run` is in run.hpp.
namespace rplan::pipeline {

// Reads, parses and estimates topic documents: parse::parse_documents (every
// problem of every file in one DiagnosticsError), then
// estimate::estimate_documents.
std::vector<model::ParsedDocument> read_documents(const std::vector<std::filesystem::path>& files,
                                                  const estimate::Model& estimates);

// `rplan import`: reads the documents, then stores them in one transaction
// (nothing is stored when one of them has a problem). One report per
// document, in the order given. `now` is when the changes are made (the
// plan's list of what changed since it was made). Its stages go to `reporter`.
std::vector<store::ImportReport> import_documents(const std::filesystem::path& db,
                                                  const std::vector<std::filesystem::path>& files,
                                                  const estimate::Model& estimates,
                                                  util::Instant now, Reporter& reporter);

// The team in the database at `db`, or nobody when there is no database yet
// (read before a team file is applied, so that it updates people in place).
std::vector<model::Assignee> current_team(const std::filesystem::path& db);

// Plans `project` (schedule::make_plan) and compares the plan with the one
// `store` holds (Store::prepare_plan: iCalendar sequences, the plan's time
// stamp), inside the caller's transaction; the plan is made from `now`. UsageError when there is no
// team; InputError when there are no tasks and no plan yet. `fill_cancelled`
// as in Store::prepare_plan: false when nothing is exported from `project`.
// With `reasons`, the scheduler records why each task starts when it does
// (schedule::StartReason, one per task of project.tasks).
store::Store::PreparedPlan plan_project(store::Store& store, model::Project& project,
                                        const schedule::Options& options, util::Instant now,
                                        Reporter& reporter, bool fill_cancelled = true,
                                        std::vector<schedule::StartReason>* reasons = nullptr);

// `rplan plan`: loads the project, plans it and stores the plan, in one
// transaction. Returns the planned project, without the cancelled calendar
// items (project.cancelled is empty: `plan` exports nothing).
model::Project plan(const std::filesystem::path& db, const schedule::Options& options,
                    util::Instant now, Reporter& reporter,
                    std::vector<schedule::StartReason>* reasons = nullptr);

// The stored plan and why each task starts when it does: the scheduler run
// again on the project as loaded, with the stored plan's instant, start,
// strategy and minimum (`documenting` from the settings), recording its
// reasons as it places each task; the plan it makes must be the stored one,
// block for block. InputError when there is no plan, or when it is out of
// date or otherwise not the plan these inputs give (run `rplan plan
// --explain`). Reads the database only.
struct Explained {
  model::Project project;
  std::vector<schedule::StartReason> reasons;  // by index into project.tasks
};
Explained explain(const std::filesystem::path& db, schedule::DocumentingOrder documenting);

// `rplan export`: writes the stored plan in `format` to `out`, reading the
// database only. InputError when there is no plan yet. `loaded`, when given,
// sees the project before it is written (the command line warns there when
// the plan is out of date). Returns the files written (ExportFormat::write).
std::vector<std::filesystem::path> export_plan(
    const std::filesystem::path& db, const ExportFormat& format, const ExportOptions& options,
    const std::filesystem::path& out, Reporter& reporter,
    const std::function<void(const model::Project&)>& loaded = {});

}  // namespace rplan::pipeline
