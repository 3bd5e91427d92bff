#include "planner/store/store.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>

#include "planner/store/migrations.hpp"
#include "planner/util/error.hpp"
#include "test_support.hpp"

namespace rplan::store {
namespace {

using rplan::testing::document;
using rplan::testing::slurp;
using rplan::testing::TempDir;
namespace fs = std::filesystem;

model::Task find(const model::Project& p, const std::string& prompt) {
  for (const auto& t : p.tasks) {
    if (t.prompt == prompt) return t;
  }
  ADD_FAILURE() << "no task " << prompt;
  return {};
}

TEST(StoreTest, CreatesAVersionedWalDatabaseWithForeignKeys) {
  TempDir dir;
  { Store store(dir / "rplan.db", Access::read_write); }
  SQLite::Database db((dir / "rplan.db").string());
  EXPECT_EQ(db.execAndGet("PRAGMA user_version").getInt(), Store::latest_version());
  EXPECT_EQ(db.execAndGet("PRAGMA application_id").getInt(), 0x72506c6e);
  EXPECT_EQ(db.execAndGet("PRAGMA journal_mode").getString(), "wal");
  EXPECT_EQ(db.execAndGet("PRAGMA page_size").getInt(), 16384);
  EXPECT_GE(Store::latest_version(), 1);
}

TEST(StoreTest, MigrationsApplyInTheOrderOfTheirNumbers) {
  ASSERT_FALSE(k_migrations.empty());
  int previous = 0;
  for (const Migration& m : k_migrations) {
    SCOPED_TRACE(m.name);
    EXPECT_GT(m.version, previous) << "each schemas/NNNN_*.sql has its own, larger number";
    char number[8];
    std::snprintf(number, sizeof number, "%04d_", m.version);
    EXPECT_EQ(std::string(m.name).rfind(number, 0), 0U);
    previous = m.version;
  }
  EXPECT_EQ(Store::latest_version(), previous);
}

TEST(StoreTest, ADatabaseOfTheSecondVersionUpgradesThroughEveryLaterFile) {
  TempDir dir;
  {
    SQLite::Database db((dir / "rplan.db").string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    rplan::testing::migrate_to(db, 2);
    db.exec(
        "INSERT INTO assignees (name) VALUES ('Ada'); INSERT INTO holidays (date, name) "
        "VALUES ('2026-12-25', 'Christmas');");
  }
  Store store(dir / "rplan.db", Access::update);
  EXPECT_EQ(store.version(), Store::latest_version());
  store.add_holiday({*util::parse_date("2026-12-24"), "Eve", {"Ada"}});
  const auto holidays = store.holidays();
  ASSERT_EQ(holidays.size(), 2U);
  EXPECT_EQ(holidays[0].people, std::vector<std::string>{"Ada"});
  EXPECT_TRUE(holidays[1].people.empty()) << "a holiday of before stays everyone's";
}

TEST(StoreTest, ADatabaseAtEveryEarlierVersionUpgradesThroughTheHolidayPeople) {
  // holiday_people is schemas/0006: a database made at 5 (calendars) or any
  // earlier version runs it, and its team-wide holidays stay everyone's.
  bool found = false;
  for (const Migration& m : k_migrations)
    found = found || std::string(m.name) == "0006_holiday_people";
  ASSERT_TRUE(found) << "the per-person holidays are migration 0006";
  for (const Migration& last : k_migrations) {
    if (last.version >= 6) break;
    SCOPED_TRACE(last.name);
    TempDir dir;
    {
      SQLite::Database db((dir / "rplan.db").string(),
                          SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
      rplan::testing::migrate_to(db, last.version);
      db.exec(
          "INSERT INTO assignees (name) VALUES ('Ada'); INSERT INTO holidays (date, name) "
          "VALUES ('2026-12-25', 'Christmas');");
    }
    Store store(dir / "rplan.db", Access::update);
    EXPECT_EQ(store.version(), Store::latest_version());
    store.add_holiday({*util::parse_date("2026-12-24"), "Eve", {"Ada"}});
    const auto holidays = store.holidays();
    ASSERT_EQ(holidays.size(), 2U);
    EXPECT_EQ(holidays[0].people, std::vector<std::string>{"Ada"});
    EXPECT_TRUE(holidays[1].people.empty());
  }
}

TEST(StoreTest, ReleasingTheCacheKeepsTheConnectionUsable) {
  TempDir dir;
  Store store(dir / "rplan.db", Access::read_write);
  store.import_document(document("a.md", {{"A", {"Research a", "Research b"}}}));
  store.release_memory();
  EXPECT_EQ(store.load_project().tasks.size(), 2u);
  store.import_document(document("a.md", {{"A", {"Research a"}}}));
  EXPECT_EQ(store.load_project().tasks.size(), 1u);
}

TEST(StoreTest, AnExistingFileKeepsItsPageSize) {
  TempDir dir;
  {
    Store store(dir / "rplan.db", Access::read_write);
    store.import_document(document("a.md", {{"A", {"Research a"}}}));
  }
  {
    SQLite::Database db((dir / "rplan.db").string(), SQLite::OPEN_READWRITE);
    db.exec("PRAGMA journal_mode = DELETE; PRAGMA page_size = 4096; VACUUM;");
    ASSERT_EQ(db.execAndGet("PRAGMA page_size").getInt(), 4096);
  }
  {
    Store store(dir / "rplan.db", Access::read_write);
    store.import_document(document("a.md", {{"A", {"Research a", "Research b"}}}));
    EXPECT_EQ(store.load_project().tasks.size(), 2u);
  }
  SQLite::Database db((dir / "rplan.db").string());
  EXPECT_EQ(db.execAndGet("PRAGMA page_size").getInt(), 4096);
}

// The file and everything beside it, to prove a refused file was not touched.
std::map<std::string, std::string> snapshot(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::directory_iterator(dir)) files[e.path().filename()] = slurp(e.path());
  return files;
}

void expect_refused(const fs::path& path, const std::string& words) {
  const auto before = snapshot(path.parent_path());
  for (auto access : {Access::read_write, Access::read_only}) {
    try {
      Store store(path, access);
      ADD_FAILURE() << "opened " << path;
    } catch (const InputError& e) {
      EXPECT_EQ(e.code(), ExitCode::data);
      EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find(path.string()), std::string::npos) << e.what();
    }
    EXPECT_EQ(snapshot(path.parent_path()), before);
  }
}

TEST(StoreTest, RefusesAFileThatIsNotSqliteAndLeavesItUntouched) {
  TempDir dir;
  std::ofstream(dir / "notes.db") << "# my notes, not a database\n" << std::string(200, 'x');
  expect_refused(dir / "notes.db", "not an rplan database");
}

TEST(StoreTest, RefusesAnotherProgramsSqliteDatabaseUntouched) {
  TempDir dir;
  {
    SQLite::Database other((dir / "other.db").string(),
                           SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    other.exec("CREATE TABLE t (x); INSERT INTO t VALUES (1)");
  }
  expect_refused(dir / "other.db", "another program");
}

TEST(StoreTest, RefusesADatabaseFromANewerVersionUntouched) {
  TempDir dir;
  { Store store(dir / "rplan.db", Access::read_write); }
  {
    SQLite::Database db((dir / "rplan.db").string(), SQLite::OPEN_READWRITE);
    db.exec("PRAGMA journal_mode = DELETE");
    db.exec("PRAGMA user_version = 999");
  }
  expect_refused(dir / "rplan.db", "newer rplan");
}

TEST(StoreTest, ReadOnlyAccessToAMissingFileIsMissingInput) {
  TempDir dir;
  EXPECT_THROW(Store(dir / "none.db", Access::read_only), MissingInputError);
  EXPECT_FALSE(fs::exists(dir / "none.db"));
}

TEST(StoreTest, AnUncommittedTransactionChangesNothing) {
  TempDir dir;
  Store store(dir / "rplan.db", Access::read_write);
  {
    Store::Transaction tx(store);
    store.import_document(document("a.md", {{"Caching", {"Research Redis"}}}));
    // no commit: as when a later step of the command throws
  }
  EXPECT_TRUE(store.load_project().tasks.empty());
}

TEST(StoreTest, SameDocumentsGiveTheSameIdsInAFreshDatabase) {
  TempDir dir;
  const auto doc = document("topics.md", {{"Caching", {"Research Redis", "Document it"}},
                                          {"Queues", {"Research Kafka"}}});
  std::vector<std::string> ids[2];
  for (int i = 0; i < 2; ++i) {
    Store store(dir / ("db" + std::to_string(i)), Access::read_write);
    store.import_document(doc);
    for (const auto& t : store.load_project().tasks) ids[i].push_back(t.id);
  }
  EXPECT_EQ(ids[0], ids[1]);
  EXPECT_EQ(ids[0].size(), 3u);
  EXPECT_EQ(std::set<std::string>(ids[0].begin(), ids[0].end()).size(), 3u);
}

// A manual three-point estimate is kept beside the likely figure, survives a
// re-import, and a single figure afterwards drops it (the kind's ratios apply).
TEST(StoreTest, KeepsAManualThreePointEstimate) {
  TempDir dir;
  Store store(dir / "rplan.db", Access::read_write);
  const auto doc = document("t.md", {{"Caching", {"Research Redis", "Analyze eviction"}}});
  store.import_document(doc);
  const auto redis = find(store.load_project(), "Research Redis");
  store.set_manual_estimate(redis.id, 6, 4, 12);
  store.import_document(doc);
  auto t = find(store.load_project(), "Research Redis");
  EXPECT_TRUE(t.estimate.manual);
  EXPECT_EQ(t.estimate.hours, 6);
  EXPECT_EQ(t.manual_optimistic, 4);
  EXPECT_EQ(t.manual_pessimistic, 12);
  EXPECT_EQ(model::three_point(t), (model::ThreePoint{4, 6, 12}));
  EXPECT_EQ(t.estimate.likely, 8);  // the model's figure, kept alongside

  store.set_manual_estimate(redis.id, 10);
  t = find(store.load_project(), "Research Redis");
  EXPECT_EQ(t.estimate.hours, 10);
  EXPECT_FALSE(t.manual_optimistic);
  EXPECT_EQ(model::three_point(t), (model::ThreePoint{7.5, 10, 15}));

  store.set_manual_estimate(redis.id, std::nullopt);
  t = find(store.load_project(), "Research Redis");
  EXPECT_FALSE(t.estimate.manual);
  EXPECT_EQ(model::three_point(t), (model::ThreePoint{6, 8, 12}));
}

TEST(StoreTest, ReimportKeepsIdsStatusesAndOverridesAndReportsChanges) {
  TempDir dir;
  Store store(dir / "rplan.db", Access::read_write);
  const auto first = store.import_document(
      document("t.md", {{"Caching", {"Research Redis", "Analyze eviction", "Document caches"}}}));
  EXPECT_EQ(first.added, 3);
  auto before = store.load_project();
  const auto redis = find(before, "Research Redis");
  const auto eviction = find(before, "Analyze eviction");
  store.set_status(redis.id, model::TaskStatus::done, {}, "");
  store.set_manual_estimate(eviction.id, 3.5);

  // A prompt inserted above, one reworded, one removed.
  const auto report = store.import_document(document(
      "t.md",
      {{"Caching", {"Research Memcached", "Research Redis", "Analyze eviction policies"}}}));
  EXPECT_EQ(report.added, 1);
  EXPECT_EQ(report.updated, 1);
  EXPECT_EQ(report.unchanged, 1);
  EXPECT_EQ(report.removed, 1);
  const auto after = store.load_project();
  ASSERT_EQ(after.tasks.size(), 3u);
  EXPECT_EQ(find(after, "Research Redis").id, redis.id);
  EXPECT_EQ(find(after, "Research Redis").status, model::TaskStatus::done);
  EXPECT_EQ(find(after, "Research Redis").position, 2);
  EXPECT_EQ(find(after, "Analyze eviction policies").id, eviction.id);
  EXPECT_TRUE(find(after, "Analyze eviction policies").estimate.manual);
  EXPECT_DOUBLE_EQ(find(after, "Analyze eviction policies").estimate.hours, 3.5);

  const auto again = store.import_document(document(
      "t.md",
      {{"Caching", {"Research Memcached", "Research Redis", "Analyze eviction policies"}}}));
  EXPECT_EQ(again.unchanged, 3);
  EXPECT_EQ(again.added + again.updated + again.removed, 0);
}

TEST(StoreTest, ARemovedTopicIsArchivedAndRestoredWithItsStatuses) {
  TempDir dir;
  Store store(dir / "rplan.db", Access::read_write);
  store.import_document(document("t.md", {{"A", {"Research a"}}, {"B", {"Research b"}}}));
  const auto b = find(store.load_project(), "Research b");
  store.set_status(b.id, model::TaskStatus::in_progress, {}, "");
  const auto gone = store.import_document(document("t.md", {{"A", {"Research a"}}}));
  EXPECT_EQ(gone.removed, 1);
  EXPECT_EQ(gone.topics_archived, 1);
  EXPECT_EQ(store.load_project().tasks.size(), 1u);
  const auto back =
      store.import_document(document("t.md", {{"A", {"Research a"}}, {"B", {"Research b"}}}));
  EXPECT_EQ(back.topics_restored, 1);
  const auto restored = find(store.load_project(), "Research b");
  EXPECT_EQ(restored.id, b.id);
  EXPECT_EQ(restored.status, model::TaskStatus::in_progress);
}

TEST(StoreTest, ForgetArchivesADocumentsTopics) {
  TempDir dir;
  Store store(dir / "rplan.db", Access::read_write);
  store.import_document(document("a.md", {{"A", {"Research a"}}}));
  store.import_document(document("b.md", {{"B", {"Research b", "Research c"}}}));
  EXPECT_EQ(store.forget_document("b.md"), 2);
  EXPECT_EQ(store.load_project().tasks.size(), 1u);
  EXPECT_THROW(store.forget_document("nope.md"), InputError);
}

TEST(StoreTest, RemovingAPersonUnpinsTheirTasks) {
  TempDir dir;
  Store store(dir / "rplan.db", Access::read_write);
  store.import_document(document("a.md", {{"A", {"Research a"}}}));
  model::Assignee ada;
  ada.name = "Ada";
  EXPECT_TRUE(store.upsert_assignee(ada));
  ada.hours_per_day = 4;
  EXPECT_FALSE(store.upsert_assignee(ada));  // same name: an update
  ASSERT_EQ(store.team().size(), 1u);
  EXPECT_DOUBLE_EQ(store.team()[0].hours_per_day, 4);
  const auto id = store.load_project().tasks[0].id;
  store.set_pin(id, "Ada");
  store.add_time_off({"Ada", *util::parse_date("2026-12-07"), *util::parse_date("2026-12-11"), ""});
  EXPECT_EQ(store.load_project().tasks[0].pinned_assignee, "Ada");
  EXPECT_TRUE(store.remove_assignee("Ada"));
  EXPECT_EQ(store.load_project().tasks[0].pinned_assignee, "");
  EXPECT_TRUE(store.time_off().empty());
  EXPECT_THROW(store.set_pin(id, "Nobody"), InputError);
}

TEST(StoreTest, ReadOnlyDatabaseServesReads) {
  TempDir dir;
  {
    Store store(dir / "rplan.db", Access::read_write);
    store.import_document(document("a.md", {{"A", {"Research a"}}}));
  }
  Store reader(dir / "rplan.db", Access::read_only);
  EXPECT_EQ(reader.load_project().tasks.size(), 1u);
  EXPECT_THROW(
      reader.set_status(reader.load_project().tasks[0].id, model::TaskStatus::done, {}, ""),
      OutputError);
}

}  // namespace
}  // namespace rplan::store
