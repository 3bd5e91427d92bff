#include "planner/model/workbook_format.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace rplan::model::workbook {
namespace {

Task task_with(double estimate, double spent, std::optional<double> remaining) {
  Task t;
  t.id = "a1";
  t.estimate.hours = estimate;
  t.spent_hours = spent;
  t.remaining_hours = remaining;
  return t;
}

TEST(WorkbookFormatTest, ValuesAreWhatTheTaskHoldsNow) {
  Task t = task_with(8, 3, std::nullopt);
  t.status = TaskStatus::in_progress;
  t.assignee = "Ada";
  const Values v = values_of(t, 1);
  EXPECT_EQ(v.status, TaskStatus::in_progress);
  EXPECT_EQ(v.assignee, "Ada");
  EXPECT_DOUBLE_EQ(v.estimate, 8);
  EXPECT_DOUBLE_EQ(v.spent, 3);
  EXPECT_DOUBLE_EQ(v.remaining, 5);  // derived: estimate less spent
  t.remaining_hours = 1.5;
  EXPECT_DOUBLE_EQ(values_of(t, 1).remaining, 1.5);
}

TEST(WorkbookFormatTest, RemainingIsThePlansMinimumOnceTheSpentHoursReachTheEstimate) {
  Task t = task_with(8, 9, std::nullopt);
  t.status = TaskStatus::in_progress;
  EXPECT_DOUBLE_EQ(values_of(t, 1).remaining, 1);
  EXPECT_DOUBLE_EQ(values_of(t, 2.5).remaining, 2.5);  // what list and the JSON export say
  t.status = TaskStatus::done;
  EXPECT_DOUBLE_EQ(values_of(t, 1).remaining, 0);
}

TEST(WorkbookFormatTest, AssigneeIsThePinWhenThereIsOne) {
  Task t = task_with(8, 0, std::nullopt);
  t.assignee = "Ada";
  t.pinned_assignee = "Grace";
  EXPECT_EQ(values_of(t, 1).assignee, "Grace");
  t.pinned_assignee.clear();
  t.assignee.clear();
  EXPECT_EQ(values_of(t, 1).assignee, "");
  EXPECT_EQ(format(Field::assignee, values_of(t, 1)), "(nobody)");
}

TEST(WorkbookFormatTest, HoursCompareWithinASpreadsheetsRounding) {
  const Values a = values_of(task_with(7.5, 0, std::nullopt), 1);
  Values b = a;
  b.estimate = 7.5 + 1e-12;
  EXPECT_TRUE(same(Field::estimate, a, b));
  b.estimate = 7.51;
  EXPECT_FALSE(same(Field::estimate, a, b));
  EXPECT_TRUE(same(Field::status, a, b));
  b.status = TaskStatus::done;
  EXPECT_FALSE(same(Field::status, a, b));
}

TEST(WorkbookFormatTest, EveryFieldHasItsOwnHeaderAndWords) {
  std::set<std::string_view> headers, words;
  for (const Field f : k_fields) {
    headers.insert(header(f));
    words.insert(describe(f));
  }
  EXPECT_EQ(headers.size(), k_field_count);
  EXPECT_EQ(words.size(), k_field_count);
  EXPECT_FALSE(headers.contains(k_id_header));
  EXPECT_TRUE(is_hours(Field::spent));
  EXPECT_FALSE(is_hours(Field::assignee));
  EXPECT_EQ(format(Field::estimate, values_of(task_with(7.5, 0, std::nullopt), 1)), "7.5 h");
}

}  // namespace
}  // namespace rplan::model::workbook
