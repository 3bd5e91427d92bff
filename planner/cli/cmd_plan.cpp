// Commands that plan and export: plan, export, run.

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <exception>
#include <iomanip>
#include <map>
#include <memory>
#include <mutex>
#include <system_error>
#include <thread>

#include "planner/cli/command.hpp"
#include "planner/cli/exports.hpp"
#include "planner/cli/io.hpp"
#include "planner/cli/tracking.hpp"
#include "planner/model/working_time.hpp"
#include "planner/parse/team_csv.hpp"
#include "planner/schedule/scheduler.hpp"
#include "planner/util/error.hpp"
#include "planner/util/text.hpp"

namespace rplan::cli {

namespace fs = std::filesystem;

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
      for (const auto& b : t.blocks) {
        if (!b.history) load[t.assignee] += b.hours();
      }
    }
  }
  out << "Planned " << planned << (planned == 1 ? " task, " : " tasks, ")
      << util::format_hours(p.plan.total_hours) << " h, " << util::format_date(p.plan.start)
      << " to " << util::format_date(p.plan.finish) << " (" << model::to_string(p.plan.strategy)
      << ")\n";
  const auto working_times = model::working_times(p.team, p.holidays, p.time_off);
  std::size_t width = 4;
  for (const auto& a : p.team) width = std::max(width, util::utf8_length(a.name));
  for (std::size_t i = 0; i < p.team.size(); ++i) {
    const model::Assignee& a = p.team[i];
    const double hours = load[a.name];
    const double cap = working_times[i].capacity_hours(p.plan.start, p.plan.finish);
    const int percent = cap > 0 ? static_cast<int>(hours / cap * 100 + 0.5) : 0;
    out << "  " << a.name << std::string(width + 2 - util::utf8_length(a.name), ' ') << std::setw(6)
        << util::format_hours(hours) << " h  " << std::setw(3) << percent << " % of "
        << util::format_hours(cap) << " h available\n";
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

// Plans the project inside the caller's transaction and stores the plan.
// Plans the project and prepares it for saving (see Store::prepare_plan).
store::Store::PreparedPlan plan(store::Store& store, model::Project& project,
                                const schedule::Options& options, const Context& ctx) {
  if (project.team.empty()) {
    throw UsageError(
        "there is no team to plan for: add people with rplan team add NAME or "
        "rplan team import FILE.csv");
  }
  if (project.tasks.empty() && !project.plan.exists) {
    throw InputError("there are no tasks to plan: import topic documents first");
  }
  ctx.stage("planning " + std::to_string(project.tasks.size()) + " tasks for " +
            std::to_string(project.team.size()) + " people");
  project.plan.now = ctx.now;  // the instant the plan is made from
  schedule::make_plan(project, options);
  ctx.stage("comparing with the previous plan");
  return store.prepare_plan(project, ctx.now);
}

int cmd_plan(Context& ctx, const po::variables_map& vm) {
  const auto options = plan_options(ctx, vm);
  store::Store store(ctx.db_path, store::Access::update);
  store.set_now(ctx.now);
  store::Store::Transaction tx(store);
  ctx.stage("loading the project");
  model::Project project = store.load_project();
  const auto prepared = plan(store, project, options, ctx);
  ctx.stage("writing the plan's rows");
  store.write_plan(project, prepared);
  ctx.stage("committing");
  tx.commit();
  ctx.stage_done();
  print_summary(project, ctx.out);
  return 0;
}

const ExportFormat& find_format(const std::string& name) {
  for (const auto& f : export_formats()) {
    if (f.name == name) return f;
  }
  std::vector<std::string> names;
  for (const auto& f : export_formats()) names.push_back(f.name);
  throw UsageError("export format \"" + name + "\" is not one of " + util::join(names, ", "));
}

ExportOptions export_options(const Context& ctx, const po::variables_map& vm) {
  ExportOptions o;
  o.per_assignee = vm.count("per-assignee") > 0;
  o.mode = get_string(vm, "mode").value_or("events");
  o.group = get_string(vm, "group").value_or("topic");
  o.today = ctx.today;
  if (o.mode != "events" && o.mode != "todos" && o.mode != "span") {
    throw UsageError("--mode " + o.mode + " is not one of events, todos, span");
  }
  if (o.group != "topic" && o.group != "assignee" && o.group != "week") {
    throw UsageError("--group " + o.group + " is not one of topic, assignee, week");
  }
  return o;
}

int cmd_export(Context& ctx, const po::variables_map& vm) {
  const ExportFormat& format = find_format(*get_string(vm, "FORMAT"));
  for (const auto& [option, applies_to] : {std::pair<std::string, std::string>{"mode", "ics"},
                                           {"per-assignee", "ics"},
                                           {"group", "md"}}) {
    if (vm.count(option) && format.name != applies_to) {
      throw UsageError("--" + option + " applies to the " + applies_to + " export, not " +
                       format.name);
    }
  }
  const auto out = get_string(vm, "out");
  if (!out) throw UsageError("export: --out PATH is required");
  const ExportOptions options = export_options(ctx, vm);
  store::Store store(ctx.db_path, store::Access::read_only);
  ctx.stage("loading the project");
  const model::Project project = store.load_project();
  if (!project.plan.exists) {
    throw InputError("there is no plan to export yet: run rplan plan first");
  }
  warn_if_stale(project.plan, ctx);
  ctx.stage("writing " + *out);
  format.write(project, options, *out);
  ctx.stage_done();
  ctx.out << "wrote " << *out << "\n";
  return 0;
}

// Writes exports on worker threads (the exporters only read the project)
// while the caller goes on. Every export is attempted; finish() helps with
// what is left, waits, and throws the first failure in the order of `jobs`.
class ExportPool {
 public:
  using Jobs = std::vector<std::pair<const ExportFormat*, fs::path>>;
  ExportPool(const Context& ctx, const model::Project& project, const ExportOptions& options,
             Jobs jobs, std::size_t threads)
      : m_ctx(ctx), m_project(project), m_options(options), m_jobs(std::move(jobs)) {
    m_errors.resize(m_jobs.size());
    threads = std::min(threads, m_jobs.size());
    try {
      for (std::size_t t = 0; t < threads; ++t) m_threads.emplace_back([this] { work(); });
    } catch (const std::system_error&) {
      // No more threads to be had: finish() does what the others do not.
    }
  }
  ExportPool(const ExportPool&) = delete;
  ExportPool& operator=(const ExportPool&) = delete;
  ~ExportPool() { join(); }

  void finish() {
    work();
    join();
    for (const auto& e : m_errors) {
      if (e) std::rethrow_exception(e);
    }
  }
  void join() {
    for (auto& t : m_threads) {
      if (t.joinable()) t.join();
    }
  }
  // No export starts from now on (those under way run to their end).
  void cancel() { m_next = m_jobs.size(); }

 private:
  void work() {
    for (std::size_t i = m_next++; i < m_jobs.size(); i = m_next++) {
      const auto began = std::chrono::steady_clock::now();
      try {
        m_jobs[i].first->write(m_project, m_options, m_jobs[i].second);
      } catch (...) {
        m_errors[i] = std::current_exception();
      }
      if (m_ctx.timings) {
        const std::chrono::duration<double> took = std::chrono::steady_clock::now() - began;
        char line[160];
        std::snprintf(line, sizeof line, "rplan:   %s: %.3f s\n", m_jobs[i].first->name.c_str(),
                      took.count());
        const std::lock_guard<std::mutex> lock(m_err_mutex);
        m_ctx.err << line << std::flush;
      }
    }
  }
  const Context& m_ctx;
  const model::Project& m_project;
  const ExportOptions& m_options;
  Jobs m_jobs;
  std::vector<std::exception_ptr> m_errors;
  std::atomic<std::size_t> m_next{0};
  std::mutex m_err_mutex;
  std::vector<std::thread> m_threads;
};

// Holds finished exports back until the database commit is decided: they
// replace their files only when the plan they show was saved.
class CommitGate {
 public:
  void open(bool committed) {
    {
      const std::lock_guard<std::mutex> lock(m_mutex);
      m_state = committed ? State::committed : State::failed;
    }
    m_changed.notify_all();
  }
  void wait() {
    std::unique_lock<std::mutex> lock(m_mutex);
    m_changed.wait(lock, [this] { return m_state != State::waiting; });
    if (m_state == State::failed) {
      throw OutputError("the plan was not saved, so no export was replaced");
    }
  }

 private:
  enum class State { waiting, committed, failed };
  std::mutex m_mutex;
  std::condition_variable m_changed;
  State m_state = State::waiting;
};

int cmd_run(Context& ctx, const po::variables_map& vm) {
  const auto files = get_strings(vm, "FILE");
  const auto out_dir = get_string(vm, "out");
  if (!out_dir) throw UsageError("run: --out DIR is required");
  const auto team_file = get_string(vm, "team");
  const auto names = get_string(vm, "assignees");
  if (team_file && names) throw UsageError("run: give --team or --assignees, not both");
  const auto options = plan_options(ctx, vm);
  const ExportOptions export_opts = export_options(ctx, vm);

  // Read every input before touching the database or the folder.
  ctx.stage("reading " + std::to_string(files.size()) + " document(s)");
  auto docs = parse_documents(files);  // estimated below, while the import is worked out
  std::vector<model::Assignee> team;
  const fs::path db_path_for_team = ctx.db_given ? ctx.db_path : fs::path(*out_dir) / "rplan.db";
  if (team_file) {
    team = parse::parse_team_csv(read_text_file(*team_file), *team_file,
                                 current_team(db_path_for_team));
  }
  if (names) {
    // New names join with the defaults; people already in the team keep
    // their settings.
    const auto current = current_team(db_path_for_team);
    const auto listed = util::split(*names, ',');
    if (listed.empty()) throw UsageError("run: --assignees names nobody");
    for (const auto& name : listed) {
      const auto known = [&](const model::Assignee& a) { return a.name == name; };
      if (std::any_of(current.begin(), current.end(), known) ||
          std::any_of(team.begin(), team.end(), known)) {
        continue;
      }
      model::Assignee a;
      a.name = name;
      team.push_back(a);
    }
  }
  const fs::path dir = *out_dir;
  const fs::path& db_path = db_path_for_team;
  std::error_code ec;
  if (!team_file && !names && !fs::exists(db_path, ec)) {
    throw UsageError("run needs a team: --team FILE.csv or --assignees \"A,B,C\"");
  }
  if (!fs::is_directory(dir, ec)) {
    fs::create_directory(dir, ec);
    if (ec) throw OutputError("cannot create the folder " + dir.string() + ": " + ec.message());
  }
  // Every export must be writable before the database changes: a folder in
  // the way of a file (or a file in the way of a folder) fails now, not after
  // the plan was saved.
  for (const auto& format : export_formats()) {
    if (format.run_file.empty()) continue;
    const bool folder = export_opts.per_assignee && !format.run_folder.empty();
    const fs::path path = dir / (folder ? format.run_folder : format.run_file);
    if (fs::exists(path, ec) && fs::is_directory(path, ec) != folder) {
      throw OutputError("cannot write " + path.string() + ": a " + (folder ? "file" : "folder") +
                        " is in the way; nothing was changed");
    }
  }
  if (::access(dir.c_str(), W_OK) != 0) {
    throw OutputError("cannot write into " + dir.string() + ": " + std::strerror(errno) +
                      "; nothing was changed");
  }
  ExportPool::Jobs jobs;
  for (const auto& format : export_formats()) {
    if (format.run_file.empty()) continue;
    const bool folder = export_opts.per_assignee && !format.run_folder.empty();
    jobs.emplace_back(&format, dir / (folder ? format.run_folder : format.run_file));
  }
  store::Store store(db_path, store::Access::read_write);
  store.set_now(ctx.now);
  ctx.stage("importing " + std::to_string(docs.size()) + " document(s)");
  store::Store::Transaction tx(store);
  for (const auto& a : team) store.upsert_assignee(a);
  // The estimates and the import's ids depend on nothing of each other: a
  // second thread estimates the prompts meanwhile, and this one helps once
  // the ids are worked out.
  EstimateWork estimates(docs, ctx.config.estimate);
  std::exception_ptr estimate_failed;
  std::jthread estimating([&] {
    try {
      estimates.work();
    } catch (...) {
      estimate_failed = std::current_exception();
    }
  });
  const store::ResolvedImports resolved = store.resolve_imports(docs);
  estimates.work();
  estimating.join();
  if (estimate_failed) std::rethrow_exception(estimate_failed);
  std::vector<store::ImportReport> reports;
  model::Project project;
  // The import's rows are written on a second thread (which has the
  // connection to itself meanwhile) while this one predicts the project they
  // make and plans it, reading the previous plan through a second connection.
  // That needs the project from before the import to hold everything the
  // import keeps (nothing comes back from the archive) and a WAL file (the
  // second connection reads the last commit while the first one writes).
  const bool overlap = !resolved.restores && store.in_wal_mode();
  std::unique_ptr<store::Store> reader;
  std::exception_ptr import_failed;
  std::jthread importer;  // joined before the transaction ends, however this ends
  if (overlap) {
    ctx.stage("loading the project");
    project = store.load_project();
    reader = std::make_unique<store::Store>(db_path, store::Access::read_only);
    importer = std::jthread([&] {
      try {
        for (const auto& r : resolved.documents) reports.push_back(store.apply_import(r));
      } catch (...) {
        import_failed = std::current_exception();
      }
    });
    ctx.stage("predicting the imported project");
    store::apply_to_project(resolved, project);
  } else {
    for (const auto& r : resolved.documents) reports.push_back(store.apply_import(r));
    std::vector<model::ParsedDocument>().swap(docs);  // the project holds it all from here
    ctx.stage("loading the project");
    project = store.load_project();
  }
  const auto prepared = plan(reader ? *reader : store, project, options, ctx);
  reader.reset();
  // The exports need only the plan in memory: they are written while the
  // rows are stored, and replace their files once the commit is done.
  CommitGate gate;
  ExportOptions gated = export_opts;
  gated.before_publish = [&gate] { gate.wait(); };
  const std::size_t threads = std::max(1u, std::thread::hardware_concurrency()) - 1;
  ExportPool pool(ctx, project, gated, jobs, std::max<std::size_t>(threads, 1));
  try {
    if (importer.joinable()) {
      ctx.stage("storing the imported rows");
      importer.join();
      if (import_failed) std::rethrow_exception(import_failed);
      std::vector<model::ParsedDocument>().swap(docs);
    }
    ctx.stage("writing the plan's rows");
    store.write_plan(project, prepared);
    ctx.stage("committing");
    tx.commit();
  } catch (...) {
    pool.cancel();
    gate.open(false);
    pool.join();
    throw;
  }
  gate.open(true);
  print_import_reports(reports, ctx.out, ctx.err);
  print_summary(project, ctx.out);
  store.release_memory();  // the exports need nothing more from the database
  ctx.stage("writing " + std::to_string(jobs.size()) + " exports into " + dir.string());
  try {
    pool.finish();
  } catch (const Error& e) {
    throw Error(std::string(e.what()) + " (the plan itself is saved in " + db_path.string() +
                    "; after fixing this, `rplan export` writes the file)",
                e.code());
  }
  ctx.stage_done();
  for (const auto& [format, path] : jobs) ctx.out << "wrote " << path.string() << "\n";
  return 0;
}

void plan_options_description(po::options_description& d) {
  d.add_options()("start", po::value<std::string>(),
                  "plan from the start of this day, YYYY-MM-DD (default: from now)")(
      "strategy", po::value<std::string>(), "balanced (default) or round-robin");
}

void export_options_description(po::options_description& d) {
  d.add_options()("per-assignee", "ics: one file per person, --out is a folder")(
      "mode", po::value<std::string>(), "ics: events (default), todos or span")(
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
               "the slipped tasks (docs/scheduling.md, docs/tracking.md).",
               plan_options_description,
               {},
               cmd_plan});
  std::vector<std::string> formats, run_files;
  for (const auto& f : export_formats()) {
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
                 d.add_options()("out", po::value<std::string>(), "the file (or folder) to write");
                 export_options_description(d);
               },
               {{"FORMAT", 1}},
               cmd_export});
  t.push_back({"run",
               "FILE... --out DIR",
               "import, plan and export everything in one go",
               "Imports the documents, adds the team, plans, and writes every export into\n"
               "DIR: " +
                   util::join(run_files, ", ") +
                   " (with --per-assignee, DIR/calendars/ holds one\n"
                   "calendar per person instead of plan.ics). The database is DIR/rplan.db\n"
                   "unless --db is given; an existing one is updated as by re-import.",
               [](po::options_description& d) {
                 d.add_options()("team", po::value<std::string>(),
                                 "team CSV file (see team import)")(
                     "assignees", po::value<std::string>(),
                     "team by name: \"Ada,Grace\" (defaults for the rest)")(
                     "out", po::value<std::string>(), "folder for the database and the exports");
                 plan_options_description(d);
                 export_options_description(d);
               },
               {{"FILE", -1}},
               cmd_run});
}

}  // namespace rplan::cli
