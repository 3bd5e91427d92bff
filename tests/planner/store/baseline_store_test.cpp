#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "planner/model/plan_diff.hpp"
#include "planner/store/baseline_blob.hpp"
#include "planner/store/migrations.hpp"
#include "planner/store/store.hpp"
#include "planner/store/store_internal.hpp"
#include "planner/util/error.hpp"
#include "test_support.hpp"

namespace rplan::store {
namespace {

using rplan::testing::document;
using rplan::testing::TempDir;

using rplan::testing::at;
using rplan::testing::fake_plan;

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

// What a stored baseline loads of `project`'s plan: model::make_baseline
// without the texts of the tasks the project has (the diff takes them from
// the project; a load fills them only for tasks archived since).
model::Baseline as_loaded(const model::Project& project, std::string name,
                          model::Instant saved_at) {
  model::Baseline b = model::make_baseline(project, std::move(name), saved_at);
  for (auto& t : b.tasks) {
    t.topic_id.clear();
    t.prompt.clear();
  }
  return b;
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
  EXPECT_EQ(*previous, as_loaded(first, "previous", first.plan.created_at));
  // Diffed with the plan now: every task moved and went to Bob.
  const model::Project now = store.load_project();
  const auto diff = model::diff_plans(*previous, now);
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
            as_loaded(second, "previous", second.plan.created_at));
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
  EXPECT_EQ(*saved, as_loaded(p, "week1", at("2026-12-01T11:00:00Z")));
  const model::Project now = store.load_project();
  EXPECT_TRUE(model::diff_plans(*saved, now).empty());

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
  EXPECT_EQ(db.execAndGet("SELECT COUNT(*) FROM baselines").getInt(), 2)
      << "a removed baseline's row goes, its tasks with it (previous and the plan's remain)";
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
    if (c.has(model::TaskChangeKind::added)) added.emplace_back(c.prompt);
    if (c.has(model::TaskChangeKind::removed)) removed.emplace_back(c.prompt);
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
    return as_loaded(store.load_project(), "previous", at("2026-12-01T10:00:00Z"));
  }();
  {
    // Back to the version before the baselines (8, the forecast's): no
    // baselines yet, nor what later migrations (0010, the stored forecast) made.
    SQLite::Database db((dir / "rplan.db").string(), SQLite::OPEN_READWRITE);
    db.exec(
        "DROP TABLE baselines; DROP TABLE plan_scope; "
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

TEST(BaselineStoreTest, PackedTasksReadBackAsTheyWere) {
  std::vector<model::BaselineTask> tasks(5);
  tasks[0].id = "a";  // unplanned, nobody's
  tasks[0].estimate_hours = 1.1;
  tasks[1].id = "ab";  // shares a prefix; planned in the past (negative seconds and days)
  tasks[1].assignee = "Zoë Ångström";
  tasks[1].status = model::TaskStatus::done;
  tasks[1].start = at("1969-12-31T09:00:00Z");
  tasks[1].finish = at("1969-12-31T17:00:00Z");
  tasks[1].first_day = util::parse_date("1969-12-31");
  tasks[1].last_day = util::parse_date("1969-12-31");
  tasks[1].estimate_hours = 7.75;
  tasks[1].planned_minutes = 480;
  tasks[2].id = "abc";  // a finish without a start, a last day without a first
  tasks[2].assignee = "Ada";
  tasks[2].status = model::TaskStatus::in_progress;
  tasks[2].finish = at("2026-12-08T12:00:00Z");
  tasks[2].last_day = util::parse_date("2026-12-08");
  tasks[2].estimate_hours = 0;
  tasks[2].planned_minutes = -15;
  tasks[3].id = "b";
  tasks[3].assignee = "Zoë Ångström";  // the same person again
  tasks[3].start = at("2026-12-07T09:00:00Z");
  tasks[3].finish = at("2027-03-01T10:30:00Z");
  tasks[3].first_day = util::parse_date("2026-12-07");
  tasks[3].last_day = util::parse_date("2027-03-01");
  tasks[3].estimate_hours = 1e300;
  tasks[4].id = "b\xc3\xa9";
  tasks[4].estimate_hours = -2;
  detail::BaselinePacker packer;
  for (const auto& t : tasks) {
    packer.add(t.id, t.assignee, t.status, t.start, t.finish, t.first_day, t.last_day,
               t.estimate_hours, t.planned_minutes);
  }
  EXPECT_EQ(packer.size(), tasks.size());
  const std::string blob = packer.finish();
  EXPECT_EQ(detail::unpack_baseline(blob, "x"), tasks);
  EXPECT_TRUE(detail::unpack_baseline("", "x").empty());
  EXPECT_TRUE(detail::unpack_baseline(detail::BaselinePacker().finish(), "x").empty());
  // Cut short, or with a byte too many, it is damaged, never read past its end.
  for (std::size_t n = 1; n < blob.size(); ++n) {
    EXPECT_THROW(detail::unpack_baseline(std::string_view(blob).substr(0, n), "x"), Error) << n;
  }
  EXPECT_THROW(detail::unpack_baseline(blob + '\0', "x"), Error);
}

TEST(BaselineStoreTest, ADatabaseAtVersion10KeepsItsBaselinesThroughTheUpgrade) {
  // Baselines as rplan 0011 stores them, then the same in version 10's
  // baseline_tasks rows (one per task, as 0009 made them): the upgrade packs
  // them back, and they load as they were.
  TempDir dir;
  std::vector<model::Baseline> expected;
  {
    Store store(dir / "rplan.db", Access::read_write);
    store.import_document(document(
        "a.md", {{"A", {"Research a", "Research b", "Research c"}}, {"B", {"Research d"}}}));
    model::Project p = store.load_project();
    fake_plan(p, "2026-12-07");
    p.tasks[1].estimate.hours = 1.1;  // not in quarter hours
    p.tasks[2].blocks.clear();        // unplanned
    p.tasks[2].start = p.tasks[2].finish = std::nullopt;
    p.tasks[2].assignee.clear();
    p.plan.now = at("2026-12-01T10:00:00Z");
    store.save_plan(p, p.plan.now);
    store.save_baseline("week1", at("2026-12-01T11:00:00Z"));
    planned(store, "2026-12-09", "2026-12-02T10:00:00Z", "Bob", 300);
    // Research c is archived since: the baselines name it from its task row.
    store.import_document(
        document("a.md", {{"A", {"Research a", "Research b"}}, {"B", {"Research d"}}}));
    for (const char* name : {"previous", "week1"}) expected.push_back(*store.load_baseline(name));
  }
  ASSERT_EQ(expected[1].tasks.size(), 4u);
  {
    SQLite::Database db((dir / "rplan.db").string(), SQLite::OPEN_READWRITE);
    db.exec(R"(CREATE TABLE baseline_tasks (
      baseline_id INTEGER NOT NULL REFERENCES baselines(id) ON DELETE CASCADE,
      task_id TEXT NOT NULL REFERENCES tasks(id), assignee TEXT NOT NULL DEFAULT '',
      status TEXT NOT NULL DEFAULT 'open', start INTEGER, finish INTEGER, first_date TEXT,
      last_date TEXT, estimate_hours REAL NOT NULL, planned_minutes INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (baseline_id, task_id)) WITHOUT ROWID)");
    SQLite::Statement rows(db,
                           "INSERT INTO baseline_tasks SELECT b.id, ?, ?, ?, ?, ?, ?, ?, ?, ? "
                           "FROM baselines b WHERE b.name = ?");
    std::size_t written = 0;
    for (const char* name : {"previous", "week1", ""}) {
      const model::Baseline& b = expected[std::string(name) == "week1" ? 1 : 0];
      for (const auto& t : b.tasks) {
        rows.reset();
        rows.clearBindings();
        rows.bind(1, t.id);
        rows.bind(2, t.assignee);
        rows.bind(3, std::string(model::to_string(t.status)));
        if (t.start) rows.bind(4, static_cast<std::int64_t>(detail::to_unix(*t.start)));
        if (t.finish) rows.bind(5, static_cast<std::int64_t>(detail::to_unix(*t.finish)));
        if (t.first_day) rows.bind(6, util::format_date(*t.first_day));
        if (t.last_day) rows.bind(7, util::format_date(*t.last_day));
        rows.bind(8, t.estimate_hours);
        rows.bind(9, static_cast<std::int64_t>(t.planned_minutes));
        rows.bind(10, name);
        written += static_cast<std::size_t>(rows.exec());
      }
    }
    ASSERT_EQ(written, 12u);
    db.exec(
        "ALTER TABLE baselines DROP COLUMN tasks; ALTER TABLE baselines DROP COLUMN task_count; "
        "PRAGMA user_version = 10");
  }
  Store store(dir / "rplan.db", Access::update);
  EXPECT_EQ(store.version(), Store::latest_version());
  EXPECT_EQ(*store.load_baseline("previous"), expected[0]);
  EXPECT_EQ(*store.load_baseline("week1"), expected[1]);
  const auto list = store.baselines();
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].tasks, 4);
  // The plan's own snapshot came through too (given previous's tasks
  // above): the next plan keeps it as previous.
  planned(store, "2026-12-10", "2026-12-03T10:00:00Z");
  EXPECT_EQ(store.load_baseline("previous")->tasks, expected[0].tasks);
  SQLite::Database db((dir / "rplan.db").string());
  EXPECT_EQ(
      db.execAndGet("SELECT COUNT(*) FROM sqlite_master WHERE name = 'baseline_tasks'").getInt(),
      0);
}

}  // namespace
}  // namespace rplan::store
