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

namespace rplan::util {
namespace {

// The formatters write their digits by hand; snprintf is the reference, over
// four centuries of instants, every offset sign, and the years outside
// 0..9999 that take snprintf's path.
TEST(DatesTest, HandWrittenFormatsMatchSnprintf) {
  char ref[96];
  const auto ymd_of = [](Date d) { return std::chrono::year_month_day{d}; };
  for (Date day = *parse_date("1850-01-01"); day < *parse_date("2250-01-01");
       day += std::chrono::days{13}) {
    const auto ymd = ymd_of(day);
    const int y = static_cast<int>(ymd.year());
    const auto m = static_cast<unsigned>(ymd.month()), d = static_cast<unsigned>(ymd.day());
    std::snprintf(ref, sizeof ref, "%04d-%02u-%02u", y, m, d);
    ASSERT_EQ(format_date(day), ref);
    std::snprintf(ref, sizeof ref, "%04d%02u%02u", y, m, d);
    ASSERT_EQ(format_ical_date(day), ref);
    const long long secs = ((day.time_since_epoch().count() * 7919) % 86400 + 86400) % 86400;
    const Instant at = Instant{day} + std::chrono::seconds{secs};
    std::snprintf(ref, sizeof ref, "%04d%02u%02uT%02lld%02lld%02lldZ", y, m, d, secs / 3600,
                  secs / 60 % 60, secs % 60);
    ASSERT_EQ(format_ical_utc(at), ref);
    for (const int offset : {0, 330, -300, 765, -720}) {
      const Instant local = at + std::chrono::minutes{offset};
      const Date local_day = std::chrono::floor<std::chrono::days>(local);
      const auto lymd = ymd_of(local_day);
      const long long ls = (local - local_day).count();
      const int off = offset < 0 ? -offset : offset;
      std::snprintf(ref, sizeof ref, "%04d-%02u-%02uT%02lld:%02lld:%02lld%c%02d:%02d",
                    static_cast<int>(lymd.year()), static_cast<unsigned>(lymd.month()),
                    static_cast<unsigned>(lymd.day()), ls / 3600, ls / 60 % 60, ls % 60,
                    offset < 0 ? '-' : '+', off / 60, off % 60);
      ASSERT_EQ(format_rfc3339(at, offset), ref);
    }
  }
  for (int minutes = 0; minutes < 24 * 60; minutes += 7) {
    std::snprintf(ref, sizeof ref, "%02d:%02d", minutes / 60, minutes % 60);
    ASSERT_EQ(format_clock(minutes), ref);
  }
  const auto day_of = [](int y) { return Date{std::chrono::year{y} / std::chrono::March / 4}; };
  EXPECT_EQ(format_date(day_of(0)), "0000-03-04");
  EXPECT_EQ(format_date(day_of(9999)), "9999-03-04");
  EXPECT_EQ(format_date(day_of(10000)), "10000-03-04");
  EXPECT_EQ(format_date(day_of(-1)), "-001-03-04");
  EXPECT_EQ(format_ical_date(day_of(12345)), "123450304");
}

}  // namespace
}  // namespace rplan::util
