#include "planner/model/workload.hpp"

#include <gtest/gtest.h>

#include "planner/model/working_time.hpp"
#include "tests/support/project_builder.hpp"

namespace rplan::model {
namespace {

using rplan::testing::block;
using rplan::testing::day;
using rplan::testing::instant;
using rplan::testing::ProjectBuilder;

// Ada has most of the work; Bob a day of it, then a holiday and time off.
Project sample() {
  Project p = ProjectBuilder("Load")
                  .person("Ada")
                  .person("Bob")
                  .holiday("2027-01-06")
                  .time_off("Bob", "2027-01-11", "2027-01-12")
                  .topic("t1", "Topic")
                  .task("a1", TaskKind::research, "Research a", 12)
                  .planned("Ada", {block("UTC", "2027-01-04", "09:00", 360),
                                   block("UTC", "2027-01-05", "09:00", 360)})
                  .status(TaskStatus::done)
                  .task("a2", TaskKind::research, "Research b", 30)
                  .planned("Ada", {block("UTC", "2027-01-07", "09:00", 360),
                                   block("UTC", "2027-01-08", "09:00", 360),
                                   block("UTC", "2027-01-11", "09:00", 360),
                                   block("UTC", "2027-01-12", "09:00", 360),
                                   block("UTC", "2027-01-13", "09:00", 360)})
                  .task("b1", TaskKind::analysis, "Analyze c", 6)
                  .planned("Bob", {block("UTC", "2027-01-04", "09:00", 360)})
                  .plan("2027-01-04", "2027-01-13")
                  .total_hours(36)
                  .build();
  p.plan.now = instant("2027-01-06T00:00:00Z");
  p.tasks[0].spent_hours = 11;
  p.work_log = {{"a1", "Ada", day("2027-01-04"), 6, {}}, {"a1", "Ada", day("2027-01-05"), 5, {}}};
  return p;
}

TEST(WorkloadTest, CapacityPlannedAndDonePerPersonAndWeek) {
  const Project p = sample();
  const Workload load(p);
  ASSERT_EQ(load.people(), (std::vector<std::string>{"Ada", "Bob"}));
  EXPECT_EQ(load.first_week(), day("2027-01-04"));
  ASSERT_EQ(load.weeks(), 2);
  // Whole weeks by the working-time rule: the holiday and Bob's time off out.
  const auto rules = working_times(p.team, p.holidays, p.time_off);
  for (int person = 0; person < 2; ++person) {
    const auto weekly = rules[static_cast<std::size_t>(person)].weekly_capacity_minutes(
        day("2027-01-04"), day("2027-01-17"));
    EXPECT_EQ(load.capacity_minutes(person, 0), weekly[0]);
    EXPECT_EQ(load.capacity_minutes(person, 1), weekly[1]);
  }
  EXPECT_EQ(load.capacity_minutes(0, 0), 4 * 360);
  EXPECT_EQ(load.capacity_minutes(1, 1), 3 * 360);
  EXPECT_EQ(load.planned_minutes(0, 0), 4 * 360);  // the done task's blocks count
  EXPECT_EQ(load.planned_minutes(0, 1), 3 * 360);
  EXPECT_EQ(load.planned_minutes(1, 0), 360);
  EXPECT_EQ(load.planned_minutes(1, 1), 0);
  EXPECT_EQ(load.future_minutes(0, 0), 2 * 360);  // not the done task's
  EXPECT_EQ(load.done_hours(0, 0), 11);
  EXPECT_EQ(load.finish(0), day("2027-01-13"));
  EXPECT_EQ(load.finish(1), day("2027-01-04"));
}

TEST(WorkloadTest, BurnupScopeDoneAndProjectedLine) {
  Project p = sample();
  // A topic added since: the scope recorded by the first plan was smaller.
  p.scope_history = {{instant("2027-01-01T00:00:00Z"), 20}};
  p.plan.now = instant("2027-01-11T00:00:00Z");  // the first week is over
  const auto weeks = burnup(p, Workload(p));
  ASSERT_EQ(weeks.size(), 2u);
  // Scope now: the done task's hours recorded, plus the others' hours left.
  EXPECT_EQ(scope_hours(p), 11 + 30 + 6);
  EXPECT_EQ(weeks[0].scope_hours, 20);  // as recorded then
  EXPECT_EQ(weeks[1].scope_hours, 47);
  EXPECT_EQ(weeks[0].done_hours, 11);
  EXPECT_EQ(weeks[1].done_hours, 11);
  EXPECT_EQ(weeks[0].planned_done_hours, 11);  // a past week: what was done
  // Recorded before now, plus the plan's work to come (not history, not done).
  EXPECT_EQ(weeks[1].planned_done_hours, 11 + (2 + 3) * 6 + 6);
}

}  // namespace
}  // namespace rplan::model
