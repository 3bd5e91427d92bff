#pragma once

// `rplan sync PLAN.xlsx`: the cells a user edited in an exported workbook,
// applied to the database as `rplan task` would (docs/excel.md).

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "planner/cli/command.hpp"
#include "planner/model/model.hpp"
#include "planner/model/workbook_format.hpp"
#include "planner/parse/workbook_edits.hpp"

namespace rplan::cli {

// What to do with a field edited both in the workbook and in the database
// since the export.
enum class Conflicts {
  leave,  // report it and leave the database's value
  force,  // apply the workbook's value (sync --force)
};

// One edited cell (its value differs from what the export wrote), against
// the database.
struct WorkbookChange {
  enum class Outcome {
    apply,     // the database still holds the exported value: the edit applies
    already,   // the database already holds the edited value: nothing to do
    conflict,  // the database changed too, to something else: left alone
    forced,    // such a conflict, applied because of Conflicts::force
    implied,   // another change of the row makes it so (a remaining of 0 beside done)
  };
  const model::Task* task = nullptr;  // as in the database
  model::workbook::Field field = model::workbook::Field::status;
  parse::xlsx::CellRef cell;
  // The field's value as exported, as the database has it now, and as edited
  // (the person's name as the team spells it).
  model::workbook::Values exported, current, edited;
  Outcome outcome = Outcome::apply;
  bool applies() const { return outcome == Outcome::apply || outcome == Outcome::forced; }
};

struct WorkbookSyncPlan {
  std::vector<WorkbookChange> changes;  // by row (as the sheet has them), then field
  // Rows with edits whose task was archived since the export (its topic or
  // prompt is gone from its document): ignored.
  std::vector<const parse::WorkbookRow*> archived;
  std::vector<model::workbook::Field> missing_columns;
};

// Whether task `id`, not in the project, is an archived task of the database.
using IsArchived = std::function<bool(const std::string& id)>;

// Works out what the workbook's edits ask of `project` (the database as it
// is now); nothing is written. A field is an edit only when its cell differs
// from the value exported (model::workbook::same); an edit whose field the
// database also changed since is a conflict. Hours spent only grow: a higher
// total records the difference as one work entry, a lower one is refused.
// Throws one rplan::DiagnosticsError (exit 65) listing every edit that
// cannot be applied, each at its cell (`file_name`:Tasks!F12): an id the
// database does not have (nor has archived), a person not in the team, an
// estimate or remaining hours outside what `rplan task` accepts, hours spent
// that went down, or up by more than one entry may hold (24 h), hours spent
// that nobody in the team can be credited with, a new remaining with a status
// other than in-progress.
WorkbookSyncPlan plan_workbook_sync(const parse::WorkbookEdits& edits,
                                    const model::Project& project, const IsArchived& archived,
                                    Conflicts conflicts, std::string_view file_name);

// The whole command for a workbook at `path`: reads it, plans, applies every
// change in one transaction as `rplan task` would (the same Store calls:
// set_manual_estimate, set_pin, record_work, set_remaining, set_status),
// and prints what changed, conflicts and archived rows as warnings.
int sync_workbook(Context& ctx, const std::string& path, Conflicts conflicts);

// MissingInputError unless ctx.db_path exists: a sync only updates the
// database `what` ("the workbook", "the checklist") was exported from.
void require_sync_database(const Context& ctx, std::string_view what);

}  // namespace rplan::cli
