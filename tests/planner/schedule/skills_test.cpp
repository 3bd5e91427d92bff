#include "planner/schedule/skills.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "schedule_fixtures.hpp"

namespace rplan::schedule {
namespace {

using testing::person;

TEST(SkillsTest, SplitsTextIntoComparableWords) {
  struct Case {
    std::string text;
    Words kind;
    std::vector<std::string> words;
  };
  const std::vector<Case> cases = {
      {"Database Design and Optimization", Words::subject, {"database", "design", "optimization"}},
      {"Databases", Words::tag, {"database"}},
      {"Node.js at scale", Words::subject, {"node", "js", "scale"}},
      {"Building a C compiler for the JVM", Words::subject, {"building", "compiler", "jvm"}},
      {"c", Words::tag, {"c"}},
      {"machine-learning", Words::tag, {"machine", "learning"}},
      {"Kubernetes & access", Words::subject, {"kubernete", "access"}},
      {"Caché ünïcode", Words::subject, {"cach", "code"}},
      {"", Words::tag, {}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(skill_words(c.text, c.kind), c.words);
  }
}

TEST(SkillsTest, MatchesTagsAgainstTheSkillsLineElseTitleAndFocus) {
  auto ana = person("ana");
  ana.skills = {"database", "security"};
  auto bo = person("bo");
  bo.skills = {"machine learning"};
  auto cy = person("cy");
  const SkillIndex index({ana, bo, cy});
  EXPECT_FALSE(index.empty());

  struct Case {
    const char* name;
    model::Topic topic;
    std::vector<int> scores;  // ana, bo, cy
  };
  auto topic = [](std::string title, std::string focus, std::vector<std::string> skills) {
    model::Topic t;
    t.title = std::move(title);
    t.focus = std::move(focus);
    t.skills = std::move(skills);
    return t;
  };
  const std::vector<Case> cases = {
      {"title word", topic("Database Design", "", {}), {1, 0, 0}},
      {"plural in the focus", topic("Storage", "Scaling databases securely", {}), {1, 0, 0}},
      {"two tags", topic("Database security", "", {}), {2, 0, 0}},
      {"every word of a tag", topic("Machine learning pipelines", "", {}), {0, 1, 0}},
      {"not half a tag", topic("Learning Rust", "", {}), {0, 0, 0}},
      {"skills line wins over the title",
       topic("Database Design", "", {"machine learning"}),
       {0, 1, 0}},
      {"no match", topic("Caching", "Redis", {}), {0, 0, 0}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const auto words = index.topic_words(c.topic);
    for (std::size_t p = 0; p < 3; ++p) EXPECT_EQ(index.score(p, words), c.scores[p]) << p;
  }
}

TEST(SkillsTest, KnowsWhoHasEachWord) {
  auto ana = person("ana");
  ana.skills = {"database", "Database"};
  auto bo = person("bo");
  bo.skills = {"databases", "go"};
  const SkillIndex index({ana, bo});
  model::Topic t;
  t.title = "Go database drivers";
  const auto words = index.topic_words(t);
  ASSERT_EQ(words.size(), 2u);
  EXPECT_EQ(index.people_with(words[0]), (std::vector<std::uint32_t>{0, 1}));
  EXPECT_EQ(index.people_with(words[1]), (std::vector<std::uint32_t>{1}));
  EXPECT_EQ(index.score(0, words), 1);  // the same tag twice counts once
  EXPECT_EQ(index.score(1, words), 2);
  EXPECT_TRUE(SkillIndex({person("cy")}).empty());
}

}  // namespace
}  // namespace rplan::schedule
