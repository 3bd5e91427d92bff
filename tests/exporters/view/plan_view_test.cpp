#include "exporters/plan_view.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace rplan::exporters {
namespace {

Date day(const char* iso) { return *util::parse_date(iso); }

model::Assignee person(std::string name, double hours = 6) {
  model::Assignee a;
  a.name = std::move(name);
  a.hours_per_day = hours;
  return a;
}

model::WorkBlock block(const char* date, int minutes) {
  model::WorkBlock b;
  b.date = day(date);
  b.start_minute = 9 * 60;
  b.minutes = minutes;
  b.utc_start = util::Instant{b.date} + std::chrono::minutes{b.start_minute};
  b.utc_end = b.utc_start + std::chrono::minutes{minutes};
  return b;
}

model::Task task(std::string id, std::string topic, std::string assignee,
                 std::vector<model::WorkBlock> blocks) {
  model::Task t;
  t.id = std::move(id);
  t.topic_id = std::move(topic);
  t.assignee = std::move(assignee);
  t.blocks = std::move(blocks);
  return t;
}

// Two topics; Ada and Bo on the team, Cy and Di gone since the plan was made.
// Mon 2026-12-07 .. Fri 2026-12-18: two ISO weeks.
model::Project sample() {
  model::Project p;
  p.team = {person("Ada", 6), person("Bo", 8)};
  p.holidays = {{day("2026-12-17"), "Founders"}, {day("2026-12-10"), "Feast"}};
  p.time_off = {{"Bo", day("2026-12-14"), day("2026-12-15"), ""}};
  p.topics.resize(2);
  p.topics[0].id = "t1";
  p.topics[1].id = "t2";
  p.tasks = {
      task("a", "t1", "Cy", {block("2026-12-07", 120)}),
      task("b", "t1", "Ada", {block("2026-12-07", 360), block("2026-12-08", 60)}),
      task("c", "t2", "", {}),  // nobody could take it
      task("d", "t2", "Di", {block("2026-12-16", 30)}),
      task("e", "gone", "Bo", {block("2026-12-18", 90)}),  // its topic is not in the project
      task("f", "t2", "Cy", {block("2026-12-09", 60)}),
  };
  p.tasks[5].status = model::TaskStatus::done;
  p.plan.exists = true;
  p.plan.start = day("2026-12-07");
  p.plan.finish = day("2026-12-16");
  return p;
}

TEST(PlanViewTest, ListsPeopleInColourOrderWithThoseWhoLeftLast) {
  const model::Project p = sample();
  const PlanView view(p);
  const auto& people = view.people();
  ASSERT_EQ(people.size(), 4u);
  const std::vector<std::string> names = {"Ada", "Bo", "Cy", "Di"};
  for (std::size_t i = 0; i < names.size(); ++i) {
    SCOPED_TRACE(names[i]);
    EXPECT_EQ(people[i].name, names[i]);
    EXPECT_EQ(people[i].colour, i);
    EXPECT_EQ(people[i].rgb(), k_palette[i]);
    EXPECT_EQ(view.person(names[i]), static_cast<int>(i));
    EXPECT_EQ(people[i].assignee != nullptr, i < 2);
    EXPECT_EQ(people[i].working_time.has_value(), i < 2);
  }
  EXPECT_EQ(people[0].assignee, &p.team[0]);
  EXPECT_EQ(view.person("Nobody"), -1);
  EXPECT_EQ(view.person(""), -1);
  EXPECT_EQ(view.person_of(p.tasks[2]), -1);  // not planned
  EXPECT_EQ(view.person_of(p.tasks[3]), 3);
}

TEST(PlanViewTest, RepeatsThePaletteForALargeTeam) {
  model::Project p;
  for (int i = 0; i < 14; ++i) p.team.push_back(person("p" + std::to_string(100 + i)));
  const PlanView view(p);
  ASSERT_EQ(view.people().size(), 14u);
  EXPECT_EQ(view.people()[11].colour, 11u);
  EXPECT_EQ(view.people()[12].colour, 0u);
  EXPECT_EQ(view.people()[13].rgb(), k_palette[1]);
}

TEST(PlanViewTest, GroupsTasksByTopicWithTheUnknownTopicLast) {
  const model::Project p = sample();
  const PlanView view(p);
  ASSERT_EQ(view.group_count(), 3u);
  const auto tasks_of = [&](std::size_t g) {
    const auto span = view.group_tasks(g);
    return std::vector<std::uint32_t>(span.begin(), span.end());
  };
  EXPECT_EQ(tasks_of(0), (std::vector<std::uint32_t>{0, 1}));
  EXPECT_EQ(tasks_of(1), (std::vector<std::uint32_t>{2, 3, 5}));
  EXPECT_EQ(tasks_of(2), (std::vector<std::uint32_t>{4}));
  EXPECT_EQ(view.group_topic(1), &p.topics[1]);
  EXPECT_EQ(view.group_topic(2), nullptr);
  EXPECT_EQ(view.group_of(5), 1u);
  EXPECT_EQ(view.group_of(4), 2u);
  EXPECT_EQ(view.topic_index().topic_of(p.tasks[3]), &p.topics[1]);
}

TEST(PlanViewTest, KnowsHolidaysAndTheTeamsWorkingDays) {
  model::Project p = sample();
  p.team[1].workdays = {false, false, false, false, false, true, false};  // Bo: Saturdays
  const PlanView view(p);
  EXPECT_EQ(view.holidays(), (std::vector<Date>{day("2026-12-10"), day("2026-12-17")}));
  EXPECT_TRUE(view.is_holiday(day("2026-12-10")));
  EXPECT_EQ(view.holiday_name(day("2026-12-17")), "Founders");
  EXPECT_EQ(view.holiday_name(day("2026-12-11")), "");
  EXPECT_EQ(view.team_works(), (std::array<bool, 7>{true, true, true, true, true, true, false}));
  EXPECT_TRUE(view.team_working_day(day("2026-12-12")));   // a Saturday: Bo works
  EXPECT_FALSE(view.team_working_day(day("2026-12-13")));  // Sunday
  EXPECT_FALSE(view.team_working_day(day("2026-12-10")));  // a holiday

  const PlanView nobody(model::Project{});
  EXPECT_EQ(nobody.team_works(), (std::array<bool, 7>{true, true, true, true, true, false, false}));
  EXPECT_FALSE(nobody.has_days());
  EXPECT_EQ(nobody.weeks(), 0);
}

TEST(PlanViewTest, SpansThePlansDaysWidenedToEveryBlock) {
  const model::Project p = sample();
  const PlanView view(p);
  EXPECT_EQ(view.first_work_day(), day("2026-12-07"));
  EXPECT_EQ(view.last_work_day(), day("2026-12-18"));  // past the plan's finish
  ASSERT_TRUE(view.has_days());
  EXPECT_EQ(view.first_day(), day("2026-12-07"));
  EXPECT_EQ(view.last_day(), day("2026-12-18"));
  EXPECT_EQ(view.first_week(), day("2026-12-07"));
  EXPECT_EQ(view.weeks(), 2);
  EXPECT_EQ(view.week_of(day("2026-12-13")), 0);
  EXPECT_EQ(view.week_of(day("2026-12-14")), 1);

  model::Project earlier = p;  // a done task from before the plan's start
  earlier.tasks[5].blocks = {block("2026-12-02", 60)};
  const PlanView widened(earlier);
  EXPECT_EQ(widened.first_day(), day("2026-12-02"));
  EXPECT_EQ(widened.first_week(), day("2026-11-30"));
  EXPECT_EQ(widened.weeks(), 3);
}

TEST(PlanViewTest, SumsWorkPerPersonAndWeekApartFromDoneWork) {
  const model::Project p = sample();
  const PlanView view(p);
  struct Case {
    int person;
    int week;
    std::int64_t open;
    std::int64_t done;
  };
  const std::vector<Case> cases = {
      {0, 0, 420, 0},  {0, 1, 0, 0}, {1, 0, 0, 0}, {1, 1, 90, 0},
      {2, 0, 120, 60}, {2, 1, 0, 0}, {3, 0, 0, 0}, {3, 1, 30, 0},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::to_string(c.person) + " in week " + std::to_string(c.week));
    EXPECT_EQ(view.open_minutes(c.person, c.week), c.open);
    EXPECT_EQ(view.done_minutes(c.person, c.week), c.done);
  }
  EXPECT_EQ(view.people()[0].open_minutes, 420);
  EXPECT_EQ(view.people()[2].open_minutes, 120);
  EXPECT_EQ(view.people()[2].done_minutes, 60);
  EXPECT_DOUBLE_EQ(view.people()[0].open_hours(), 7.0);
  EXPECT_TRUE(view.people()[3].has_work());
}

