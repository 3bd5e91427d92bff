#include "planner/parse/workbook_edits.hpp"

#include <gtest/gtest.h>

#include <variant>

#include "exporters/xlsx_writer.hpp"
#include "planner/util/error.hpp"
#include "planner/util/text.hpp"
#include "tests/exporters/xlsx/xlsx_fixtures.hpp"
#include "tests/support/files.hpp"

namespace rplan::parse {
namespace {

namespace wb = model::workbook;
using wb::Field;
using xlsx::Cell;
using xlsx::CellType;

// A cell as a test writes it: text, a number, or a formula with its result.
struct Formula {
  std::string formula;
  double result = 0;
};
using Value = std::variant<std::monostate, std::string, double, Formula>;

Cell make_cell(std::uint32_t column, std::uint32_t row, const Value& v) {
  Cell c;
  c.ref = {column, row};
  if (const auto* s = std::get_if<std::string>(&v)) {
    c.type = CellType::shared_string;
    c.text = *s;
  } else if (const auto* n = std::get_if<double>(&v)) {
    c.type = CellType::number;
    c.number = *n;
    c.text = util::format_hours(*n);
  } else if (const auto* f = std::get_if<Formula>(&v)) {
    c.type = CellType::number;
    c.number = f->result;
    c.text = util::format_hours(f->result);
    c.formula = f->formula;
  }
  return c;
}

xlsx::Sheet make_sheet(std::string name, const std::vector<std::vector<Value>>& rows,
                       xlsx::SheetState state = xlsx::SheetState::visible) {
  xlsx::Sheet sheet;
  sheet.name = std::move(name);
  sheet.state = state;
  sheet.loaded = true;
  for (std::uint32_t r = 0; r < rows.size(); ++r) {
    for (std::uint32_t c = 0; c < rows[r].size(); ++c) {
      if (!std::holds_alternative<std::monostate>(rows[r][c])) {
        sheet.cells.push_back(make_cell(c, r, rows[r][c]));
      }
    }
  }
  return sheet;
}

using S = std::string;

// The hidden sheet for tasks a1 (open, Ada, 8 h) and b2 (in-progress, Bo, 4 h, 1 h spent).
xlsx::Sheet exported_sheet() {
  return make_sheet(
      "rplan_sync",
      {{S("rplan-sync"), 1.0, S("note")},
       {S("ID"), S("Status"), S("Assignee"), S("Estimate (h)"), S("Spent (h)"), S("Remaining (h)")},
       {S("a1"), S("open"), S("Ada"), 8.0, 0.0, 8.0},
       {S("b2"), S("in-progress"), S("Bo"), 4.0, 1.0, 3.0}},
      xlsx::SheetState::hidden);
}

const std::vector<Value> k_header = {S("ID"),           S("Prompt"),       S("Status"),
                                     S("Assignee"),     S("Estimate (h)"), S("Spent (h)"),
                                     S("Remaining (h)")};

xlsx::Workbook book(std::vector<std::vector<Value>> tasks_rows) {
  xlsx::Workbook w;
  w.sheets.push_back(make_sheet("Tasks", tasks_rows));
  w.sheets.push_back(exported_sheet());
  return w;
}

xlsx::Workbook untouched() {
  return book({k_header,
               {S("a1"), S("Do a"), S("open"), S("Ada"), 8.0, 0.0, 8.0},
               {S("b2"), S("Do b"), S("in-progress"), S("Bo"), 4.0, 1.0, 3.0}});
}

// The problems read_workbook_edits throws, one string each.
std::vector<std::string> problems_of(const xlsx::Workbook& w) {
  try {
    read_workbook_edits(w, "plan.xlsx");
  } catch (const DiagnosticsError& e) {
    EXPECT_EQ(e.code(), ExitCode::data);
    std::vector<std::string> out;
    for (const auto& d : e.diagnostics()) out.push_back(d.to_string());
    return out;
  }
  ADD_FAILURE() << "no error";
  return {};
}

::testing::AssertionResult has_problem(const std::vector<std::string>& problems,
                                       std::string_view prefix, std::string_view words) {
  for (const auto& p : problems) {
    if (p.starts_with(prefix) && p.find(words) != std::string::npos) {
      return ::testing::AssertionSuccess();
    }
  }
  auto failure = ::testing::AssertionFailure() << "no \"" << prefix << "…" << words << "\" in:";
  for (const auto& p : problems) failure << "\n  " << p;
  return failure;
}

TEST(WorkbookEditsTest, AnUntouchedSheetHoldsWhatWasExported) {
  const WorkbookEdits edits = read_workbook_edits(untouched(), "plan.xlsx");
  ASSERT_EQ(edits.rows.size(), 2u);
  EXPECT_EQ(edits.exported_tasks, 2u);
  EXPECT_TRUE(edits.missing_columns.empty());
  for (const auto& row : edits.rows) EXPECT_EQ(row.edited, row.exported) << row.id;
  EXPECT_EQ(edits.rows[1].exported.status, model::TaskStatus::in_progress);
  EXPECT_DOUBLE_EQ(edits.rows[1].exported.spent, 1);
  ASSERT_TRUE(edits.rows[0].cell(Field::estimate));
  EXPECT_EQ(xlsx::format_cell_ref(*edits.rows[0].cell(Field::estimate)), "E2");
}

TEST(WorkbookEditsTest, ReadsEditsInMovedColumnsAndSortedRowsByHeaderAndId) {
  // A title row inserted above, Status moved to the end, rows sorted, a
  // status typed in capitals, an estimate typed as text, a note row.
  const auto w = book({{S("My plan")},
                       {S("Assignee"), S("id"), S("Estimate (h)"), S("Spent (h)"),
                        S("Remaining (h)"), S(" Status ")},
                       {S("Grace"), S("b2"), 4.0, 1.0, 3.0, S("DONE")},
                       {S("Ada"), S("a1"), S("7.5"), 0.0, 8.0, S("open")},
                       {S("a total, not a task"), Value{}, 11.5}});
  const WorkbookEdits edits = read_workbook_edits(w, "plan.xlsx");
  ASSERT_EQ(edits.rows.size(), 2u);
  EXPECT_EQ(edits.rows[0].id, "b2");
  EXPECT_EQ(edits.rows[0].edited.status, model::TaskStatus::done);
  EXPECT_EQ(edits.rows[0].edited.assignee, "Grace");
  EXPECT_EQ(xlsx::format_cell_ref(*edits.rows[0].cell(Field::status)), "F3");
  EXPECT_DOUBLE_EQ(edits.rows[1].edited.estimate, 7.5);
  EXPECT_EQ(edits.rows[1].edited.status, model::TaskStatus::open);
}

TEST(WorkbookEditsTest, AnEmptyAssigneeIsNobodyAndEmptyHoursSpentAreNone) {
  const auto w = book({k_header,
                       {S("a1"), S("Do a"), S("open"), Value{}, 8.0, Value{}, 8.0},
                       {S("b2"), S("Do b"), S("in-progress"), S("Bo"), 4.0, 1.0, 3.0}});
  const WorkbookEdits edits = read_workbook_edits(w, "plan.xlsx");
  EXPECT_EQ(edits.rows[0].edited.assignee, "");
  EXPECT_DOUBLE_EQ(edits.rows[0].edited.spent, 0);
}

TEST(WorkbookEditsTest, ADeletedEditableColumnLeavesItsFieldAsExported) {
  const auto w = book({{S("ID"), S("Status"), S("Estimate (h)")},
                       {S("a1"), S("done"), 8.0},
                       {S("b2"), S("in-progress"), 4.0}});
  const WorkbookEdits edits = read_workbook_edits(w, "plan.xlsx");
  EXPECT_EQ(edits.missing_columns,
            (std::vector<Field>{Field::assignee, Field::spent, Field::remaining}));
  EXPECT_EQ(edits.rows[0].edited.assignee, "Ada");
  EXPECT_FALSE(edits.rows[0].cell(Field::assignee));
  EXPECT_EQ(edits.rows[0].edited.status, model::TaskStatus::done);
}

TEST(WorkbookEditsTest, EachBadCellIsNamedBySheetAndCell) {
  const auto w =
      book({k_header,
            {S("a1"), S("Do a"), S("finished"), S("Ada"), Formula{"B1*2", 16}, S("x"), -1.0},
            {S("b2"), S("Do b"), Value{}, S("Bo"), S("four"), 1.0, 3.0},
            {S("zz9"), S("Do z"), S("open"), S("Bo"), 1.0, 0.0, 1.0},
            {S("a1"), S("Do a"), S("open"), S("Ada"), 8.0, 0.0, 8.0}});
  const auto p = problems_of(w);
  EXPECT_TRUE(has_problem(p, "plan.xlsx:Tasks!C2: error:", "\"finished\" is not a status"));
  EXPECT_TRUE(has_problem(p, "plan.xlsx:Tasks!E2: error:", "formula (=B1*2)"));
  EXPECT_TRUE(has_problem(p, "plan.xlsx:Tasks!F2: error:", "\"x\", which is not a number"));
  EXPECT_TRUE(has_problem(p, "plan.xlsx:Tasks!G2: error:", "cannot be negative"));
  EXPECT_TRUE(has_problem(p, "plan.xlsx:Tasks!C3: error:", "Status is empty"));
  EXPECT_TRUE(has_problem(p, "plan.xlsx:Tasks!E3: error:", "\"four\""));
  EXPECT_TRUE(has_problem(p, "plan.xlsx:Tasks!A4: error:", "\"zz9\" is not one this workbook"));
  EXPECT_TRUE(has_problem(p, "plan.xlsx:Tasks!A5: error:", "second row (the first is A2)"));
}

TEST(WorkbookEditsTest, AWorkbookWithoutTheIdColumnOrTheHiddenSheetIsRefused) {
  auto no_id = book({{S("Prompt"), S("Status")}, {S("Do a"), S("done")}});
  EXPECT_TRUE(has_problem(problems_of(no_id), "plan.xlsx:Tasks: error:", "has no ID column"));

  xlsx::Workbook no_hidden = untouched();
  no_hidden.sheets.pop_back();
  EXPECT_TRUE(has_problem(problems_of(no_hidden), "plan.xlsx: error:", "no rplan_sync sheet"));

  xlsx::Workbook no_tasks = untouched();
  no_tasks.sheets.erase(no_tasks.sheets.begin());
  EXPECT_TRUE(has_problem(problems_of(no_tasks), "plan.xlsx: error:", "no Tasks sheet"));
}

TEST(WorkbookEditsTest, AChangedOrNewerHiddenSheetIsRefused) {
  xlsx::Workbook changed = untouched();
  changed.sheets[1].cells[0].text = "something else";
  EXPECT_TRUE(
      has_problem(problems_of(changed), "plan.xlsx:rplan_sync!A1: error:", "export the workbook"));

  xlsx::Workbook newer = untouched();
  newer.sheets[1].cells[1].number = 2;
  newer.sheets[1].cells[1].text = "2";
  EXPECT_TRUE(has_problem(problems_of(newer), "plan.xlsx: error:", "newer rplan"));
}

class WorkbookEditsExportTest : public ::testing::Test {
 protected:
  rplan::testing::TempDir m_temp;
};

// rplan's own export, read by the real reader: nothing differs.
TEST_F(WorkbookEditsExportTest, RplansOwnExportHasNoEdits) {
  auto project = exporters::xlsx::testing::sample_project();
  project.tasks[0].pinned_assignee = "Bo";
  project.tasks[1].spent_hours = 2.25;
  const auto file = m_temp.path() / "plan.xlsx";
  exporters::write_xlsx(project, file);
  xlsx::ReadOptions options;
  options.sheets = workbook_edit_sheets();
  const WorkbookEdits edits =
      read_workbook_edits(xlsx::read_workbook_file(file, options), "plan.xlsx");
  ASSERT_EQ(edits.rows.size(), project.tasks.size());
  EXPECT_TRUE(edits.missing_columns.empty());
  for (std::size_t i = 0; i < project.tasks.size(); ++i) {
    SCOPED_TRACE(project.tasks[i].id);
    EXPECT_EQ(edits.rows[i].id, project.tasks[i].id);
    EXPECT_EQ(edits.rows[i].edited, edits.rows[i].exported);
    EXPECT_EQ(edits.rows[i].exported,
              wb::values_of(project.tasks[i], project.plan.minimum_remaining_hours));
  }
}

}  // namespace
}  // namespace rplan::parse
