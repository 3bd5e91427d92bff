#include "planner/model/topic_index.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace rplan::model {
namespace {

TEST(TopicIndexTest, FindsATasksTopicById) {
  std::vector<Topic> topics(3);
  topics[0].id = "aa";
  topics[1].id = "bb";
  topics[2].id = "aa";  // a repeated id: the first topic keeps it
  const TopicIndex index(topics);
  EXPECT_EQ(index.find("bb"), 1u);
  EXPECT_EQ(index.find("aa"), 0u);
  EXPECT_EQ(index.find("cc"), std::nullopt);
  EXPECT_EQ(index.topic("bb"), &topics[1]);
  EXPECT_EQ(index.topic(""), nullptr);
  Task task;
  task.topic_id = "bb";
  EXPECT_EQ(index.topic_of(task), &topics[1]);
  task.topic_id = "gone";
  EXPECT_EQ(index.topic_of(task), nullptr);
}

}  // namespace
}  // namespace rplan::model
