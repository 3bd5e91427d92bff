#include "planner/pipeline/stages.hpp"

#include <string>
#include <system_error>

#include "planner/estimate/documents.hpp"
#include "planner/parse/files.hpp"
#include "planner/util/error.hpp"
#include "planner/util/text.hpp"

namespace rplan::pipeline {

namespace fs = std::filesystem;

std::vector<model::ParsedDocument> read_documents(const std::vector<fs::path>& files,
                                                  const estimate::Model& estimates) {
  auto docs = parse::parse_documents(files);
  estimate::estimate_documents(docs, estimates);
  return docs;
}

std::vector<store::ImportReport> import_documents(const fs::path& db,
                                                  const std::vector<fs::path>& files,
                                                  const estimate::Model& estimates,
                                                  util::Instant now, Reporter& reporter) {
  reporter.stage("reading " + std::to_string(files.size()) + " document(s)");
  const auto docs = read_documents(files, estimates);
  store::Store store(db, store::Access::read_write);
  store.set_now(now);
  std::vector<store::ImportReport> reports;
  reporter.stage("importing " + std::to_string(docs.size()) + " document(s)");
  store::Store::Transaction tx(store);
  for (const auto& doc : docs) reports.push_back(store.import_document(doc));
  reporter.stage("committing");
  tx.commit();
  reporter.stage_done();
  return reports;
}

std::vector<model::Assignee> current_team(const fs::path& db) {
  std::error_code ec;
  if (!fs::exists(db, ec)) return {};
  return store::Store(db, store::Access::read_only).team();
}

store::Store::PreparedPlan plan_project(store::Store& store, model::Project& project,
                                        const schedule::Options& options, util::Instant now,
                                        Reporter& reporter, bool fill_cancelled,
                                        std::vector<schedule::StartReason>* reasons) {
  if (project.team.empty()) {
    throw UsageError(
        "there is no team to plan for: add people with rplan team add NAME or "
        "rplan team import FILE.csv");
  }
  if (project.tasks.empty() && !project.plan.exists) {
    throw InputError("there are no tasks to plan: import topic documents first");
  }
  reporter.stage("planning " + std::to_string(project.tasks.size()) + " tasks for " +
                 std::to_string(project.team.size()) + " people");
  project.plan.now = now;  // the instant the plan is made from
  if (reasons) {
    schedule::make_plan(project, options, *reasons);
  } else {
    schedule::make_plan(project, options);
  }
  reporter.stage("comparing with the previous plan");
  return store.prepare_plan(project, now, fill_cancelled);
}

model::Project plan(const fs::path& db, const schedule::Options& options, util::Instant now,
                    Reporter& reporter, std::vector<schedule::StartReason>* reasons) {
  store::Store store(db, store::Access::update);
  store.set_now(now);
  store::Store::Transaction tx(store);
  reporter.stage("loading the project");
  model::Project project = store.load_project();
  const auto prepared = plan_project(store, project, options, now, reporter, false, reasons);
  reporter.stage("writing the plan's rows");
  store.write_plan(project, prepared);
  reporter.stage("committing");
  tx.commit();
  reporter.stage_done();
  return project;
}

namespace {

// The same plan: every task's person and blocks at the same instants.
bool same_plan(const model::Project& a, const model::Project& b) {
  if (a.tasks.size() != b.tasks.size()) return false;
  for (std::size_t i = 0; i < a.tasks.size(); ++i) {
    const model::Task& x = a.tasks[i];
    const model::Task& y = b.tasks[i];
    if (x.id != y.id || x.assignee != y.assignee || x.blocks.size() != y.blocks.size()) {
      return false;
    }
    for (std::size_t k = 0; k < x.blocks.size(); ++k) {
      if (x.blocks[k].utc_start != y.blocks[k].utc_start ||
          x.blocks[k].utc_end != y.blocks[k].utc_end) {
        return false;
      }
    }
  }
  return true;
}

}  // namespace

Explained explain(const fs::path& db, schedule::DocumentingOrder documenting) {
  store::Store store(db, store::Access::read_only);
  const model::Project stored = store.load_project();
  if (!stored.plan.exists)
    throw InputError("there is no plan to explain yet: run rplan plan first");
  if (!stored.plan.stale_reasons.empty()) {
    throw InputError("the plan is out of date (" + util::join(stored.plan.stale_reasons, "; ") +
                     "): run rplan plan --explain");
  }
  schedule::Options options;
  options.strategy = stored.plan.strategy;
  options.documenting = documenting;
  options.minimum_remaining_hours = stored.plan.minimum_remaining_hours;
  // From now, as `plan` without --start; else from the start date, as `plan --start`.
  for (const bool from_now : {true, false}) {
    options.start = stored.plan.start;
    options.from_now.reset();
    if (from_now) options.from_now = stored.plan.now;
    Explained out{stored, {}};
    schedule::make_plan(out.project, options, out.reasons);
    if (same_plan(out.project, stored)) {
      out.project = stored;
      return out;
    }
  }
  throw InputError(
      "the stored plan is not the one the scheduler makes of these inputs now (the settings "
      "changed since?): run rplan plan --explain");
}

std::vector<fs::path> export_plan(const fs::path& db, const ExportFormat& format,
                                  const ExportOptions& options, const fs::path& out,
                                  Reporter& reporter,
                                  const std::function<void(const model::Project&)>& loaded) {
  store::Store store(db, store::Access::read_only);
  reporter.stage("loading the project");
  model::Project project = store.load_project();
  if (!project.plan.exists) {
    throw InputError("there is no plan to export yet: run rplan plan first");
  }
  project.forecast = store.load_forecast();  // when one was kept with this plan
  if (loaded) loaded(project);
  ExportOptions with_baseline;  // `export --baseline NAME`: the options and the baseline
  if (!options.baseline_name.empty()) {
    with_baseline = options;
    with_baseline.baseline = store.load_baseline(options.baseline_name);
    if (!with_baseline.baseline) {
      throw InputError("no baseline named \"" + options.baseline_name +
                       "\" (rplan baseline list shows them)");
    }
  }
  reporter.stage("writing " + out.string());
  auto written = format.write(project, with_baseline.baseline ? with_baseline : options, out);
  reporter.stage_done();
  return written;
}

}  // namespace rplan::pipeline
