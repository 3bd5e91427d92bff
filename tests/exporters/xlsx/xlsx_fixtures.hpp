#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "exporters/xlsx_builder.hpp"
#include "planner/util/dates.hpp"

// A hand-built project and helpers to read the builder's rows in memory.
namespace rplan::exporters::xlsx::testing {

using namespace std::chrono_literals;

inline util::Date day(const char* iso) { return *util::parse_date(iso); }

// A block of local work: `offset` is the assignee's UTC offset in minutes.
inline model::WorkBlock block(const char* date, int start_minute, int minutes, int offset = 0) {
  model::WorkBlock b;
  b.date = day(date);
  b.start_minute = start_minute;
  b.minutes = minutes;
  b.utc_start = util::Instant{b.date} + std::chrono::minutes{start_minute - offset};
  b.utc_end = b.utc_start + std::chrono::minutes{minutes};
  return b;
}

inline model::Task task(const std::string& id, const std::string& topic, int position,
                        const std::string& prompt, const std::string& assignee,
                        std::vector<model::WorkBlock> blocks) {
  model::Task t;
  t.id = id;
  t.topic_id = topic;
  t.position = position;
  t.prompt = prompt;
  t.kind = model::TaskKind::research;
  t.assignee = assignee;
  double minutes = 0;
  for (const auto& b : blocks) minutes += b.minutes;
  t.estimate.hours = t.estimate.likely = minutes / 60;
  if (!blocks.empty()) {
    t.start = blocks.front().utc_start;
    t.finish = blocks.back().utc_end;
  }
  t.blocks = std::move(blocks);
  return t;
}

// Two people (Ada in Berlin, UTC+1 in December; Bo in UTC, Monday to
// Thursday), a holiday on Thursday 2026-12-10, three topics (the last one
// empty) and seven tasks: four formula-like prompts, non-Latin text, a done
// task and one nobody could take.
inline model::Project sample_project() {
  model::Project p;
  p.title = "Formulas & Ünïcödé";
  model::Assignee ada;
  ada.name = "Ada";
  ada.timezone = "Europe/Berlin";
  model::Assignee bo;
  bo.name = "Bo";
  bo.workdays = {true, true, true, true, false, false, false};
  p.team = {ada, bo};
  p.holidays = {{day("2026-12-10"), "Founders' day"}};

  model::Topic injection;
  injection.id = "tinj";
  injection.document = "formulas.md";
  injection.number = 1;
  injection.title = "Spreadsheet Injection";
  model::Topic japanese;
  japanese.id = "tjap";
  japanese.document = "formulas.md";
  japanese.title = "日本語のトピック";
  japanese.ordinal = 1;
  model::Topic empty;
  empty.id = "temp";
  empty.document = "formulas.md";
  empty.number = 3;
  empty.title = "Nothing Yet";
  empty.ordinal = 2;
  p.topics = {injection, japanese, empty};

  p.tasks = {
      task("aaa1", "tinj", 1, "=1+1", "Ada", {block("2026-12-07", 540, 360, 60)}),
      task("aaa2", "tinj", 2, "+cmd", "Bo", {block("2026-12-07", 540, 360)}),
      task("aaa3", "tinj", 3, "-x", "Ada",
           {block("2026-12-08", 540, 360, 60), block("2026-12-09", 540, 120, 60)}),
      task("aaa4", "tinj", 4, "@SUM(A1)", "Bo",
           {block("2026-12-08", 540, 360), block("2026-12-14", 540, 60)}),
      task("bbb1", "tjap", 1, "Investigate 日本語 and Ελληνικά tokenizers 🚀", "Ada",
           {block("2026-12-11", 540, 360, 60)}),
      task("bbb2", "tjap", 2, "Document Приве́т", "", {}),
      task("bbb3", "tjap", 3, "Research done work", "Bo", {block("2026-12-09", 540, 240)}),
  };
  p.tasks[1].status = model::TaskStatus::in_progress;
  p.tasks[6].status = model::TaskStatus::done;
  p.tasks[3].depends_on = {"aaa1", "aaa2"};
  p.tasks[5].estimate.hours = 4;
  p.plan.exists = true;
  p.plan.start = day("2026-12-07");
  p.plan.finish = day("2026-12-14");
  p.plan.created_at = util::Instant{day("2026-12-01")} + 10h;
  p.plan.unassigned = {"bbb2"};
  for (const auto& t : p.tasks) p.plan.total_hours += t.estimate.hours;
  return p;
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
