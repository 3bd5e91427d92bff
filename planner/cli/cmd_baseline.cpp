// Baselines and plan diffs: baseline save, list and remove; diff.

#include <iomanip>
#include <string>

#include "exporters/diff_export.hpp"
#include "planner/cli/command.hpp"
#include "planner/cli/tracking.hpp"
#include "planner/model/baseline.hpp"
#include "planner/model/plan_diff.hpp"
#include "planner/store/store.hpp"
#include "planner/util/error.hpp"
#include "planner/util/text.hpp"

namespace rplan::cli {

namespace {

std::string checked_name(const po::variables_map& vm) {
  const std::string name = *get_string(vm, "NAME");
  const std::string problem = model::check_baseline_name(name);
  if (!problem.empty()) throw UsageError("baseline NAME \"" + name + "\": " + problem);
  return name;
}

int cmd_baseline_save(Context& ctx, const po::variables_map& vm) {
  const std::string name = checked_name(vm);
  if (name == model::k_previous_baseline) {
    throw UsageError(
        "baseline NAME \"previous\" is kept by rplan plan (the plan it replaced); "
        "choose another name");
  }
  store::Store store(ctx.db_path, store::Access::update);
  store.set_now(ctx.now);
  store::Store::Transaction tx(store);
  const bool replaced = store.save_baseline(name, ctx.now);
  tx.commit();
  ctx.out << (replaced ? "Replaced" : "Saved") << " baseline " << name
          << ": the plan as it is now (rplan diff " << name << " compares with it)\n";
  return 0;
}

int cmd_baseline_list(Context& ctx, const po::variables_map&) {
  store::Store store(ctx.db_path, store::Access::read_only);
  const auto baselines = store.baselines();
  if (baselines.empty()) {
    ctx.out << "No baselines (rplan baseline save NAME keeps the plan; rplan plan keeps the "
               "plan it replaces as previous).\n";
    return 0;
  }
  std::size_t width = 8;
  for (const auto& b : baselines) width = std::max(width, b.name.size());
  ctx.out << std::left << std::setw(static_cast<int>(width + 2)) << "BASELINE"
          << "SAVED       "
          << "START       FINISH      HOURS   TASKS\n";
  for (const auto& b : baselines) {
    ctx.out << std::setw(static_cast<int>(width + 2)) << b.name
            << util::format_date(std::chrono::floor<std::chrono::days>(b.saved_at)) << "  "
            << util::format_date(b.start) << "  " << util::format_date(b.finish) << "  "
            << std::setw(8) << util::format_hours(b.total_hours) << b.tasks << "\n";
  }
  return 0;
}

int cmd_baseline_remove(Context& ctx, const po::variables_map& vm) {
  const std::string name = checked_name(vm);
  store::Store store(ctx.db_path, store::Access::update);
  store.set_now(ctx.now);
  store::Store::Transaction tx(store);
  if (!store.remove_baseline(name)) {
    throw InputError("no baseline named \"" + name + "\" (rplan baseline list shows them)");
  }
  tx.commit();
  ctx.out << "Removed baseline " << name << "\n";
  return 0;
}

int cmd_diff(Context& ctx, const po::variables_map& vm) {
  const std::string text = get_string(vm, "format").value_or("text");
  const auto format = exporters::parse_diff_format(text);
  if (!format) throw UsageError("--format " + text + " is not one of text, md, json");
  const std::string name = get_string(vm, "NAME").value_or(std::string(model::k_previous_baseline));
  if (const auto problem = model::check_baseline_name(name); !problem.empty()) {
    throw UsageError("diff NAME \"" + name + "\": " + problem);
  }
  store::Store store(ctx.db_path, store::Access::read_only);
  const model::Project project = store.load_project();
  if (!project.plan.exists) throw InputError("there is no plan yet; run rplan plan first");
  const auto baseline = store.load_baseline(name);
  if (!baseline) {
    throw InputError("no baseline named \"" + name + "\"" +
                     (name == model::k_previous_baseline
                          ? " yet: the next rplan plan keeps the plan it replaces as previous"
                          : " (rplan baseline list shows them)"));
  }
  warn_if_stale(project.plan, ctx);
  exporters::write_diff(model::diff_plans(*baseline, project), *format, ctx.out);
  return 0;
}

}  // namespace

void add_baseline_commands(std::vector<Command>& t) {
  t.push_back({"baseline save",
               "NAME",
               "keep the plan as it is now as a baseline",
               "A baseline keeps each task's dates, person and hours (not a copy of the plan),\n"
               "matched by task id, so it survives re-imports. Saving a name again replaces\n"
               "it. Every rplan plan keeps the plan it replaces as the baseline previous.",
               nullptr,
               {{"NAME", 1}},
               cmd_baseline_save});
  t.push_back({"baseline list",
               "",
               "list the baselines, oldest first",
               "",
               nullptr,
               {},
               cmd_baseline_list});
  t.push_back({"baseline remove",
               "NAME",
               "remove a baseline",
               "",
               nullptr,
               {{"NAME", 1}},
               cmd_baseline_remove});
  t.push_back({"diff",
               "[NAME]",
               "what changed in the plan since a baseline (default: previous)",
               "The plan's finish then and now; per topic the finish slip; per task: moved\n"
               "(start and finish, in the team's working days), reassigned, estimate changed,\n"
               "added, removed, done since; per person the change in planned hours.\n"
               "--format md pastes into a status mail or an issue; json has tasks, one entry\n"
               "per changed task with its id and change (none when nothing changed).",
               [](po::options_description& d) {
                 d.add_options()("format", po::value<std::string>()->default_value("text"),
                                 "text, md or json");
               },
               {{"NAME", 0}},
               cmd_diff});
}

}  // namespace rplan::cli
