#include "planner/model/workbook_format.hpp"

#include <cmath>

#include "planner/util/text.hpp"

namespace rplan::model::workbook {

std::string_view describe(Field field) {
  switch (field) {
    case Field::status:
      return "status";
    case Field::assignee:
      return "assignee";
    case Field::estimate:
      return "estimate";
    case Field::spent:
      return "hours spent";
    case Field::remaining:
      break;
  }
  return "remaining hours";
}

bool is_hours(Field field) {
  return field == Field::estimate || field == Field::spent || field == Field::remaining;
}

Values values_of(const Task& task, double minimum) {
  Values v;
  v.status = task.status;
  v.assignee = task.pinned_assignee.empty() ? task.assignee : task.pinned_assignee;
  v.estimate = task.estimate.hours;
  v.spent = task.spent_hours;
  v.remaining = remaining_hours(task, minimum);
  return v;
}

bool same(Field field, const Values& a, const Values& b) {
  // A thousandth of a second, in hours: far below anything a person types,
  // far above the last digit a spreadsheet may round.
  constexpr double k_tolerance = 1.0 / 3600 / 1000;
  switch (field) {
    case Field::status:
      return a.status == b.status;
    case Field::assignee:
      return a.assignee == b.assignee;
    case Field::estimate:
      return std::fabs(a.estimate - b.estimate) <= k_tolerance;
    case Field::spent:
      return std::fabs(a.spent - b.spent) <= k_tolerance;
    case Field::remaining:
      break;
  }
  return std::fabs(a.remaining - b.remaining) <= k_tolerance;
}

std::string format(Field field, const Values& values) {
  switch (field) {
    case Field::status:
      return std::string(to_string(values.status));
    case Field::assignee:
      return values.assignee.empty() ? "(nobody)" : values.assignee;
    case Field::estimate:
      return util::format_hours(values.estimate) + " h";
    case Field::spent:
      return util::format_hours(values.spent) + " h";
    case Field::remaining:
      break;
  }
  return util::format_hours(values.remaining) + " h";
}

}  // namespace rplan::model::workbook
