#include "planner/model/forecast.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace rplan::model {
namespace {

using util::Date;
constexpr Date day(int d) { return Date{std::chrono::year{2027} / 1 / d}; }

Forecast sample_forecast() {
  Forecast f;
  f.runs = 5;
  f.planned = day(4);
  f.finishes = {day(5), day(5), day(7), day(8), day(8)};
  f.tasks = {{"a", "A", 0.4}, {"b", "B", 0}, {"c", "C", 1}, {"d", "D", 0.4}, {"e", "E", 0.2}};
  return f;
}

TEST(ForecastModelTest, TheCurveHasOnePointPerFinishDateWithTheRunsFinishedByItsEnd) {
  const std::vector<FinishShare> curve = finish_curve(sample_forecast());
  const std::vector<FinishShare> expected = {{day(5), 2, 0.4}, {day(7), 3, 0.6}, {day(8), 5, 1.0}};
  EXPECT_EQ(curve, expected);
  EXPECT_TRUE(finish_curve(Forecast{}).empty());
}

TEST(ForecastModelTest, FinishedByCountsTheRunsDoneByTheEndOfTheDay) {
  const Forecast f = sample_forecast();
  EXPECT_EQ(finished_by(f, day(4)), 0u);
  EXPECT_EQ(finished_by(f, day(5)), 2u);
  EXPECT_EQ(finished_by(f, day(6)), 2u);
  EXPECT_EQ(finished_by(f, day(8)), 5u);
  EXPECT_EQ(finished_by(f, day(20)), 5u);
}

TEST(ForecastModelTest, TheCurveSpansFromTheDayBeforeTheEarliestToTheLatestFinish) {
  Forecast f = sample_forecast();
  EXPECT_EQ(curve_days(f).first, day(3));  // the planned finish is the earliest
  EXPECT_EQ(curve_days(f).last, day(8));
  f.planned = day(10);
  EXPECT_EQ(curve_days(f).first, day(4));
  EXPECT_EQ(curve_days(f).last, day(10));
}

TEST(ForecastModelTest, CriticalTasksComeMostOftenFirstTiesInProjectOrderNeverOnesLeftOut) {
  const std::vector<std::size_t> expected = {2, 0, 3, 4};
  EXPECT_EQ(critical_order(sample_forecast()), expected);
}

}  // namespace
}  // namespace rplan::model
