// plan_workbook_sync: what a workbook's edits ask of the database as it is
// now (no database: the project is built by hand, the edits too).

#include "planner/cli/sync_workbook.hpp"

#include <gtest/gtest.h>

#include "planner/util/error.hpp"
#include "tests/support/project_builder.hpp"

namespace rplan::cli {
namespace {

namespace wb = model::workbook;
using model::TaskKind;
using model::TaskStatus;
using Outcome = WorkbookChange::Outcome;
using rplan::testing::block;
using rplan::testing::ProjectBuilder;
using wb::Field;

model::Project project() {
  return ProjectBuilder("p")
      .person("Ada")
      .person("Bo")
      .document("topics.md")
      .topic("t1", "Topic")
      .task("a1", TaskKind::research, "Do a", 8)
      .planned("Ada", {block("UTC", "2026-12-07", "09:00", 480)})
      .task("b2", TaskKind::research, "Do b", 4)
      .unassigned()
      .build();
}

// A row of task `id` as exported from `p`, edited by `edit`, its cells in
// columns C (status) to G (remaining) of row `row`.
parse::WorkbookRow row_of(const model::Project& p, const std::string& id, std::uint32_t row,
                          const std::function<void(wb::Values&)>& edit) {
  parse::WorkbookRow r;
  r.id = id;
  r.id_cell = {0, row};
  for (const auto& t : p.tasks) {
    if (t.id == id) r.exported = wb::values_of(t, p.plan.minimum_remaining_hours);
  }
  r.edited = r.exported;
  edit(r.edited);
  for (std::uint32_t f = 0; f < wb::k_field_count; ++f)
    r.cells[f] = parse::xlsx::CellRef{2 + f, row};
  return r;
}

WorkbookSyncPlan plan(const model::Project& p, std::vector<parse::WorkbookRow> rows,
                      Conflicts conflicts = Conflicts::leave) {
  parse::WorkbookEdits edits;
  edits.rows = std::move(rows);
  return plan_workbook_sync(
      edits, p, [](const std::string& id) { return id == "old1"; }, conflicts, "plan.xlsx");
}

std::vector<std::string> problems(const model::Project& p, std::vector<parse::WorkbookRow> rows) {
  try {
    plan(p, std::move(rows));
  } catch (const DiagnosticsError& e) {
    std::vector<std::string> out;
    for (const auto& d : e.diagnostics()) out.push_back(d.to_string());
    return out;
  }
  ADD_FAILURE() << "no error";
  return {};
}

TEST(WorkbookSyncPlanTest, OnlyFieldsThatDifferFromTheExportAreChanges) {
  const auto p = project();
  const auto result =
      plan(p, {row_of(p, "a1", 1, [](wb::Values&) {}), row_of(p, "b2", 2, [](wb::Values& v) {
                 v.status = TaskStatus::done;
                 v.assignee = "bo";  // any case: the team's spelling
               })});
  ASSERT_EQ(result.changes.size(), 2u);
  EXPECT_EQ(result.changes[0].field, Field::status);
  EXPECT_EQ(result.changes[0].outcome, Outcome::apply);
  EXPECT_EQ(result.changes[1].field, Field::assignee);
  EXPECT_EQ(result.changes[1].edited.assignee, "Bo");
  EXPECT_EQ(parse::xlsx::format_cell_ref(result.changes[1].cell), "D3");
}

TEST(WorkbookSyncPlanTest, TheDatabaseChangedToo) {
  const auto exported = project();
  auto now = project();
  now.tasks[0].estimate.hours = 5;         // changed since the export, to something else
  now.tasks[1].status = TaskStatus::done;  // changed since, to what the workbook says
  const auto edits =
      std::vector{row_of(exported, "a1", 1, [](wb::Values& v) { v.estimate = 9; }),
                  row_of(exported, "b2", 2, [](wb::Values& v) { v.status = TaskStatus::done; })};
  const auto left = plan(now, edits);
  EXPECT_EQ(left.changes[0].outcome, Outcome::conflict);
  EXPECT_FALSE(left.changes[0].applies());
  EXPECT_EQ(left.changes[1].outcome, Outcome::already);
  const auto forced = plan(now, edits, Conflicts::force);
  EXPECT_EQ(forced.changes[0].outcome, Outcome::forced);
  EXPECT_TRUE(forced.changes[0].applies());
}

TEST(WorkbookSyncPlanTest, DoneWithNothingRemainingIsOneChange) {
  const auto p = project();
  const auto result = plan(p, {row_of(p, "a1", 1, [](wb::Values& v) {
                             v.status = TaskStatus::done;
                             v.remaining = 0;
                           })});
  ASSERT_EQ(result.changes.size(), 2u);
  EXPECT_EQ(result.changes[1].field, Field::remaining);
  EXPECT_EQ(result.changes[1].outcome, Outcome::implied);
}

TEST(WorkbookSyncPlanTest, ArchivedTasksAreSkippedUnknownOnesRefused) {
  const auto p = project();
  parse::WorkbookRow old = row_of(p, "a1", 1, [](wb::Values& v) { v.estimate = 2; });
  old.id = "old1";
  EXPECT_EQ(plan(p, {old}).archived.size(), 1u);
  old.id = "zz9";
  const auto found = problems(p, {old});
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found[0],
            "plan.xlsx:Tasks!A2: error: task zz9 is not in this database: was the "
            "workbook exported from another one? (--db PATH)");
  EXPECT_NE(found.back().find("nothing was changed"), std::string::npos);
}

TEST(WorkbookSyncPlanTest, WhatRplanTaskWouldRefuseIsRefusedAtItsCell) {
  auto p = project();
  p.tasks[0].spent_hours = 3;
  const auto found = problems(p, {row_of(p, "a1", 1,
                                         [](wb::Values& v) {
                                           v.estimate = 0;         // must be more than 0
                                           v.spent = 1;            // went down
                                           v.assignee = "Nobody";  // not in the team
                                         }),
                                  row_of(p, "b2", 2, [](wb::Values& v) {
                                    v.spent = 30;  // more than a day's work, and nobody to credit
                                    v.remaining = 2;
                                    v.status =
                                        TaskStatus::done;  // but a new remaining starts the task
                                  })});
  const auto has = [&](std::string_view prefix, std::string_view words) {
    for (const auto& f : found) {
      if (f.starts_with(prefix) && f.find(words) != std::string::npos) return true;
    }
    return false;
  };
  EXPECT_TRUE(
      has("plan.xlsx:Tasks!D2: error:", "nobody named \"Nobody\" is in the team (Ada, Bo)"));
  EXPECT_TRUE(has("plan.xlsx:Tasks!F3: error:", "went up by 30 h"));
  EXPECT_TRUE(has("plan.xlsx:Tasks!F3: error:", "no assignee or pin"));
  EXPECT_TRUE(has("plan.xlsx:Tasks!G3: error:", "(C3) says done"));

  // Alone (the unknown person skips the rest of its row), the estimate and the hours spent.
  const auto second = problems(p, {row_of(p, "a1", 1, [](wb::Values& v) {
                                 v.estimate = 0;
                                 v.spent = 1;
                               })});
  ASSERT_GE(second.size(), 3u);
  EXPECT_NE(second[0].find("Tasks!E2: error: Estimate (h) must be"), std::string::npos)
      << second[0];
  EXPECT_NE(second[1].find("Tasks!F2: error: Spent (h) went down from 3 h to 1 h"),
            std::string::npos)
      << second[1];
}

}  // namespace
}  // namespace rplan::cli
