#include "planner/parse/workbook_edits.hpp"

#include <cmath>
#include <unordered_map>

#include "planner/parse/xlsx_internal.hpp"
#include "planner/util/numbers.hpp"
#include "planner/util/text.hpp"

namespace rplan::parse {

namespace {

namespace wb = model::workbook;
using wb::Field;
using xlsx::Cell;
using xlsx::CellRef;
using xlsx::CellType;
using xlsx::Sheet;
using xlsx::detail::clip;
using xlsx::detail::Problems;

// The Tasks sheet's header is in one of its first rows (a user may insert a
// title above it).
constexpr std::uint32_t k_header_search_rows = 20;
// The hidden sheet's columns: the id, then the fields in model::workbook order.
constexpr std::uint32_t k_sync_id_column = 0;
std::uint32_t sync_column(Field field) { return static_cast<std::uint32_t>(field) + 1; }

const std::string k_sync_advice =
    " (this hidden sheet holds the values as exported and must stay as it was: export the "
    "workbook again)";

std::string in_quotes(std::string_view text) { return "\"" + clip(text) + "\""; }

std::string header_key(std::string_view text) { return util::to_lower_ascii(util::trim(text)); }

// "Estimate (h)" for a Tasks cell, "Estimate (h)" for the hidden sheet too.
std::string column_label(Field field) { return std::string(wb::header(field)); }

// Reports a cell that cannot hold a value sync reads: a formula or an error.
// Returns whether the cell's value may be read.
bool readable(const Cell& cell, std::string_view sheet, Problems& problems) {
  if (cell.formula) {
    problems.cell(sheet, cell.ref,
                  "holds a formula (=" + clip(*cell.formula) +
                      "); sync reads only values typed in: replace it with its value");
    return false;
  }
  if (cell.type == CellType::error) {
    problems.cell(sheet, cell.ref, "holds the error " + clip(cell.text) + "; type a value");
    return false;
  }
  return true;
}

// What a cell that is not text holds, for messages.
std::string kind_of(const Cell& cell) {
  if (cell.type == CellType::boolean) return cell.number != 0 ? "TRUE" : "FALSE";
  if (cell.type == CellType::number && cell.date_style) return "a date";
  return "the number " + clip(cell.text);
}

// Text as typed; a number's digits as written (an id or a name of digits).
std::optional<std::string> text_of(const Cell& cell, std::string_view what, std::string_view sheet,
                                   Problems& problems) {
  if (!readable(cell, sheet, problems)) return std::nullopt;
  if (cell.is_text()) return std::string(util::trim(cell.text));
  if (cell.type == CellType::number && !cell.date_style) return cell.text;
  problems.cell(sheet, cell.ref, std::string(what) + " holds " + kind_of(cell) + ", not text");
  return std::nullopt;
}

// Hours: a number, or text that is all a number. `cell` null: an empty cell.
std::optional<double> hours_of(const Cell* cell, Field field, std::string_view sheet, CellRef where,
                               Problems& problems) {
  const std::string label = column_label(field);
  if (cell == nullptr || (cell->is_text() && util::trim(cell->text).empty())) {
    if (field != Field::estimate) return 0.0;
    problems.cell(sheet, where, label + " is empty; type the hours the task needs");
    return std::nullopt;
  }
  if (!readable(*cell, sheet, problems)) return std::nullopt;
  std::optional<double> value;
  if (cell->type == CellType::number && !cell->date_style) {
    value = cell->number;
  } else if (cell->is_text()) {
    value = util::parse_number(util::trim(cell->text));
    if (!value) {
      problems.cell(sheet, cell->ref,
                    label + " holds " + in_quotes(cell->text) + ", which is not a number of hours");
      return std::nullopt;
    }
  } else {
    problems.cell(sheet, cell->ref, label + " holds " + kind_of(*cell) + ", not a number of hours");
    return std::nullopt;
  }
  if (!std::isfinite(*value) || *value < 0) {
    problems.cell(sheet, cell->ref,
                  label + " is " + clip(cell->text) + "; hours cannot be negative");
    return std::nullopt;
  }
  return value;
}

std::optional<model::TaskStatus> status_of(const Cell* cell, std::string_view sheet, CellRef where,
                                           Problems& problems) {
  const std::string label = column_label(Field::status);
  if (cell == nullptr) {
    problems.cell(sheet, where, label + " is empty; choose open, in-progress or done");
    return std::nullopt;
  }
  const auto text = text_of(*cell, label, sheet, problems);
  if (!text) return std::nullopt;
  if (text->empty()) {
    problems.cell(sheet, cell->ref, label + " is empty; choose open, in-progress or done");
    return std::nullopt;
  }
  const auto status = model::parse_task_status(util::to_lower_ascii(*text));
  if (!status) {
    problems.cell(sheet, cell->ref,
                  in_quotes(*text) + " is not a status; choose open, in-progress or done");
  }
  return status;
}

std::optional<std::string> assignee_of(const Cell* cell, std::string_view sheet,
                                       Problems& problems) {
  if (cell == nullptr) return std::string();
  return text_of(*cell, column_label(Field::assignee), sheet, problems);
}

// The cells of one row, by column, as the sheet is walked row by row.
class RowCells {
 public:
  explicit RowCells(std::uint32_t columns) : m_cells(columns, nullptr) {}
  const Cell* at(std::uint32_t column) const {
    return column < m_cells.size() ? m_cells[column] : nullptr;
  }
  // Walks `sheet` from row `first` on and calls visit(row, cells) for every
  // row with a cell in one of the first `columns` columns.
  template <class Visit>
  void each_row(const Sheet& sheet, std::uint32_t first, Visit&& visit) {
    std::optional<std::uint32_t> row;
    for (const Cell& cell : sheet.cells) {
      if (cell.ref.row < first || cell.ref.column >= m_cells.size()) continue;
      if (row && *row != cell.ref.row) {
        visit(*row, *this);
        std::fill(m_cells.begin(), m_cells.end(), nullptr);
      }
      row = cell.ref.row;
      m_cells[cell.ref.column] = &cell;
    }
    if (row) visit(*row, *this);
  }