// A block of history someone else worked (a task carried on by another
// person) counts for them, and they are among the people of the plan.
TEST(PlanViewTest, CountsHistoryForWhoeverWorkedIt) {
  model::Project p = sample();
  p.tasks[1].blocks[0].history = true;
  p.tasks[1].blocks[0].assignee = "Eve";  // b: Ada carries on Eve's Monday
  const PlanView view(p);
  const int eve = view.person("Eve");
  ASSERT_GE(eve, 0);
  EXPECT_EQ(view.open_minutes(eve, 0), 360);
  EXPECT_EQ(view.open_minutes(view.person("Ada"), 0), 60);
  EXPECT_EQ(view.people()[static_cast<std::size_t>(eve)].assignee, nullptr);  // not on the team
}

TEST(PlanViewTest, CountsCapacityOverThePlansDaysByTheWorkingTimeRule) {
  const model::Project p = sample();
  const PlanView view(p);
  // The plan runs Mon 7 to Wed 16 Dec; Thursday 10 is a holiday, Bo is off
  // on Mon 14 and Tue 15.
  const auto& ada = *view.people()[0].working_time;
  const auto& bo = *view.people()[1].working_time;
  EXPECT_EQ(view.capacity_minutes(0, 0), 4 * 360);
  EXPECT_EQ(view.capacity_minutes(0, 1), 3 * 360);
  EXPECT_EQ(view.capacity_minutes(1, 0), 4 * 480);
  EXPECT_EQ(view.capacity_minutes(1, 1), 1 * 480);
  EXPECT_EQ(view.capacity_minutes(2, 0), 0);  // not on the team
  EXPECT_EQ(view.people()[0].capacity_minutes, ada.capacity_minutes(p.plan.start, p.plan.finish));
  EXPECT_EQ(view.people()[1].capacity_minutes, bo.capacity_minutes(p.plan.start, p.plan.finish));
  EXPECT_EQ(view.people()[3].capacity_minutes, 0);
  for (int w = 0; w < view.weeks(); ++w) {
    EXPECT_EQ(view.team_capacity_minutes(w),
              view.capacity_minutes(0, w) + view.capacity_minutes(1, w));
  }

  model::Project unplanned = p;
  unplanned.plan.exists = false;
  const PlanView none(unplanned);
  EXPECT_EQ(none.people()[0].capacity_minutes, 0);
  EXPECT_EQ(none.team_capacity_minutes(0), 0);
}

}  // namespace
}  // namespace rplan::exporters
