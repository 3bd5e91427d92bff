#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "planner/estimate/estimator.hpp"
#include "planner/model/model.hpp"
#include "planner/pipeline/exports.hpp"
#include "planner/pipeline/reporter.hpp"
#include "planner/schedule/scheduler.hpp"
#include "planner/store/store.hpp"
#include "planner/util/dates.hpp"

namespace rplan::pipeline {

// Everything `rplan run` is asked to do, its options parsed.
struct RunRequest {
  std::vector<std::filesystem::path> documents;
  std::optional<std::filesystem::path> team_file;  // people to add or update (team CSV)
  std::vector<std::string> assignees;  // names; new ones join with the defaults ({}: none)
  std::filesystem::path out_dir;       // created if missing
  std::filesystem::path db;            // created if missing
  estimate::Model estimates;
  schedule::Options plan;
  ExportOptions exports;  // before_publish is run's own
  util::Instant now;
  // Threads run may keep busy at once, the caller's included (at least 1).
  std::size_t threads = 1;
  // Called once the plan is committed, while the exports may still be being
  // written: what the import changed, and the planned project.
  std::function<void(const std::vector<store::ImportReport>&, const model::Project&)> on_saved;
};

// `rplan run`: imports the documents, updates the team, plans, and writes
// every export that has a file name into out_dir, spreading the work over
// request.threads threads (docs/architecture.md, "Transactions"). The database
// changes in one transaction; every export replaces its file only after that
// transaction is committed, so when anything fails before the commit the
// database and every previous export stay as they were. An export that fails
// after the commit is reported (the first one, in the order of
// export_formats()) after the others are written. Returns the files written,
// in that order.
std::vector<std::filesystem::path> run(const RunRequest& request, Reporter& reporter);

}  // namespace rplan::pipeline
