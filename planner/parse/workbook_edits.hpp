#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "planner/model/workbook_format.hpp"
#include "planner/parse/xlsx_reader.hpp"

// What a user left in the editable columns of a workbook that `rplan export
// xlsx` wrote, beside what the export wrote there (model::workbook): the
// sheet-level half of `rplan sync PLAN.xlsx`. Nothing here knows the
// database; the caller compares.
namespace rplan::parse {

// One task row of the Tasks sheet.
struct WorkbookRow {
  std::string id;
  xlsx::CellRef id_cell;
  // The task's editable values as the export wrote them (the hidden sheet).
  model::workbook::Values exported;
  // As the Tasks sheet holds them now. A field whose column is not on the
  // sheet holds its exported value.
  model::workbook::Values edited;
  // Where each field's cell is (by model::workbook::Field); nullopt when the
  // sheet has no such column.
  std::array<std::optional<xlsx::CellRef>, model::workbook::k_field_count> cells;

  const std::optional<xlsx::CellRef>& cell(model::workbook::Field field) const {
    return cells[static_cast<std::size_t>(field)];
  }
};

struct WorkbookEdits {
  std::vector<WorkbookRow> rows;  // task rows, top to bottom as the sheet has them now
  // Editable columns whose header is not on the Tasks sheet (deleted): their
  // fields are taken as unchanged.
  std::vector<model::workbook::Field> missing_columns;
  std::size_t exported_tasks = 0;  // task rows of the hidden sheet
};

// Reads the Tasks sheet and the hidden sheet of the values as exported
// (docs/excel.md). Columns are found by their header text (trimmed, any
// case) in the first row of the Tasks sheet that has an "ID" cell (among its
// first 20), so moved columns are read; rows are matched by id, so sorted,
// filtered and moved rows are too. A row with an empty ID cell is not a
// task row (notes, totals) and is skipped.
//
// Cells read as typed: a status by name (any case: open, in-progress, done);
// an assignee as text ("" when empty); hours as numbers, or as text that is
// all a number ("7.5"); an empty Spent or Remaining cell is 0. Throws one
// rplan::DiagnosticsError (exit 65) with every problem, each naming its
// cell ("plan.xlsx:Tasks!F12: error: ..."): no Tasks sheet, no hidden sheet
// (a workbook rplan did not write, or an older one), a hidden sheet that
// was changed or comes from a newer rplan, no ID column, a header twice, a
// formula in a cell sync reads, text where a number belongs, a date, a
// boolean or an error value in one, an empty estimate or status, an unknown
// status, an id twice, and an id the hidden sheet does not have. At most
// 100 problems are listed.
WorkbookEdits read_workbook_edits(const xlsx::Workbook& workbook, std::string_view file_name);

// The sheets read_workbook_edits needs (xlsx::ReadOptions::sheets).
std::vector<std::string> workbook_edit_sheets();

}  // namespace rplan::parse
