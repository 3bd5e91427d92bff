#include "planner/schedule/scheduler.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "planner/util/error.hpp"
#include "schedule_fixtures.hpp"

namespace rplan::schedule {
namespace {

using model::TaskKind;
using testing::at;
using testing::date;
using testing::describe;
using testing::fingerprint;
using testing::person;
using testing::ProjectBuilder;
using testing::task;

const model::Date k_monday = date("2026-12-07");

Options options(model::Date start = k_monday, model::Strategy strategy = model::Strategy::balanced,
                DocumentingOrder documenting = DocumentingOrder::after_topic) {
  Options o;
  o.start = start;
  o.strategy = strategy;
  o.documenting = documenting;
  return o;
}

TEST(SchedulerTest, StartsOnTheFirstWorkingMorningAndSpansDays) {
  ProjectBuilder b;
  b.topic("Caching");
  const auto t1 = b.task(TaskKind::research, 8);
  b.team({person("ana")});
  make_plan(b.project(), options(date("2026-12-05")));  // a Saturday
  const auto& t = task(b.project(), t1);
  EXPECT_EQ(describe(t), "ana 2026-12-07 09:00+360, 2026-12-08 09:00+120");
  EXPECT_EQ(t.start, at("2026-12-07T09:00:00Z"));
  EXPECT_EQ(t.finish, at("2026-12-08T11:00:00Z"));
  EXPECT_TRUE(t.planned());
  EXPECT_EQ(b.project().plan.finish, date("2026-12-08"));
  EXPECT_EQ(b.project().plan.start, date("2026-12-05"));
}

TEST(SchedulerTest, DocumentingWaitsForItsTopic) {
  ProjectBuilder b;
  b.topic("Caching");
  const auto research = b.task(TaskKind::research, 8);
  const auto analysis = b.task(TaskKind::analysis, 6);
  const auto doc = b.task(TaskKind::documentation, 4);
  b.team({person("ana"), person("bo")});
  make_plan(b.project(), options());
  const auto& p = b.project();
  EXPECT_EQ(describe(task(p, research)), "ana 2026-12-07 09:00+360, 2026-12-08 09:00+120");
  EXPECT_EQ(describe(task(p, analysis)), "bo 2026-12-07 09:00+360");
  EXPECT_EQ(describe(task(p, doc)), "bo 2026-12-08 11:00+240");
  EXPECT_EQ(task(p, doc).depends_on, (std::vector<std::string>{research, analysis}));
  EXPECT_TRUE(task(p, research).depends_on.empty());
}

TEST(SchedulerTest, DocumentingMayStartEarlyWhenConfiguredFree) {
  ProjectBuilder b;
  b.topic("Caching");
  const auto research = b.task(TaskKind::research, 8);
  b.task(TaskKind::analysis, 6);
  const auto doc = b.task(TaskKind::documentation, 4);
  b.team({person("ana"), person("bo")});
  make_plan(b.project(), options(k_monday, model::Strategy::balanced, DocumentingOrder::free));
  const auto& p = b.project();
  EXPECT_TRUE(task(p, doc).depends_on.empty());
  EXPECT_LT(*task(p, doc).start, *task(p, research).finish);
}

TEST(SchedulerTest, ExplicitAfterWaitsEvenWithIdlePeople) {
  ProjectBuilder b;
  b.topic("Caching");
  const auto first = b.task(TaskKind::research, 3);
  const auto second = b.task(TaskKind::research, 1, "", {first});
  b.topic("Queues");
  const auto third = b.task(TaskKind::research, 1, "", {second});
  b.team({person("ana"), person("bo"), person("cy")});
  make_plan(b.project(), options());
  const auto& p = b.project();
  EXPECT_EQ(describe(task(p, first)), "ana 2026-12-07 09:00+180");
  EXPECT_EQ(task(p, second).start, task(p, first).finish);
  EXPECT_EQ(task(p, third).start, task(p, second).finish);
  EXPECT_EQ(task(p, third).depends_on, (std::vector<std::string>{second}));
}

TEST(SchedulerTest, RefusesACycleNamingItsTasks) {
  ProjectBuilder b;
  b.topic("Caching");
  b.task(TaskKind::research, 3, "", {"t2"});
  b.task(TaskKind::research, 3, "", {"t1"});
  b.team({person("ana")});
  try {
    make_plan(b.project(), options());
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_THAT(e.what(), ::testing::HasSubstr("t1 -> t2 -> t1"));
  }
  EXPECT_FALSE(b.project().plan.exists);
  EXPECT_TRUE(b.project().tasks[0].assignee.empty());
}

TEST(SchedulerTest, RefusesAnUnknownTimeZoneNamingThePerson) {
  ProjectBuilder b;
  b.topic("Caching");
  b.task(TaskKind::research, 3);
  b.team({person("ana", 6, "Mars/Olympus_Mons")});
  try {
    make_plan(b.project(), options());
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_THAT(e.what(), ::testing::HasSubstr("ana"));
    EXPECT_THAT(e.what(), ::testing::HasSubstr("Mars/Olympus_Mons"));
  }
}

TEST(SchedulerTest, PinnedTasksGoToTheirPersonOnly) {
  ProjectBuilder b;
  b.topic("Caching");
  const auto t1 = b.task(TaskKind::research, 6, "bo");
  const auto t2 = b.task(TaskKind::research, 6, "bo");
  const auto t3 = b.task(TaskKind::research, 6);
  b.team({person("ana"), person("bo")});
  make_plan(b.project(), options());
  const auto& p = b.project();
  EXPECT_EQ(describe(task(p, t1)), "bo 2026-12-07 09:00+360");
  EXPECT_EQ(describe(task(p, t2)), "bo 2026-12-08 09:00+360");
  EXPECT_EQ(describe(task(p, t3)), "ana 2026-12-07 09:00+360");
}

TEST(SchedulerTest, ReportsATaskPinnedToSomeoneWhoCannotWorkAsUnassigned) {
  struct Case {
    const char* name;
    model::Assignee cy;
    const char* pinned;
  };
  auto no_days = person("cy");
  no_days.workdays = {};
  const std::vector<Case> cases = {
      {"nobody of that name", person("cy"), "zed"},
      {"no workdays", no_days, "cy"},
      {"no hours", person("cy", 0), "cy"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    ProjectBuilder b;
    b.topic("Caching");
    const auto pinned = b.task(TaskKind::research, 6, c.pinned);
    const auto free = b.task(TaskKind::research, 6);
    b.team({person("ana"), c.cy});
    make_plan(b.project(), options());
    const auto& p = b.project();
    EXPECT_EQ(describe(task(p, pinned)), "-");
    EXPECT_FALSE(task(p, pinned).start);
    EXPECT_EQ(p.plan.unassigned, (std::vector<std::string>{pinned}));
    EXPECT_EQ(describe(task(p, free)), "ana 2026-12-07 09:00+360");
    EXPECT_DOUBLE_EQ(p.plan.total_hours, 12);
  }
}

TEST(SchedulerTest, ReportsTasksWaitingForAnUnassignedTaskAsUnassigned) {
  ProjectBuilder b;
  b.topic("Caching");
  const auto research = b.task(TaskKind::research, 6, "zed");
  const auto doc = b.task(TaskKind::documentation, 4);
  b.topic("Queues");
  const auto later = b.task(TaskKind::research, 2, "", {doc});
  const auto other = b.task(TaskKind::research, 2);
  b.team({person("ana")});
  make_plan(b.project(), options());
  const auto& p = b.project();
  EXPECT_EQ(p.plan.unassigned, (std::vector<std::string>{research, doc, later}));
  EXPECT_EQ(describe(task(p, other)), "ana 2026-12-07 09:00+120");
  EXPECT_EQ(task(p, later).depends_on, (std::vector<std::string>{doc}));
}

TEST(SchedulerTest, ReportsEveryTaskUnassignedWithoutATeam) {
  ProjectBuilder b;
  b.topic("Caching");
  b.task(TaskKind::research, 6);
  b.task(TaskKind::documentation, 4);
  make_plan(b.project(), options());
  EXPECT_EQ(b.project().plan.unassigned, (std::vector<std::string>{"t1", "t2"}));
  EXPECT_EQ(b.project().plan.finish, k_monday);
  EXPECT_TRUE(b.project().plan.exists);
}

TEST(SchedulerTest, LeavesDoneTasksAsTheyAreAndCountsThemFinished) {
  ProjectBuilder b;
  b.topic("Caching");
  const auto done = b.task(TaskKind::research, 8);
  const auto doc = b.task(TaskKind::documentation, 4);
  b.team({person("ana"), person("bo")});
  auto& d = b.project().tasks[0];
  d.status = model::TaskStatus::done;
  d.assignee = "zed";
  d.depends_on = {"x"};
  d.start = at("2026-11-30T09:00:00Z");  // work done before the plan's start
  d.finish = at("2026-11-30T10:00:00Z");
  model::WorkBlock old;
  old.date = date("2026-11-30");
  old.start_minute = 540;
  old.minutes = 60;
  old.utc_start = *d.start;
  old.utc_end = *d.finish;
  old.sequence = 3;
  d.blocks = {old};
  const model::Task before = d;
  make_plan(b.project(), options());
  const auto& p = b.project();
  const auto& after = task(p, done);
  EXPECT_EQ(after.assignee, before.assignee);
  EXPECT_EQ(after.depends_on, before.depends_on);
  EXPECT_EQ(after.start, before.start);
  EXPECT_EQ(after.finish, before.finish);
  ASSERT_EQ(after.blocks.size(), 1u);
  EXPECT_EQ(after.blocks[0].sequence, 3);
  EXPECT_EQ(describe(task(p, doc)), "ana 2026-12-07 09:00+240");
  EXPECT_DOUBLE_EQ(p.plan.total_hours, 4);
  EXPECT_EQ(p.plan.finish, k_monday);  // done work does not count
}

TEST(SchedulerTest, DropsTheBlocksADoneTaskHasFromThePlansStartOn) {
  ProjectBuilder b;
  b.topic("Caching");
  const auto done = b.task(TaskKind::research, 8);
  b.task(TaskKind::analysis, 6);
  b.team({person("ana")});
  auto& d = b.project().tasks[0];
  d.status = model::TaskStatus::done;
  d.assignee = "ana";
  for (const char* day :
       {"2026-12-04", "2026-12-07"}) {  // a Friday before, the Monday of the start
    model::WorkBlock block;
    block.date = date(day);
    block.start_minute = 540;
    block.minutes = 240;
    block.utc_start = at((std::string(day) + "T09:00:00Z").c_str());
    block.utc_end = block.utc_start + std::chrono::minutes{240};
    d.blocks.push_back(block);
  }
  make_plan(b.project(), options());
  const auto& after = task(b.project(), done);
  ASSERT_EQ(after.blocks.size(), 1u) << "the Monday block was never worked";
  EXPECT_EQ(after.blocks[0].date, date("2026-12-04"));
  EXPECT_EQ(after.finish, at("2026-12-04T13:00:00Z"));
  // The freed Monday goes to the open task: nobody works on two things at once.
  EXPECT_EQ(describe(b.project().tasks[1]), "ana 2026-12-07 09:00+360");
}

TEST(SchedulerTest, PrefersSkilledPeopleWhoFinishAboutAsEarly) {
  struct Case {
    const char* name;
    double bo_busy_hours;  // pinned work bo has first
    std::string assignee;
  };
  const std::vector<Case> cases = {
      {"same finish: skills break the tie", 0, "bo"},
      {"two hours later, within half a day", 2, "bo"},
      {"a day later, beyond half a day", 6, "ana"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    ProjectBuilder b;
    b.topic("Caching");
    if (c.bo_busy_hours > 0) b.task(TaskKind::research, c.bo_busy_hours, "bo");
    b.topic("Database design", "Schema evolution");
    const auto db = b.task(TaskKind::research, 4);
    auto bo = person("bo");
    bo.skills = {"databases"};
    b.team({person("ana"), bo});
    make_plan(b.project(), options());
    EXPECT_EQ(task(b.project(), db).assignee, c.assignee);
  }
}

TEST(SchedulerTest, PrefersTheSkillsLineOverTheTitle) {
  ProjectBuilder b;
  b.topic("Database design", "", {"security"});
  const auto t = b.task(TaskKind::research, 4);
  auto ana = person("ana");
  ana.skills = {"database"};
  auto bo = person("bo");
  bo.skills = {"security"};
  b.team({ana, bo});
  make_plan(b.project(), options());
  EXPECT_EQ(task(b.project(), t).assignee, "bo");
}

TEST(SchedulerTest, BalancesTheLoadOfAUniformTeam) {
  ProjectBuilder b;
  b.topic("Caching");
  for (int i = 0; i < 20; ++i) b.task(TaskKind::research, 6);
  b.team({person("ana"), person("bo"), person("cy"), person("di")});
  make_plan(b.project(), options());
  std::map<std::string, int> tasks_of;
  for (const auto& t : b.project().tasks) ++tasks_of[t.assignee];
  EXPECT_EQ(tasks_of, (std::map<std::string, int>{{"ana", 5}, {"bo", 5}, {"cy", 5}, {"di", 5}}));
  EXPECT_EQ(b.project().plan.finish, date("2026-12-11"));
}

TEST(SchedulerTest, GivesWorkToWhoeverFinishesFirstInAMixedTeam) {
  ProjectBuilder b;
  b.topic("Caching");
  const auto t1 = b.task(TaskKind::research, 8);
  const auto t2 = b.task(TaskKind::research, 8);
  auto slow = person("ana", 2);
  auto fast = person("bo", 8);
  auto ny = person("cy", 8, "America/New_York");  // 09:00 in New York is 14:00 UTC
  b.team({slow, fast, ny});
  make_plan(b.project(), options());
  EXPECT_EQ(describe(task(b.project(), t1)), "bo 2026-12-07 09:00+480");
  EXPECT_EQ(describe(task(b.project(), t2)), "cy 2026-12-07 09:00+480");
}

TEST(SchedulerTest, RoundRobinTakesTurnsInNameOrder) {
  ProjectBuilder b;
  b.topic("Caching");
  for (int i = 0; i < 7; ++i) b.task(TaskKind::research, 1);
  b.project().tasks[3].pinned_assignee = "cy";
  auto idle = person("dee");
  idle.workdays = {};
  b.team({person("cy"), person("ana"), idle, person("bo")});
  make_plan(b.project(), options(k_monday, model::Strategy::round_robin));
  std::vector<std::string> assignees;
  for (const auto& t : b.project().tasks) assignees.push_back(t.assignee);
  // The pinned fourth task goes to cy out of turn.
  EXPECT_EQ(assignees, (std::vector<std::string>{"ana", "bo", "cy", "cy", "ana", "bo", "cy"}));
  EXPECT_EQ(b.project().plan.strategy, model::Strategy::round_robin);
  EXPECT_EQ(describe(b.project().tasks[6]), "cy 2026-12-07 11:00+60");
}

TEST(SchedulerTest, KeepsLocalNineOClockAcrossDaylightSaving) {
  struct Case {
    const char* zone;
    const char* start;
    const char* friday_utc;
    const char* monday_utc;
  };
  const std::vector<Case> cases = {
      {"Europe/Berlin", "2027-03-26", "20270326T080000Z", "20270329T070000Z"},
      {"America/New_York", "2027-03-12", "20270312T140000Z", "20270315T130000Z"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.zone);
    ProjectBuilder b;
    b.topic("Caching");
    b.task(TaskKind::research, 9);
    b.team({person("ana", 6, c.zone)});
    make_plan(b.project(), options(date(c.start)));
    const auto& t = b.project().tasks[0];
    ASSERT_EQ(t.blocks.size(), 2u);
    EXPECT_EQ(t.blocks[0].start_minute, 540);
    EXPECT_EQ(t.blocks[1].start_minute, 540);
    EXPECT_EQ(util::format_ical_utc(t.blocks[0].utc_start), c.friday_utc);
    EXPECT_EQ(util::format_ical_utc(t.blocks[1].utc_start), c.monday_utc);
  }
}

TEST(SchedulerTest, AvoidsHolidaysAndTimeOff) {
  ProjectBuilder b;
  b.topic("Caching");
  const auto t1 = b.task(TaskKind::research, 12, "ana");
  b.team({person("ana")});
  b.holiday("2026-12-08").time_off("ana", "2026-12-09", "2026-12-10");
  make_plan(b.project(), options());
  EXPECT_EQ(describe(task(b.project(), t1)), "ana 2026-12-07 09:00+360, 2026-12-11 09:00+360");
}

TEST(SchedulerTest, FillsThePlanSummaryAndLeavesSequencesAlone) {
  ProjectBuilder b;
  b.topic("Caching");
  b.task(TaskKind::research, 8);
  b.task(TaskKind::research, 2.5, "zed");
  b.task(TaskKind::documentation, 4);
  b.team({person("ana")});
  auto& p = b.project();
  p.plan.created_at = at("2026-01-01T00:00:00Z");
  p.tasks[0].sequence = 7;
  model::WorkBlock old;
  old.sequence = 4;
  p.tasks[0].blocks = {old, old, old};
  make_plan(p, options(k_monday, model::Strategy::balanced, DocumentingOrder::free));
  EXPECT_TRUE(p.plan.exists);
  EXPECT_EQ(p.plan.start, k_monday);
  EXPECT_EQ(p.plan.finish, date("2026-12-08"));
  EXPECT_EQ(p.plan.strategy, model::Strategy::balanced);
  EXPECT_DOUBLE_EQ(p.plan.total_hours, 14.5);
  EXPECT_EQ(p.plan.unassigned, (std::vector<std::string>{"t2"}));
  EXPECT_EQ(p.plan.created_at, at("2026-01-01T00:00:00Z"));
  EXPECT_EQ(p.tasks[0].sequence, 7);
  ASSERT_EQ(p.tasks[0].blocks.size(), 2u);
  EXPECT_EQ(p.tasks[0].blocks[0].sequence, 4);
  EXPECT_EQ(p.tasks[0].blocks[1].sequence, 4);
  EXPECT_EQ(p.tasks[2].blocks[0].sequence, 0);
}

TEST(SchedulerTest, RoundsEstimatesToWholeMinutes) {
  struct Case {
    double hours;
    int minutes;
  };
  const std::vector<Case> cases = {{1.0 / 3, 20}, {0.0125, 1}, {0.004, 0}, {-2, 0}, {2.5, 150}};
  for (const auto& c : cases) {
    SCOPED_TRACE(c.hours);
    ProjectBuilder b;
    b.topic("Caching");
    b.task(TaskKind::research, c.hours);
    b.team({person("ana")});
    make_plan(b.project(), options());
    const auto& t = b.project().tasks[0];
    int minutes = 0;
    for (const auto& block : t.blocks) minutes += block.minutes;
    EXPECT_EQ(minutes, c.minutes);
    EXPECT_EQ(t.assignee, "ana");  // even a task of no time gets someone
    EXPECT_EQ(t.start, at("2026-12-07T09:00:00Z"));
  }
}

TEST(SchedulerTest, PlansTheSameWhateverTheTeamOrderAndRun) {
  auto build = [](std::vector<model::Assignee> team) {
    ProjectBuilder b;
    for (int topic = 0; topic < 30; ++topic) {
      b.topic("Topic " + std::to_string(topic), "databases and security");
      b.task(TaskKind::research, 3 + topic % 5);
      b.task(TaskKind::analysis, 2 + topic % 3);
      b.task(TaskKind::documentation, 1 + topic % 4);
    }
    b.project().team = std::move(team);  // as given, not sorted
    return b;
  };
  auto ana = person("ana", 6, "Europe/Berlin");
  ana.skills = {"security"};
  auto bo = person("bo", 7.5, "America/New_York");
  auto cy = person("cy", 4);
  cy.workdays = {true, true, true, true, false, false, false};
  auto b1 = build({ana, bo, cy});
  auto b2 = build({cy, ana, bo});
  auto b3 = build({ana, bo, cy});
  make_plan(b1.project(), options());
  make_plan(b2.project(), options());
  make_plan(b3.project(), options());
  make_plan(b3.project(), options());  // planning an already planned project
  EXPECT_EQ(fingerprint(b1.project()), fingerprint(b2.project()));
  EXPECT_EQ(fingerprint(b1.project()), fingerprint(b3.project()));
}

}  // namespace
}  // namespace rplan::schedule
