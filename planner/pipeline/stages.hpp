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
// team; InputError when there are no tasks and no plan yet.
store::Store::PreparedPlan plan_project(store::Store& store, model::Project& project,
                                        const schedule::Options& options, util::Instant now,
                                        Reporter& reporter);

// `rplan plan`: loads the project, plans it and stores the plan, in one
// transaction. Returns the planned project.
model::Project plan(const std::filesystem::path& db, const schedule::Options& options,
                    util::Instant now, Reporter& reporter);

// `rplan export`: writes the stored plan in `format` to `out`, reading the
// database only. InputError when there is no plan yet. `loaded`, when given,
// sees the project before it is written (the command line warns there when
// the plan is out of date). Returns the files written (ExportFormat::write).
std::vector<std::filesystem::path> export_plan(
    const std::filesystem::path& db, const ExportFormat& format, const ExportOptions& options,
    const std::filesystem::path& out, Reporter& reporter,
    const std::function<void(const model::Project&)>& loaded = {});

}  // namespace rplan::pipeline
