#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "planner/model/plan_diff.hpp"
#include "planner/store/migrations.hpp"
#include "planner/store/store.hpp"
#include "planner/util/error.hpp"
#include "test_support.hpp"

namespace rplan::store {
namespace {

using rplan::testing::document;
using rplan::testing::TempDir;

using rplan::testing::at;

// The migration before schemas/0009_baselines.sql (8 on main, the forecast's).
int version_before_baselines() {
  int before = 0;
  for (const Migration& m : k_migrations) {
    if (std::string(m.name) == "0009_baselines") return before;
    before = m.version;
  }
  ADD_FAILURE() << "the baselines are migration 0009";
  return before;
}

// A hand-made plan: every task gets one block of `minutes` a day apart,
// 09:00 UTC, for `who`.
void fake_plan(model::Project& p, const char* first_day, const std::string& who = "Ada",
               int minutes = 240) {
  model::Date day = *util::parse_date(first_day);
  p.plan.start = day;
  p.plan.strategy = model::Strategy::balanced;
  p.plan.total_hours = 0;
  for (auto& t : p.tasks) {
    t.assignee = who;
    model::WorkBlock b;
    b.date = day;
    b.start_minute = 9 * 60;
    b.minutes = minutes;
    b.utc_start = model::Instant{day} + std::chrono::hours{9};
    b.utc_end = b.utc_start + std::chrono::minutes{minutes};
    t.blocks = {b};
    t.start = b.utc_start;
    t.finish = b.utc_end;
    p.plan.total_hours += minutes / 60.0;
    day += std::chrono::days{1};
  }
  p.plan.finish = day - std::chrono::days{1};
}

model::Project planned(Store& store, const char* first_day, const char* now,
                       const std::string& who = "Ada", int minutes = 240) {
  model::Project p = store.load_project();
  fake_plan(p, first_day, who, minutes);
  p.plan.now = at(now);
  store.save_plan(p, at(now));
  return p;
}

TEST(BaselineStoreTest, EveryPlanKeepsThePlanItReplacesAsPrevious) {
  TempDir dir;
  Store store(dir / "rplan.db", Access::read_write);
  store.import_document(document("a.md", {{"A", {"Research a", "Research b"}}}));
  EXPECT_FALSE(store.load_baseline("previous"));
  const model::Project first = planned(store, "2026-12-07", "2026-12-01T10:00:00Z");
  EXPECT_FALSE(store.load_baseline("previous")) << "the first plan replaces none";
  const model::Project second = planned(store, "2026-12-09", "2026-12-02T10:00:00Z", "Bob", 300);

  const auto previous = store.load_baseline("previous");
  ASSERT_TRUE(previous);
  EXPECT_EQ(*previous, model::make_baseline(first, "previous", first.plan.created_at));
  // Diffed with the plan now: every task moved and went to Bob.
  const auto diff = model::diff_plans(*previous, store.load_project());
  ASSERT_EQ(diff.tasks.size(), 2u);
  EXPECT_EQ(diff.tasks[0].kinds,
            (std::vector{model::TaskChangeKind::reassigned, model::TaskChangeKind::moved}));
  EXPECT_EQ(diff.tasks[0].finish_days, 2);
  ASSERT_EQ(diff.people.size(), 2u);
  EXPECT_EQ(diff.people[0].name, "Ada");
  EXPECT_EQ(diff.people[0].then, 8);
  EXPECT_EQ(diff.people[0].now, 0);
  EXPECT_EQ(diff.people[1].now, 10);

  // Another plan: previous is now the second one.
  planned(store, "2026-12-10", "2026-12-03T10:00:00Z");
  EXPECT_EQ(*store.load_baseline("previous"),
            model::make_baseline(second, "previous", second.plan.created_at));
  EXPECT_EQ(store.baselines().size(), 1u);
}

TEST(BaselineStoreTest, SaveListRemoveAndReplace) {
  TempDir dir;
  Store store(dir / "rplan.db", Access::read_write);
  store.import_document(document("a.md", {{"A", {"Research a"}}}));
  EXPECT_THROW(store.save_baseline("week1", at("2026-12-01T11:00:00Z")), InputError);
  const model::Project p = planned(store, "2026-12-07", "2026-12-01T10:00:00Z");
  EXPECT_FALSE(store.save_baseline("week1", at("2026-12-01T11:00:00Z")));
  const auto saved = store.load_baseline("week1");
  ASSERT_TRUE(saved);
  EXPECT_EQ(*saved, model::make_baseline(p, "week1", at("2026-12-01T11:00:00Z")));
  EXPECT_TRUE(model::diff_plans(*saved, store.load_project()).empty());

  planned(store, "2026-12-08", "2026-12-02T10:00:00Z");
  EXPECT_TRUE(store.save_baseline("week1", at("2026-12-02T11:00:00Z")));  // replaced
  const auto list = store.baselines();
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].name, "previous");
  EXPECT_EQ(list[1].name, "week1");
  EXPECT_EQ(list[1].tasks, 1);
  EXPECT_EQ(list[1].start, *util::parse_date("2026-12-08"));

