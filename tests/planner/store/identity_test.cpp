#include "planner/store/identity.hpp"

#include <gtest/gtest.h>

namespace rplan::store {
namespace {

using Matches = std::vector<std::optional<std::size_t>>;

TEST(IdentityTest, MatchesByTextThenByPosition) {
  struct Case {
    const char* name;
    std::vector<StoredPrompt> stored;
    std::vector<std::string> prompts;
    Matches expected;
  };
  const Case cases[] = {
      {"same document", {{"a"}, {"b"}}, {"a", "b"}, {0, 1}},
      {"prompt inserted above moves nothing",
       {{"a"}, {"b"}},
       {"new", "a", "b"},
       {std::nullopt, 0, 1}},
      {"reworded prompt keeps its task", {{"a"}, {"b"}, {"c"}}, {"a", "B!", "c"}, {0, 1, 2}},
      {"removed prompt frees its task", {{"a"}, {"b"}, {"c"}}, {"a", "c"}, {0, 2}},
      {"reordered prompts follow their text", {{"a"}, {"b"}}, {"b", "a"}, {1, 0}},
      {"duplicates match earliest first", {{"x"}, {"x"}}, {"x", "x", "x"}, {0, 1, std::nullopt}},
      {"an archived prompt comes back by text", {{"a"}, {"gone", true}}, {"a", "gone"}, {0, 1}},
      {"archived tasks are not matched by position",
       {{"a"}, {"gone", true}},
       {"a", "other"},
       {0, std::nullopt}},
      {"reworded and inserted", {{"a"}, {"b"}}, {"a", "b2", "c"}, {0, 1, std::nullopt}},
      {"inserted above, reworded and removed below",
       {{"r"}, {"e"}, {"d"}},
       {"m", "r", "e2"},
       {std::nullopt, 0, 1}},
      {"a prompt moved and reworded is new", {{"a"}, {"b"}}, {"b2", "a"}, {std::nullopt, 0}},
      {"rewording stays between its neighbours",
       {{"a"}, {"b"}, {"c"}, {"d"}},
       {"x", "b", "d2"},
       {0, 1, 2}},
      {"new prompt above a reworded one",
       {{"Research brokers"}, {"Document it"}},
       {"Investigate registries", "Research message brokers", "Document it"},
       {std::nullopt, 0, 1}},
      {"two reworded neighbours keep their order",
       {{"Research the first alpha item"}, {"Analyze alpha two thoroughly"}},
       {"Study alpha", "Evaluate two"},
       {0, 1}},
      {"a removed prompt is the least similar one",
       {{"Research Redis"}, {"Analyze eviction"}, {"Compare Memcached"}},
       {"Research Redis clusters", "Compare Memcached and Redis"},
       {0, 2}},
      {"reworded prompts do not swap places, however similar",
       {{"Analyze cache invalidation"}, {"Research Redis"}},
       {"Research Redis clusters", "Analyze cache invalidation patterns"},
       {0, 1}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(match_prompts(c.stored, c.prompts), c.expected);
  }
}

TEST(IdentityTest, UniqueIdPerturbsOnlyOnCollision) {
  const std::string key = task_key("doc.md", "Caching", "Research Redis", 0);
  const std::string first =
      unique_id(key, k_task_id_length, [](const std::string&) { return false; });
  EXPECT_EQ(first.size(), k_task_id_length);
  const std::string second =
      unique_id(key, k_task_id_length, [&](const std::string& id) { return id == first; });
  EXPECT_NE(first, second);
  EXPECT_EQ(second,
            unique_id(key, k_task_id_length, [&](const std::string& id) { return id == first; }));
}

TEST(IdentityTest, PromptSimilarityIsTheShareOfWordsInCommon) {
  EXPECT_EQ(prompt_similarity("Research Redis caching", "research caching, with REDIS"), 0.75);
  EXPECT_EQ(prompt_similarity("Research brokers", "Compare Kafka and Pulsar"), 0);
  EXPECT_EQ(prompt_similarity("", "anything"), 0);
  EXPECT_GE(prompt_similarity("Analyze queues", "Analyze message queues"), k_same_meaning);
  EXPECT_LT(prompt_similarity("Research caching", "Compare Kafka and Pulsar"), k_same_meaning);
}

}  // namespace
}  // namespace rplan::store
