// Commands that plan and export: plan, export, run.

#include <algorithm>
#include <chrono>
#include <iomanip>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "exporters/ics_export.hpp"
#include "exporters/markdown_export.hpp"
#include "planner/cli/command.hpp"
#include "planner/cli/explain.hpp"
#include "planner/cli/io.hpp"
#include "planner/cli/tracking.hpp"
#include "planner/model/working_time.hpp"
#include "planner/model/workload.hpp"
#include "planner/pipeline/exports.hpp"
#include "planner/pipeline/run.hpp"
#include "planner/pipeline/stages.hpp"
#include "planner/schedule/scheduler.hpp"
#include "planner/util/error.hpp"
#include "planner/util/text.hpp"

namespace rplan::cli {

namespace {

schedule::Options plan_options(const Context& ctx, const po::variables_map& vm) {
  schedule::Options o;
  // Without --start the plan starts now: the past kept, the rest planned
  // from each person's next working minute.
  if (vm.count("start")) {
    o.start = get_date(vm, "start");
  } else {
    o.start = ctx.today;
    o.from_now = ctx.now;
  }
  o.minimum_remaining_hours = ctx.config.minimum_remaining_hours;
  o.strategy = ctx.config.strategy;
  if (const auto s = get_string(vm, "strategy")) {
    const auto strategy = model::parse_strategy(*s);
    if (!strategy) throw UsageError("--strategy " + *s + " is not one of balanced, round-robin");
    o.strategy = *strategy;
  }
  o.documenting = ctx.config.documenting;
  return o;
}

void print_summary(const model::Project& p, std::ostream& out) {
  std::size_t planned = 0;
  std::map<std::string, double> load;  // new work only: history is not the plan's load
  for (const auto& t : p.tasks) {
    if (t.status == model::TaskStatus::done) continue;
    if (t.planned()) {
      ++planned;
      double* person = nullptr;  // looked up once a task, on its first new block
      for (const auto& b : t.blocks) {
        if (b.history) continue;
        if (person == nullptr) person = &load[t.assignee];
        *person += b.hours();
      }
    }
  }
  out << "Planned " << planned << (planned == 1 ? " task, " : " tasks, ")
      << util::format_hours(p.plan.total_hours) << " h, " << util::format_date(p.plan.start)
      << " to " << util::format_date(p.plan.finish) << " (" << model::to_string(p.plan.strategy)
      << ")\n";
  const auto working_times = model::working_times(p.team, p.holidays, p.time_off);
  const model::Workload workload(p);
  std::size_t width = 4;
  for (const auto& a : p.team) width = std::max(width, util::utf8_length(a.name));
  // The one finishing alone after everyone else with work is the bottleneck.
  std::optional<model::Date> latest;
  int last = -1, at_latest = 0, with_work = 0;
  for (int i = 0; i < static_cast<int>(p.team.size()); ++i) {
    const auto f = workload.finish(i);
    if (!f || load[p.team[static_cast<std::size_t>(i)].name] <= 0) continue;
    ++with_work;
    if (!latest || *f > *latest) {
      latest = f;
      last = i;
      at_latest = 1;
    } else if (*f == *latest) {
      ++at_latest;
    }
  }
  if (at_latest != 1 || with_work < 2) last = -1;
  for (std::size_t i = 0; i < p.team.size(); ++i) {
    const model::Assignee& a = p.team[i];
    const double hours = load[a.name];
    // Over the team's horizon: the plan's start to its finish (everyone's last day).
    const double cap = working_times[i].capacity_hours(p.plan.start, p.plan.finish);
    const int percent = cap > 0 ? static_cast<int>(hours / cap * 100 + 0.5) : 0;
    out << "  " << a.name << std::string(width + 2 - util::utf8_length(a.name), ' ') << std::setw(6)
        << util::format_hours(hours) << " h  " << std::setw(3) << percent << " % of "
        << util::format_hours(cap) << " h available";
    const auto finish = workload.finish(static_cast<int>(i));
    if (hours > 0 && finish) {
      out << ", until " << util::format_date(*finish)
          << (static_cast<int>(i) == last ? " (finishes last)" : "");
    }
    out << "\n";
  }
  if (!p.plan.slipped.empty()) {
    out << "Slipped: " << p.plan.slipped.size()
        << " task(s) whose planned work passed with no hours recorded, planned again from "
           "now: "
        << util::join(p.plan.slipped, ", ") << "\n";
  }
  if (!p.plan.at_minimum.empty()) {
    out << "At the minimum: " << p.plan.at_minimum.size()
        << " task(s) not done whose hours spent reached the estimate, planned for "
        << util::format_hours(p.plan.minimum_remaining_hours)
        << " h each (set the hours left with rplan task ID --remaining H): "
        << util::join(p.plan.at_minimum, ", ") << "\n";
  }
  if (!p.plan.unassigned.empty()) {
    out << "Not scheduled: " << p.plan.unassigned.size()
        << " task(s) nobody can take (pinned to someone without working time, or waiting "
           "for such a task): "
        << util::join(p.plan.unassigned, ", ") << "\n";
  }
}

int cmd_plan(Context& ctx, const po::variables_map& vm) {
  const bool explain = vm.count("explain") > 0;
  const auto format = get_string(vm, "format");
  if (format && !explain) throw UsageError("--format goes with --explain");
  if (format && *format != "text" && *format != "json") {
    throw UsageError("--format " + *format + " is not one of text, json");
  }
  std::vector<schedule::StartReason> reasons;
  const model::Project project = pipeline::plan(ctx.db_path, plan_options(ctx, vm), ctx.now,
                                                ctx.reporter, explain ? &reasons : nullptr);
  if (explain && format == "json") {
    print_explanations(project, reasons, ExplainFormat::json, ctx.out);
    return 0;
  }
  print_summary(project, ctx.out);
  if (explain) {
    ctx.out << "Why each task starts when it does:\n";
    print_explanations(project, reasons, ExplainFormat::text, ctx.out);
  }
  return 0;
}

const pipeline::ExportFormat& find_format(const std::string& name) {
  for (const auto& f : pipeline::export_formats()) {
    if (f.name == name) return f;
  }
  std::vector<std::string> names;
  for (const auto& f : pipeline::export_formats()) names.push_back(f.name);
  throw UsageError("export format \"" + name + "\" is not one of " + util::join(names, ", "));
}

// --per-assignee, --mode and --group, each parsed once: a value that is not
// one of the names is a usage error naming the option.
pipeline::ExportOptions export_options(const Context& ctx, const po::variables_map& vm) {
  pipeline::ExportOptions o;
  o.per_assignee = vm.count("per-assignee") > 0;
  o.today = ctx.today;
  o.cancelled_retention_days = ctx.config.cancelled_retention_days;
  if (const auto mode = get_string(vm, "mode")) {
    const auto parsed = exporters::parse_ics_mode(*mode);
    if (!parsed) throw UsageError("--mode " + *mode + " is not one of events, todos, span");
    o.ics_mode = *parsed;
  }
  if (const auto group = get_string(vm, "group")) {
    const auto parsed = exporters::parse_checklist_group(*group);
    if (!parsed) throw UsageError("--group " + *group + " is not one of topic, assignee, week");
    o.md_group = *parsed;
  }
  if (const auto baseline = get_string(vm, "baseline")) {
    if (const auto problem = model::check_baseline_name(*baseline); !problem.empty()) {
      throw UsageError("--baseline \"" + *baseline + "\": " + problem);
    }
    o.baseline_name = *baseline;
  }
  return o;
}

int cmd_export(Context& ctx, const po::variables_map& vm) {
  const pipeline::ExportFormat& format = find_format(*get_string(vm, "FORMAT"));
  // Each option and the formats it applies to.
  const std::vector<std::pair<std::string, std::vector<std::string>>> applies = {
      {"mode", {"ics"}},
      {"per-assignee", {"ics"}},
      {"group", {"md"}},
      {"baseline", {"json", "xlsx", "html"}}};
  for (const auto& [option, formats] : applies) {
    if (vm.count(option) &&
        std::find(formats.begin(), formats.end(), format.name) == formats.end()) {
      throw UsageError("--" + option + " applies to the " + util::join(formats, ", ") +
                       (formats.size() > 1 ? " exports" : " export") + ", not " + format.name);
    }
  }
  const auto out = get_string(vm, "out");
  if (!out) throw UsageError("export: --out PATH is required");
  const auto written = pipeline::export_plan(
      ctx.db_path, format, export_options(ctx, vm), *out, ctx.reporter,
      [&ctx](const model::Project& project) { warn_if_stale(project.plan, ctx); });
  // Each file: the calendars of --per-assignee by name, not their folder.
  for (const auto& path : written) ctx.out << "wrote " << path.string() << "\n";
  if (written.empty()) ctx.out << "wrote nothing: nobody has planned work\n";
  return 0;
}

int cmd_run(Context& ctx, const po::variables_map& vm) {
  pipeline::RunRequest request;
  for (const auto& file : get_strings(vm, "FILE")) request.documents.emplace_back(file);
  const auto out_dir = get_string(vm, "out");
  if (!out_dir) throw UsageError("run: --out DIR is required");
  const auto team_file = get_string(vm, "team");
  const auto names = get_string(vm, "assignees");
  if (team_file && names) throw UsageError("run: give --team or --assignees, not both");
  if (team_file) request.team_file = *team_file;
  if (names) {
    request.assignees = util::split(*names, ',');
    if (request.assignees.empty()) throw UsageError("run: --assignees names nobody");
  }
  request.out_dir = *out_dir;
  request.db = ctx.db_given ? ctx.db_path : request.out_dir / "rplan.db";
  request.estimates = ctx.config.estimate;
  request.plan = plan_options(ctx, vm);
  request.exports = export_options(ctx, vm);
  request.now = ctx.now;
  request.threads = ctx.threads;
  request.on_saved = [&ctx](const std::vector<store::ImportReport>& reports,
                            const model::Project& project) {
    // The warnings go through the reporter: export threads report beside them.
    std::ostringstream warnings;
    print_import_reports(reports, ctx.out, warnings);
    ctx.reporter.message(warnings.str());
    print_summary(project, ctx.out);
  };
  for (const auto& path : pipeline::run(request, ctx.reporter)) {
    ctx.out << "wrote " << path.string() << "\n";
  }
  return 0;
}

void plan_options_description(po::options_description& d) {
  d.add_options()("start", po::value<std::string>(),
                  "plan from the start of this day, YYYY-MM-DD (default: from now)")(
      "strategy", po::value<std::string>(), "balanced (default) or round-robin");
}

// The export options; `per_assignee` is what --per-assignee does (export
// and run write the calendars to different places).
void export_options_description(po::options_description& d, const char* per_assignee) {
  d.add_options()("per-assignee", per_assignee)("mode", po::value<std::string>(),
                                                "ics: events (default), todos or span")(
      "group", po::value<std::string>(), "md: topic (default), assignee or week");
}

}  // namespace

void add_plan_commands(std::vector<Command>& t) {
  t.push_back({"plan",
               "",
               "schedule the work left over the team's calendars, from now",
               "Without --start the plan starts now: each person's next working minute.\n"
               "The past is kept: work of done and in-progress tasks before the start\n"
               "stays as it was (a block under way is cut there), a done task keeps its\n"
               "person and its blocks until it was done, an in-progress task is planned\n"
               "for the hours left and stays with whoever started it; an open task whose\n"
               "planned work passed with no hours recorded has slipped and is planned\n"
               "again. Deterministic: the same database, options and clock give the same\n"
               "plan. Prints the tasks, hours left, finish date, each person's load, and\n"
               "the slipped tasks (docs/scheduling.md, docs/tracking.md); with --explain,\n"
               "why each task starts when it does (as rplan explain ID says it).",
               [](po::options_description& d) {
                 plan_options_description(d);
                 d.add_options()("explain", "also say why each task starts when it does")(
                     "format", po::value<std::string>(),
                     "with --explain: text (default) or json (the reasons alone)");
               },
               {},
               cmd_plan});
  std::vector<std::string> formats, run_files;
  for (const auto& f : pipeline::export_formats()) {
    formats.push_back(f.name);
    if (!f.run_file.empty()) run_files.push_back(f.run_file);
  }
  t.push_back({"export",
               "FORMAT --out PATH",
               "write the plan as " + util::join(formats, ", "),
               "FORMAT is one of " + util::join(formats, ", ") +
                   " (see docs/file-formats.md).\n"
                   "The file is written to a temporary file and renamed: a failed export leaves\n"
                   "the previous file as it was. ics --per-assignee writes one file per person\n"
                   "into the folder --out (created if missing). A plan out of date (something it\n"
                   "depends on changed since) is exported with one warning naming the changes;\n"
                   "the JSON carries them in plan.stale and plan.stale_reasons.",
               [](po::options_description& d) {
                 d.add_options()("out", po::value<std::string>(), "the file (or folder) to write")(
                     "baseline", po::value<std::string>(),
                     "json, xlsx, html: compare with this baseline (rplan baseline list)");
                 export_options_description(d, "ics: one file per person, --out is a folder");
               },
               {{"FORMAT", 1}},
               cmd_export});
  t.push_back({"run",
               "FILE... --out DIR",
               "import, plan and export everything in one go",
               "Imports the documents, adds the team, plans, and writes every export into\n"
               "DIR: " +
                   util::join(run_files, ", ") +
                   " (with --per-assignee, DIR/calendars/ holds one calendar per person\n"
                   "instead of plan.ics). The database is DIR/rplan.db unless --db is given;\n"
                   "an existing one is updated as by re-import.",
               [](po::options_description& d) {
                 d.add_options()("team", po::value<std::string>(),
                                 "team CSV file (see team import)")(
                     "assignees", po::value<std::string>(),
                     "team by name: \"Ada,Grace\" (defaults for the rest)")(
                     "out", po::value<std::string>(), "folder for the database and the exports");
                 plan_options_description(d);
                 export_options_description(
                     d, "ics: one calendar per person in DIR/calendars/, not DIR/plan.ics");
               },
               {{"FILE", -1}},
               cmd_run});
}

}  // namespace rplan::cli
