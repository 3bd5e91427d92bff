#include "planner/model/working_time.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace rplan::model {
namespace {

Date date(const char* iso) { return *util::parse_date(iso); }

Assignee person(std::string name, double hours = 6, int day_start = 9 * 60,
                std::string zone = "UTC") {
  Assignee a;
  a.name = std::move(name);
  a.hours_per_day = hours;
  a.day_start = day_start;
  a.timezone = std::move(zone);
  return a;
}

// Mon 2026-12-07 .. Sun 2026-12-13 is one ISO week; 2026-12-25 is a Friday.
TEST(WorkingTimeTest, TellsWorkingDaysFromWorkdaysHolidaysAndTimeOff) {
  Assignee ana = person("Ana");
  Assignee bo = person("Bo");
  bo.workdays = {false, true, true, true, true, true, false};  // tue..sat
  const std::vector<Holiday> holidays = {{date("2026-12-25"), "Christmas"},
                                         {date("2026-12-08"), "Local feast"}};
  const std::vector<TimeOff> time_off = {{"Ana", date("2026-12-10"), date("2026-12-11"), ""},
                                         {"Bo", date("2026-12-16"), date("2026-12-16"), ""}};
  const WorkingTime a(ana, holidays, time_off);
  const WorkingTime b(bo, holidays, time_off);
  struct Case {
    const char* day;
    bool ana;
    bool bo;
  };
  const std::vector<Case> cases = {
      {"2026-12-07", true, false},   // Monday: not one of Bo's workdays
      {"2026-12-08", false, false},  // a holiday for everyone
      {"2026-12-09", true, true},    //
      {"2026-12-10", false, true},   // Ana's time off, first day
      {"2026-12-11", false, true},   // Ana's time off, last day
      {"2026-12-12", false, true},   // Saturday: Bo works
      {"2026-12-13", false, false},  // Sunday
      {"2026-12-16", true, false},   // Bo's one day off
      {"2026-12-25", false, false},  // holiday on a Friday
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.day);
    EXPECT_EQ(a.working_day(date(c.day)), c.ana);
    EXPECT_EQ(b.working_day(date(c.day)), c.bo);
    EXPECT_EQ(a.window(date(c.day)).has_value(), c.ana);
  }
}

TEST(WorkingTimeTest, GivesTheWindowOfAWorkingDayCutAtMidnight) {
  struct Case {
    const char* what;
    double hours;
    int day_start;
    int start_minute;
    int minutes;
  };
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<Case> cases = {
      {"default", 6, 9 * 60, 9 * 60, 360},
      {"half hours", 7.5, 8 * 60 + 30, 8 * 60 + 30, 450},
      {"rounded to the minute", 6.33, 9 * 60, 9 * 60, 380},
      {"day start near midnight", 6, 23 * 60 + 30, 23 * 60 + 30, 30},
      {"hours longer than the window", 6, 20 * 60, 20 * 60, 240},
      {"a whole day", 24, 0, 0, 1440},
      {"more than 24 hours", 30, 9 * 60, 9 * 60, 900},
      {"day start past the day", 6, 24 * 60 + 5, 24 * 60 - 1, 1},
      {"no hours", 0, 9 * 60, 9 * 60, 0},
      {"negative hours", -2, 9 * 60, 9 * 60, 0},
      {"not a number", nan, 9 * 60, 9 * 60, 0},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    const WorkingTime rule(person("Ana", c.hours, c.day_start), std::vector<Date>{},
                           std::vector<DateRange>{});
    EXPECT_EQ(rule.window(), (WorkingTime::Window{c.start_minute, c.minutes}));
    EXPECT_EQ(rule.has_working_time(), c.minutes > 0);
    const auto monday = rule.window(date("2026-12-07"));
    EXPECT_EQ(monday.has_value(), c.minutes > 0);
    if (monday) {
      EXPECT_EQ(*monday, (WorkingTime::Window{c.start_minute, c.minutes}));
    }
  }
}

TEST(WorkingTimeTest, CountsLocalDatesWhateverTheZone) {
  // The same local dates and windows in any zone: holidays and time off are
  // the person's own dates, and converting to UTC is the scheduler's business.
  const std::vector<Holiday> holidays = {{date("2026-12-08"), ""}};
  for (const char* zone : {"UTC", "Pacific/Kiritimati", "America/Los_Angeles", "Asia/Kolkata"}) {
    SCOPED_TRACE(zone);
    const WorkingTime rule(person("Ana", 8, 9 * 60, zone), holidays, std::vector<TimeOff>{});
    EXPECT_EQ(rule.time_zone(), zone);
    EXPECT_TRUE(rule.working_day(date("2026-12-07")));
    EXPECT_FALSE(rule.working_day(date("2026-12-08")));
    EXPECT_EQ(rule.capacity_minutes(date("2026-12-07"), date("2026-12-13")), 4 * 8 * 60);
  }
}

