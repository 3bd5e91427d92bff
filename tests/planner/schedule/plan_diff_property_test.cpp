// Plan diffs over generated re-plans: a plan diffed with its own baseline is
// empty, and a baseline with its diff applied gives the plan's tasks as they
// are now (dates, person, hours, status), with every kind of change named
// exactly when it happened. Seeds are fixed: a failure names its seed and
// step.

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "planner/model/baseline.hpp"
#include "planner/model/plan_diff.hpp"
#include "planner/schedule/scheduler.hpp"
#include "schedule_fixtures.hpp"

namespace rplan::schedule {
namespace {

using model::TaskChangeKind;
using model::TaskKind;
using model::TaskStatus;
using testing::date;
using testing::person;
using testing::ProjectBuilder;

class Generator {
 public:
  explicit Generator(std::uint32_t seed) : m_rng(seed) {}
  int pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(m_rng); }
  bool chance(double p) { return std::bernoulli_distribution(p)(m_rng); }
  template <typename T>
  const T& one_of(const std::vector<T>& items) {
    return items[static_cast<std::size_t>(pick(0, static_cast<int>(items.size()) - 1))];
  }

  model::Project project(model::Date start) {
    ProjectBuilder b;
    std::vector<model::Assignee> team;
    for (int i = pick(1, 4); i > 0; --i) {
      team.push_back(person("p" + std::to_string(i), one_of<double>({4, 6, 8}),
                            one_of<std::string>({"UTC", "Europe/Berlin", "America/New_York"})));
    }
    b.team(team);
    if (chance(0.5)) b.project().holidays.push_back({start + std::chrono::days{pick(0, 20)}, ""});
    for (int t = pick(2, 6); t > 0; --t) {
      b.topic("topic " + std::to_string(t));
      for (int k = pick(1, 4); k > 0; --k) {
        b.task(one_of<TaskKind>({TaskKind::research, TaskKind::analysis, TaskKind::documentation}),
               one_of<double>({1, 2.5, 4, 6, 8, 12}));
      }
    }
    return b.project();
  }

  // What happens between two plans: work recorded, tasks finished,
  // estimates changed, pins set, tasks added and removed, time off.
  void change(model::Project& p, model::Instant before, model::Instant now) {
    for (auto& t : p.tasks) {
      const double roll = std::uniform_real_distribution<double>(0, 1)(m_rng);
      if (t.status != TaskStatus::done && !t.blocks.empty() && t.blocks.front().utc_start < now &&
          roll < 0.4) {
        t.status = TaskStatus::done;
        t.done_at = before + (now - before) / 2;
        t.done_by = t.assignee;
      } else if (roll < 0.5) {
        t.estimate.hours = one_of<double>({1, 3, 5, 9});
        t.estimate.manual = true;
      } else if (roll < 0.55 && !p.team.empty()) {
        t.pinned_assignee = one_of(p.team).name;
      }
    }
    if (chance(0.5) && p.tasks.size() > 1) {
      p.tasks.erase(p.tasks.begin() + pick(0, static_cast<int>(p.tasks.size()) - 1));
      for (auto& t : p.tasks) t.after.clear();  // no dependency on the removed task
    }
    if (chance(0.6)) {
      model::Task t;
      t.id = "n" + std::to_string(++m_added);
      t.topic_id = p.topics.front().id;
      t.position = 100 + m_added;
      t.kind = TaskKind::research;
      t.prompt = "Research " + t.id;
      t.estimate.hours = one_of<double>({2, 6});
      p.tasks.push_back(t);
    }
    if (chance(0.3)) {
      const model::Date from = std::chrono::floor<std::chrono::days>(now);
      p.time_off.push_back({one_of(p.team).name, from, from + std::chrono::days{pick(1, 5)}, ""});
    }
  }

