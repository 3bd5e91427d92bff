// apply_to_project must give exactly what load_project reads after the import
// is written: `run` plans from it while the rows are stored.

#include <gtest/gtest.h>

#include "planner/store/store.hpp"
#include "test_support.hpp"
#include "tests/support/project_builder.hpp"
#include "tests/support/project_diff.hpp"

namespace rplan::store {
namespace {

using rplan::testing::document;
using rplan::testing::first_difference;
using rplan::testing::person;
using rplan::testing::TempDir;

// Imports `docs` both ways and compares; returns the resolved imports.
ResolvedImports import_and_compare(Store& store, const std::vector<model::ParsedDocument>& docs) {
  Store::Transaction tx(store);
  model::Project predicted = store.load_project();
  ResolvedImports resolved = store.resolve_imports(docs);
  EXPECT_FALSE(resolved.restores);
  apply_to_project(resolved, predicted);
  for (const auto& r : resolved.documents) store.apply_import(r);
  model::Project loaded = store.load_project();
  // The import's own plan changes are not predicted: run plans at once.
  predicted.plan.stale_reasons = loaded.plan.stale_reasons;
  EXPECT_EQ(first_difference(predicted, loaded, "predicted", "loaded"), "");
  tx.commit();
  return resolved;
}

// A plan by hand: each task one block on its own day; every third task
// unassigned (no blocks), two of them archived by the re-import below.
void save_some_plan(Store& store) {
  model::Project p = store.load_project();
  model::Date day = *util::parse_date("2026-12-07");
  p.plan.start = day;
  for (std::size_t i = 0; i < p.tasks.size(); ++i) {
    model::Task& t = p.tasks[i];
    if (i % 3 == 1) continue;
    t.assignee = i % 2 == 0 ? "Ada" : "Grace";
    model::WorkBlock b;
    b.date = day;
    b.start_minute = 9 * 60;
    b.minutes = 120 + static_cast<int>(i);
    b.utc_start = model::Instant{day} + std::chrono::hours{9};
    b.utc_end = b.utc_start + std::chrono::minutes{b.minutes};
    t.blocks = {b, b};
    t.blocks[1].date += std::chrono::days{1};
    t.blocks[1].utc_start += std::chrono::days{1};
    t.blocks[1].utc_end += std::chrono::days{1};
    t.depends_on = {p.tasks[0].id};
    day += std::chrono::days{2};
  }
  p.plan.finish = day;
  store.save_plan(p, model::Instant{std::chrono::seconds{1'790'000'000}});
}

TEST(ApplyToProjectTest, NewDocumentsIntoAFreshDatabase) {
  TempDir dir;
  Store store(dir / "rplan.db", Access::read_write);
  auto a = document("a.md", {{"A", {"Research a1", "Analyse a2", "Document a"}},
                             {"B", {"Research b1", "Research b1"}}});
  a.title = "First";
  a.topics[0].number = 3;
  a.topics[0].focus = "the focus";
  a.topics[0].skills = {"sql", "go"};
  auto b = document("b.md", {{"C", {"Research c1"}}, {"Empty", {}}});
  b.title = "Second";
  const auto resolved = import_and_compare(store, {a, b});
  ASSERT_EQ(resolved.documents.size(), 2U);
  EXPECT_EQ(resolved.documents[0].report.added, 5);
  EXPECT_EQ(resolved.documents[1].ordinal, resolved.documents[0].ordinal + 1);
  EXPECT_EQ(store.load_project().title, "First");
}

TEST(ApplyToProjectTest, AReimportKeepsWhatTheImportDoesNotWriteAndDropsWhatItArchives) {
  TempDir dir;
  Store store(dir / "rplan.db", Access::read_write);
  {
    Store::Transaction tx(store);
    store.upsert_assignee(person("Ada"));
    store.upsert_assignee(person("Grace"));
    store.import_document(document("a.md", {{"A", {"Research a1", "Research a2", "Analyse a3"}},
                                            {"B", {"Research b1", "Document b"}},
                                            {"C", {"Research c1", "Research c2"}}}));
    store.import_document(document("b.md", {{"D", {"Research d1", "Research d2"}}}));
    tx.commit();
  }
  const model::Project first = store.load_project();
  ASSERT_EQ(first.tasks.size(), 9U);
  {
    Store::Transaction tx(store);
    store.set_status(first.tasks[0].id, model::TaskStatus::done, {}, "");
    store.set_status(first.tasks[1].id, model::TaskStatus::in_progress, {}, "");
    store.set_manual_estimate(first.tasks[2].id, 3.5);
    store.set_pin(first.tasks[6].id, "Grace");
    store.add_after(first.tasks[6].id, first.tasks[7].id);
    store.add_after(first.tasks[2].id, first.tasks[4].id);  // a2's topic B goes away
    const auto day = *util::parse_date("2026-12-01");
    const auto at = model::Instant{day} + std::chrono::hours{12};
    store.record_work({first.tasks[0].id, "Ada", day, 2.5, at});
    store.record_work({first.tasks[1].id, "Grace", day, 1, at});  // a2: archived below
    store.record_work({first.tasks[4].id, "Ada", day + std::chrono::days{1}, 3, at});
    store.set_remaining(first.tasks[5].id, 4, at, "Grace");
    tx.commit();
  }
  save_some_plan(store);

  // a.md: C moves up, A gets a new first prompt, a reworded one and loses
  // one, B goes away, E is new; the title changes. b.md is the same, c.md new.
  auto a = document("a.md", {{"C", {"Research c1", "Research c2"}},
                             {"A", {"Research a0", "Research a1", "Analyse a3 in depth"}},
                             {"E", {"Research e1"}}});
  a.title = "Renamed";
  a.topics[1].prompts[1].estimate = {5, 4, 5, 9, false};
  auto c = document("c.md", {{"F", {"Research f1"}}});
  const auto resolved =
      import_and_compare(store, {a, document("b.md", {{"D", {"Research d1", "Research d2"}}}), c});
  const auto& report = resolved.documents[0].report;
  EXPECT_EQ(report.topics_archived, 1);
  EXPECT_EQ(report.removed, 3);  // a2, and B's two
  EXPECT_EQ(report.updated, 1);
  const model::Project now = store.load_project();
  EXPECT_EQ(now.title, "Renamed");
  EXPECT_EQ(now.topics.front().title, "C");
  EXPECT_EQ(now.topics.back().title, "F");
  EXPECT_FALSE(now.plan.unassigned.empty());
  ASSERT_EQ(now.work_log.size(), 1U);  // a1's; a2 and b1 are archived
  EXPECT_EQ(now.work_log[0].task_id, first.tasks[0].id);
}

TEST(ApplyToProjectTest, TheTitleComesFromTheFirstDocumentThatStillHasTopics) {
  TempDir dir;
  Store store(dir / "rplan.db", Access::read_write);
  auto a = document("a.md", {{"A", {"Research a1"}}});
  a.title = "First";
  auto b = document("b.md", {{"B", {"Research b1"}}});
  b.title = "Second";
  import_and_compare(store, {a, b});
  auto empty = document("a.md", {});
  empty.title = "First, emptied";
  import_and_compare(store, {empty});
  EXPECT_EQ(store.load_project().title, "Second");
}

TEST(ApplyToProjectTest, BringingBackAnArchivedTopicOrTaskIsReportedAsARestore) {
  TempDir dir;
  Store store(dir / "rplan.db", Access::read_write);
  store.import_document(document("a.md", {{"A", {"Research a1", "Research a2"}}, {"B", {"x"}}}));
  store.import_document(document("a.md", {{"A", {"Research a1"}}}));
  {
    const auto same = document("a.md", {{"A", {"Research a1"}}});
    EXPECT_FALSE(store.resolve_imports({&same, 1}).restores);
  }
  {
    const auto topic_back = document("a.md", {{"A", {"Research a1"}}, {"B", {"x"}}});
    EXPECT_TRUE(store.resolve_imports({&topic_back, 1}).restores);
  }
  {
    const auto task_back = document("a.md", {{"A", {"Research a1", "Research a2"}}});
    EXPECT_TRUE(store.resolve_imports({&task_back, 1}).restores);
  }
}

}  // namespace
}  // namespace rplan::store
