#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "planner/schedule/graph.hpp"
#include "planner/schedule/scheduler.hpp"
#include "schedule_fixtures.hpp"

namespace rplan::schedule {
namespace {

using model::TaskKind;
using testing::ProjectBuilder;
using Lists = std::vector<std::vector<std::size_t>>;

// Two topics: t1 research, t2 analysis, t3 documentation | t4 research, t5 documentation,
// t6 documentation.
ProjectBuilder two_topics() {
  ProjectBuilder b;
  b.topic("Caching");
  b.task(TaskKind::research, 8);
  b.task(TaskKind::analysis, 6);
  b.task(TaskKind::documentation, 4);
  b.topic("Queues");
  b.task(TaskKind::research, 8);
  b.task(TaskKind::documentation, 4);
  b.task(TaskKind::documentation, 4);
  return b;
}

TEST(DependenciesTest, DocumentationWaitsForTheOtherTasksOfItsTopic) {
  auto b = two_topics();
  EXPECT_EQ(dependencies(b.project(), DocumentingOrder::after_topic),
            (Lists{{}, {}, {0, 1}, {}, {3}, {3}}));
}

TEST(DependenciesTest, FreeDocumentingAddsNothing) {
  auto b = two_topics();
  EXPECT_EQ(dependencies(b.project(), DocumentingOrder::free), (Lists{{}, {}, {}, {}, {}, {}}));
}

TEST(DependenciesTest, AddsExplicitAfterSortedWithoutRepeatsIgnoringUnknownIds) {
  auto b = two_topics();
  auto& tasks = b.project().tasks;
  tasks[3].after = {"t2", "nonexistent", "t1", "t2"};
  tasks[2].after = {"t6", "t1"};  // t1 is implied by the topic already
  EXPECT_EQ(dependencies(b.project(), DocumentingOrder::after_topic),
            (Lists{{}, {}, {0, 1, 5}, {0, 1}, {3}, {3}}));
  EXPECT_EQ(dependencies(b.project(), DocumentingOrder::free),
            (Lists{{}, {}, {0, 5}, {0, 1}, {}, {}}));
}

TEST(DependenciesTest, FindsCyclesThroughAfterAndTopicOrder) {
  struct Case {
    const char* name;
    std::vector<std::pair<std::size_t, std::vector<std::string>>> after;
    DocumentingOrder order;
    std::vector<std::string> cycle;
  };
  const std::vector<Case> cases = {
      {"none", {}, DocumentingOrder::after_topic, {}},
      {"explicit pair", {{0, {"t2"}}, {1, {"t1"}}}, DocumentingOrder::free, {"t1", "t2", "t1"}},
      {"research after its own documentation",
       {{0, {"t3"}}},
       DocumentingOrder::after_topic,
       {"t1", "t3", "t1"}},
      {"the same without topic order is fine", {{0, {"t3"}}}, DocumentingOrder::free, {}},
      {"across topics",
       {{3, {"t3"}}, {0, {"t5"}}},
       DocumentingOrder::after_topic,
       {"t1", "t5", "t4", "t3", "t1"}},
      {"itself", {{4, {"t5"}}}, DocumentingOrder::free, {"t5", "t5"}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    auto b = two_topics();
    for (const auto& [task, ids] : c.after) b.project().tasks[task].after = ids;
    EXPECT_EQ(find_cycle(b.project(), c.order), c.cycle);
  }
}

TEST(DependenciesTest, DescribesACycleForPeople) {
  EXPECT_EQ(describe_cycle({"ab", "cd", "ab"}), "ab -> cd -> ab");
}

TEST(DependenciesTest, InvertsToTheTasksThatWait) {
  const Dependents d = invert(Lists{{}, {}, {0, 1}, {0}, {3}});
  EXPECT_EQ(d.offsets, (std::vector<std::uint32_t>{0, 2, 3, 3, 4, 4}));
  EXPECT_EQ(d.targets, (std::vector<std::uint32_t>{2, 3, 2, 4}));
}

TEST(DependenciesTest, FindsALongCycleWithoutRecursing) {
  ProjectBuilder b;
  b.topic("Chain");
  const int n = 200000;
  for (int i = 0; i < n; ++i) b.task(TaskKind::research, 1);
  auto& tasks = b.project().tasks;
  for (int i = 1; i < n; ++i) tasks[i].after = {tasks[i - 1].id};
  EXPECT_TRUE(find_cycle(b.project(), DocumentingOrder::free).empty());
  tasks[0].after = {tasks[n - 1].id};
  EXPECT_EQ(find_cycle(b.project(), DocumentingOrder::free).size(),
            static_cast<std::size_t>(n + 1));
}

}  // namespace
}  // namespace rplan::schedule
