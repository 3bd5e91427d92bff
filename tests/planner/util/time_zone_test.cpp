#include "planner/util/time_zone.hpp"

#include <gtest/gtest.h>

#include "planner/util/error.hpp"

namespace rplan::util {
namespace {

Instant at(const char* rfc3339) { return *parse_rfc3339(rfc3339); }

TEST(TimeZoneTest, KnowsIanaZonesFromTheSystemDatabase) {
  EXPECT_TRUE(is_known_time_zone("UTC"));
  EXPECT_TRUE(is_known_time_zone("Europe/Berlin"));
  EXPECT_TRUE(is_known_time_zone("Asia/Kolkata"));
  EXPECT_FALSE(is_known_time_zone("Mars/Olympus_Mons"));
  EXPECT_FALSE(is_known_time_zone(""));
  EXPECT_THROW(TimeZone("Europe/Atlantis"), InputError);
}

TEST(TimeZoneTest, ConvertsLocalTimesAcrossDaylightSavingChanges) {
  const TimeZone berlin("Europe/Berlin");
  // Friday before and Monday after the spring change (2027-03-28).
  EXPECT_EQ(berlin.to_utc(*parse_date("2027-03-26"), 9 * 60), at("2027-03-26T08:00:00Z"));
  EXPECT_EQ(berlin.to_utc(*parse_date("2027-03-29"), 9 * 60), at("2027-03-29T07:00:00Z"));
  EXPECT_EQ(berlin.offset_minutes(at("2027-03-29T07:00:00Z")), 120);
  // 02:30 does not exist on 2027-03-28: it moves forward by the gap (01:30 UTC).
  EXPECT_EQ(berlin.to_utc(*parse_date("2027-03-28"), 150), at("2027-03-28T01:30:00Z"));
  const TimeZone new_york("America/New_York");
  EXPECT_EQ(new_york.to_utc(*parse_date("2026-12-07"), 9 * 60), at("2026-12-07T14:00:00Z"));
  const TimeZone kolkata("Asia/Kolkata");
  EXPECT_EQ(kolkata.offset_minutes(at("2026-12-07T00:00:00Z")), 330);
}

}  // namespace
}  // namespace rplan::util
