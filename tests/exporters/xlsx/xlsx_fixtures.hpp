#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "exporters/xlsx_builder.hpp"
#include "tests/support/project_builder.hpp"

// A hand-built project and helpers to read the builder's rows in memory.
namespace rplan::exporters::xlsx::testing {

using rplan::testing::block;
using rplan::testing::day;
using rplan::testing::plan;
using rplan::testing::task;

// Two people (Ada in Berlin, UTC+1 in December; Bo in UTC, Monday to
// Thursday), a holiday on Thursday 2026-12-10, three topics (the last one
// empty) and seven tasks: four formula-like prompts, non-Latin text, a done
// task and one nobody could take.
inline model::Project sample_project() {
  using model::TaskKind;
  model::Assignee bo = rplan::testing::person("Bo");
  bo.workdays = {true, true, true, true, false, false, false};
  const char* berlin = "Europe/Berlin";
  return rplan::testing::ProjectBuilder("Formulas & Ünïcödé")
      .person("Ada", berlin)
      .person(bo)
      .holiday("2026-12-10", "Founders' day")
      .document("formulas.md")
      .topic("tinj", "Spreadsheet Injection")
      .number(1)
      .task("aaa1", TaskKind::research, "=1+1", 6)
      .planned("Ada", {block(berlin, "2026-12-07", "09:00", 360)})
      .task("aaa2", TaskKind::research, "+cmd", 6)
      .planned("Bo", {block("UTC", "2026-12-07", "09:00", 360)})
      .status(model::TaskStatus::in_progress)
      .task("aaa3", TaskKind::research, "-x", 8)
      .planned("Ada", {block(berlin, "2026-12-08", "09:00", 360),
                       block(berlin, "2026-12-09", "09:00", 120)})
      .task("aaa4", TaskKind::research, "@SUM(A1)", 7)
      .planned("Bo",
               {block("UTC", "2026-12-08", "09:00", 360), block("UTC", "2026-12-14", "09:00", 60)})
      .depends_on({"aaa1", "aaa2"})
      .topic("tjap", "日本語のトピック")
      .task("bbb1", TaskKind::research, "Investigate 日本語 and Ελληνικά tokenizers 🚀", 6)
      .planned("Ada", {block(berlin, "2026-12-11", "09:00", 360)})
      .task("bbb2", TaskKind::research, "Document Приве́т", 4)
      .unassigned()
      .task("bbb3", TaskKind::research, "Research done work", 4)
      .planned("Bo", {block("UTC", "2026-12-09", "09:00", 240)})
      .status(model::TaskStatus::done)
      .topic("temp", "Nothing Yet")
      .number(3)
      .plan("2026-12-07", "2026-12-14")
      .created_at("2026-12-01T10:00:00Z")
      .total_hours(41)
      .build();
}

// Adds `count` people, P0, P1, ..., each with an hour's task on 2026-12-07.
inline void add_people_with_an_hour_each(model::Project& project, int count) {
  for (int i = 0; i < count; ++i) {
    const std::string name = "P" + std::to_string(i);
    project.team.push_back(rplan::testing::person(name));
    auto t = task("p" + std::to_string(i), "tinj", 10 + i, model::TaskKind::research, "Work", 1);
    plan(t, name, {block("UTC", "2026-12-07", "09:00", 60)});
    project.tasks.push_back(t);
  }
}

inline std::vector<Row> all_rows(const WorkbookBuilder& builder, SheetId sheet) {
  std::vector<Row> rows;
  builder.rows(sheet, [&](const Row& row) { rows.push_back(row); });
  return rows;
}

inline const Row* find_row(const std::vector<Row>& rows, int index) {
  for (const auto& r : rows) {
    if (r.index == index) return &r;
  }
  return nullptr;
}

inline const Cell* find_cell(const Row& row, int column) {
  for (const auto& c : row.cells) {
    if (c.column == column) return &c;
  }
  return nullptr;
}

// The first row whose cell in `column` holds `text`.
inline const Row* row_with(const std::vector<Row>& rows, int column, const std::string& text) {
  for (const auto& r : rows) {
    const Cell* c = find_cell(r, column);
    if (c && c->type == Cell::Type::text && c->text == text) return &r;
  }
  return nullptr;
}

}  // namespace rplan::exporters::xlsx::testing
