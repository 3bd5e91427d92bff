#include "planner/util/dates.hpp"

#include <gtest/gtest.h>

namespace rplan::util {
namespace {

TEST(DatesTest, ParsesOnlyRealIsoDates) {
  EXPECT_TRUE(parse_date("2026-12-07"));
  EXPECT_TRUE(parse_date("2028-02-29"));
  EXPECT_FALSE(parse_date("2027-02-29"));
  EXPECT_FALSE(parse_date("2026-13-01"));
  EXPECT_FALSE(parse_date("2026-1-01"));
  EXPECT_FALSE(parse_date("07.12.2026"));
  EXPECT_EQ(format_date(*parse_date("2026-12-07")), "2026-12-07");
}

TEST(DatesTest, ParsesClockTimes) {
  EXPECT_EQ(parse_clock("09:00"), 540);
  EXPECT_EQ(parse_clock("9:30"), 570);
  EXPECT_EQ(parse_clock("23:59"), 1439);
  EXPECT_FALSE(parse_clock("24:00"));
  EXPECT_FALSE(parse_clock("09:60"));
  EXPECT_FALSE(parse_clock("0900"));
  EXPECT_EQ(format_clock(545), "09:05");
}

TEST(DatesTest, NextMondayIsStrictlyAfterToday) {
  EXPECT_EQ(format_date(next_monday(*parse_date("2026-11-25"))), "2026-11-30");  // Wednesday
  EXPECT_EQ(format_date(next_monday(*parse_date("2026-11-30"))), "2026-12-07");  // Monday
  EXPECT_EQ(format_date(next_monday(*parse_date("2026-12-06"))), "2026-12-07");  // Sunday
}

TEST(DatesTest, WeekdaysAndIsoWeeks) {
  EXPECT_EQ(weekday_index(*parse_date("2026-12-07")), 0);
  EXPECT_EQ(weekday_index(*parse_date("2026-12-13")), 6);
  EXPECT_EQ(parse_weekday("Tuesday"), 1);
  EXPECT_EQ(parse_weekday("sun"), 6);
  EXPECT_FALSE(parse_weekday("funday"));
  const auto w = iso_week(*parse_date("2027-01-01"));  // a Friday: week 53 of 2026
  EXPECT_EQ(w.year, 2026);
  EXPECT_EQ(w.week, 53);
  EXPECT_EQ(iso_week(*parse_date("2026-12-07")).week, 50);
}

TEST(DatesTest, FormatsAndParsesRfc3339WithOffsets) {
  const Instant utc = Instant{*parse_date("2026-12-07")} + std::chrono::hours{8};
  EXPECT_EQ(format_rfc3339(utc, 60), "2026-12-07T09:00:00+01:00");
  EXPECT_EQ(format_rfc3339(utc, -300), "2026-12-07T03:00:00-05:00");
  EXPECT_EQ(format_rfc3339(utc, 0), "2026-12-07T08:00:00+00:00");
  EXPECT_EQ(parse_rfc3339("2026-12-07T09:00:00+01:00"), utc);
  EXPECT_EQ(parse_rfc3339("2026-12-07T08:00:00Z"), utc);
  EXPECT_FALSE(parse_rfc3339("2026-12-07 08:00"));
  EXPECT_EQ(format_ical_utc(utc), "20261207T080000Z");
  EXPECT_EQ(format_ical_date(*parse_date("2026-12-07")), "20261207");
}

}  // namespace
}  // namespace rplan::util
