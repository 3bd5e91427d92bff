// The one thread type: a group never starts more threads than it is given,
// work that gets no thread is the caller's, and failures come back at join()
// in the order the tasks were started. Built under ThreadSanitizer too
// (scripts/test).

#include "planner/util/thread_group.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <latch>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace rplan::util {
namespace {

TEST(ThreadGroupTest, StartsAsManyThreadsAsItIsGivenAndNoMore) {
  std::atomic<int> ran{0};
  ThreadGroup group(2);
  EXPECT_TRUE(group.start([&] { ++ran; }));
  EXPECT_TRUE(group.start([&] { ++ran; }));
  EXPECT_FALSE(group.start([&] { ++ran; }));  // the caller's to do
  EXPECT_EQ(group.size(), 2u);
  group.join();
  EXPECT_EQ(ran, 2);
  EXPECT_EQ(group.size(), 0u);
  // Joined, the group may start as many again.
  EXPECT_TRUE(group.start([&] { ++ran; }));
  group.join();
  EXPECT_EQ(ran, 3);
}

TEST(ThreadGroupTest, AGroupOfNoThreadsLeavesAllTheWorkToTheCaller) {
  bool ran = false;
  ThreadGroup group(0);
  EXPECT_FALSE(group.start([&] { ran = true; }));
  group.join();
  EXPECT_FALSE(ran);
}

TEST(ThreadGroupTest, TasksRunOnThreadsOtherThanTheCallers) {
  const auto caller = std::this_thread::get_id();
  std::vector<std::thread::id> ids(4);
  ThreadGroup group(4);
  for (std::size_t i = 0; i < ids.size(); ++i) {
    ASSERT_TRUE(group.start([&ids, i] { ids[i] = std::this_thread::get_id(); }));
  }
  group.join();
  for (const auto& id : ids) EXPECT_NE(id, caller);
}

TEST(ThreadGroupTest, JoinRethrowsTheFailureOfTheTaskStartedFirst) {
  std::latch second_failed(1);
  ThreadGroup group(3);
  group.start([&] {
    second_failed.wait();  // fails after the second task, in time
    throw std::runtime_error("first");
  });
  group.start([&] {
    second_failed.count_down();
    throw std::runtime_error("second");
  });
  group.start([] {});
  try {
    group.join();
    FAIL() << "join() did not rethrow";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()), "first");
  }
  EXPECT_EQ(group.size(), 0u);
  group.join();  // the failures were handed over once
}

TEST(ThreadGroupTest, DestroyingAGroupJoinsItsThreadsAndDropsTheirFailures) {
  std::atomic<int> finished{0};
  {
    ThreadGroup group(2);
    group.start([&] {
      ++finished;
      throw std::runtime_error("dropped");
    });
    group.start([&] { ++finished; });
  }
  EXPECT_EQ(finished, 2);
}

// Many threads working on shared state through atomics, as the estimate
// work and the export pool do: nothing for ThreadSanitizer to report.
TEST(ThreadGroupTest, ThreadsShareWorkTakenFromOneCounter) {
  constexpr std::size_t k_items = 10000;
  std::vector<int> done(k_items, 0);
  std::atomic<std::size_t> next{0};
  const auto work = [&] {
    for (std::size_t i = next++; i < k_items; i = next++) done[i] += 1;
  };
  ThreadGroup group(4);
  while (group.start(work)) {
  }
  work();  // the caller helps
  group.join();
  for (std::size_t i = 0; i < k_items; ++i) ASSERT_EQ(done[i], 1) << i;
}

}  // namespace
}  // namespace rplan::util
