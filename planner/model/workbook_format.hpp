#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "planner/model/model.hpp"

// The Excel workbook's contract with `rplan sync PLAN.xlsx` (docs/excel.md):
// which sheet is read, the headers of its editable columns, the hidden sheet
// that keeps the values as exported, and what a task's editable cells hold.
// The writer (exporters/xlsx_sheets.cpp), the reader
// (parse/workbook_edits.cpp) and `sync` (cli/sync_workbook.cpp) all use this
// one definition.
namespace rplan::model::workbook {

// The sheet whose edits sync reads.
inline constexpr std::string_view k_tasks_sheet = "Tasks";
// The hidden sheet holding the editable values as exported, keyed by task id.
inline constexpr std::string_view k_sync_sheet = "rplan_sync";
// A1 of the hidden sheet; B1 holds k_sync_version.
inline constexpr std::string_view k_sync_marker = "rplan-sync";
// The hidden sheet's layout version: a reader refuses a higher one.
inline constexpr int k_sync_version = 1;
// The header of the column holding task ids, on both sheets.
inline constexpr std::string_view k_id_header = "ID";
// Rows of the hidden sheet (0-based): the marker, the header, then one per task.
inline constexpr int k_sync_header_row = 1;
inline constexpr int k_sync_first_task_row = 2;

// The columns a user may edit. The hidden sheet holds them in this order,
// after the id.
enum class Field : std::uint8_t { status, assignee, estimate, spent, remaining };
inline constexpr std::array<Field, 5> k_fields = {Field::status, Field::assignee, Field::estimate,
                                                  Field::spent, Field::remaining};
inline constexpr std::size_t k_field_count = k_fields.size();

// The column's header on the Tasks sheet and the hidden sheet.
constexpr std::string_view header(Field field) {
  switch (field) {
    case Field::status:
      return "Status";
    case Field::assignee:
      return "Assignee";
    case Field::estimate:
      return "Estimate (h)";
    case Field::spent:
      return "Spent (h)";
    case Field::remaining:
      break;
  }
  return "Remaining (h)";
}
// The field in a sentence: "status", "assignee", "estimate", "hours spent",
// "remaining hours".
std::string_view describe(Field field);
// Whether the field is a number of hours.
bool is_hours(Field field);

// What the editable cells of a task's row hold.
struct Values {
  TaskStatus status = TaskStatus::open;
  // Who the task is for: the person it is pinned to, else its planned
  // assignee; "" for nobody. (A pin is what the column sets, and the next
  // plan honours it.)
  std::string assignee;
  double estimate = 0;  // estimate.hours
  double spent = 0;     // spent_hours, the total of its work entries
  // model::remaining_hours(task, minimum): explicit, else estimate less
  // spent, the minimum when the spent hours reached the estimate
  double remaining = 0;
  friend bool operator==(const Values&, const Values&) = default;
};

// The values the export writes for `task`, and what sync compares the
// database's task with; `minimum` is the plan's minimum_remaining_hours (what
// `list`, `show` and the JSON export give a task whose spent hours reached
// its estimate).
Values values_of(const Task& task, double minimum);

// Whether `field` holds the same in `a` and `b`: hours within a thousandth
// of a second's worth (a workbook may round a number's last digit), names and
// statuses exactly.
bool same(Field field, const Values& a, const Values& b);

// The field's value for a sentence: "in-progress", "Ada", "(nobody)", "7.5 h".
std::string format(Field field, const Values& values);

}  // namespace rplan::model::workbook
