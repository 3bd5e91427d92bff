// Why a task starts when it does: the reason the scheduler records as it
// places each task, on small plans worked out by hand, one for each kind.

#include <gtest/gtest.h>

#include "planner/schedule/scheduler.hpp"
#include "schedule_fixtures.hpp"

namespace rplan::schedule {
namespace {

using model::TaskKind;
using testing::at;
using testing::date;
using testing::person;
using testing::ProjectBuilder;

Options monday() {
  Options o;
  o.start = date("2026-12-07");  // a Monday
  return o;
}

std::size_t index_of(const model::Project& p, const std::string& id) {
  for (std::size_t i = 0; i < p.tasks.size(); ++i) {
    if (p.tasks[i].id == id) return i;
  }
  throw std::invalid_argument(id);
}

struct Planned {
  model::Project project;
  std::vector<StartReason> reasons;
  const StartReason& operator[](const std::string& id) const {
    return reasons[index_of(project, id)];
  }
  std::string id_of(std::size_t task) const {
    return task == k_no_task ? "" : project.tasks[task].id;
  }
};

Planned plan(ProjectBuilder& b, Options o = monday()) {
  Planned p{b.project(), {}};
  make_plan(p.project, o, p.reasons);
  return p;
}

TEST(ExplainTest, TheFirstTaskStartsAtThePlansStart) {
  ProjectBuilder b;
  b.team({person("Ada")}).topic("Caching");
  const auto t1 = b.task(TaskKind::research, 2);
  const Planned p = plan(b);
  EXPECT_TRUE(p[t1].placed);
  EXPECT_EQ(p[t1].kind, StartReasonKind::plan_start);
  EXPECT_EQ(p[t1].start, at("2026-12-07T09:00:00Z"));
  EXPECT_EQ(p[t1].task, k_no_task);
}

TEST(ExplainTest, DocumentationWaitsForItsTopic) {
  ProjectBuilder b;
  b.team({person("Ada"), person("Bob")}).topic("Caching");
  const auto research = b.task(TaskKind::research, 4);
  const auto doc = b.task(TaskKind::documentation, 2);
  const Planned p = plan(b);
  EXPECT_EQ(p[doc].kind, StartReasonKind::dependency);
  EXPECT_EQ(p.id_of(p[doc].task), research);
  EXPECT_TRUE(p[doc].task_is_dependency);
  EXPECT_EQ(p[doc].earliest, at("2026-12-07T13:00:00Z"));
  EXPECT_EQ(p[doc].start, at("2026-12-07T13:00:00Z"));
}

TEST(ExplainTest, AfterNamesTheTaskSetWithAfter) {
  ProjectBuilder b;
  b.team({person("Ada"), person("Bob")}).topic("One");
  const auto first = b.task(TaskKind::research, 3);
  b.topic("Two");
  const auto second = b.task(TaskKind::analysis, 2, "", {first});
  const Planned p = plan(b);
  EXPECT_EQ(p[second].kind, StartReasonKind::after);
  EXPECT_EQ(p.id_of(p[second].task), first);
  EXPECT_EQ(p[second].start, at("2026-12-07T12:00:00Z"));
}

TEST(ExplainTest, ThePersonWasBusy) {
  ProjectBuilder b;
  b.team({person("Ada")}).topic("Caching");
  const auto t1 = b.task(TaskKind::research, 2);
  const auto t2 = b.task(TaskKind::analysis, 2);
  const Planned p = plan(b);
  EXPECT_EQ(p[t2].kind, StartReasonKind::person_busy);
  EXPECT_EQ(p.id_of(p[t2].task), t1);
  EXPECT_EQ(p[t2].start, at("2026-12-07T11:00:00Z"));
}

// Friday's work ends the person's week: the next task waits for Monday.
TEST(ExplainTest, WorkingTimeBeganLater) {
  ProjectBuilder b;
  b.team({person("Ada")}).topic("Caching");
  const auto t1 = b.task(TaskKind::research, 6);
  const auto t2 = b.task(TaskKind::analysis, 2);
  Options o = monday();
  o.start = date("2026-12-11");  // a Friday
  const Planned p = plan(b, o);
  EXPECT_EQ(p[t2].kind, StartReasonKind::working_time);
  EXPECT_EQ(p.id_of(p[t2].task), t1);
  EXPECT_EQ(p[t2].earliest, at("2026-12-11T15:00:00Z"));
  EXPECT_EQ(p[t2].start, at("2026-12-14T09:00:00Z"));
}

TEST(ExplainTest, APinnedTaskWaitsForItsPerson) {
  ProjectBuilder b;
  b.team({person("Ada"), person("Bob")}).topic("Caching");
  const auto t1 = b.task(TaskKind::research, 2, "Ada");
  const auto t2 = b.task(TaskKind::analysis, 2, "Ada");
  const Planned p = plan(b);
  EXPECT_EQ(p[t2].kind, StartReasonKind::pin);
  EXPECT_EQ(p[t2].person, "Ada");
  EXPECT_EQ(p.id_of(p[t2].task), t1);
  EXPECT_EQ(p[t2].start, at("2026-12-07T11:00:00Z"));
}

// Ada knows databases and is busy until 11:00; Bob is free at 09:00 and
// would finish at 11:00; Ada finishes at 13:00, within half her day: she
// gets it, for her skill.
TEST(ExplainTest, TheSkillPreferenceChoseSomeoneBusy) {
  ProjectBuilder b;
  auto ada = person("Ada");
  ada.skills = {"database"};
  b.team({ada, person("Bob")}).topic("Warm-up");
  const auto t1 = b.task(TaskKind::research, 2, "Ada");
  b.topic("Database design", "", {"database"});
  const auto t2 = b.task(TaskKind::research, 2);
  const Planned p = plan(b);
  EXPECT_EQ(p.project.tasks[index_of(p.project, t2)].assignee, "Ada");
  EXPECT_EQ(p[t2].kind, StartReasonKind::skill);
  EXPECT_EQ(p[t2].person, "Bob");
  EXPECT_EQ(p[t2].person_free, at("2026-12-07T09:00:00Z"));
  EXPECT_EQ(p.id_of(p[t2].task), t1);
  EXPECT_EQ(p[t2].start, at("2026-12-07T11:00:00Z"));
}

TEST(ExplainTest, DoneAndUnassignedTasksHaveNoReason) {
  ProjectBuilder b;
  b.team({person("Ada")}).topic("Caching");
  const auto ghost = b.task(TaskKind::research, 2, "Nobody");
  const Planned p = plan(b);
  EXPECT_FALSE(p[ghost].placed);
}

TEST(ExplainTest, TheCriticalChainFollowsTheReasonsBack) {
  ProjectBuilder b;
  b.team({person("Ada"), person("Bob")}).topic("Caching");
  const auto r1 = b.task(TaskKind::research, 6);
  const auto r2 = b.task(TaskKind::research, 1);
  const auto doc = b.task(TaskKind::documentation, 2);
  const Planned p = plan(b);
  std::vector<std::string> chain;
  for (std::size_t i : critical_chain(p.project, p.reasons)) chain.push_back(p.id_of(i));
  EXPECT_EQ(chain, (std::vector<std::string>{doc, r1}));
  (void)r2;
}

}  // namespace
}  // namespace rplan::schedule
