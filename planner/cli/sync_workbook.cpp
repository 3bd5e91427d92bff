#include "planner/cli/sync_workbook.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "planner/cli/tracking.hpp"
#include "planner/parse/xlsx_reader.hpp"
#include "planner/store/store.hpp"
#include "planner/util/error.hpp"
#include "planner/util/text.hpp"

namespace rplan::cli {

namespace {

namespace wb = model::workbook;
using wb::Field;
using Outcome = WorkbookChange::Outcome;

std::string cell_at(std::string_view file, parse::xlsx::CellRef ref) {
  return parse::xlsx::cell_location(file, wb::k_tasks_sheet, ref);
}

std::string label_of(Field field) { return std::string(wb::header(field)); }

// The team member `name` means, as every name option has it
// (model::find_person: the exact name, else the one that differs in case).
const model::Assignee* resolve_person(const std::vector<model::Assignee>& team,
                                      const std::string& name) {
  return model::find_person(team, name);
}

// "Ada, Grace and 3 more": who is in the team, for a message.
std::string team_names(const std::vector<model::Assignee>& team) {
  constexpr std::size_t k_shown = 6;
  std::vector<std::string> names;
  for (std::size_t i = 0; i < team.size() && i < k_shown; ++i) names.push_back(team[i].name);
  std::string out = util::join(names, ", ");
  if (team.size() > k_shown) out += " and " + std::to_string(team.size() - k_shown) + " more";
  return team.empty() ? "nobody is" : out;
}

// The problems of one sync, each at its cell.
class Problems {
 public:
  explicit Problems(std::string_view file) : m_file(file) {}
  void at(parse::xlsx::CellRef ref, std::string message) {
    m_found.push_back({cell_at(m_file, ref), 0, std::move(message)});
  }
  void throw_if_any() {
    if (m_found.empty()) return;
    m_found.push_back({m_file, 0, "nothing was changed; fix the cells above and sync again"});
    throw DiagnosticsError(std::move(m_found));
  }

