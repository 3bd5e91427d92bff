#pragma once

// Internal to the xlsx builder: look-ups shared by the sheets, and one entry
// point per sheet. Not included outside exporters/xlsx_*.cpp.

#include <array>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "exporters/xlsx_builder.hpp"

namespace rplan::exporters::xlsx {

// The tasks of one topic, in project order. A last group with no topic holds
// tasks whose topic is not in the project (none, when the store is consistent).
struct TopicGroup {
  const model::Topic* topic = nullptr;
  std::vector<std::size_t> tasks;  // indexes into Project::tasks
};

struct PlanIndex {
  explicit PlanIndex(const model::Project& project);

  // People in colour order: the team as listed, then assignees found only on
  // tasks (someone removed since the plan was made).
  std::vector<std::string> people;
  std::vector<std::string> zones;     // per person; "" when not on the team
  std::vector<double> planned_hours;  // per person, over all work blocks
  std::unordered_map<std::string, int> person_of;
  std::vector<TopicGroup> groups;
  std::optional<util::Date> first_day;  // earliest local date with work
  std::optional<util::Date> last_day;   // latest local date with work
  std::array<bool, 7> team_works{};     // mon..sun: someone on the team works that weekday
  std::vector<util::Date> holidays;     // sorted

  // The person's index, or -1 for "" or an unknown name.
  int person(const std::string& name) const;
  bool is_holiday(util::Date day) const;
  // Someone on the team works that weekday and it is not a holiday.
  bool is_working_day(util::Date day) const;
};

using RowSink = std::function<void(const Row&)>;

// A cell holding text, written as a string (never a formula).
Cell text_cell(int column, std::string_view text, Style style = Style::text);
Cell number_cell(int column, double value, Style style = Style::text);
Cell date_cell(int column, double serial, Style style);
Cell fill_cell(int column, Style style, int colour = 0);

SheetLayout tasks_layout(const model::Project& project);
void tasks_rows(const model::Project& project, const PlanIndex& index, const RowSink& emit);

SheetLayout topics_layout(const PlanIndex& index);
void topics_rows(const model::Project& project, const PlanIndex& index, const RowSink& emit);

SheetLayout workload_layout(const PlanIndex& index);
void workload_rows(const model::Project& project, const PlanIndex& index, const RowSink& emit);

SheetLayout gantt_layout(const model::Project& project, const PlanIndex& index,
                         const GanttLimits& limits);
void gantt_rows(const model::Project& project, const PlanIndex& index, const GanttLimits& limits,
                const RowSink& emit);

}  // namespace rplan::exporters::xlsx