 private:
  std::mt19937 m_rng;
  int m_added = 0;
};

// The baseline with the diff applied: each changed task as it is now (a
// removed one dropped), the rest as the baseline had them.
std::map<std::string, model::BaselineTask> apply(const model::Baseline& baseline,
                                                 const model::PlanDiff& diff) {
  std::map<std::string, model::BaselineTask> tasks;
  for (const auto& t : baseline.tasks) tasks[t.id] = t;
  for (const auto& c : diff.tasks) {
    if (c.has(TaskChangeKind::removed)) {
      tasks.erase(std::string(c.id));
    } else {
      tasks[std::string(c.id)] = *c.now();
    }
  }
  return tasks;
}

std::map<std::string, model::BaselineTask> by_id(const model::Baseline& b) {
  std::map<std::string, model::BaselineTask> tasks;
  for (const auto& t : b.tasks) tasks[t.id] = t;
  return tasks;
}

// Each task's change kinds as worked out here, from the two baselines alone.
std::vector<TaskChangeKind> expected_kinds(const model::BaselineTask* then,
                                           const model::BaselineTask* now) {
  if (then == nullptr) return {TaskChangeKind::added};
  if (now == nullptr) return {TaskChangeKind::removed};
  std::vector<TaskChangeKind> kinds;
  if (now->status == TaskStatus::done && then->status != TaskStatus::done) {
    kinds.push_back(TaskChangeKind::done);
  }
  if (now->assignee != then->assignee) kinds.push_back(TaskChangeKind::reassigned);
  if (now->estimate_hours != then->estimate_hours) kinds.push_back(TaskChangeKind::estimate);
  if (now->start != then->start || now->finish != then->finish ||
      now->first_day != then->first_day || now->last_day != then->last_day) {
    kinds.push_back(TaskChangeKind::moved);
  }
  return kinds;
}

TEST(PlanDiffPropertyTest, BaselinePlusDiffGivesThePlanOverGeneratedReplans) {
  int changes = 0, moved = 0, added = 0, removed = 0, done = 0, reassigned = 0, estimate = 0;
  for (std::uint32_t seed = 1; seed <= 120; ++seed) {
    Generator g(seed);
    const model::Date start = date("2026-03-02") + std::chrono::days{g.pick(0, 300)};
    model::Project p = g.project(start);
    Options first;
    first.start = start;
    make_plan(p, first);
    model::Instant now = util::Instant(start);
    for (int step = 1; step <= 4; ++step) {
      SCOPED_TRACE("seed " + std::to_string(seed) + ", step " + std::to_string(step));
      const model::Baseline baseline = model::make_baseline(p, "previous", now);
      EXPECT_TRUE(model::diff_plans(baseline, p).empty()) << "a plan differs from itself";
      const model::Instant before = now;
      now += std::chrono::minutes{g.pick(60, 5 * 24 * 60)};
      g.change(p, before, now);
      Options o;
      o.from_now = now;
      make_plan(p, o);
      const model::PlanDiff diff = model::diff_plans(baseline, p);
      const model::Baseline current = model::make_baseline(p, "", now);
      EXPECT_EQ(apply(baseline, diff), by_id(current));
      EXPECT_TRUE(model::diff_plans(current, p).empty());
      // Each task named once, with exactly the changes it had.
      const auto then_tasks = by_id(baseline), now_tasks = by_id(current);
      std::map<std::string, std::vector<TaskChangeKind>> named;
      for (const auto& c : diff.tasks) {
        EXPECT_TRUE(named.emplace(c.id, c.kinds).second) << c.id << " named twice";
        std::vector<TaskChangeKind> sorted = c.kinds;
        std::sort(sorted.begin(), sorted.end());
        EXPECT_EQ(sorted, c.kinds) << c.id << ": changes out of order";
      }
      std::map<std::string, bool> ids;
      for (const auto& [id, t] : then_tasks) ids[id] = true;
      for (const auto& [id, t] : now_tasks) ids[id] = true;
      for (const auto& [id, unused] : ids) {
        const auto a = then_tasks.find(id), b = now_tasks.find(id);
        auto expected = expected_kinds(a == then_tasks.end() ? nullptr : &a->second,
                                       b == now_tasks.end() ? nullptr : &b->second);
        std::sort(expected.begin(), expected.end());
        const auto got = named.find(id);
        EXPECT_EQ(got == named.end() ? std::vector<TaskChangeKind>{} : got->second, expected) << id;
      }
      EXPECT_EQ(diff.then_finish, baseline.finish);
      EXPECT_EQ(diff.now_finish, p.plan.finish);
      for (const auto& c : diff.tasks) {
        ++changes;
        moved += c.has(TaskChangeKind::moved);
        added += c.has(TaskChangeKind::added);
        removed += c.has(TaskChangeKind::removed);
        done += c.has(TaskChangeKind::done);
        reassigned += c.has(TaskChangeKind::reassigned);
        estimate += c.has(TaskChangeKind::estimate);
      }
    }
  }
  // The generated histories exercise every kind of change.
  EXPECT_GT(changes, 500);
  for (const int n : {moved, added, removed, done, reassigned, estimate}) EXPECT_GT(n, 20);
}

TEST(PlanDiffTest, TeamDaysCountWorkingDaysBetweenDates) {
  std::vector<model::Assignee> team = {person("a")};
  const std::vector<model::Holiday> holidays = {{date("2027-01-06"), ""}};
  const auto times = model::working_times(team, holidays, {});
  const model::TeamDays days(times, date("2027-01-01"), date("2027-01-31"));
  // Mon 4th to Fri 8th: 5th, 7th, 8th (the 6th a holiday).
  EXPECT_EQ(days.between(date("2027-01-04"), date("2027-01-08")), 3);
  EXPECT_EQ(days.between(date("2027-01-08"), date("2027-01-04")), -3);
  // Friday to Monday: one working day, also outside the table.
  EXPECT_EQ(days.between(date("2027-01-29"), date("2027-02-01")), 1);
  EXPECT_EQ(days.between(date("2026-12-25"), date("2026-12-28")), 1);
  EXPECT_EQ(days.between(date("2027-01-04"), date("2027-01-04")), 0);
}

}  // namespace
}  // namespace rplan::schedule
