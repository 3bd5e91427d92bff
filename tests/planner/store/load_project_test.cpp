// How Store::load_project orders what it reads: the tables are read in the
// order their rows were stored and arranged in memory (planner/store/project.cpp),
// so these tests store rows in an order that is not the loaded one.

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "planner/store/store.hpp"
#include "test_support.hpp"

namespace rplan::store {
namespace {

using rplan::testing::at;
using rplan::testing::document;
using rplan::testing::TempDir;

using rplan::testing::k_day;

std::vector<std::string> topic_titles(const model::Project& p) {
  std::vector<std::string> titles;
  for (const auto& t : p.topics) titles.push_back(t.title);
  return titles;
}

std::vector<std::string> prompts(const model::Project& p) {
  std::vector<std::string> texts;
  for (const auto& t : p.tasks) texts.push_back(t.prompt);
  return texts;
}

TEST(LoadProjectTest, TopicsAndTasksComeInDocumentOrderWhateverOrderTheirRowsWereStoredIn) {
  TempDir dir;
  Store store(dir / "rplan.db", Access::read_write);
  store.import_document(document("a.md", {{"Caching", {"Research caches", "Document caches"}},
                                          {"Queues", {"Research queues"}}}));
  store.import_document(document("b.md", {{"Search", {"Research search"}}}));
  // a.md again: a topic and a prompt added before the others (stored after
  // them), and Queues gone (archived, with its task).
  store.import_document(
      document("a.md", {{"Logging", {"Research logs"}},
                        {"Caching", {"Research eviction", "Research caches", "Document caches"}}}));
  const model::Project p = store.load_project();
  EXPECT_EQ(topic_titles(p), (std::vector<std::string>{"Logging", "Caching", "Search"}));
  for (std::size_t i = 0; i < p.topics.size(); ++i) {
    EXPECT_EQ(p.topics[i].ordinal, static_cast<int>(i));
    EXPECT_EQ(p.topics[i].document, i < 2 ? "a.md" : "b.md");
  }
  EXPECT_EQ(prompts(p),
            (std::vector<std::string>{"Research logs", "Research eviction", "Research caches",
                                      "Document caches", "Research search"}));
  for (const auto& t : p.tasks) {
    EXPECT_EQ(t.topic_id, p.topics[t.prompt == "Research search" ? 2
                                   : t.prompt == "Research logs" ? 0
                                                                 : 1]
                              .id);
  }
}

TEST(LoadProjectTest, TheWorkLogComesByDateThenTaskThenAsRecordedAndAddsUpInThatOrder) {
  TempDir dir;
  Store store(dir / "rplan.db", Access::read_write);
  store.import_document(
      document("a.md", {{"A", {"Research one", "Research two", "Research three"}}}));
  std::vector<std::string> ids;
  for (const auto& t : store.load_project().tasks) ids.push_back(t.id);
  std::vector<std::string> by_id = ids;
  std::sort(by_id.begin(), by_id.end());
  const std::string& low = by_id[0];
  const std::string& high = by_id[1];
  const std::string& gone = by_id[2];
  const model::Date day1 = k_day + std::chrono::days{1};
  const model::Instant t0 = at("2026-12-09T12:00:00Z");
  // Recorded late days first and the higher task id first. In the log's
  // order the higher task's hours add up to (0.1 + 0.3) + 0.2, another
  // double than (0.3 + 0.2) + 0.1, the order they were recorded in.
  store.record_work({high, "Ada", day1, 0.3, t0});
  store.record_work({low, "Ada", day1, 1, t0});
  store.record_work({high, "Bo", day1, 0.2, t0});
  store.record_work({high, "Ada", k_day, 0.1, t0});
  store.record_work({gone, "Ada", k_day, 4, t0});
  store.record_work({low, "Ada", k_day, 2, t0});
  // The third task leaves the document: its entries are not loaded.
  std::vector<std::string> kept;
  for (const auto& t : store.load_project().tasks) {
    if (t.id != gone) kept.push_back(t.prompt);
  }
  store.import_document(document("a.md", {{"A", kept}}));

  const model::Project p = store.load_project();
  ASSERT_EQ(p.work_log.size(), 5U);
  const std::vector<model::WorkEntry> expected = {
      {low, "Ada", k_day, 2, t0},   {high, "Ada", k_day, 0.1, t0}, {low, "Ada", day1, 1, t0},
      {high, "Ada", day1, 0.3, t0}, {high, "Bo", day1, 0.2, t0},
  };
  EXPECT_EQ(p.work_log, expected);
  ASSERT_EQ(p.tasks.size(), 2U);
  for (const auto& t : p.tasks) {
    if (t.id == low) {
      EXPECT_EQ(t.spent_hours, 2.0 + 1.0);
    } else {
      EXPECT_EQ(t.spent_hours, (0.1 + 0.3) + 0.2);
    }
  }
}

}  // namespace
}  // namespace rplan::store
