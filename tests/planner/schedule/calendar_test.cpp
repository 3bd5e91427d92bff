#include "planner/schedule/calendar.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "planner/util/error.hpp"
#include "schedule_fixtures.hpp"

namespace rplan::schedule {
namespace {

using testing::at;
using testing::date;
using testing::person;

// A calendar with the clock it needs.
struct Fixture {
  explicit Fixture(const model::Assignee& a, const char* start = "2026-12-07",
                   std::vector<Date> holiday_dates = {}, std::vector<DateRange> off = {})
      : holidays(std::move(holiday_dates)),
        clock(a.timezone, a.day_start, date(start)),
        calendar(a, this->holidays, std::move(off), date(start), clock) {}
  std::vector<Date> holidays;
  LocalClock clock;
  WorkCalendar calendar;
};

std::vector<std::string> first_dates(WorkCalendar& calendar, std::size_t n) {
  std::vector<std::string> out;
  for (std::size_t k = 0; k < n; ++k) {
    const WorkDay* d = calendar.day(k);
    if (d == nullptr) break;
    out.push_back(util::format_date(d->date));
  }
  return out;
}

TEST(WorkCalendarTest, WorksOnWorkdaysFromTheStartOn) {
  struct Case {
    const char* name;
    const char* start;
    std::array<bool, 7> workdays;
    std::vector<std::string> dates;
  };
  const std::array<bool, 7> mon_fri = {true, true, true, true, true, false, false};
  const std::vector<Case> cases = {
      {"monday start",
       "2026-12-07",
       mon_fri,
       {"2026-12-07", "2026-12-08", "2026-12-09", "2026-12-10", "2026-12-11", "2026-12-14"}},
      {"friday start skips the weekend",
       "2026-12-11",
       mon_fri,
       {"2026-12-11", "2026-12-14", "2026-12-15", "2026-12-16", "2026-12-17", "2026-12-18"}},
      {"saturday start waits for monday",
       "2026-12-12",
       mon_fri,
       {"2026-12-14", "2026-12-15", "2026-12-16", "2026-12-17", "2026-12-18", "2026-12-21"}},
      {"four-day week mon-thu",
       "2026-12-07",
       {true, true, true, true, false, false, false},
       {"2026-12-07", "2026-12-08", "2026-12-09", "2026-12-10", "2026-12-14", "2026-12-15"}},
      {"weekends only",
       "2026-12-07",
       {false, false, false, false, false, true, true},
       {"2026-12-12", "2026-12-13", "2026-12-19", "2026-12-20", "2026-12-26", "2026-12-27"}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    auto a = person("ana");
    a.workdays = c.workdays;
    Fixture f(a, c.start);
    EXPECT_EQ(first_dates(f.calendar, 6), c.dates);
  }
}

TEST(WorkCalendarTest, SkipsHolidaysAndTimeOff) {
  struct Case {
    const char* name;
    const char* start;
    std::vector<Date> holidays;
    std::vector<DateRange> off;
    std::vector<std::string> dates;
  };
  const std::vector<Case> cases = {
      {"a holiday",
       "2026-12-07",
       {date("2026-12-08")},
       {},
       {"2026-12-07", "2026-12-09", "2026-12-10"}},
      {"time off thursday to tuesday, across the weekend",
       "2026-12-07",
       {},
       {{date("2026-12-10"), date("2026-12-15")}},
       {"2026-12-07", "2026-12-08", "2026-12-09", "2026-12-16"}},
      {"overlapping and adjacent ranges",
       "2026-12-07",
       {},
       {{date("2026-12-08"), date("2026-12-09")},
        {date("2026-12-10"), date("2026-12-10")},
        {date("2026-12-09"), date("2026-12-11")}},
       {"2026-12-07", "2026-12-14", "2026-12-15"}},
      {"holidays and time off together",
       "2026-12-22",
       {date("2026-12-24"), date("2026-12-25")},
       {{date("2026-12-28"), date("2027-01-01")}},
       {"2026-12-22", "2026-12-23", "2027-01-04"}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    Fixture f(person("ana"), c.start, c.holidays, c.off);
    EXPECT_EQ(first_dates(f.calendar, c.dates.size()), c.dates);
  }
}

TEST(WorkCalendarTest, KeepsTheLocalDayStartAcrossDaylightSavingChanges) {
  struct Case {
    const char* zone;
    const char* friday;
    const char* monday;
    const char* friday_utc;
    const char* monday_utc;
  };
  const std::vector<Case> cases = {
      {"Europe/Berlin", "2027-03-26", "2027-03-29", "2027-03-26T08:00:00Z",
       "2027-03-29T07:00:00Z"},  // spring forward on 2027-03-28
      {"Europe/Berlin", "2026-10-23", "2026-10-26", "2026-10-23T07:00:00Z",
       "2026-10-26T08:00:00Z"},  // fall back on 2026-10-25
      {"America/New_York", "2027-03-12", "2027-03-15", "2027-03-12T14:00:00Z",
       "2027-03-15T13:00:00Z"},  // spring forward on 2027-03-14
      {"America/New_York", "2026-10-30", "2026-11-02", "2026-10-30T13:00:00Z",
       "2026-11-02T14:00:00Z"},  // fall back on 2026-11-01
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.zone) + " " + c.friday);
    Fixture f(person("ana", 6, c.zone), c.friday);
    ASSERT_NE(f.calendar.day(1), nullptr);
    EXPECT_EQ(f.calendar.day(0)->utc_start, at(c.friday_utc));
    EXPECT_EQ(f.calendar.day(1)->date, date(c.monday));
    EXPECT_EQ(f.calendar.day(1)->utc_start, at(c.monday_utc));
    EXPECT_EQ(f.calendar.day(1)->utc_end - f.calendar.day(1)->utc_start, std::chrono::hours{6});

    // A 9-hour task from Friday morning: 6 hours on Friday, 3 on Monday, both at 09:00 local.
    const auto span = f.calendar.fit(Instant::min(), 9 * 60);
    ASSERT_TRUE(span);
    std::vector<model::WorkBlock> blocks;
    f.calendar.blocks(*span, 9 * 60, blocks);
    ASSERT_EQ(blocks.size(), 2u);
    EXPECT_EQ(blocks[0].date, date(c.friday));
    EXPECT_EQ(blocks[1].date, date(c.monday));
    EXPECT_EQ(blocks[0].start_minute, 9 * 60);
    EXPECT_EQ(blocks[1].start_minute, 9 * 60);
    EXPECT_EQ(blocks[0].utc_start, at(c.friday_utc));
    EXPECT_EQ(blocks[1].utc_start, at(c.monday_utc));
    EXPECT_EQ(blocks[0].minutes, 360);
    EXPECT_EQ(blocks[1].minutes, 180);
    EXPECT_EQ(span->finish, at(c.monday_utc) + std::chrono::hours{3});
  }
}

TEST(WorkCalendarTest, FitsWorkIntoWindowsDayByDay) {
  struct Case {
    const char* name;
    Instant from;
    std::int64_t minutes;
    Instant start;
    Instant finish;
    std::vector<int> block_minutes;
  };
  // Mon 2026-12-07, 09:00-15:00 UTC.
  const std::vector<Case> cases = {
      {"within a day",
       Instant::min(),
       120,
       at("2026-12-07T09:00:00Z"),
       at("2026-12-07T11:00:00Z"),
       {120}},
      {"exactly a day",
       Instant::min(),
       360,
       at("2026-12-07T09:00:00Z"),
       at("2026-12-07T15:00:00Z"),
       {360}},
      {"from mid-morning into the next day",
       at("2026-12-07T13:00:00Z"),
       240,
       at("2026-12-07T13:00:00Z"),
       at("2026-12-08T11:00:00Z"),
       {120, 120}},
      {"from the end of a day",
       at("2026-12-07T15:00:00Z"),
       60,
       at("2026-12-08T09:00:00Z"),
       at("2026-12-08T10:00:00Z"),
       {60}},
      {"from the evening",
       at("2026-12-07T20:00:00Z"),
       60,
       at("2026-12-08T09:00:00Z"),
       at("2026-12-08T10:00:00Z"),
       {60}},
      {"from a part minute, on the next whole one",
       at("2026-12-07T10:00:30Z"),
       30,
       at("2026-12-07T10:01:00Z"),
       at("2026-12-07T10:31:00Z"),
       {30}},
      {"over a weekend",
       at("2026-12-11T12:00:00Z"),
       600,
       at("2026-12-11T12:00:00Z"),
       at("2026-12-15T10:00:00Z"),
       {180, 360, 60}},
      {"twenty hours, four days",
       Instant::min(),
       1200,
       at("2026-12-07T09:00:00Z"),
       at("2026-12-10T11:00:00Z"),
       {360, 360, 360, 120}},
      {"zero minutes at the first working minute",
       at("2026-12-07T15:00:00Z"),
       0,
       at("2026-12-08T09:00:00Z"),
       at("2026-12-08T09:00:00Z"),
       {}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    Fixture f(person("ana"));
    const auto span = f.calendar.fit(c.from, c.minutes);
    ASSERT_TRUE(span);
    EXPECT_EQ(span->start, c.start);
    EXPECT_EQ(span->finish, c.finish);
    std::vector<model::WorkBlock> blocks;
    f.calendar.blocks(*span, c.minutes, blocks);
    std::vector<int> lengths;
    for (const auto& b : blocks) lengths.push_back(b.minutes);
    EXPECT_EQ(lengths, c.block_minutes);
    if (!blocks.empty()) {
      EXPECT_EQ(blocks.front().utc_start, c.start);
      EXPECT_EQ(blocks.back().utc_end, c.finish);
    }
  }
}

TEST(WorkCalendarTest, GivesBlocksInLocalTime) {
  auto a = person("kai", 4, "Asia/Kolkata");
  a.day_start = 10 * 60 + 30;
  Fixture f(a);
  const auto span = f.calendar.fit(at("2026-12-07T06:00:00Z"), 210);  // from 11:30 IST
  ASSERT_TRUE(span);
  std::vector<model::WorkBlock> blocks;
  f.calendar.blocks(*span, 210, blocks);
  ASSERT_EQ(blocks.size(), 2u);
  EXPECT_EQ(blocks[0].start_minute, 11 * 60 + 30);
  EXPECT_EQ(blocks[0].minutes, 180);  // until 14:30
  EXPECT_EQ(blocks[1].minutes, 30);
  EXPECT_EQ(blocks[0].utc_offset_minutes(), 330);
  EXPECT_EQ(blocks[1].date, date("2026-12-08"));
  EXPECT_EQ(blocks[1].start_minute, 10 * 60 + 30);
  EXPECT_EQ(blocks[1].utc_start, at("2026-12-08T05:00:00Z"));
}

TEST(WorkCalendarTest, GivesBlocksForASpanFoundByAnIdenticalCalendar) {
  Fixture searched(person("ana"));
  Fixture fresh(person("bo"));  // has not produced a single day yet
  const auto span = searched.calendar.fit(at("2027-01-04T09:00:00Z"), 12 * 60);
  ASSERT_TRUE(span);
  std::vector<model::WorkBlock> from_fresh, from_searched;
  fresh.calendar.blocks(*span, 12 * 60, from_fresh);
  searched.calendar.blocks(*span, 12 * 60, from_searched);
  ASSERT_EQ(from_fresh.size(), 2u);
  for (std::size_t k = 0; k < 2; ++k) {
    EXPECT_EQ(from_fresh[k].date, from_searched[k].date);
    EXPECT_EQ(from_fresh[k].utc_start, from_searched[k].utc_start);
    EXPECT_EQ(from_fresh[k].minutes, 360);
  }
  EXPECT_EQ(from_fresh[1].date, date("2027-01-05"));
}

TEST(WorkCalendarTest, CutsTheWindowAtLocalMidnight) {
  struct Case {
    int day_start;
    double hours;
    int minutes_per_day;
  };
  const std::vector<Case> cases = {
      {9 * 60, 6, 360}, {9 * 60, 7.5, 450}, {20 * 60, 6, 240}, {0, 24, 1440}, {9 * 60, 30, 900},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::to_string(c.day_start) + " + " + std::to_string(c.hours) + "h");
    auto a = person("ana", c.hours);
    a.day_start = c.day_start;
    Fixture f(a);
    EXPECT_EQ(f.calendar.minutes_per_day(), c.minutes_per_day);
  }
}

TEST(WorkCalendarTest, HasNoWorkingTimeWithoutWorkdaysHoursOrFreeDays) {
  auto no_days = person("ana");
  no_days.workdays = {};
  Fixture a(no_days);
  EXPECT_FALSE(a.calendar.has_working_time());
  EXPECT_FALSE(a.calendar.fit(Instant::min(), 60));

  Fixture b(person("bo", 0));
  EXPECT_FALSE(b.calendar.has_working_time());

  Fixture c(person("cy"), "2026-12-07", {}, {{date("2026-01-01"), date("2199-12-31")}});
  EXPECT_FALSE(c.calendar.has_working_time());

  Fixture d(person("di"));
  EXPECT_TRUE(d.calendar.has_working_time());
  EXPECT_FALSE(d.calendar.fit(Instant::min(), std::int64_t{k_horizon_days} * 24 * 60));
}

TEST(WorkCalendarTest, TellsWhetherADayIsWorkable) {
  Fixture f(person("ana"), "2026-12-07", {date("2026-12-25")},
            {{date("2026-12-14"), date("2026-12-15")}});
  struct Case {
    const char* day;
    bool workable;
  };
  const std::vector<Case> cases = {
      {"2026-12-04", false},  // before the start
      {"2026-12-07", true},  {"2026-12-12", false}, {"2026-12-14", false},
      {"2026-12-15", false}, {"2026-12-16", true},  {"2026-12-25", false},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.day);
    EXPECT_EQ(f.calendar.workable(date(c.day)), c.workable);
  }
}

TEST(LocalClockTest, ConvertsLikeTheTimeZone) {
  LocalClock clock("Europe/Berlin", 9 * 60, date("2027-03-01"));
  const util::TimeZone berlin("Europe/Berlin");
  for (int k = -3; k < 60; ++k) {
    const Date d = date("2027-03-01") + std::chrono::days{k};
    SCOPED_TRACE(util::format_date(d));
    EXPECT_EQ(clock.at(d), berlin.to_utc(d, 9 * 60));
    EXPECT_EQ(clock.at(d), berlin.to_utc(d, 9 * 60));  // cached
  }
  LocalClock utc("UTC", 60, date("2027-03-01"));
  EXPECT_EQ(utc.at(date("2027-03-02")), at("2027-03-02T01:00:00Z"));
  EXPECT_THROW(LocalClock("Mars/Olympus_Mons", 0, date("2027-03-01")), InputError);
}

}  // namespace
}  // namespace rplan::schedule
