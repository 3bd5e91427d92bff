#include "planner/estimate/estimator.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace rplan::estimate {
namespace {

using model::TaskKind;

TEST(EstimatorTest, ClassifiesByTheLeadingVerb) {
  struct Case {
    std::string prompt;
    TaskKind kind;
  };
  const std::vector<Case> cases = {
      {"Research Node.js performance optimization techniques", TaskKind::research},
      {"Investigate cold starts", TaskKind::research},
      {"Explore CRDTs", TaskKind::research},
      {"Study the Raft paper", TaskKind::research},
      {"Survey vector databases", TaskKind::research},
      {"Analyze API versioning strategies", TaskKind::analysis},
      {"Analyse API versioning strategies", TaskKind::analysis},
      {"Compare Redis and Memcached", TaskKind::analysis},
      {"Evaluate service meshes", TaskKind::analysis},
      {"Assess the migration risk", TaskKind::analysis},
      {"Review the incident reports", TaskKind::analysis},
      {"Benchmark JSON parsers", TaskKind::analysis},
      {"Document API security patterns", TaskKind::documentation},
      {"Write a runbook", TaskKind::documentation},
      {"Summarize the findings", TaskKind::documentation},
      {"Summarise the findings", TaskKind::documentation},
      {"Describe the deployment", TaskKind::documentation},
      {"Draft an ADR", TaskKind::documentation},
      {"Build a prototype", TaskKind::other},
      {"", TaskKind::other},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.prompt);
    EXPECT_EQ(classify(c.prompt), c.kind);
  }
}

TEST(EstimatorTest, ClassifiesIgnoringCaseMarkupAndEmoji) {
  struct Case {
    std::string prompt;
    TaskKind kind;
  };
  const std::vector<Case> cases = {
      {"RESEARCH caching", TaskKind::research},
      {"research caching", TaskKind::research},
      {"  \tResearch caching", TaskKind::research},
      {"**Research** caching", TaskKind::research},
      {"_Analyze_ caching", TaskKind::analysis},
      {"`Document` caching", TaskKind::documentation},
      {"[Compare](https://example.com) caches", TaskKind::analysis},
      {"\xF0\x9F\x94\x8D Research caching", TaskKind::research},              // magnifier emoji
      {"\xE2\x9C\x8D\xEF\xB8\x8F Write the guide", TaskKind::documentation},  // writing hand
      {"\xC2\xA0"
       "Evaluate options",
       TaskKind::analysis},  // no-break space
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.prompt);
    EXPECT_EQ(classify(c.prompt), c.kind);
  }
}

TEST(EstimatorTest, NeedsTheWholeVerbAsTheFirstWord) {
  const std::vector<std::string> prompts = {
      "Researchers' survey habits",  // a longer word
      "Re-search the archive",       // hyphenated
      "Résumé of Research",          // non-ASCII first word
      "The research on caching",     // verb not first
      "Research\xC3\xA9 caching",    // word continues into a non-ASCII letter
      "Исследовать кэширование",     // non-Latin text
      "3 ways to research caching",
  };
  for (const auto& prompt : prompts) {
    SCOPED_TRACE(prompt);
    EXPECT_EQ(classify(prompt), TaskKind::other);
  }
}

TEST(EstimatorTest, CountsTheItemsOfTheLongestEnumeration) {
  struct Case {
    std::string prompt;
    std::size_t items;
  };
  const std::vector<Case> cases = {
      {"Research caching", 1},
      {"", 1},
      {"Compare Redis and Memcached", 2},
      {"Compare Redis or Memcached", 2},
      {"Compare Redis & Memcached", 2},
      {"Research caching including Redis, Memcached, and Hazelcast", 3},
      {"Research caching including Redis, Memcached and Hazelcast", 3},
      {"Research Redis, Memcached, Hazelcast", 3},
      {"Research Redis, Memcached, Hazelcast, Ignite, or Varnish", 5},
      // The "and" of "horizontal and vertical" is a shorter enumeration.
      {"Analyze horizontal and vertical scaling strategies for Node.js applications including "
       "clustering, load balancing, and microservices patterns",
       3},
      // The inner "and" of an Oxford list's last item adds nothing.
      {"Research sharding, replication, and partitioning strategies for PostgreSQL and MongoDB", 3},
      {"Research OAuth 2.0, OpenID Connect, and JWT implementation patterns", 3},
      // Two comma parts without a conjunction are a clause, not a list.
      {"Research caching, focusing on latency", 1},
      {"Research caching, and write it up", 2},
      // Thousands separators are not commas.
      {"Benchmark 1,000,000 inserts", 1},
      {"Benchmark 1,000 and 10,000 inserts", 2},
      // Clause boundaries: ; : ( ) and sentence ends.
      {"Compare three stores: Redis, Memcached and Hazelcast", 3},
      {"Research caching; compare A and B", 2},
      {"Analyze APM (Application Performance Monitoring) tools and custom monitoring solutions", 2},
      {"Compare caches (e.g., Redis, Memcached, and Hazelcast)", 3},
      {"Compare caches, e.g. Redis, Memcached and Hazelcast", 3},
      {"Compare Redis, Memcached, Hazelcast, etc.", 3},
      {"Research caching. Then compare A, B and C.", 3},
      // Nested list items arrive joined as "Prompt: A; B; C".
      {"Compare compression codecs, including: Zstandard; Snappy", 2},
      {"Research caching: Redis; Memcached; Hazelcast", 3},
      {"Research caching including: Redis; Memcached; Hazelcast; Valkey", 4},
      {"Research caching: Redis", 1},
      {"Research caching: Redis, Valkey and KeyDB; Memcached", 3},
      // Without a colon, semicolons only separate clauses.
      {"Research caching; measure it; write it up", 1},
      // Full-width and ideographic commas.
      {"Research Redis\xEF\xBC\x8C Memcached\xEF\xBC\x8C Hazelcast", 3},
      {"Research Redis\xE3\x80\x81Memcached\xE3\x80\x81Hazelcast", 3},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.prompt);
    EXPECT_EQ(count_items(c.prompt), c.items);
  }
}

