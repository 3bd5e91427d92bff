// What the store records about the work (spent, remaining, status history)
// and the plan changes that make a plan out of date.

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>

#include "planner/store/store.hpp"
#include "planner/util/error.hpp"
#include "test_support.hpp"
#include "tests/support/project_builder.hpp"

namespace rplan::store {
namespace {

using model::TaskStatus;
using rplan::testing::document;
using rplan::testing::person;
using rplan::testing::TempDir;

using rplan::testing::k_day;
model::Instant at_hour(int hour) { return model::Instant{k_day} + std::chrono::hours{hour}; }

// A store with Ada and Grace and one topic of three tasks.
struct Fixture {
  TempDir dir;
  Store store{dir / "rplan.db", Access::read_write};
  std::vector<std::string> ids;
  Fixture() {
    store.upsert_assignee(person("Ada"));
    store.upsert_assignee(person("Grace"));
    store.import_document(
        document("a.md", {{"A", {"Research caching", "Analyze queues", "Document both"}}}));
    for (const auto& t : store.load_project().tasks) ids.push_back(t.id);
  }
  model::Task task(std::size_t i) {
    for (auto& t : store.load_project().tasks) {
      if (t.id == ids[i]) return t;
    }
    ADD_FAILURE() << "no task " << ids[i];
    return {};
  }
  // Stores a plan (nobody scheduled) made at `now`.
  void plan(model::Instant now) {
    model::Project p = store.load_project();
    p.plan.start = k_day;
    p.plan.finish = k_day;
    p.plan.now = now;
    store.save_plan(p, now);
  }
};

TEST(TrackingTest, WorkEntriesAddUpAndStartAnOpenTask) {
  Fixture f;
  f.store.record_work({f.ids[0], "Ada", k_day, 2, at_hour(10)});
  f.store.record_work({f.ids[0], "Grace", k_day + std::chrono::days{1}, 1.5, at_hour(30)});
  const model::Task t = f.task(0);
  EXPECT_EQ(t.spent_hours, 3.5);
  EXPECT_EQ(t.status, TaskStatus::in_progress);
  EXPECT_EQ(t.started_by, "Ada");
  EXPECT_FALSE(t.remaining_hours);
  const auto history = f.store.status_history(f.ids[0]);
  ASSERT_EQ(history.size(), 1U);  // only the first entry started it
  EXPECT_EQ(history[0],
            (model::StatusChange{f.ids[0], TaskStatus::in_progress, at_hour(10), "Ada"}));
  const model::Project p = f.store.load_project();
  ASSERT_EQ(p.work_log.size(), 2U);
  EXPECT_EQ(p.work_log[0], (model::WorkEntry{f.ids[0], "Ada", k_day, 2, at_hour(10)}));
  EXPECT_EQ(p.work_log[1].assignee, "Grace");
  EXPECT_EQ(model::remaining_hours(t, 1), 8 - 3.5);
}

TEST(TrackingTest, HoursSpentLowerAnExplicitRemainingButNotBelowZero) {
  Fixture f;
  f.store.set_remaining(f.ids[1], 5, at_hour(9), "Grace");
  EXPECT_EQ(f.task(1).remaining_hours, 5);
  f.store.record_work({f.ids[1], "Grace", k_day, 2, at_hour(11)});
  EXPECT_EQ(f.task(1).remaining_hours, 3);
  f.store.record_work({f.ids[1], "Grace", k_day, 4, at_hour(12)});
  EXPECT_EQ(f.task(1).remaining_hours, 0);
  EXPECT_EQ(model::remaining_hours(f.task(1), 1), 0);  // said so: nothing left
  EXPECT_EQ(f.task(1).status, TaskStatus::in_progress);
  EXPECT_EQ(f.task(1).started_by, "Grace");
}

TEST(TrackingTest, RemainingHoursMakeADoneTaskInProgressAgain) {
  Fixture f;
  f.store.set_status(f.ids[0], TaskStatus::done, at_hour(15), "Ada");
  f.store.set_remaining(f.ids[0], 0, at_hour(16), "Ada");
  const model::Task t = f.task(0);
  EXPECT_EQ(t.status, TaskStatus::in_progress);
  EXPECT_FALSE(t.done_at);
  EXPECT_EQ(t.done_by, "");
  EXPECT_EQ(t.remaining_hours, 0);
  const auto history = f.store.status_history(f.ids[0]);
  ASSERT_EQ(history.size(), 2U);
  EXPECT_EQ(history[1].status, TaskStatus::in_progress);
  EXPECT_EQ(history[1].at, at_hour(16));
}

TEST(TrackingTest, DoneKeepsWhenAndByWhomAndReopeningClearsIt) {
  Fixture f;
  f.store.set_remaining(f.ids[2], 2, at_hour(9), "Ada");
  EXPECT_TRUE(f.store.set_status(f.ids[2], TaskStatus::done, at_hour(14), "Ada"));
  model::Task t = f.task(2);
  EXPECT_EQ(t.status, TaskStatus::done);
  EXPECT_EQ(t.done_at, at_hour(14));
  EXPECT_EQ(t.done_by, "Ada");
  EXPECT_FALSE(t.remaining_hours);  // done: nothing left to say
  EXPECT_EQ(model::remaining_hours(t, 1), 0);

  // The same status again: nothing, unless the time (or person) is corrected.
  EXPECT_FALSE(f.store.set_status(f.ids[2], TaskStatus::done, at_hour(14), "Ada"));
  EXPECT_TRUE(f.store.set_status(f.ids[2], TaskStatus::done, at_hour(13), "Grace"));
  t = f.task(2);
  EXPECT_EQ(t.done_at, at_hour(13));
  EXPECT_EQ(t.done_by, "Grace");

  EXPECT_TRUE(f.store.set_status(f.ids[2], TaskStatus::open, at_hour(20), "Ada"));
  t = f.task(2);
  EXPECT_FALSE(t.done_at);
  EXPECT_EQ(t.done_by, "");
  const auto history = f.store.status_history(f.ids[2]);
  ASSERT_EQ(history.size(), 3U);  // in progress, done, open: the correction is no change
  EXPECT_EQ(history[0].status, TaskStatus::in_progress);
  EXPECT_EQ(history[1], (model::StatusChange{f.ids[2], TaskStatus::done, at_hour(14), "Ada"}));
  EXPECT_EQ(history[2].status, TaskStatus::open);
}

TEST(TrackingTest, RemainingFollowsTheOneRule) {
  model::Task t;
  t.estimate.hours = 6;
  EXPECT_EQ(model::remaining_hours(t, 1), 6);
  t.spent_hours = 4;
  EXPECT_EQ(model::remaining_hours(t, 1), 2);
  t.spent_hours = 7;  // spent past the estimate, not done: the minimum
  EXPECT_EQ(model::remaining_hours(t, 1), 1);
  EXPECT_EQ(model::remaining_hours(t, 0.5), 0.5);
  t.remaining_hours = 3;
  EXPECT_EQ(model::remaining_hours(t, 1), 3);
  t.status = TaskStatus::done;
  EXPECT_EQ(model::remaining_hours(t, 1), 0);
}

TEST(TrackingTest, RefusesHoursThatAreNoNumberAboveZeroAndTasksThatAreGone) {
  Fixture f;
  for (const double bad : {0.0, -1.0, std::nan(""), std::numeric_limits<double>::infinity()}) {
    SCOPED_TRACE(bad);
    EXPECT_THROW(f.store.record_work({f.ids[0], "Ada", k_day, bad, at_hour(9)}), InputError);
  }
  EXPECT_THROW(f.store.set_remaining(f.ids[0], -0.5, at_hour(9), "Ada"), InputError);
  EXPECT_THROW(f.store.set_remaining(f.ids[0], std::nan(""), at_hour(9), "Ada"), InputError);
  EXPECT_THROW(f.store.record_work({"nosuch", "Ada", k_day, 1, at_hour(9)}), InputError);
  f.store.import_document(document("a.md", {}));  // every topic archived
  EXPECT_THROW(f.store.record_work({f.ids[0], "Ada", k_day, 1, at_hour(9)}), InputError);
  EXPECT_THROW(f.store.set_status(f.ids[0], TaskStatus::done, at_hour(9), ""), InputError);
}

TEST(TrackingTest, TheWorkLogIsFilteredByPersonDatesAndTaskAndHidesArchivedTasks) {
  Fixture f;
  const auto day = [](int n) { return k_day + std::chrono::days{n}; };
  f.store.record_work({f.ids[1], "Ada", day(2), 1, at_hour(50)});
  f.store.record_work({f.ids[0], "Grace", day(0), 2, at_hour(10)});
  f.store.record_work({f.ids[0], "Ada", day(1), 3, at_hour(30)});
  f.store.record_work({f.ids[2], "Ada", day(1), 4, at_hour(31)});
  const auto hours = [](const std::vector<model::WorkEntry>& entries) {
    std::vector<double> h;
    for (const auto& e : entries) h.push_back(e.hours);
    return h;
  };
  EXPECT_EQ(hours(f.store.work_log({})), (std::vector<double>{2, 3, 4, 1}));  // date, then task
  EXPECT_EQ(hours(f.store.work_log({"Ada", "", {}, {}})), (std::vector<double>{3, 4, 1}));
  EXPECT_EQ(hours(f.store.work_log({"", f.ids[0], {}, {}})), (std::vector<double>{2, 3}));
  EXPECT_EQ(hours(f.store.work_log({"", "", day(1), day(1)})), (std::vector<double>{3, 4}));
  EXPECT_EQ(hours(f.store.work_log({"Ada", "", {}, day(1)})), (std::vector<double>{3, 4}));
  EXPECT_EQ(hours(f.store.work_log({"", "", day(2), {}})), (std::vector<double>{1}));
  // The prompt of ids[2] is gone from its topic: its task and work are hidden.
  f.store.import_document(document("a.md", {{"A", {"Research caching", "Analyze queues"}}}));
  EXPECT_EQ(hours(f.store.work_log({})), (std::vector<double>{2, 3, 1}));
  EXPECT_EQ(f.store.load_project().work_log.size(), 3U);
}

TEST(TrackingTest, NothingIsOutOfDateWithoutAPlan) {
  Fixture f;
  f.store.set_manual_estimate(f.ids[0], 3);
  f.store.record_work({f.ids[0], "Ada", k_day, 2, at_hour(10)});
  EXPECT_TRUE(f.store.load_project().plan.stale_reasons.empty());
  f.plan(at_hour(11));
  const model::Project p = f.store.load_project();
  EXPECT_TRUE(p.plan.exists);
  EXPECT_EQ(p.plan.now, at_hour(11));
  EXPECT_TRUE(p.plan.stale_reasons.empty());
}

// Each change that would alter the plan, with the reason it gives; each
// no-op next to it gives none.
TEST(TrackingTest, EveryChangeThatWouldAlterThePlanMakesItOutOfDate) {
  struct Case {
    std::string what;
    std::function<void(Fixture&)> change;
    std::vector<std::string> reasons;
  };
  const auto grace = [] {
    model::Assignee g = person("Grace");
    g.hours_per_day = 4;
    return g;
  };
  const std::vector<Case> cases = {
      {"a new person",
       [](Fixture& f) { f.store.upsert_assignee(person("Linus")); },
       {"team member Linus"}},
      {"a person's hours",
       [&](Fixture& f) { f.store.upsert_assignee(grace()); },
       {"team member Grace"}},
      {"the same person again", [](Fixture& f) { f.store.upsert_assignee(person("Ada")); }, {}},
      {"an email",
       [](Fixture& f) {
         model::Assignee a = person("Ada");
         a.email = "ada@example.org";
         f.store.upsert_assignee(a);
       },
       {}},
      {"a person removed",
       [](Fixture& f) { f.store.remove_assignee("Grace"); },
       {"team member Grace"}},
      {"time off",
       [](Fixture& f) {
         f.store.add_time_off({"Ada", k_day, k_day, "trip"});
       },
       {"time off for Ada"}},
      {"time off of two people",
       [](Fixture& f) {
         f.store.add_time_off({"Ada", k_day, k_day, ""});
         f.store.add_time_off({"Grace", k_day, k_day, ""});
       },
       {"time off for 2 people (Ada, Grace)"}},
      {"a holiday",
       [](Fixture& f) {
         f.store.add_holiday({k_day, "Feast"});
       },
       {"holiday 2026-12-07"}},
      {"an estimate",
       [](Fixture& f) { f.store.set_manual_estimate(f.ids[0], 3); },
       {"the estimate of task " + std::string("%0")}},
      {"a pin", [](Fixture& f) { f.store.set_pin(f.ids[1], "Ada"); }, {"the pin of task %1"}},
      {"a dependency",
       [](Fixture& f) { f.store.add_after(f.ids[0], f.ids[1]); },
       {"the dependencies of task %0"}},
      {"a status",
       [](Fixture& f) { f.store.set_status(f.ids[2], TaskStatus::done, {}, "Ada"); },
       {"the status of task %2"}},
      {"hours spent",
       [](Fixture& f) {
         f.store.record_work({f.ids[0], "Ada", k_day, 1, {}});
       },
       {"hours spent on task %0"}},
      {"remaining hours",
       [](Fixture& f) { f.store.set_remaining(f.ids[1], 2, {}, "Ada"); },
       {"the remaining hours of task %1"}},
      {"a task added and one edited",
       [](Fixture& f) {
         f.store.import_document(document("a.md", {{"A",
                                                    {"Research caching", "Analyze queues deeply",
                                                     "Document both", "Research more"}}}));
       },
       {"the text of task %1", "task new added"}},
      {"a topic gone",
       [](Fixture& f) { f.store.import_document(document("a.md", {})); },
       {"3 tasks removed (%0, %1, %2)"}},
      {"a document forgotten",
       [](Fixture& f) { f.store.forget_document("a.md"); },
       {"document a.md forgotten"}},
      {"the same document again",
       [](Fixture& f) {
         f.store.import_document(
             document("a.md", {{"A", {"Research caching", "Analyze queues", "Document both"}}}));
       },
       {}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    Fixture f;
    f.plan(at_hour(8));
    c.change(f);
    const model::Project p = f.store.load_project();
    std::vector<std::string> expected;
    for (std::string reason : c.reasons) {
      for (std::size_t i = 0; i < f.ids.size(); ++i) {
        const std::string mark = "%" + std::to_string(i);
        for (auto at = reason.find(mark); at != std::string::npos; at = reason.find(mark)) {
          reason.replace(at, mark.size(), f.ids[i]);
        }
      }
      if (const auto at = reason.find("task new"); at != std::string::npos) {
        reason.replace(at + 5, 3, p.tasks.back().id);
      }
      expected.push_back(reason);
    }
    // The import edits come before its additions in the order recorded.
    std::sort(expected.begin(), expected.end());
    std::vector<std::string> got = p.plan.stale_reasons;
    std::sort(got.begin(), got.end());
    EXPECT_EQ(got, expected);
    // A new plan is up to date again.
    f.plan(at_hour(9));
    EXPECT_TRUE(f.store.load_project().plan.stale_reasons.empty());
  }
}

TEST(TrackingTest, AReasonCountsItsSubjectsAndNamesTheFirstThree) {
  Fixture f;
  f.store.import_document(document("b.md", {{"B", {"Research 1", "Research 2", "Research 3"}}}));
  f.ids.clear();
  for (const auto& t : f.store.load_project().tasks) f.ids.push_back(t.id);
  f.plan(at_hour(8));
  f.store.set_manual_estimate(f.ids[0], 2);
  f.store.add_time_off({"Ada", k_day, k_day, ""});
  f.store.set_manual_estimate(f.ids[1], 2);
  f.store.set_manual_estimate(f.ids[0], 3);  // the same task again counts once
  f.store.set_manual_estimate(f.ids[2], 2);
  f.store.set_manual_estimate(f.ids[3], 2);
  EXPECT_EQ(f.store.load_project().plan.stale_reasons,
            (std::vector<std::string>{"estimates of 4 tasks (" + f.ids[0] + ", " + f.ids[1] + ", " +
                                          f.ids[2] + ", \u2026)",
                                      "time off for Ada"}));
}

TEST(TrackingTest, TheImportReportsEditsMeaningChangesArchivedWorkAndAnotherFolder) {
  Fixture f;
  auto doc = document("a.md", {{"A", {"Research caching", "Analyze queues", "Document both"}},
                               {"B", {"Research brokers", "Research streams"}}});
  doc.folder = "/home/ada/topics";
  f.store.import_document(doc);
  const auto ids = [&] {
    std::vector<std::string> all;
    for (const auto& t : f.store.load_project().tasks) all.push_back(t.id);
    return all;
  }();
  f.store.set_status(ids[0], TaskStatus::done, at_hour(12), "Ada");
  f.store.set_status(ids[1], TaskStatus::in_progress, at_hour(12), "Ada");
  f.store.set_status(ids[3], TaskStatus::done, at_hour(12), "Ada");

  // A's done prompt becomes other work, its in-progress one is reworded, and
  // its open one becomes other work too; topic B is renamed.
  auto edited = document(
      "a.md",
      {{"A", {"Compare Kafka and Pulsar", "Analyze message queues", "Summarize the findings"}},
       {"B2", {"Research brokers", "Research streams"}}});
  edited.folder = "/home/ada/old-topics";
  const ImportReport r = f.store.import_document(edited);
  ASSERT_EQ(r.edited.size(), 3U);
  EXPECT_EQ(r.edited[0].task_id, ids[0]);
  EXPECT_EQ(r.edited[0].old_text, "Research caching");
  EXPECT_EQ(r.edited[0].new_text, "Compare Kafka and Pulsar");
  EXPECT_EQ(r.edited[0].status, TaskStatus::done);
  EXPECT_TRUE(r.edited[0].meaning_changed);
  EXPECT_FALSE(r.edited[1].meaning_changed);  // "analyze queues" kept: 2 of 3 words
  EXPECT_FALSE(r.edited[2].meaning_changed);  // open: nothing is inherited
  ASSERT_EQ(r.archived_with_work.size(), 1U);
  EXPECT_EQ(r.archived_with_work[0].title, "B");
  EXPECT_EQ(r.archived_with_work[0].done, 1);
  EXPECT_EQ(r.archived_with_work[0].in_progress, 0);
  EXPECT_EQ(r.archived_with_work[0].renamed_to, "B2");
  EXPECT_EQ(r.previous_folder, "/home/ada/topics");
  // The folder of the last import is kept: the same folder again says nothing.
  EXPECT_EQ(f.store.import_document(edited).previous_folder, "");
  auto unknown = edited;
  unknown.folder = "";
  EXPECT_EQ(f.store.import_document(unknown).previous_folder, "");
}

// A database of schema version 1 (before tracking) opens for writing as the
// latest version: its rows kept, nothing recorded yet, its plan made when
// created, with the default minimum for tasks whose hours reached the estimate.
TEST(TrackingTest, ADatabaseOfTheFirstSchemaIsMigrated) {
  TempDir dir;
  const auto path = dir / "old.db";
  {
    SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec(rplan::testing::slurp(std::filesystem::path(RPLAN_SOURCE_DIR) /
                                  "schemas/0001_initial.sql"));
    db.exec("PRAGMA user_version = 1");
    db.exec("PRAGMA application_id = " + std::to_string(0x72506c6e));
    db.exec(
        "INSERT INTO documents (id, name, title, ordinal) VALUES (1, 'a.md', 'A', 1);"
        "INSERT INTO topics (id, document_id, title, position) VALUES ('tpc01', 1, 'T', 1);"
        "INSERT INTO tasks (id, topic_id, position, prompt, kind, estimate_likely, "
        "estimate_optimistic, estimate_pessimistic, status) VALUES "
        "('tsk001', 'tpc01', 1, 'Research x', 'research', 8, 6, 12, 'done'),"
        "('tsk002', 'tpc01', 2, 'Research y', 'research', 8, 6, 12, 'open');"
        "INSERT INTO plan (id, start, finish, strategy, created_at, total_hours) VALUES "
        "(1, '2026-12-07', '2026-12-08', 'balanced', 1790000000, 8);");
  }
  // Reading does not migrate (it asks for a command that writes).
  EXPECT_THROW(Store(path, Access::read_only), InputError);
  Store store(path, Access::update);
  EXPECT_EQ(store.version(), Store::latest_version());  // through every later migration
  model::Project p = store.load_project();
  ASSERT_EQ(p.tasks.size(), 2U);
  EXPECT_EQ(p.tasks[0].status, TaskStatus::done);
  EXPECT_FALSE(p.tasks[0].done_at);  // finished before anyone recorded when
  EXPECT_EQ(p.tasks[0].spent_hours, 0);
  EXPECT_EQ(p.plan.now, model::Instant{std::chrono::seconds{1790000000}});
  EXPECT_EQ(p.plan.minimum_remaining_hours, 1);
  EXPECT_TRUE(p.plan.stale_reasons.empty());
  store.record_work({"tsk002", "Ada", k_day, 2, at_hour(10)});
  EXPECT_EQ(store.load_project().plan.stale_reasons,
            (std::vector<std::string>{"hours spent on task tsk002"}));
}

}  // namespace
}  // namespace rplan::store
