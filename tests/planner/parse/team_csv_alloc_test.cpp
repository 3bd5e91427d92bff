// parse_team_csv when memory runs out at each allocation in turn. This binary
// replaces operator new so that the Nth allocation of the calling thread
// throws std::bad_alloc; libcsv's own buffer (C realloc) is not affected, so
// a parser left unfreed by the exception shows as a leak under
// AddressSanitizer's leak checker (scripts/test's second run).

#include <gtest/gtest.h>

#include <cstdlib>
#include <new>

#include "planner/parse/team_csv.hpp"

namespace {
// -1: never fail; N >= 0: the allocation after N more throws.
thread_local long t_allocations_left = -1;
}  // namespace

void* operator new(std::size_t size) {
  if (t_allocations_left >= 0 && t_allocations_left-- == 0) throw std::bad_alloc();
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace rplan::parse {
namespace {

TEST(TeamCsvAllocTest, RunningOutOfMemoryAnywhereLeavesNothingBehind) {
  const std::string text =
      "name,email,hours_per_day,workdays,skills\n"
      "Ada,ada@example.org,6,\"mon,tue\",\"sql,ml\"\n"
      "Bo,bo@example.org,7,\"wed,thu,fri\",streaming\n";
  // Once through first, so that the time zone database is loaded (thousands
  // of allocations that are not the parser's).
  ASSERT_EQ(parse_team_csv(text, "team.csv").size(), 2u);
  int failures = 0;
  for (long n = 0;; ++n) {
    t_allocations_left = n;
    try {
      const auto team = parse_team_csv(text, "team.csv");
      t_allocations_left = -1;
      EXPECT_EQ(team.size(), 2u);
      break;
    } catch (const std::bad_alloc&) {
      t_allocations_left = -1;
      ++failures;
    }
    ASSERT_LT(n, 100000) << "the parse never got through";
  }
  // Some of them inside libcsv's callbacks, where csv_free used to be skipped.
  EXPECT_GT(failures, 10);
}

}  // namespace
}  // namespace rplan::parse