  EXPECT_TRUE(store.remove_baseline("week1"));
  EXPECT_FALSE(store.remove_baseline("week1"));
  EXPECT_FALSE(store.remove_baseline(""));  // the plan's own snapshot is not a baseline
  EXPECT_FALSE(store.load_baseline(""));
  EXPECT_EQ(store.baselines().size(), 1u);
  SQLite::Database db((dir / "rplan.db").string());
  EXPECT_EQ(db.execAndGet("SELECT COUNT(*) FROM baseline_tasks").getInt(), 2)
      << "the rows of a removed baseline go with it (previous and the plan's remain)";
}

TEST(BaselineStoreTest, ABaselineSurvivesReimportMatchedByTaskId) {
  TempDir dir;
  Store store(dir / "rplan.db", Access::read_write);
  store.import_document(document("a.md", {{"A", {"Research a", "Research b", "Research c"}}}));
  planned(store, "2026-12-07", "2026-12-01T10:00:00Z");
  store.save_baseline("start", at("2026-12-01T11:00:00Z"));
  const model::Project before = store.load_project();
  // A prompt inserted above the others, one reworded, one removed.
  store.import_document(
      document("a.md", {{"A", {"Research new", "Research a", "Research b, reworded"}}}));
  const model::Project after = store.load_project();
  const auto baseline = store.load_baseline("start");
  ASSERT_TRUE(baseline);
  ASSERT_EQ(baseline->tasks.size(), 3u);
  const auto diff = model::diff_plans(*baseline, after);
  std::vector<std::string> added, removed;
  for (const auto& c : diff.tasks) {
    if (c.has(model::TaskChangeKind::added)) added.push_back(c.prompt);
    if (c.has(model::TaskChangeKind::removed)) removed.push_back(c.prompt);
  }
  EXPECT_EQ(added, std::vector<std::string>{"Research new"});
  // The removed task is named by its prompt, though it is archived.
  EXPECT_EQ(removed, std::vector<std::string>{"Research c"});
  // The kept tasks keep their ids, so the baseline still dates them.
  EXPECT_EQ(after.tasks[1].id, before.tasks[0].id);
}

TEST(BaselineStoreTest, AnUpgradedDatabaseKeepsItsPlanForTheNextPlanAsPrevious) {
  TempDir dir;
  {
    Store store(dir / "rplan.db", Access::read_write);
    store.import_document(document("a.md", {{"A", {"Research a", "Research b"}}}));
    planned(store, "2026-12-07", "2026-12-01T10:00:00Z");
  }
  const model::Baseline expected = [&] {
    Store store(dir / "rplan.db", Access::read_only);
    return model::make_baseline(store.load_project(), "previous", at("2026-12-01T10:00:00Z"));
  }();
  {
    // Back to the version before the baselines (8, the forecast's): no
    // baselines yet, nor what later migrations (0010, the stored forecast) made.
    SQLite::Database db((dir / "rplan.db").string(), SQLite::OPEN_READWRITE);
    db.exec(
        "DROP TABLE baseline_tasks; DROP TABLE baselines; DROP TABLE plan_scope; "
        "DROP TABLE forecast_tasks; DROP TABLE forecast_distribution; "
        "DROP TABLE forecast_finishes; DROP TABLE forecast; "
        "PRAGMA user_version = " +
        std::to_string(version_before_baselines()));
  }
  Store store(dir / "rplan.db", Access::read_write);
  planned(store, "2026-12-09", "2026-12-02T10:00:00Z");
  auto previous = store.load_baseline("previous");
  ASSERT_TRUE(previous);
  EXPECT_EQ(*previous, expected);
}

TEST(BaselineStoreTest, ADatabaseAtEveryEarlierVersionUpgradesThroughTheBaselines) {
  // An empty database made at any version before 0009 (8, main's, included)
  // runs every later file: it gets the baseline tables, with no baseline.
  EXPECT_EQ(version_before_baselines(), 8);
  for (const Migration& last : k_migrations) {
    if (last.version > version_before_baselines()) break;
    SCOPED_TRACE(last.name);
    TempDir dir;
    {
      SQLite::Database db((dir / "rplan.db").string(),
                          SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
      rplan::testing::migrate_to(db, last.version);
    }
    Store store(dir / "rplan.db", Access::update);
    EXPECT_EQ(store.version(), Store::latest_version());
    EXPECT_TRUE(store.baselines().empty());
    EXPECT_THROW(store.save_baseline("start", at("2026-12-01T10:00:00Z")), InputError);
    store.import_document(document("a.md", {{"A", {"Research a"}}}));
    planned(store, "2026-12-07", "2026-12-01T10:00:00Z");
    planned(store, "2026-12-08", "2026-12-02T10:00:00Z");
    const auto previous = store.load_baseline("previous");
    ASSERT_TRUE(previous);
    EXPECT_EQ(previous->tasks.size(), 1u);
  }
}

}  // namespace
}  // namespace rplan::store
