#include "planner/util/numbers.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace rplan::util {
namespace {

TEST(ParseNumberTest, ReadsDecimalNumbers) {
  const std::pair<const char*, double> cases[] = {
      {"8", 8},   {"0.5", 0.5},  {".5", 0.5},      {"6.0", 6}, {"+2", 2},
      {"-1", -1}, {"1e3", 1000}, {"2.5E-1", 0.25}, {"0", 0},   {"007", 7},
  };
  for (const auto& [text, value] : cases) {
    SCOPED_TRACE(text);
    const auto got = parse_number(text);
    ASSERT_TRUE(got.has_value());
    EXPECT_DOUBLE_EQ(*got, value);
  }
}

TEST(ParseNumberTest, RefusesNanInfinityAndAnythingElse) {
  for (const char* text :
       {"",       " ",   " 8",   "8 ",   "8h",  "nan",      "NaN",  "-nan",  "+nan",
        "nan(1)", "inf", "-inf", "+inf", "INF", "infinity", "0x10", "1e400", "-1e400",
        "1,5",    "--1", "+-1",  "++1",  "+",   "-",        ".",    "e3",    "1e"}) {
    SCOPED_TRACE(std::string("\"") + text + "\"");
    EXPECT_FALSE(parse_number(text).has_value());
  }
}

TEST(NumberRangeTest, ContainsItsBoundsAsSaid) {
  const NumberRange hours{0, 24, NumberRange::LowEnd::excluded};
  EXPECT_FALSE(hours.contains(0));
  EXPECT_TRUE(hours.contains(0.25));
  EXPECT_TRUE(hours.contains(24));
  EXPECT_FALSE(hours.contains(24.01));
  EXPECT_FALSE(hours.contains(-1));
  const NumberRange from_zero{0, 1000};
  EXPECT_TRUE(from_zero.contains(0));
  EXPECT_TRUE(from_zero.contains(1000));
  const NumberRange count{0, 1000, NumberRange::LowEnd::included, NumberRange::Kind::whole};
  EXPECT_TRUE(count.contains(3));
  EXPECT_FALSE(count.contains(2.5));
}

TEST(NumberRangeTest, NanAndInfinityAreInNoRange) {
  const double huge = std::numeric_limits<double>::max();
  for (const NumberRange& range :
       {NumberRange{0, 24, NumberRange::LowEnd::excluded}, NumberRange{-huge, huge},
        NumberRange{0, huge, NumberRange::LowEnd::included, NumberRange::Kind::whole}}) {
    EXPECT_FALSE(range.contains(std::nan("")));
    EXPECT_FALSE(range.contains(-std::nan("")));
    EXPECT_FALSE(range.contains(std::numeric_limits<double>::infinity()));
    EXPECT_FALSE(range.contains(-std::numeric_limits<double>::infinity()));
  }
}

TEST(NumberRangeTest, DescribesItself) {
  EXPECT_EQ((NumberRange{0, 24, NumberRange::LowEnd::excluded}.describe()),
            "a number more than 0 and at most 24");
  EXPECT_EQ((NumberRange{0, 1000}.describe()), "a number from 0 to 1000");
  EXPECT_EQ(
      (NumberRange{0, 1000, NumberRange::LowEnd::included, NumberRange::Kind::whole}.describe()),
      "a whole number from 0 to 1000");
}

}  // namespace
}  // namespace rplan::util
