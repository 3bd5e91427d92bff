// `rplan sync CHECKLIST.md | PLAN.xlsx`: ticks in a Markdown checklist ->
// task statuses; cells edited in a workbook -> tasks (sync_workbook.cpp).

#include <array>
#include <fstream>
#include <unordered_map>

#include "planner/cli/command.hpp"
#include "planner/cli/io.hpp"
#include "planner/cli/sync_workbook.hpp"
#include "planner/model/checklist_format.hpp"
#include "planner/parse/checklist_reader.hpp"
#include "planner/parse/files.hpp"
#include "planner/util/error.hpp"
#include "planner/util/text.hpp"

namespace rplan::cli {

namespace {

using parse::ChecklistBox;
using parse::ChecklistItem;

// "3 tasks", "1 task".
std::string count(std::size_t n, const std::string& singular, const std::string& plural) {
  return std::to_string(n) + " " + (n == 1 ? singular : plural);
}

std::string line_list(const std::vector<int>& lines) {
  std::vector<std::string> parts;
  for (int line : lines) parts.push_back(std::to_string(line));
  return (lines.size() == 1 ? "line " : "lines ") + util::join(parts, ", ");
}

// What the checklist says, against the database.
struct SyncPlan {
  struct Change {
    const model::Task* task;
    model::TaskStatus status;
  };
  std::vector<Change> changes;
  std::vector<int> edited;   // lines of items whose text differs from the export
  std::vector<int> boxless;  // lines of markers without a box
  std::vector<int> already;  // a changed box whose task already has that status
};

// What each item asks (model::checklist_request), against the database.
SyncPlan plan_sync(const std::vector<ChecklistItem>& items,
                   const std::unordered_map<std::string, const model::Task*>& tasks) {
  SyncPlan plan;
  for (const ChecklistItem& item : items) {
    const model::Task& task = *tasks.at(item.id);
    if (!item.fingerprint.empty() && model::checklist_fingerprint(item.text) != item.fingerprint) {
      plan.edited.push_back(item.line);
    }
    if (item.box == ChecklistBox::missing) {
      plan.boxless.push_back(item.line);
      continue;
    }
    const auto wanted = model::checklist_request(item.box, item.exported_status);
    if (!wanted) continue;  // untouched since the export
    if (model::checklist_request_met(*wanted, task.status)) {
      plan.already.push_back(item.line);
    } else {
      plan.changes.push_back({&task, *wanted});
    }
  }
  return plan;
}

void print_report(const std::string& path, const SyncPlan& plan, std::ostream& out) {
  std::size_t done = 0;
  for (const auto& c : plan.changes) done += c.status == model::TaskStatus::done ? 1 : 0;
  const std::size_t reopened = plan.changes.size() - done;
  out << path << ": " << count(done, "task", "tasks") << " marked done, " << reopened
      << " reopened";
  if (!plan.edited.empty()) {
    out << "; " << count(plan.edited.size(), "item's", "items'")
        << " text edited in the checklist was ignored \u2014 edit the topic document instead ("
        << line_list(plan.edited) << ")";
  }
  out << "\n";
  for (const auto& c : plan.changes) {
    out << "  " << (c.status == model::TaskStatus::done ? "done    " : "reopened") << "  "
        << c.task->id << "  " << c.task->prompt << "\n";
  }
  if (!plan.already.empty()) {
    out << count(plan.already.size(), "changed box was", "changed boxes were")
        << " already in the database (" << line_list(plan.already) << ")\n";
  }
  if (!plan.boxless.empty()) {
    out << count(plan.boxless.size(), "item has", "items have")
        << " lost its checkbox and was ignored (" << line_list(plan.boxless) << ")\n";
  }
  if (!plan.changes.empty()) out << "Run rplan plan to reschedule, then export again.\n";
}

// A spreadsheet by its name (.xlsx, and the kinds the workbook reader names
// when it refuses them), else by a zip archive's first bytes.
bool is_workbook(const std::string& path) {
  const std::string extension =
      util::to_lower_ascii(std::filesystem::path(path).extension().string());
  for (const char* kind : {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}) {
    if (extension == kind) return true;
  }
  std::array<char, 4> magic{};
  std::ifstream in(path, std::ios::binary);
  return in.read(magic.data(), magic.size()) && std::string_view(magic.data(), 4) == "PK\x03\x04";
}

int sync_checklist(Context& ctx, const std::string& path) {
  const std::string text = parse::read_text_file(path);
  require_sync_database(ctx, "the checklist");
  store::Store store(ctx.db_path, store::Access::update);
  store.set_now(ctx.now);
  store::Store::Transaction tx(store);
  ctx.reporter.stage("loading the project");
  const model::Project project = store.load_project();
  std::unordered_map<std::string, const model::Task*> tasks;
  for (const auto& t : project.tasks) tasks.emplace(t.id, &t);
  ctx.reporter.stage("reading " + path);
  std::vector<ChecklistItem> items;
  try {
    items = parse::read_checklist(text, path,
                                  [&](const std::string& id) { return tasks.count(id) > 0; });
  } catch (const DiagnosticsError& e) {
    std::vector<Diagnostic> problems = e.diagnostics();
    problems.push_back({path, 0, "no task was changed; fix the lines above and sync again"});
    throw DiagnosticsError(std::move(problems));
  }
  if (items.empty()) {
    throw InputError(path +
                     " holds no rplan checklist items; sync reads a checklist written by "
                     "rplan export md (each item ends with an <!-- rplan:ID ... --> comment)");
  }

  ctx.reporter.stage("recording the boxes");
  const SyncPlan plan = plan_sync(items, tasks);
  // A ticked box is done now (the time of the sync), credited to the task's
  // person, through the same call as `rplan task ID --status done`.
  for (const auto& c : plan.changes) {
    store.set_status(c.task->id, c.status, ctx.now, model::credited_person(*c.task));
  }
  tx.commit();
  ctx.reporter.stage_done();
  print_report(path, plan, ctx.out);
  return 0;
}

int cmd_sync(Context& ctx, const po::variables_map& vm) {
  const std::string path = *get_string(vm, "FILE");
  const bool force = vm.count("force") > 0;
  if (is_workbook(path))
    return sync_workbook(ctx, path, force ? Conflicts::force : Conflicts::leave);
  if (force) {
    throw UsageError("--force applies to workbooks (.xlsx); a checklist has no conflicts to force");
  }
  return sync_checklist(ctx, path);
}

}  // namespace

void add_sync_commands(std::vector<Command>& t) {
  t.push_back({"sync",
               "CHECKLIST.md | PLAN.xlsx",
               "apply a checklist's ticks, or a workbook's edited cells, to the tasks",
               "CHECKLIST.md is a checklist written by rplan export md (or run), edited since:\n"
               "each item ends with a hidden HTML comment, rplan:ID status=..., holding the\n"
               "task's id and its status at export. Only a box whose state differs from that\n"
               "status is a change: ticked becomes done, unticked becomes open. Everything\n"
               "else is left alone, so a stale checklist never reopens work done since, and\n"
               "an in-progress task left unticked stays in progress. Any grouping works, and\n"
               "so does a checklist an editor reformatted (list markers, indentation, CRLF).\n"
               "Edits to the items' text are ignored and reported: change the topic document\n"
               "instead. An unknown or repeated task id is reported with its line and nothing\n"
               "changes (exit 65). A task ticked done is recorded as done at the time of the\n"
               "sync, by its assignee (else the person it is pinned to), as rplan task ID\n"
               "--status done would. See docs/checklists.md.\n"
               "\n"
               "PLAN.xlsx is a workbook written by rplan export xlsx (or run), edited in Excel,\n"
               "LibreOffice or another spreadsheet. Its Tasks sheet's coloured columns are\n"
               "read: Status, Assignee (a name pins the task, empty unpins), Estimate (h),\n"
               "Spent (h) (a higher total records the difference as work done today by the\n"
               "task's person; it cannot go down) and Remaining (h). Only a cell that differs\n"
               "from the value exported (kept in the hidden sheet rplan_sync) is a change,\n"
               "and rows are found by their ID, so sorting, filtering and moving rows and\n"
               "columns are fine. A field also changed in the database since the export is a\n"
               "conflict: reported and left alone, unless --force. A cell sync cannot use (a\n"
               "formula, text for a number, an unknown person, status or id) is reported as\n"
               "PLAN.xlsx:Tasks!F12: error: ..., and nothing changes (exit 65). See\n"
               "docs/excel.md.\n"
               "\n"
               "Every change is made as rplan task would make it, all in one transaction.",
               [](po::options_description& d) {
                 d.add_options()(
                     "force",
                     "workbooks: apply edits also where the database changed the same field "
                     "since the export");
               },
               {{"FILE", 1}},
               cmd_sync});
}

}  // namespace rplan::cli
