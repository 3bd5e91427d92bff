#include <gtest/gtest.h>

#include "planner/store/store.hpp"
#include "test_support.hpp"

namespace rplan::store {
namespace {

using rplan::testing::document;
using rplan::testing::TempDir;

model::Instant at(const char* text) { return *util::parse_rfc3339(text); }

// A hand-made plan: every task gets one block a day apart, 09:00 UTC.
void fake_plan(model::Project& p, const char* first_day) {
  model::Date day = *util::parse_date(first_day);
  p.plan.start = day;
  p.plan.strategy = model::Strategy::balanced;
  for (auto& t : p.tasks) {
    t.assignee = "Ada";
    model::WorkBlock b;
    b.date = day;
    b.start_minute = 9 * 60;
    b.minutes = 240;
    b.utc_start = model::Instant{day} + std::chrono::hours{9};
    b.utc_end = b.utc_start + std::chrono::minutes{240};
    t.blocks = {b};
    t.start = b.utc_start;
    t.finish = b.utc_end;
    day += std::chrono::days{1};
  }
  p.plan.finish = day;
}

TEST(PlanStoreTest, SequencesRiseOnlyForChangedEventsAndAnUnchangedPlanKeepsItsTimestamp) {
  TempDir dir;
  Store store(dir / "rplan.db", Access::read_write);
  store.import_document(document("a.md", {{"A", {"Research a", "Research b"}}}));
  model::Project p = store.load_project();
  fake_plan(p, "2026-12-07");
  store.save_plan(p, at("2026-12-01T10:00:00Z"));
  EXPECT_EQ(p.plan.created_at, at("2026-12-01T10:00:00Z"));

  // The same plan a day later: same sequences, the first timestamp.
  model::Project same = store.load_project();
  fake_plan(same, "2026-12-07");
  store.save_plan(same, at("2026-12-02T10:00:00Z"));
  EXPECT_EQ(same.plan.created_at, at("2026-12-01T10:00:00Z"));
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

}  // namespace
}  // namespace rplan::store