TEST(EstimatorTest, AddsAnHourForEachItemBeyondTwo) {
  struct Case {
    std::string prompt;
    double likely;
  };
  const Model model;
  const std::vector<Case> cases = {
      {"Research Node.js performance optimization techniques including event loop "
       "optimization, memory management, and CPU profiling",
       9},
      {"Research caching", 8},
      {"Investigate A, B, C, D and E", 11},
      {"Analyze query optimization techniques, indexing strategies, and database performance "
       "monitoring",
       7},
      {"Compare Redis and Memcached", 6},
      {"Document monitoring and debugging tools for Node.js applications", 4},
      {"Write up A, B, C and D", 6},
      {"Research caching: Redis; Memcached; Hazelcast; Valkey", 10},
      {"Build a prototype", 6},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.prompt);
    const model::Estimate e = estimate(c.prompt, model);
    EXPECT_DOUBLE_EQ(e.likely, c.likely);
    EXPECT_DOUBLE_EQ(e.hours, c.likely);
    EXPECT_DOUBLE_EQ(e.optimistic, c.likely * 0.75);
    EXPECT_DOUBLE_EQ(e.pessimistic, c.likely * 1.5);
    EXPECT_FALSE(e.manual);
  }
}

TEST(EstimatorTest, FollowsAConfiguredModel) {
  Model model;
  model.research = 10;
  model.analysis = 5;
  model.documentation = 3;
  model.other = 2;
  model.per_extra_item = 0.5;
  model.free_items = 1;
  model.optimistic_factor = 0.5;
  model.pessimistic_factor = 2;
  struct Case {
    std::string prompt;
    double likely;
  };
  const std::vector<Case> cases = {
      {"Research A, B, and C", 11},  // 10 + 0.5 * (3 - 1)
      {"Analyze A and B", 5.5},
      {"Document A", 3},
      {"Plan A, B, C, D", 3.5},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.prompt);
    const model::Estimate e = estimate(c.prompt, model);
    EXPECT_DOUBLE_EQ(e.likely, c.likely);
    EXPECT_DOUBLE_EQ(e.hours, c.likely);
    EXPECT_DOUBLE_EQ(e.optimistic, c.likely * 0.5);
    EXPECT_DOUBLE_EQ(e.pessimistic, c.likely * 2);
  }
}

TEST(EstimatorTest, GivesNoExtraHoursWithinTheFreeItems) {
  Model model;
  model.free_items = 5;
  EXPECT_DOUBLE_EQ(estimate("Research A, B, C, D and E", model).likely, 8);
  model.free_items = 0;
  EXPECT_DOUBLE_EQ(estimate("Research A", model).likely, 9);
}

TEST(EstimatorTest, EachKindMayHaveItsOwnFactors) {
  Model model;
  model.kind_optimistic[static_cast<std::size_t>(model::TaskKind::research)] = 0.5;
  model.kind_pessimistic[static_cast<std::size_t>(model::TaskKind::research)] = 3;
  model.kind_pessimistic[static_cast<std::size_t>(model::TaskKind::documentation)] = 1.25;
  const model::Estimate research = estimate("Research A", model);
  EXPECT_DOUBLE_EQ(research.optimistic, 4);
  EXPECT_DOUBLE_EQ(research.pessimistic, 24);
  const model::Estimate doc = estimate("Document A", model);
  EXPECT_DOUBLE_EQ(doc.optimistic, 3);  // the common factor, 0.75
  EXPECT_DOUBLE_EQ(doc.pessimistic, 5);
  const model::Estimate analysis = estimate("Analyze A", model);
  EXPECT_DOUBLE_EQ(analysis.optimistic, 4.5);
  EXPECT_DOUBLE_EQ(analysis.pessimistic, 9);
}

}  // namespace
}  // namespace rplan::estimate
