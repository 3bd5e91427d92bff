#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "planner/store/store.hpp"
#include "test_support.hpp"

namespace rplan::store {
namespace {

using rplan::testing::document;
using rplan::testing::TempDir;

using rplan::testing::at;
using rplan::testing::fake_plan;

TEST(PlanStoreTest, SequencesRiseOnlyForChangedEventsAndAnUnchangedPlanKeepsItsTimestamp) {
  TempDir dir;
  Store store(dir / "rplan.db", Access::read_write);
  store.import_document(document("a.md", {{"A", {"Research a", "Research b"}}}));
  model::Project p = store.load_project();
  fake_plan(p, "2026-12-07");
  p.plan.now = at("2026-12-01T10:00:00Z");
  store.save_plan(p, at("2026-12-01T10:00:00Z"));
  EXPECT_EQ(p.plan.created_at, at("2026-12-01T10:00:00Z"));

  // The same plan a day later: same sequences, the first timestamp and now.
  model::Project same = store.load_project();
  fake_plan(same, "2026-12-07");
  same.plan.now = at("2026-12-02T10:00:00Z");
  store.save_plan(same, at("2026-12-02T10:00:00Z"));
  EXPECT_EQ(same.plan.created_at, at("2026-12-01T10:00:00Z"));
  EXPECT_EQ(same.plan.now, at("2026-12-01T10:00:00Z"));
  EXPECT_EQ(store.load_project().plan.now, at("2026-12-01T10:00:00Z"));
  EXPECT_EQ(same.tasks[0].blocks[0].sequence, 0);

  // The second task moves: only its sequence rises.
  model::Project moved = store.load_project();
  fake_plan(moved, "2026-12-07");
  moved.tasks[1].blocks[0].utc_start += std::chrono::hours{1};
  moved.tasks[1].blocks[0].start_minute += 60;
  store.save_plan(moved, at("2026-12-03T10:00:00Z"));
  EXPECT_EQ(moved.plan.created_at, at("2026-12-03T10:00:00Z"));
  const model::Project loaded = store.load_project();
  EXPECT_EQ(loaded.tasks[0].blocks[0].sequence, 0);
  EXPECT_EQ(loaded.tasks[1].blocks[0].sequence, 1);
  EXPECT_EQ(loaded.tasks[1].blocks[0].start_minute, 600);
  EXPECT_EQ(loaded.tasks[0].assignee, "Ada");
  EXPECT_EQ(loaded.plan.created_at, at("2026-12-03T10:00:00Z"));
}

TEST(PlanStoreTest, UnassignedTasksAreStoredAndReported) {
  TempDir dir;
  Store store(dir / "rplan.db", Access::read_write);
  store.import_document(document("a.md", {{"A", {"Research a"}}}));
  model::Project p = store.load_project();
  p.plan.start = p.plan.finish = *util::parse_date("2026-12-07");
  p.plan.unassigned = {p.tasks[0].id};
  store.save_plan(p, at("2026-12-01T10:00:00Z"));
  const auto loaded = store.load_project();
  EXPECT_TRUE(loaded.plan.exists);
  EXPECT_EQ(loaded.plan.unassigned, std::vector<std::string>{p.tasks[0].id});
  EXPECT_FALSE(loaded.tasks[0].planned());
}

// What re-planning from now keeps comes back as stored: history blocks and
// who worked them, slipped tasks, the plan's minimum, and a done task that
// kept no block keeps its person and finishes when it was done. A block that
// turns into history with nothing else changed keeps its sequence; one cut
// shorter gets the next.
TEST(PlanStoreTest, HistorySlippedTasksAndDoneTasksWithoutBlocksRoundTrip) {
  TempDir dir;
  Store store(dir / "rplan.db", Access::read_write);
  store.import_document(document("a.md", {{"A", {"Research a", "Research b", "Research c"}}}));
  model::Project p = store.load_project();
  fake_plan(p, "2026-12-07");
  p.tasks[0].blocks.push_back(p.tasks[0].blocks.front());
  p.tasks[0].blocks[1].utc_start += std::chrono::hours{24};
  p.tasks[0].blocks[1].utc_end += std::chrono::hours{24};
  p.tasks[0].blocks[1].date += std::chrono::days{1};
  store.save_plan(p, at("2026-12-01T10:00:00Z"));

  model::Project next = store.load_project();
  store.set_status(next.tasks[1].id, model::TaskStatus::done, at("2026-12-07T16:00:00Z"), "Grace");
  next = store.load_project();
  next.tasks[0].blocks[0].history = true;  // only its state changes
  next.tasks[0].blocks[1].history = true;  // cut shorter
  next.tasks[0].blocks[1].minutes = 60;
  next.tasks[0].blocks[1].utc_end = next.tasks[0].blocks[1].utc_start + std::chrono::hours{1};
  next.tasks[0].blocks[1].assignee = "Grace";
  next.tasks[1].blocks.clear();  // done before its planned work
  next.tasks[1].assignee = "Grace";
  model::set_dates_from_blocks(next.tasks[1]);
  next.tasks[2].slipped = true;
  next.plan.slipped = {next.tasks[2].id};
  next.plan.minimum_remaining_hours = 0.5;
  next.plan.now = at("2026-12-08T12:00:00Z");
  store.save_plan(next, at("2026-12-08T12:00:00Z"));

  const model::Project loaded = store.load_project();
  const auto& kept = loaded.tasks[0];
  ASSERT_EQ(kept.blocks.size(), 2u);
  EXPECT_TRUE(kept.blocks[0].history);
  EXPECT_EQ(kept.blocks[0].sequence, 0);
  EXPECT_EQ(kept.blocks[0].assignee, "");
  EXPECT_EQ(kept.blocks[1].sequence, 1);
  EXPECT_EQ(kept.blocks[1].minutes, 60);
  EXPECT_EQ(kept.blocks[1].assignee, "Grace");
  EXPECT_EQ(kept.assignee, "Ada");
  EXPECT_EQ(kept.finish, kept.blocks[1].utc_end);
  const auto& done = loaded.tasks[1];
  EXPECT_EQ(done.assignee, "Grace");
  EXPECT_TRUE(done.blocks.empty());
  EXPECT_EQ(done.start, at("2026-12-07T16:00:00Z"));
  EXPECT_EQ(done.finish, at("2026-12-07T16:00:00Z"));
  EXPECT_TRUE(loaded.tasks[2].slipped);
  EXPECT_EQ(loaded.plan.slipped, std::vector<std::string>{loaded.tasks[2].id});
  EXPECT_EQ(loaded.plan.minimum_remaining_hours, 0.5);
  EXPECT_EQ(loaded.plan.now, at("2026-12-08T12:00:00Z"));
  EXPECT_TRUE(loaded.plan.unassigned.empty());
}

// Rows are stored 64 at a time with the rest one by one: a plan of 150 tasks
// (two full batches and 22 single rows) with 2 or 3 blocks each (several
// batches and a tail) reads back exactly, and a second save of it with one
// block moved raises that block's sequence alone.
TEST(PlanStoreTest, LargePlansRoundTripThroughTheBatchedInserts) {
  TempDir dir;
  Store store(dir / "rplan.db", Access::read_write);
  std::vector<std::pair<std::string, std::vector<std::string>>> topics;
  for (int i = 0; i < 50; ++i) {
    const std::string n = std::to_string(i);
    topics.push_back({"Topic " + n, {"Research " + n, "Analyze " + n, "Document " + n}});
  }
  store.import_document(document("big.md", topics));
  const auto plan = [&](model::Project& p) {
    fake_plan(p, "2026-12-07");
    for (std::size_t i = 0; i < p.tasks.size(); ++i) {
      for (std::size_t extra = 0; extra < 1 + i % 2; ++extra) {
        model::WorkBlock b = p.tasks[i].blocks.back();
        b.date += std::chrono::days{1};
        b.utc_start += std::chrono::hours{24};
        b.utc_end += std::chrono::hours{24};
        p.tasks[i].blocks.push_back(b);
      }
      p.tasks[i].finish = p.tasks[i].blocks.back().utc_end;
    }
  };
  model::Project p = store.load_project();
  ASSERT_EQ(p.tasks.size(), 150u);
  plan(p);
  store.save_plan(p, at("2026-12-01T10:00:00Z"));
  model::Project loaded = store.load_project();
  std::size_t blocks = 0;
  for (std::size_t i = 0; i < p.tasks.size(); ++i) {
    ASSERT_EQ(loaded.tasks[i].blocks.size(), p.tasks[i].blocks.size()) << i;
    for (std::size_t n = 0; n < p.tasks[i].blocks.size(); ++n, ++blocks) {
      EXPECT_EQ(loaded.tasks[i].blocks[n].date, p.tasks[i].blocks[n].date);
      EXPECT_EQ(loaded.tasks[i].blocks[n].utc_start, p.tasks[i].blocks[n].utc_start);
      EXPECT_EQ(loaded.tasks[i].blocks[n].sequence, 0);
    }
    EXPECT_EQ(loaded.tasks[i].depends_on, p.tasks[i].depends_on);
  }
  EXPECT_EQ(blocks, 375u);

  plan(loaded);
  loaded.tasks[137].blocks[1].utc_start += std::chrono::hours{1};
  store.save_plan(loaded, at("2026-12-02T10:00:00Z"));
  const model::Project again = store.load_project();
  for (std::size_t i = 0; i < again.tasks.size(); ++i) {
    for (std::size_t n = 0; n < again.tasks[i].blocks.size(); ++n) {
      EXPECT_EQ(again.tasks[i].blocks[n].sequence, i == 137 && n == 1 ? 1 : 0) << i << "/" << n;
    }
  }
}

// write_plan stores the rows prepare_plan sequenced (it counts the block rows
// from them): a project whose blocks changed in between is refused rather
// than stored with rows missing.
TEST(PlanStoreTest, WritePlanRefusesBlocksChangedAfterPreparePlan) {
  TempDir dir;
  Store store(dir / "rplan.db", Access::read_write);
  store.import_document(document("a.md", {{"A", {"Research a", "Research b"}}}));
  model::Project p = store.load_project();
  fake_plan(p, "2026-12-07");
  const Store::PreparedPlan prepared = store.prepare_plan(p, at("2026-12-01T10:00:00Z"));
  p.tasks[1].blocks.clear();
  Store::Transaction tx(store);
  EXPECT_THROW(store.write_plan(p, prepared), std::logic_error);
}

// load_project orders tasks itself and finds plan rows by id without a hash:
// ids that share long prefixes (not the store's own kind, but legal in the
// file), tasks stored out of topic order, archived topics and dependencies
// must all come back as stored.
TEST(PlanStoreTest, LoadFindsEveryRowByIdWhateverTheIdsAndTheStoredOrder) {
  TempDir dir;
  {
    Store store(dir / "rplan.db", Access::read_write);
    store.import_document(document("a.md", {{"A", {"Research a1", "Research a2"}},
                                            {"B", {"Research b1", "Research b2", "Document b"}},
                                            {"C", {"Research c1"}}}));
    // A prompt added in front of A's: stored last, loaded first.
    store.import_document(document("a.md", {{"A", {"Research a0", "Research a1", "Research a2"}},
                                            {"B", {"Research b1", "Research b2", "Document b"}},
                                            {"C", {"Research c1"}}}));
  }
  {
    SQLite::Database db((dir / "rplan.db").string(), SQLite::OPEN_READWRITE);
    // Ids of 17 bytes that differ only at the end, in reverse of topic order.
    SQLite::Statement ids(db, "SELECT id FROM tasks ORDER BY rowid");
    std::vector<std::string> old_ids;
    while (ids.executeStep()) old_ids.push_back(ids.getColumn(0).getString());
    for (std::size_t i = 0; i < old_ids.size(); ++i) {
      SQLite::Statement u(db, "UPDATE tasks SET id = ? WHERE id = ?");
      u.bind(1, "shared-prefix-" + std::to_string(900 - i));
      u.bind(2, old_ids[i]);
      u.exec();
    }
  }
  Store store(dir / "rplan.db", Access::read_write);
  model::Project p = store.load_project();
  std::vector<std::string> prompts;
  for (const auto& t : p.tasks) prompts.push_back(t.prompt);
  EXPECT_EQ(prompts,
            (std::vector<std::string>{"Research a0", "Research a1", "Research a2", "Research b1",
                                      "Research b2", "Document b", "Research c1"}));
  store.add_after(p.tasks[6].id, p.tasks[0].id);
  store.add_after(p.tasks[6].id, p.tasks[4].id);
  p = store.load_project();
  fake_plan(p, "2026-12-07");
  for (std::size_t i = 0; i < p.tasks.size(); ++i) p.tasks[i].assignee = "P" + std::to_string(i);
  p.tasks[3].blocks.push_back(p.tasks[3].blocks.front());
  p.tasks[3].blocks.back().start_minute += 240;
  store.save_plan(p, at("2026-12-01T10:00:00Z"));

  const model::Project loaded = store.load_project();
  ASSERT_EQ(loaded.tasks.size(), p.tasks.size());
  for (std::size_t i = 0; i < p.tasks.size(); ++i) {
    SCOPED_TRACE(p.tasks[i].prompt);
    EXPECT_EQ(loaded.tasks[i].id, p.tasks[i].id);
    EXPECT_EQ(loaded.tasks[i].assignee, "P" + std::to_string(i));
    EXPECT_EQ(loaded.tasks[i].blocks.size(), p.tasks[i].blocks.size());
    EXPECT_EQ(loaded.tasks[i].blocks.front().date, p.tasks[i].blocks.front().date);
  }
  EXPECT_EQ(loaded.tasks[3].blocks[1].start_minute, 9 * 60 + 240);
  std::vector<std::string> after = loaded.tasks[6].after;
  std::sort(after.begin(), after.end());
  std::vector<std::string> expected = {p.tasks[0].id, p.tasks[4].id};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(after, expected);

  // Topic B leaves the document: its tasks and their plan rows stay stored
  // but are not loaded, and the others still find theirs.
  store.import_document(document(
      "a.md", {{"A", {"Research a0", "Research a1", "Research a2"}}, {"C", {"Research c1"}}}));
  const model::Project without_b = store.load_project();
  ASSERT_EQ(without_b.tasks.size(), 4u);
  EXPECT_EQ(without_b.tasks[3].prompt, "Research c1");
  EXPECT_EQ(without_b.tasks[3].assignee, "P6");
  EXPECT_EQ(without_b.tasks[0].assignee, "P0");
}

// The plan's tables as the schema describes them: name and definition.
std::vector<std::pair<std::string, std::string>> plan_tables(const std::filesystem::path& db_path) {
  SQLite::Database db(db_path.string());
  SQLite::Statement q(db,
                      "SELECT name, sql FROM sqlite_schema WHERE name LIKE 'plan%' ORDER BY name");
  std::vector<std::pair<std::string, std::string>> tables;
  while (q.executeStep())
    tables.emplace_back(q.getColumn(0).getString(), q.getColumn(1).getString());
  return tables;
}

// write_plan empties plan_blocks, plan_tasks and plan_topics by dropping and
// creating them again: the definitions stay text for text, the old rows go,
// and the foreign keys still hold.
TEST(PlanStoreTest, ReplacingAPlanKeepsThePlanTablesAsTheSchemaDefinesThem) {
  TempDir dir;
  Store store(dir / "rplan.db", Access::read_write);
  store.import_document(document(
      "a.md", {{"A", {"Research a1", "Research a2"}}, {"B", {"Research b1", "Document b"}}}));
  const auto before = plan_tables(dir / "rplan.db");
  model::Project p = store.load_project();
  fake_plan(p, "2026-12-07");
  p.tasks[0].blocks.push_back(p.tasks[0].blocks.front());
  p.tasks[0].blocks.back().start_minute += 240;
  store.save_plan(p, at("2026-12-01T10:00:00Z"));
  p = store.load_project();
  fake_plan(p, "2026-12-14");  // one block a task now
  store.save_plan(p, at("2026-12-02T10:00:00Z"));
  EXPECT_EQ(plan_tables(dir / "rplan.db"), before);

  SQLite::Database db((dir / "rplan.db").string(), SQLite::OPEN_READWRITE);
  EXPECT_EQ(db.execAndGet("SELECT count(*) FROM plan_tasks").getInt(), 4);
  EXPECT_EQ(db.execAndGet("SELECT count(*) FROM plan_blocks").getInt(), 4);
  EXPECT_EQ(db.execAndGet("SELECT count(*) FROM plan_topics").getInt(), 2);
  EXPECT_EQ(db.execAndGet("SELECT min(date) FROM plan_blocks").getString(), "2026-12-14");
  db.exec("PRAGMA foreign_keys = ON");
  EXPECT_THROW(db.exec("INSERT INTO plan_blocks (task_id, number, date, start_minute, minutes, "
                       "utc_start) VALUES ('no-such-task', 1, '2026-12-14', 540, 60, 0)"),
               SQLite::Exception);
  EXPECT_THROW(db.exec("INSERT INTO plan_tasks (task_id) VALUES ('no-such-task')"),
               SQLite::Exception);
}

// Dropping plan_tasks does no row-by-row DELETE only while nothing but
// plan_blocks refers to it, and nothing refers to plan_blocks or
// plan_topics (see clear_plan_rows): a table that does must change how a
// plan is replaced.
TEST(PlanStoreTest, OnlyPlanBlocksRefersToThePlanTables) {
  TempDir dir;
  { Store store(dir / "rplan.db", Access::read_write); }
  SQLite::Database db((dir / "rplan.db").string());
  SQLite::Statement tables(db, "SELECT name FROM sqlite_schema WHERE type = 'table'");
  while (tables.executeStep()) {
    const std::string table = tables.getColumn(0).getString();
    SQLite::Statement keys(db, "SELECT \"table\" FROM pragma_foreign_key_list(?)");
    keys.bind(1, table);
    while (keys.executeStep()) {
      const std::string parent = keys.getColumn(0).getString();
      if (parent.rfind("plan", 0) != 0) continue;
      EXPECT_TRUE(table == "plan_blocks" && parent == "plan_tasks") << table << " -> " << parent;
    }
  }
}

// Ids of at most 8 bytes are compared by their packed prefix and length
// alone: ids that are prefixes of one another still find their own rows.
TEST(PlanStoreTest, LoadFindsTheRowsOfShortIdsThatArePrefixesOfOneAnother) {
  TempDir dir;
  {
    Store store(dir / "rplan.db", Access::read_write);
    store.import_document(document(
        "a.md",
        {{"A", {"Research a1", "Research a2", "Research a3"}},
         {"B", {"Research b1", "Research b2", "Research b3", "Research b4", "Document b"}}}));
  }
  const std::vector<std::string> short_ids = {"abcdefgh", "a",   "abcdefg", "ab",
                                              "abcdef",   "abc", "abcde",   "abcd"};
  {
    SQLite::Database db((dir / "rplan.db").string(), SQLite::OPEN_READWRITE);
    SQLite::Statement ids(db, "SELECT id FROM tasks ORDER BY rowid");
    std::vector<std::string> old_ids;
    while (ids.executeStep()) old_ids.push_back(ids.getColumn(0).getString());
    ASSERT_EQ(old_ids.size(), short_ids.size());
    for (std::size_t i = 0; i < old_ids.size(); ++i) {
      SQLite::Statement u(db, "UPDATE tasks SET id = ? WHERE id = ?");
      u.bind(1, short_ids[i]);
      u.bind(2, old_ids[i]);
      u.exec();
    }
  }
  Store store(dir / "rplan.db", Access::read_write);
  model::Project p = store.load_project();
  ASSERT_EQ(p.tasks.size(), short_ids.size());
  fake_plan(p, "2026-12-07");
  for (std::size_t i = 0; i < p.tasks.size(); ++i) {
    p.tasks[i].assignee = "P" + p.tasks[i].id;
    for (std::size_t n = 0; n < p.tasks[i].id.size() % 3; ++n) {
      p.tasks[i].blocks.push_back(p.tasks[i].blocks.back());
      p.tasks[i].blocks.back().start_minute += 60;
    }
  }
  store.save_plan(p, at("2026-12-01T10:00:00Z"));
  const model::Project loaded = store.load_project();
  ASSERT_EQ(loaded.tasks.size(), p.tasks.size());
  for (std::size_t i = 0; i < p.tasks.size(); ++i) {
    SCOPED_TRACE(p.tasks[i].id);
    EXPECT_EQ(loaded.tasks[i].id, p.tasks[i].id);
    EXPECT_EQ(loaded.tasks[i].assignee, "P" + p.tasks[i].id);
    ASSERT_EQ(loaded.tasks[i].blocks.size(), 1 + p.tasks[i].id.size() % 3);
    EXPECT_EQ(loaded.tasks[i].blocks.back().start_minute, p.tasks[i].blocks.back().start_minute);
  }
}

}  // namespace
}  // namespace rplan::store
