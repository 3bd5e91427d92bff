#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "planner/schedule/graph.hpp"

namespace rplan::schedule {
namespace {

struct PriorityCase {
  const char* name;
  std::vector<int> ordinal;                    // of each task's topic
  std::vector<std::int64_t> minutes;           // of each task
  std::vector<std::vector<std::size_t>> deps;  // of each task
  std::vector<char> done;                      // empty: none
  std::size_t people;
  std::vector<std::uint32_t> order;
};

std::vector<std::uint32_t> order_of(const PriorityCase& c) {
  std::vector<model::Task> tasks(c.ordinal.size());
  for (std::size_t i = 0; i < tasks.size(); ++i) tasks[i].position = static_cast<int>(i) + 1;
  std::vector<char> done = c.done.empty() ? std::vector<char>(tasks.size(), 0) : c.done;
  return priority_order(tasks, c.ordinal, c.deps, invert(c.deps), c.minutes, done, c.people);
}

TEST(PriorityTest, OrdersTasksByTopicAndPullsChainsForward) {
  const std::vector<PriorityCase> cases = {
      {"independent tasks in topic order",
       {0, 1, 2},
       {480, 480, 480},
       {{}, {}, {}},
       {},
       4,
       {0, 1, 2}},
      {"topic ordinal, not the index", {1, 0}, {480, 480}, {{}, {}}, {}, 1, {1, 0}},
      {"a lone person documents each topic before the next",
       {0, 0, 1, 1},
       {480, 240, 480, 240},
       {{}, {0}, {}, {2}},
       {},
       1,
       {0, 1, 2, 3}},
      {"a team documents a topic after the next topic's research",
       {0, 0, 1, 1},
       {480, 240, 480, 240},
       {{}, {0}, {}, {2}},
       {},
       4,
       {0, 2, 1, 3}},
      // due: t0 120; t1 -720, t2 -120, t3 480 (pulled forward by what waits)
      {"a chain in a later topic starts first",
       {0, 1, 1, 1},
       {480, 480, 480, 480},
       {{}, {}, {1}, {2}},
       {},
       4,
       {1, 2, 0, 3}},
      {"done tasks pull nothing forward",
       {0, 1, 1},
       {480, 480, 0},
       {{}, {}, {1}},
       {0, 0, 1},
       1,
       {0, 1, 2}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(order_of(c), c.order);
  }
}

}  // namespace
}  // namespace rplan::schedule