 private:
  std::string m_file;
  std::vector<Diagnostic> m_found;
};

Outcome outcome_of(Field field, const wb::Values& exported, const wb::Values& current,
                   const wb::Values& edited, Conflicts conflicts) {
  if (wb::same(field, edited, current)) return Outcome::already;
  if (wb::same(field, exported, current)) return Outcome::apply;
  return conflicts == Conflicts::force ? Outcome::forced : Outcome::conflict;
}

// The checks of one task's changes that `rplan task` makes of its options.
void check_changes(std::vector<WorkbookChange>& changes, Problems& problems) {
  WorkbookChange* status = nullptr;
  WorkbookChange* remaining = nullptr;
  for (auto& c : changes) {
    if (c.field == Field::status && c.applies()) status = &c;
    if (c.field == Field::remaining && c.applies()) remaining = &c;
  }
  for (auto& c : changes) {
    const std::string label = label_of(c.field);
    const model::Task& task = *c.task;
    if (c.field == Field::estimate && c.applies() &&
        !k_estimate_hours.contains(c.edited.estimate)) {
      problems.at(c.cell, label + " must be " + k_estimate_hours.describe() + ", not " +
                              util::format_hours(c.edited.estimate));
    }
    if (c.field == Field::remaining && c.applies() &&
        !k_remaining_hours.contains(c.edited.remaining)) {
      problems.at(c.cell, label + " must be " + k_remaining_hours.describe() + ", not " +
                              util::format_hours(c.edited.remaining));
    }
    if (c.field != Field::spent) continue;
    // Hours spent are the sum of the work recorded: sync adds an entry for
    // more, and never deletes one (which one would it be?).
    const double exported = c.exported.spent, current = c.current.spent, edited = c.edited.spent;
    if (edited < exported || (c.outcome == Outcome::forced && edited < current)) {
      const double had = edited < exported ? exported : current;
      problems.at(c.cell, label + " went down from " + util::format_hours(had) + " h to " +
                              util::format_hours(edited) +
                              " h; hours spent are the work recorded, which sync adds to but "
                              "never deletes: put " +
                              util::format_hours(had) + " back");
      continue;
    }
    if (c.applies() && !k_spent_hours.contains(edited - current)) {
      problems.at(c.cell, label + " went up by " + util::format_hours(edited - current) +
                              " h; one sync records at most 24 h per task (one day's work, as "
                              "rplan task --spent does): record earlier days with rplan task " +
                              task.id + " --spent HOURS --on DATE, then sync again");
    }
  }
  if (remaining != nullptr && status != nullptr &&
      status->edited.status != model::TaskStatus::in_progress) {
    if (status->edited.status == model::TaskStatus::done && remaining->edited.remaining == 0) {
      remaining->outcome = Outcome::implied;
    } else {
      problems.at(remaining->cell,
                  "a new " + label_of(Field::remaining) + " makes the task in progress, but its " +
                      label_of(Field::status) + " (" + parse::xlsx::format_cell_ref(status->cell) +
                      ") says " + std::string(model::to_string(status->edited.status)) +
                      "; change one of them");
    }
  }
}

// The person recorded work and statuses go to once the row's changes are
// made: the planned assignee, else the pin (a new one included).
std::string credited_after(const model::Task& task, const std::vector<WorkbookChange>& changes) {
  model::Task after = task;
  for (const auto& c : changes) {
    if (c.field == Field::assignee && c.applies()) after.pinned_assignee = c.edited.assignee;
  }
  return model::credited_person(after);
}

void check_credit(const std::vector<WorkbookChange>& changes, const model::Project& project,
                  Problems& problems) {
  for (const auto& c : changes) {
    if (c.field != Field::spent || !c.applies()) continue;
    const std::string person = credited_after(*c.task, changes);
    if (person.empty()) {
      problems.at(c.cell, "task " + c.task->id +
                              " has no assignee or pin to credit the hours spent to: type a name "
                              "in its " +
                              label_of(Field::assignee) +
                              " column, or record them with rplan task " + c.task->id +
                              " --spent HOURS --by NAME");
    } else if (resolve_person(project.team, person) == nullptr) {
      problems.at(c.cell, "the hours spent would be credited to " + person +
                              ", who is no longer in the team; record them with rplan task " +
                              c.task->id + " --spent HOURS --by NAME");
    }
  }
}

bool row_edited(const parse::WorkbookRow& row) {
  for (const Field field : wb::k_fields) {
    if (row.cell(field) && !wb::same(field, row.edited, row.exported)) return true;
  }
  return false;
}

}  // namespace

WorkbookSyncPlan plan_workbook_sync(const parse::WorkbookEdits& edits,
                                    const model::Project& project, const IsArchived& archived,
                                    Conflicts conflicts, std::string_view file_name) {
  Problems problems(file_name);
  WorkbookSyncPlan plan;
  plan.missing_columns = edits.missing_columns;
  std::unordered_map<std::string_view, const model::Task*> tasks;
  for (const auto& t : project.tasks) tasks.emplace(t.id, &t);

  for (const parse::WorkbookRow& row : edits.rows) {
    const auto found = tasks.find(row.id);
    if (found == tasks.end()) {
      if (archived && archived(row.id)) {
        if (row_edited(row)) plan.archived.push_back(&row);
      } else {
        problems.at(row.id_cell, "task " + row.id +
                                     " is not in this database: was the workbook exported from "
                                     "another one? (--db PATH)");
      }
      continue;
    }
    const model::Task& task = *found->second;
    wb::Values edited = row.edited;
    if (const auto& cell = row.cell(Field::assignee); cell && !edited.assignee.empty()) {
      const model::Assignee* person = resolve_person(project.team, edited.assignee);
      if (person == nullptr) {
        problems.at(*cell, "nobody named \"" + edited.assignee + "\" is in the team (" +
                               team_names(project.team) + ")");
        continue;
      }
      edited.assignee = person->name;
    }
    const wb::Values current = wb::values_of(task, project.plan.minimum_remaining_hours);
    std::vector<WorkbookChange> changes;
    for (const Field field : wb::k_fields) {
      const auto& cell = row.cell(field);
      if (!cell || wb::same(field, edited, row.exported)) continue;  // not edited
      changes.push_back({&task, field, *cell, row.exported, current, edited,
                         outcome_of(field, row.exported, current, edited, conflicts)});
    }
    check_changes(changes, problems);
    check_credit(changes, project, problems);
    for (auto& c : changes) plan.changes.push_back(std::move(c));
  }
  problems.throw_if_any();
  return plan;
}

namespace {

// "3 statuses, 1 assignee": how many of each field changed.
std::string field_counts(const std::vector<const WorkbookChange*>& applied) {
  std::map<Field, int> counts;
  for (const auto* c : applied) ++counts[c->field];
  std::vector<std::string> parts;
  for (const auto& [field, n] : counts) {
    static const std::map<Field, std::pair<std::string, std::string>> k_words = {
        {Field::status, {"status", "statuses"}},
        {Field::assignee, {"assignee", "assignees"}},
        {Field::estimate, {"estimate", "estimates"}},
        {Field::spent, {"work entry", "work entries"}},
        {Field::remaining, {"remaining estimate", "remaining estimates"}}};
    const auto& words = k_words.at(field);
    parts.push_back(std::to_string(n) + " " + (n == 1 ? words.first : words.second));
  }
  return util::join(parts, ", ");
}

// Applies one task's changes as `rplan task` does, in its order: the
// estimate, the pin, then what is recorded (spent, remaining, status).
std::vector<std::string> apply_task(store::Store& store, const Context& ctx,
                                    const std::vector<const WorkbookChange*>& changes) {
  model::Task task = *changes.front()->task;
  std::vector<std::string> said;
  TrackingOptions tracking;
  std::vector<std::string> forced;
  for (const WorkbookChange* c : changes) {
    if (c->outcome == Outcome::forced) {
      forced.push_back("the database's " + std::string(wb::describe(c->field)) + " " +
                       wb::format(c->field, c->current));
    }
    switch (c->field) {
      case Field::estimate:
        store.set_manual_estimate(task.id, c->edited.estimate);
        said.push_back("estimate " + wb::format(c->field, c->current) + " -> " +
                       wb::format(c->field, c->edited));
        break;
      case Field::assignee:
        store.set_pin(task.id, c->edited.assignee);
        task.pinned_assignee = c->edited.assignee;
        said.push_back(c->edited.assignee.empty() ? "unpinned" : "pinned to " + c->edited.assignee);
        break;
      case Field::spent:
        tracking.spent = c->edited.spent - c->current.spent;
        break;
      case Field::remaining:
        tracking.remaining = c->edited.remaining;
        break;
      case Field::status:
        tracking.status = c->edited.status;
        break;
    }
  }
  for (auto& phrase : record_tracking(store, ctx, task, tracking))
    said.push_back(std::move(phrase));
  if (!forced.empty()) said.push_back("forced over " + util::join(forced, ", "));
  return said;
}

void print_report(const std::string& path, const WorkbookSyncPlan& plan, const Context& ctx,
                  const std::vector<std::pair<std::string, std::vector<std::string>>>& done,
                  const std::vector<const WorkbookChange*>& applied) {
  auto& out = ctx.out;
  auto& err = ctx.err;
  if (applied.empty()) {
    out << path << ": nothing to change";
  } else {
    out << path << ": " << done.size() << (done.size() == 1 ? " task" : " tasks") << " changed ("
        << field_counts(applied) << ")";
  }
  out << "\n";
  for (const auto& [id, phrases] : done)
    out << "  " << id << "  " << util::join(phrases, "; ") << "\n";

  std::vector<std::string> already;
  for (const auto& c : plan.changes) {
    if (c.outcome == Outcome::already) already.push_back(parse::xlsx::format_cell_ref(c.cell));
    if (c.outcome != Outcome::conflict) continue;
    err << cell_at(path, c.cell) << ": warning: the " << wb::describe(c.field) << " of task "
        << c.task->id << " changed here (" << wb::format(c.field, c.exported) << " -> "
        << wb::format(c.field, c.edited) << ") and in the database since the export (now "
        << wb::format(c.field, c.current) << "); left as it is (rplan sync --force applies "
        << "the workbook's)\n";
  }
  if (!already.empty()) {
    constexpr std::size_t k_listed = 8;
    const std::size_t n = already.size();
    if (n > k_listed) {
      already.resize(k_listed);
      already.push_back("…");
    }
    out << n << (n == 1 ? " edited cell was" : " edited cells were")
        << " already so in the database (" << util::join(already, ", ") << ")\n";
  }
  for (const auto* row : plan.archived) {
    err << cell_at(path, row->id_cell) << ": warning: task " << row->id
        << " was archived since the export (its topic or prompt is no longer in its "
           "document); its edits were ignored\n";
  }
  for (const Field field : plan.missing_columns) {
    err << path << ":" << wb::k_tasks_sheet << ": warning: no \"" << wb::header(field)
        << "\" column; the " << wb::describe(field) << " of every task was left as it is\n";
  }
  if (!applied.empty()) out << "Run rplan plan to reschedule, then export again.\n";
}

}  // namespace

void require_sync_database(const Context& ctx, std::string_view what) {
  std::error_code ec;
  if (!std::filesystem::exists(ctx.db_path, ec)) {
    throw MissingInputError("there is no database at " + ctx.db_path.string() +
                            "; sync updates the database " + std::string(what) +
                            " was exported from (--db PATH)");
  }
}

int sync_workbook(Context& ctx, const std::string& path, Conflicts conflicts) {
  parse::xlsx::ReadOptions options;
  options.sheets = parse::workbook_edit_sheets();
  parse::WorkbookEdits edits;
  ctx.reporter.stage("reading " + path);
  try {
    edits = parse::read_workbook_edits(parse::xlsx::read_workbook_file(path, options), path);
  } catch (const DiagnosticsError& e) {
    std::vector<Diagnostic> problems = e.diagnostics();
    problems.push_back({path, 0, "nothing was changed; fix the problems above and sync again"});
    throw DiagnosticsError(std::move(problems));
  }
  require_sync_database(ctx, "the workbook");
  store::Store store(ctx.db_path, store::Access::update);
  store.set_now(ctx.now);
  store::Store::Transaction tx(store);
  ctx.reporter.stage("loading the project");
  const model::Project project = store.load_project();
  ctx.reporter.stage("recording the changes");
  const WorkbookSyncPlan plan = plan_workbook_sync(
      edits, project,
      [&](const std::string& id) { return store.archived_task_document(id).has_value(); },
      conflicts, path);

  // One task's changes together, in the order of the sheet.
  std::vector<const WorkbookChange*> applied;
  std::vector<std::pair<std::string, std::vector<std::string>>> done;
  std::vector<const WorkbookChange*> task_changes;
  const auto flush = [&] {
    if (task_changes.empty()) return;
    done.emplace_back(task_changes.front()->task->id, apply_task(store, ctx, task_changes));
    task_changes.clear();
  };
  for (const auto& c : plan.changes) {
    if (!c.applies()) continue;
    if (!task_changes.empty() && task_changes.front()->task != c.task) flush();
    task_changes.push_back(&c);
    applied.push_back(&c);
  }
  flush();
  tx.commit();
  ctx.reporter.stage_done();
  print_report(path, plan, ctx, done, applied);
  return 0;
}

}  // namespace rplan::cli