TEST(WorkingTimeTest, MergesTimeOffAndHolidaysGivenInAnyOrder) {
  const WorkingTime rule(person("Ana"),
                         {date("2026-12-25"), date("2026-12-08"), date("2026-12-25")},
                         {{date("2026-12-14"), date("2026-12-15")},
                          {date("2026-12-10"), date("2026-12-11")},
                          {date("2026-12-12"), date("2026-12-13")},
                          {date("2026-12-20"), date("2026-12-18")}});  // empty: to < from
  EXPECT_EQ(rule.holidays(), (std::vector<Date>{date("2026-12-08"), date("2026-12-25")}));
  EXPECT_EQ(rule.time_off(), (std::vector<DateRange>{{date("2026-12-10"), date("2026-12-15")}}));
  EXPECT_TRUE(rule.working_day(date("2026-12-18")));
  EXPECT_FALSE(rule.working_day(date("2026-12-14")));
}

TEST(WorkingTimeTest, SumsCapacityOverARangeAndPerIsoWeek) {
  const std::vector<Holiday> holidays = {{date("2026-12-25"), ""}};
  const std::vector<TimeOff> off = {{"Ana", date("2026-12-16"), date("2026-12-17"), ""},
                                    {"Someone else", date("2026-12-09"), date("2026-12-09"), ""}};
  const WorkingTime rule(person("Ana", 7.5), holidays, off);
  struct Case {
    const char* from;
    const char* to;
    std::int64_t minutes;
    std::vector<std::int64_t> weeks;
  };
  const std::vector<Case> cases = {
      {"2026-12-07", "2026-12-07", 450, {450}},
      {"2026-12-07", "2026-12-13", 5 * 450, {5 * 450}},
      // Wednesday to the next Wednesday: 3 days, then 2 (Wednesday is off).
      {"2026-12-09", "2026-12-16", 5 * 450, {3 * 450, 2 * 450}},
      // Three weeks: time off Wed-Thu, Christmas on a Friday.
      {"2026-12-07", "2026-12-27", 12 * 450, {5 * 450, 3 * 450, 4 * 450}},
      {"2026-12-12", "2026-12-13", 0, {0}},  // a weekend
      {"2026-12-08", "2026-12-07", 0, {}},   // to before from
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.from) + " to " + c.to);
    EXPECT_EQ(rule.capacity_minutes(date(c.from), date(c.to)), c.minutes);
    EXPECT_DOUBLE_EQ(rule.capacity_hours(date(c.from), date(c.to)), c.minutes / 60.0);
    EXPECT_EQ(rule.weekly_capacity_minutes(date(c.from), date(c.to)), c.weeks);
  }
}

TEST(WorkingTimeTest, BuildsTheTeamsRulesInTheirOrder) {
  const std::vector<Assignee> team = {person("Zoë", 4), person("Ana", 6)};
  const std::vector<Holiday> holidays = {{date("2026-12-08"), ""}};
  const std::vector<TimeOff> off = {{"Ana", date("2026-12-09"), date("2026-12-09"), ""},
                                    {"Gone", date("2026-12-10"), date("2026-12-10"), ""}};
  const auto rules = working_times(team, holidays, off);
  ASSERT_EQ(rules.size(), 2u);
  EXPECT_EQ(rules[0], WorkingTime(team[0], holidays, off));
  EXPECT_EQ(rules[1], WorkingTime(team[1], holidays, off));
  EXPECT_EQ(rules[0].capacity_minutes(date("2026-12-07"), date("2026-12-11")), 4 * 4 * 60);
  EXPECT_EQ(rules[1].capacity_minutes(date("2026-12-07"), date("2026-12-11")), 3 * 6 * 60);
  EXPECT_NE(rules[0], rules[1]);
}

TEST(WorkingTimeTest, HasNoWorkingTimeWithoutAWorkday) {
  Assignee a = person("Ana");
  a.workdays = {};
  const WorkingTime rule(a, std::vector<Date>{}, std::vector<DateRange>{});
  EXPECT_FALSE(rule.has_working_time());
  EXPECT_FALSE(rule.working_day(date("2026-12-07")));
  EXPECT_EQ(rule.capacity_minutes(date("2026-12-07"), date("2026-12-31")), 0);
}

TEST(WorkingTimeTest, RoundsHoursToWholeMinutes) {
  EXPECT_EQ(working_day_minutes(6), 360);
  EXPECT_EQ(working_day_minutes(0.01), 1);  // 0.6 minutes
  EXPECT_EQ(working_day_minutes(0.001), 0);
  EXPECT_EQ(working_day_minutes(25), 1440);
  EXPECT_EQ(working_day_minutes(std::numeric_limits<double>::infinity()), 0);
}

}  // namespace
}  // namespace rplan::model
