// Re-planning from now: what the past keeps (history), the work left of
// in-progress tasks, done tasks' dates and people, and slipped tasks.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "planner/schedule/scheduler.hpp"
#include "schedule_fixtures.hpp"

namespace rplan::schedule {
namespace {

using model::TaskKind;
using model::TaskStatus;
using testing::at;
using testing::date;
using testing::describe;
using testing::person;
using testing::ProjectBuilder;
using testing::task;

// Monday 2026-12-07 is the first day of the previous plan in these tests.
model::WorkBlock utc_block(const char* day, const char* clock, int minutes, int sequence = 0) {
  return rplan::testing::block("UTC", day, clock, minutes, sequence);
}

Options from_now(const char* rfc3339) {
  Options o;
  o.from_now = at(rfc3339);
  return o;
}

std::vector<bool> history_flags(const model::Task& t) {
  std::vector<bool> flags;
  for (const auto& b : t.blocks) flags.push_back(b.history);
  return flags;
}

TEST(ReplanTest, PlansFromEachPersonsNextWorkingMinute) {
  ProjectBuilder b;
  b.topic("Caching");
  const auto in_utc = b.task(TaskKind::research, 2, "ana");
  const auto in_berlin = b.task(TaskKind::research, 2, "ber");
  const auto in_tokyo = b.task(TaskKind::research, 2, "tok");
  b.team({person("ana"), person("ber", 6, "Europe/Berlin"), person("tok", 6, "Asia/Tokyo")});
  auto& p = b.project();
  make_plan(p, from_now("2026-12-09T11:20:30Z"));  // a Wednesday
  // Whole minutes from the day's start on; Tokyo's day is over (20:20 there).
  EXPECT_EQ(describe(task(p, in_utc)), "ana 2026-12-09 11:21+120");
  EXPECT_EQ(describe(task(p, in_berlin)), "ber 2026-12-09 12:21+120");
  EXPECT_EQ(describe(task(p, in_tokyo)), "tok 2026-12-10 09:00+120");
  EXPECT_EQ(p.plan.now, at("2026-12-09T11:20:30Z"));
  EXPECT_EQ(p.plan.start, date("2026-12-09"));
  EXPECT_EQ(p.plan.finish, date("2026-12-10"));

  // The plan's start is the earliest local date anyone on the team has then.
  b.team({person("ana"), person("lax", 6, "America/Los_Angeles")});
  make_plan(p, from_now("2026-12-09T02:10:00Z"));  // 18:10 on Tuesday in Los Angeles
  EXPECT_EQ(p.plan.start, date("2026-12-08"));
}

TEST(ReplanTest, KeepsThePastOfAnInProgressTaskAndPlansTheHoursLeft) {
  ProjectBuilder b;
  b.topic("Caching");
  const auto id = b.task(TaskKind::research, 12);
  b.team({person("ana")});
  auto& t = b.project().tasks[0];
  t.status = TaskStatus::in_progress;
  t.spent_hours = 5;
  t.started_by = "ana";
  rplan::testing::plan(
      t, "ana",
      {utc_block("2026-12-07", "09:00", 360, 2), utc_block("2026-12-08", "09:00", 360, 1)});
  auto& p = b.project();
  make_plan(p, from_now("2026-12-08T11:00:00Z"));
  const auto& after = task(p, id);
  // Monday kept, Tuesday's block cut at now, then 7 hours (12 - 5) from now on.
  EXPECT_EQ(describe(after),
            "ana 2026-12-07 09:00+360, 2026-12-08 09:00+120, 2026-12-08 11:00+240, "
            "2026-12-09 09:00+180");
  EXPECT_EQ(history_flags(after), (std::vector<bool>{true, true, false, false}));
  EXPECT_EQ(after.blocks[0].sequence, 2);
  EXPECT_EQ(after.blocks[1].sequence, 1);
  EXPECT_EQ(after.start, at("2026-12-07T09:00:00Z"));
  EXPECT_EQ(after.finish, at("2026-12-09T12:00:00Z"));
  EXPECT_DOUBLE_EQ(p.plan.total_hours, 7);
  EXPECT_FALSE(after.slipped);
}

TEST(ReplanTest, ADoneTaskKeepsItsWorkUntilItWasDoneAndFinishesThen) {
  ProjectBuilder b;
  b.topic("Caching");
  const auto done = b.task(TaskKind::research, 12);
  const auto next = b.task(TaskKind::analysis, 6);
  b.team({person("ana")});
  auto& d = b.project().tasks[0];
  d.status = TaskStatus::done;
  d.done_at = at("2026-12-08T10:30:00Z");
  d.done_by = "ana";
  rplan::testing::plan(
      d, "ana",
      {utc_block("2026-12-07", "09:00", 360, 3), utc_block("2026-12-08", "09:00", 360, 3)});
  d.depends_on = {"x"};
  auto& p = b.project();
  make_plan(p, from_now("2026-12-09T10:00:00Z"));
  const auto& after = task(p, done);
  EXPECT_EQ(describe(after), "ana 2026-12-07 09:00+360, 2026-12-08 09:00+90");
  EXPECT_EQ(history_flags(after), (std::vector<bool>{true, true}));
  EXPECT_EQ(after.blocks[0].sequence, 3);
  EXPECT_EQ(after.start, at("2026-12-07T09:00:00Z"));
  EXPECT_EQ(after.finish, at("2026-12-08T10:30:00Z"));
  EXPECT_EQ(after.depends_on, (std::vector<std::string>{"x"}));  // left as it was
  EXPECT_EQ(describe(task(p, next)), "ana 2026-12-09 10:00+300, 2026-12-10 09:00+60");
  EXPECT_DOUBLE_EQ(p.plan.total_hours, 6);
}

TEST(ReplanTest, ATaskDoneBeforeItsPlannedWorkKeepsWhoFinishedIt) {
  ProjectBuilder b;
  b.topic("Caching");
  const auto done = b.task(TaskKind::research, 6);
  b.team({person("ana"), person("bo")});
  auto& d = b.project().tasks[0];
  d.status = TaskStatus::done;
  d.done_at = at("2026-12-08T14:00:00Z");
  d.done_by = "bo";
  rplan::testing::plan(d, "ana", {utc_block("2026-12-10", "09:00", 360)});
  auto& p = b.project();
  make_plan(p, from_now("2026-12-09T10:00:00Z"));
  const auto& after = task(p, done);
  EXPECT_EQ(describe(after), "bo");
  EXPECT_EQ(after.start, at("2026-12-08T14:00:00Z"));
  EXPECT_EQ(after.finish, at("2026-12-08T14:00:00Z"));
  EXPECT_TRUE(p.plan.unassigned.empty());
}

TEST(ReplanTest, AnInProgressTaskStaysWithWhoeverStartedIt) {
  ProjectBuilder b;
  b.topic("Caching");
  const auto started = b.task(TaskKind::research, 8);
  const auto open = b.task(TaskKind::research, 6);
  b.team({person("ana"), person("bo")});
  auto& t = b.project().tasks[0];
  t.status = TaskStatus::in_progress;
  t.spent_hours = 2;
  t.started_by = "bo";  // planned for Ana, but Bo recorded the hours
  rplan::testing::plan(t, "ana", {utc_block("2026-12-07", "09:00", 360)});
  auto& p = b.project();
  make_plan(p, from_now("2026-12-08T09:00:00Z"));
  const auto& after = task(p, started);
  EXPECT_EQ(describe(after), "bo 2026-12-07 09:00+360, 2026-12-08 09:00+360");
  EXPECT_EQ(after.blocks[0].assignee, "ana");  // Ana's planned Monday stays hers
  EXPECT_EQ(after.blocks[1].assignee, "");
  EXPECT_EQ(model::block_person(after, after.blocks[0]), "ana");
  EXPECT_EQ(describe(task(p, open)), "ana 2026-12-08 09:00+360");
}

TEST(ReplanTest, AnInProgressTaskMovesWhenItsPersonCannotTakeIt) {
  struct Case {
    const char* what;
    std::vector<model::Assignee> team;
    std::string pinned;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {"left the team", {person("cy")}, "", "cy 2026-12-07 09:00+360, 2026-12-08 09:00+360"},
      {"pinned elsewhere",
       {person("ana"), person("cy")},
       "cy",
       "cy 2026-12-07 09:00+360, 2026-12-08 09:00+360"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    ProjectBuilder b;
    b.topic("Caching");
    b.task(TaskKind::research, 8, c.pinned);
    b.team(c.team);
    auto& t = b.project().tasks[0];
    t.status = TaskStatus::in_progress;
    t.spent_hours = 2;
    t.started_by = "ana";
    rplan::testing::plan(t, "ana", {utc_block("2026-12-07", "09:00", 360)});
    make_plan(b.project(), from_now("2026-12-08T09:00:00Z"));
    const auto& after = b.project().tasks[0];
    EXPECT_EQ(describe(after), c.expected);
    EXPECT_EQ(after.blocks[0].assignee, "ana");
    EXPECT_TRUE(after.blocks[0].history);
  }
}

TEST(ReplanTest, PlansTheExplicitRemainingOrTheMinimumWhenTheHoursReachedTheEstimate) {
  ProjectBuilder b;
  b.topic("Caching");
  const auto explicit_left = b.task(TaskKind::research, 8, "ana");
  const auto overrun = b.task(TaskKind::research, 4, "bo");
  b.team({person("ana"), person("bo")});
  auto& p = b.project();
  p.tasks[0].status = TaskStatus::in_progress;
  p.tasks[0].spent_hours = 1;
  p.tasks[0].remaining_hours = 2;
  p.tasks[1].status = TaskStatus::in_progress;
  p.tasks[1].spent_hours = 5;  // past its estimate of 4
  Options o = from_now("2026-12-08T09:00:00Z");
  o.minimum_remaining_hours = 1.5;
  make_plan(p, o);
  EXPECT_EQ(describe(task(p, explicit_left)), "ana 2026-12-08 09:00+120");
  EXPECT_EQ(describe(task(p, overrun)), "bo 2026-12-08 09:00+90");
  EXPECT_EQ(p.plan.at_minimum, (std::vector<std::string>{overrun}));
  EXPECT_DOUBLE_EQ(p.plan.minimum_remaining_hours, 1.5);
  EXPECT_DOUBLE_EQ(p.plan.total_hours, 3.5);
}

TEST(ReplanTest, AnOpenTaskWhosePlannedWorkPassedWithNoHoursHasSlipped) {
  ProjectBuilder b;
  b.topic("Caching");
  const auto passed = b.task(TaskKind::research, 6);
  const auto under_way = b.task(TaskKind::research, 6);
  b.team({person("ana"), person("bo")});
  auto& p = b.project();
  rplan::testing::plan(p.tasks[0], "ana", {utc_block("2026-12-07", "09:00", 360)});
  rplan::testing::plan(p.tasks[1], "bo", {utc_block("2026-12-08", "09:00", 360)});
  make_plan(p, from_now("2026-12-08T12:00:00Z"));
  // Nothing of an open task stays in the past: both are planned from now.
  EXPECT_EQ(describe(task(p, passed)), "ana 2026-12-08 12:00+180, 2026-12-09 09:00+180");
  EXPECT_EQ(describe(task(p, under_way)), "bo 2026-12-08 12:00+180, 2026-12-09 09:00+180");
  EXPECT_TRUE(task(p, passed).slipped);
  EXPECT_FALSE(task(p, under_way).slipped);  // its block had not passed yet
  EXPECT_EQ(p.plan.slipped, (std::vector<std::string>{passed}));
  EXPECT_EQ(history_flags(task(p, passed)), (std::vector<bool>{false, false}));

  // Planned again later, it is slipped no more.
  make_plan(p, from_now("2026-12-08T12:00:00Z"));
  EXPECT_FALSE(task(p, passed).slipped);
  EXPECT_TRUE(p.plan.slipped.empty());
}

TEST(ReplanTest, NobodysNewWorkStartsBeforeTheirHistoryEnds) {
  ProjectBuilder b;
  b.topic("Caching");
  const auto done = b.task(TaskKind::research, 12);
  const auto open = b.task(TaskKind::analysis, 6);
  b.team({person("ana")});
  auto& d = b.project().tasks[0];
  d.status = TaskStatus::done;
  d.done_at = at("2026-12-09T15:00:00Z");
  d.done_by = "ana";
  rplan::testing::plan(
      d, "ana", {utc_block("2026-12-08", "09:00", 360), utc_block("2026-12-09", "09:00", 360)});
  auto& p = b.project();
  Options o;
  o.start = date("2026-12-07");  // planned again from a Monday before it was done
  make_plan(p, o);
  EXPECT_EQ(describe(task(p, done)), "ana 2026-12-08 09:00+360, 2026-12-09 09:00+360");
  EXPECT_EQ(describe(task(p, open)), "ana 2026-12-10 09:00+360");
}

TEST(ReplanTest, WithAStartDateThePastIsTheDaysBeforeIt) {
  ProjectBuilder b;
  b.topic("Caching");
  const auto id = b.task(TaskKind::research, 12);
  b.team({person("ana")});
  auto& t = b.project().tasks[0];
  t.status = TaskStatus::in_progress;
  t.spent_hours = 6;
  t.started_by = "ana";
  rplan::testing::plan(
      t, "ana", {utc_block("2026-12-04", "09:00", 360), utc_block("2026-12-07", "09:00", 360)});
  auto& p = b.project();
  Options o;
  o.start = date("2026-12-07");
  make_plan(p, o);
  EXPECT_EQ(describe(task(p, id)), "ana 2026-12-04 09:00+360, 2026-12-07 09:00+360");
  EXPECT_EQ(history_flags(task(p, id)), (std::vector<bool>{true, false}));
  EXPECT_EQ(p.plan.start, date("2026-12-07"));
}

TEST(ReplanTest, AnInProgressTaskNobodyCanTakeKeepsItsHistory) {
  ProjectBuilder b;
  b.topic("Caching");
  const auto id = b.task(TaskKind::research, 12, "ghost");
  b.team({person("ana")});
  auto& t = b.project().tasks[0];
  t.status = TaskStatus::in_progress;
  t.spent_hours = 6;
  t.started_by = "ana";
  rplan::testing::plan(t, "ana", {utc_block("2026-12-07", "09:00", 360)});
  auto& p = b.project();
  make_plan(p, from_now("2026-12-08T09:00:00Z"));
  const auto& after = task(p, id);
  EXPECT_EQ(p.plan.unassigned, (std::vector<std::string>{id}));
  EXPECT_EQ(after.assignee, "");
  ASSERT_EQ(after.blocks.size(), 1u);
  EXPECT_TRUE(after.blocks[0].history);
  EXPECT_EQ(after.blocks[0].assignee, "ana");
  EXPECT_EQ(after.start, at("2026-12-07T09:00:00Z"));
}

TEST(ReplanTest, WorkStartedIsCarriedOnFirst) {
  ProjectBuilder b;
  b.topic("Caching");
  const auto first = b.task(TaskKind::research, 6);
  b.topic("Queues");
  const auto started = b.task(TaskKind::research, 6);
  b.team({person("ana")});
  auto& p = b.project();
  p.tasks[1].status = TaskStatus::in_progress;
  p.tasks[1].started_by = "ana";
  make_plan(p, from_now("2026-12-07T09:00:00Z"));
  EXPECT_EQ(describe(task(p, started)), "ana 2026-12-07 09:00+360");
  EXPECT_EQ(describe(task(p, first)), "ana 2026-12-08 09:00+360");
}

}  // namespace
}  // namespace rplan::schedule