 private:
  std::vector<const Cell*> m_cells;
};

// ---- the hidden sheet ----

using ExportedValues = std::unordered_map<std::string, wb::Values>;

const Sheet& sync_sheet(const xlsx::Workbook& workbook, Problems& problems) {
  const Sheet* sheet = workbook.sheet(wb::k_sync_sheet);
  if (sheet == nullptr) {
    problems.fatal("this workbook has no " + std::string(wb::k_sync_sheet) +
                   " sheet, which keeps the values as exported: sync reads workbooks written by "
                   "rplan export xlsx (or rplan run), and this one was not, or was written "
                   "before sync could read workbooks; export the plan again");
  }
  const std::string_view name = wb::k_sync_sheet;
  const Cell* marker = sheet->find({0, 0});
  if (marker == nullptr || !marker->is_text() || marker->text != wb::k_sync_marker) {
    problems.cell(name, {0, 0}, "does not read " + std::string(wb::k_sync_marker) + k_sync_advice);
    problems.throw_if_any();
  }
  const Cell* version = sheet->find({1, 0});
  if (version == nullptr || version->type != CellType::number ||
      version->number != std::floor(version->number) || version->number < 1) {
    problems.cell(name, {1, 0}, "is not the sheet's layout version" + k_sync_advice);
  } else if (version->number > wb::k_sync_version) {
    problems.fatal("this workbook was written by a newer rplan (its " + std::string(name) +
                   " sheet has layout " + clip(version->text) + "; this rplan reads " +
                   std::to_string(wb::k_sync_version) + "): sync it with that rplan");
  }
  problems.throw_if_any();
  return *sheet;
}

ExportedValues read_exported(const Sheet& sheet, Problems& problems) {
  const std::string_view name = wb::k_sync_sheet;
  const auto header = static_cast<std::uint32_t>(wb::k_sync_header_row);
  const auto expect_header = [&](std::uint32_t column, std::string_view text) {
    const Cell* cell = sheet.find({column, header});
    if (cell == nullptr || !cell->is_text() || cell->text != text) {
      problems.cell(name, {column, header}, "does not read " + in_quotes(text) + k_sync_advice);
    }
  };
  expect_header(k_sync_id_column, wb::k_id_header);
  for (const Field field : wb::k_fields) expect_header(sync_column(field), wb::header(field));
  problems.throw_if_any();

  ExportedValues exported;
  const std::size_t before = problems.count();
  RowCells cells(sync_column(Field::remaining) + 1);
  cells.each_row(sheet, header + 1, [&](std::uint32_t row, const RowCells& c) {
    const Cell* id_cell = c.at(k_sync_id_column);
    const CellRef id_ref{k_sync_id_column, row};
    std::optional<std::string> id;
    if (id_cell != nullptr) id = text_of(*id_cell, "the id", name, problems);
    if (id_cell == nullptr || (id && id->empty())) {
      problems.cell(name, id_ref, "has no task id");
      return;
    }
    wb::Values values;
    const auto where = [&](Field f) { return CellRef{sync_column(f), row}; };
    const auto status =
        status_of(c.at(sync_column(Field::status)), name, where(Field::status), problems);
    const auto assignee = assignee_of(c.at(sync_column(Field::assignee)), name, problems);
    const auto estimate = hours_of(c.at(sync_column(Field::estimate)), Field::estimate, name,
                                   where(Field::estimate), problems);
    const auto spent = hours_of(c.at(sync_column(Field::spent)), Field::spent, name,
                                where(Field::spent), problems);
    const auto remaining = hours_of(c.at(sync_column(Field::remaining)), Field::remaining, name,
                                    where(Field::remaining), problems);
    if (!id || !status || !assignee || !estimate || !spent || !remaining) return;
    values = {*status, *assignee, *estimate, *spent, *remaining};
    if (!exported.emplace(*id, std::move(values)).second) {
      problems.cell(name, id_ref, "lists task " + in_quotes(*id) + " twice");
    }
  });
  if (problems.count() > before) {
    problems.sheet(name, "was changed since the export" + k_sync_advice);
  }
  return exported;
}

// ---- the Tasks sheet ----

struct TaskColumns {
  std::uint32_t header_row = 0;
  std::uint32_t id = 0;
  std::array<std::optional<std::uint32_t>, wb::k_field_count> fields;
  std::uint32_t width = 0;  // one past the last column read
};

TaskColumns find_columns(const Sheet& sheet, Problems& problems) {
  const std::string_view name = wb::k_tasks_sheet;
  const std::string id_key = header_key(wb::k_id_header);
  const Cell* id = nullptr;
  for (const Cell& cell : sheet.cells) {
    if (cell.ref.row >= k_header_search_rows) break;
    if (cell.is_text() && !cell.formula && header_key(cell.text) == id_key) {
      id = &cell;
      break;
    }
  }
  if (id == nullptr) {
    problems.sheet(name,
                   "has no ID column (a header cell reading \"ID\" in its first rows): sync "
                   "finds each row's task by its id; put the column back (undo, or copy it from "
                   "a fresh export)");
    problems.throw_if_any();
  }
  TaskColumns columns;
  columns.header_row = id->ref.row;
  columns.id = id->ref.column;
  std::array<const Cell*, wb::k_field_count> found{};
  const Cell* id_again = nullptr;
  for (const Cell& cell : sheet.cells) {
    if (cell.ref.row != columns.header_row || !cell.is_text()) continue;
    const std::string key = header_key(cell.text);
    const Cell** first = nullptr;
    if (key == id_key && &cell != id) first = &id_again;
    for (const Field field : wb::k_fields) {
      if (key == header_key(wb::header(field))) first = &found[static_cast<std::size_t>(field)];
    }
    if (first == nullptr) continue;
    if (*first != nullptr || first == &id_again) {
      const CellRef other = first == &id_again ? id->ref : (*first)->ref;
      problems.cell(name, cell.ref,
                    "a second " + in_quotes(util::trim(cell.text)) + " column (the first is " +
                        xlsx::format_cell_ref(other) +
                        "): sync would not know which to read; delete one");
      continue;
    }
    *first = &cell;
  }
  problems.throw_if_any();
  columns.width = columns.id + 1;
  for (const Field field : wb::k_fields) {
    if (const Cell* cell = found[static_cast<std::size_t>(field)]) {
      columns.fields[static_cast<std::size_t>(field)] = cell->ref.column;
      columns.width = std::max(columns.width, cell->ref.column + 1);
    }
  }
  return columns;
}

// The row's value of `field`: as typed, or as exported when the sheet has no
// such column. False when the cell has a problem (reported).
bool read_field(Field field, const TaskColumns& columns, const RowCells& c, std::uint32_t row,
                WorkbookRow& out, Problems& problems) {
  const std::string_view name = wb::k_tasks_sheet;
  const auto& column = columns.fields[static_cast<std::size_t>(field)];
  if (!column) return true;
  const CellRef where{*column, row};
  out.cells[static_cast<std::size_t>(field)] = where;
  const Cell* cell = c.at(*column);
  switch (field) {
    case Field::status: {
      const auto status = status_of(cell, name, where, problems);
      if (status) out.edited.status = *status;
      return status.has_value();
    }
    case Field::assignee: {
      const auto assignee = assignee_of(cell, name, problems);
      if (assignee) out.edited.assignee = *assignee;
      return assignee.has_value();
    }
    case Field::estimate:
    case Field::spent:
    case Field::remaining:
      break;
  }
  const auto hours = hours_of(cell, field, name, where, problems);
  if (!hours) return false;
  (field == Field::estimate ? out.edited.estimate
   : field == Field::spent  ? out.edited.spent
                            : out.edited.remaining) = *hours;
  return true;
}

}  // namespace

std::vector<std::string> workbook_edit_sheets() {
  return {std::string(wb::k_tasks_sheet), std::string(wb::k_sync_sheet)};
}

WorkbookEdits read_workbook_edits(const xlsx::Workbook& workbook, std::string_view file_name) {
  Problems problems{std::string(file_name)};
  const Sheet* tasks = workbook.sheet(wb::k_tasks_sheet);
  if (tasks == nullptr) {
    problems.fatal("this workbook has no " + std::string(wb::k_tasks_sheet) +
                   " sheet: sync reads the Tasks sheet of a workbook written by rplan export xlsx "
                   "(or rplan run)");
  }
  const Sheet& hidden = sync_sheet(workbook, problems);
  const ExportedValues exported = read_exported(hidden, problems);
  const TaskColumns columns = find_columns(*tasks, problems);

  WorkbookEdits edits;
  edits.exported_tasks = exported.size();
  for (const Field field : wb::k_fields) {
    if (!columns.fields[static_cast<std::size_t>(field)]) edits.missing_columns.push_back(field);
  }
  const std::string_view name = wb::k_tasks_sheet;
  std::unordered_map<std::string, CellRef> seen;
  RowCells cells(columns.width);
  cells.each_row(*tasks, columns.header_row + 1, [&](std::uint32_t row, const RowCells& c) {
    const Cell* id_cell = c.at(columns.id);
    if (id_cell == nullptr) return;  // not a task row
    const auto id = text_of(*id_cell, "the ID column", name, problems);
    if (!id || id->empty()) return;
    WorkbookRow out;
    out.id = *id;
    out.id_cell = id_cell->ref;
    const auto it = exported.find(out.id);
    if (it == exported.end()) {
      problems.cell(name, id_cell->ref,
                    "task id " + in_quotes(out.id) + " is not one this workbook exported (its " +
                        std::string(wb::k_sync_sheet) +
                        " sheet has no such id): was it typed over, or pasted from another "
                        "workbook?");
      return;
    }
    if (const auto [first, added] = seen.emplace(out.id, id_cell->ref); !added) {
      problems.cell(name, id_cell->ref,
                    "task " + in_quotes(out.id) + " has a second row (the first is " +
                        xlsx::format_cell_ref(first->second) +
                        "): sync would not know which to read; delete one");
      return;
    }
    out.exported = it->second;
    out.edited = it->second;
    bool ok = true;
    for (const Field field : wb::k_fields) {
      ok = read_field(field, columns, c, row, out, problems) && ok;
    }
    if (ok) edits.rows.push_back(std::move(out));
  });
  problems.throw_if_any();
  return edits;
}

}  // namespace rplan::parse
