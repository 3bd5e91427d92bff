// rplan forecast: the draws, the runs and what they add up to, checked the way
// a statistician would (means and variances within three standard errors,
// the distribution of a maximum) and for determinism across threads.

#include "planner/pipeline/forecast.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "planner/util/error.hpp"
#include "tests/support/project_builder.hpp"

namespace rplan::pipeline {
namespace {

using model::TaskKind;
using testing::day;
using testing::instant;
using testing::ProjectBuilder;

// One person working every day around the clock in UTC: work minutes and
// elapsed minutes are the same.
model::Assignee round_the_clock(std::string name) {
  model::Assignee a = testing::person(std::move(name));
  a.hours_per_day = 24;
  a.day_start = 0;
  a.workdays = {true, true, true, true, true, true, true};
  return a;
}

model::Estimate three(double o, double m, double p) {
  model::Estimate e;
  e.hours = e.likely = m;
  e.optimistic = o;
  e.pessimistic = p;
  return e;
}

// A chain of tasks a1 -> a2 -> ... of `person`, in topic `topic`.
void chain(ProjectBuilder& b, const std::string& topic, const std::string& prefix,
           const std::string& person, const std::vector<model::Estimate>& estimates) {
  b.topic(topic, "Topic " + topic);
  for (std::size_t k = 0; k < estimates.size(); ++k) {
    const std::string id = prefix + std::to_string(k + 1);
    b.task(id, TaskKind::research, "Research " + id, estimates[k].likely)
        .estimate(estimates[k])
        .pinned(person);
    if (k > 0) b.after({prefix + std::to_string(k)});
  }
}

ForecastOptions options(std::size_t runs, std::uint64_t seed = 7, std::size_t threads = 1) {
  ForecastOptions o;
  o.runs = runs;
  o.seed = seed;
  o.threads = threads;
  o.plan.start = day("2026-12-07");
  o.plan.from_now = instant("2026-12-07T00:00:00Z");
  return o;
}

TEST(ForecastTest, TriangularInverseIsExactAtTheEnds) {
  const model::ThreePoint t{2, 3, 8};
  EXPECT_DOUBLE_EQ(triangular(t, 0), 2);
  EXPECT_NEAR(triangular(t, 1.0 - 1e-16), 8, 1e-6);
  EXPECT_DOUBLE_EQ(triangular(t, 1.0 / 6), 3);  // F(m) = (m - a) / (b - a)
  EXPECT_DOUBLE_EQ(triangular({5, 5, 5}, 0.3), 5);
}

// With optimistic = likely = pessimistic every run is the deterministic plan.
TEST(ForecastTest, WithoutSpreadEveryRunIsThePlan) {
  ProjectBuilder b;
  b.person("Ada").person("Grace");
  chain(b, "t1", "a", "Ada", {three(6, 6, 6), three(3, 3, 3), three(8, 8, 8)});
  b.topic("t2", "Two").task("b1", TaskKind::analysis, "Analyze", 5).estimate(three(5, 5, 5));
  b.task("b2", TaskKind::documentation, "Document", 4).estimate(three(4, 4, 4));
  const model::Project project = b.build();
  const Forecast f = forecast(project, options(50));
  model::Project plan = project;
  plan.plan.now = *options(1).plan.from_now;
  schedule::make_plan(plan, options(1).plan);
  EXPECT_EQ(f.planned, plan.plan.finish);
  for (const auto d : f.finishes) EXPECT_EQ(d, plan.plan.finish);
  EXPECT_EQ(f.plan, (Percentiles{plan.plan.finish, plan.plan.finish, plan.plan.finish}));
  for (const auto& t : f.tasks) {
    EXPECT_TRUE(t.critical_share == 0 || t.critical_share == 1) << t.id << " " << t.critical_share;
  }
  // And each run's plan is the plan, task by task.
  const WorkDraws draws(project, false);
  for (std::uint64_t run = 0; run < 5; ++run) {
    model::Project drawn = project;
    drawn.plan.now = plan.plan.now;
    draws.apply(drawn, 7, run);
    schedule::make_plan(drawn, options(1).plan);
    EXPECT_EQ(drawn.tasks, plan.tasks);
  }
}

// One person, one chain: the work drawn (and scheduled) adds up to the sum of
// the tasks' triangular distributions: mean (a+m+b)/3 and variance
// (a²+b²+m²-ab-am-bm)/18 each.
TEST(ForecastTest, OneChainDrawsTheSumOfItsTasks) {
  ProjectBuilder b;
  b.person(round_the_clock("Ada"));
  const std::vector<model::Estimate> tasks = {three(2, 4, 9), three(1, 1.5, 6), three(6, 8, 10),
                                              three(3, 3, 12), three(0.5, 4, 4)};
  chain(b, "t1", "a", "Ada", tasks);
  const model::Project project = b.build();
  double mean = 0, variance = 0;
  for (const auto& e : tasks) {
    const double a = e.optimistic, m = e.likely, c = e.pessimistic;
    mean += (a + m + c) / 3;
    variance += (a * a + c * c + m * m - a * c - a * m - m * c) / 18;
  }
  const WorkDraws draws(project, false);
  const std::size_t runs = 4000;
  double sum = 0, sum2 = 0;
  const auto opts = options(1);
  for (std::uint64_t run = 0; run < runs; ++run) {
    model::Project drawn = project;
    drawn.plan.now = *opts.plan.from_now;
    draws.apply(drawn, 11, run);
    double drawn_total = 0;
    for (const auto& t : drawn.tasks) drawn_total += t.estimate.hours;
    schedule::make_plan(drawn, opts.plan);
    // The scheduler planned exactly the drawn work (to the minute), back to back.
    const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(
                             *drawn.tasks.back().finish - *drawn.tasks.front().start)
                             .count();
    ASSERT_LE(std::abs(static_cast<double>(minutes) - drawn_total * 60), tasks.size() * 0.5 + 1e-9);
    sum += drawn_total;
    sum2 += drawn_total * drawn_total;
  }
  const double n = static_cast<double>(runs);
  const double sample_mean = sum / n;
  const double sample_var = (sum2 - n * sample_mean * sample_mean) / (n - 1);
  EXPECT_NEAR(sample_mean, mean, 3 * std::sqrt(variance / n));
  // The variance's standard error, for a distribution close to normal: var * sqrt(2 / (n - 1)).
  EXPECT_NEAR(sample_var, variance, 3 * variance * std::sqrt(2 / (n - 1)));
}

// Two identical, independent people and chains: the plan finishes when the
// later does, P(finish <= t) = F(t)², F the one chain's distribution.
TEST(ForecastTest, TwoIndependentChainsFinishAsTheirMaximum) {
  auto people = [](ProjectBuilder& b, bool two) {
    model::Assignee ada = testing::person("Ada");
    ada.hours_per_day = 2;
    b.person(ada);
    if (two) {
      model::Assignee bob = ada;
      bob.name = "Bob";
      b.person(bob);
    }
  };
  const std::vector<model::Estimate> tasks(8, three(2, 4, 10));
  ProjectBuilder one;
  people(one, false);
  chain(one, "t1", "a", "Ada", tasks);
  ProjectBuilder two;
  people(two, true);
  chain(two, "t1", "a", "Ada", tasks);
  chain(two, "t2", "b", "Bob", tasks);
  const std::size_t runs = 3000;
  const Forecast f = forecast(one.build(), options(runs, 1, 2));
  const Forecast g = forecast(two.build(), options(runs, 2, 2));
  auto cdf = [](const std::vector<util::Date>& sorted, util::Date t) {
    return static_cast<double>(std::upper_bound(sorted.begin(), sorted.end(), t) - sorted.begin()) /
           static_cast<double>(sorted.size());
  };
  const double n = static_cast<double>(runs);
  std::size_t compared = 0;
  for (util::Date t = f.finishes.front(); t <= f.finishes.back(); t += std::chrono::days{1}) {
    const double F = cdf(f.finishes, t), G = cdf(g.finishes, t);
    // Standard errors of G's estimate and of F² (delta method: 2F · se(F)).
    const double se = std::sqrt(G * (1 - G) / n + 4 * F * F * F * (1 - F) / n);
    EXPECT_NEAR(G, F * F, 3 * se + 1e-9) << util::format_date(t);
    if (F > 0.05 && F < 0.95) ++compared;
  }
  EXPECT_GE(compared, 3u);  // the finish spreads over several days
}

TEST(ForecastTest, PercentilesAreInOrderAndTheSameForAnyThreads) {
  ProjectBuilder b;
  b.person("Ada").person("Grace", "America/New_York").person("Linus", "Asia/Kolkata");
  b.holiday("2026-12-24");
  for (int k = 0; k < 12; ++k) {
    const std::string topic = "t" + std::to_string(k);
    b.topic(topic, "Topic " + topic);
    b.task(topic + "r", TaskKind::research, "Research", 8).estimate(three(6, 8, 30));
    b.task(topic + "a", TaskKind::analysis, "Analyze", 6).estimate(three(4, 6, 9));
    b.task(topic + "d", TaskKind::documentation, "Document", 4).estimate(three(3, 4, 6));
  }
  const model::Project project = b.build();
  const Forecast one = forecast(project, options(200, 42, 1));
  for (std::size_t threads : {2u, 3u, 8u}) {
    const Forecast many = forecast(project, options(200, 42, threads));
    EXPECT_EQ(many.finishes, one.finishes);
    EXPECT_EQ(many.plan, one.plan);
    ASSERT_EQ(many.topics.size(), one.topics.size());
    for (std::size_t k = 0; k < one.topics.size(); ++k) {
      EXPECT_EQ(many.topics[k].finish, one.topics[k].finish);
    }
    ASSERT_EQ(many.people.size(), one.people.size());
    for (std::size_t p = 0; p < one.people.size(); ++p) {
      EXPECT_EQ(many.people[p].finish, one.people[p].finish);
    }
    ASSERT_EQ(many.tasks.size(), one.tasks.size());
    for (std::size_t i = 0; i < one.tasks.size(); ++i) {
      EXPECT_EQ(many.tasks[i].critical_share, one.tasks[i].critical_share);
    }
  }
  auto ordered = [](const Percentiles& p) { return p.p50 <= p.p85 && p.p85 <= p.p95; };
  EXPECT_TRUE(ordered(one.plan));
  EXPECT_LT(one.plan.p50, one.plan.p95);  // the spread shows
  for (const auto& t : one.topics) EXPECT_TRUE(ordered(t.finish)) << t.id;
  for (const auto& p : one.people) EXPECT_TRUE(ordered(p.finish)) << p.name;
  EXPECT_EQ(one.people.size(), 3u);
  EXPECT_EQ(one.topics.size(), 12u);
  // Some task is on the critical chain of every run that ends the plan.
  double most = 0;
  for (const auto& t : one.tasks) most = std::max(most, t.critical_share);
  EXPECT_GT(most, 0);
  // Another seed draws otherwise.
  EXPECT_NE(forecast(project, options(200, 43, 1)).finishes, one.finishes);
}

TEST(ForecastTest, FromHistoryNeedsTenFinishedTasksAndDrawsTheirRatios) {
  ProjectBuilder b;
  b.person(round_the_clock("Ada"));
  b.topic("t", "T");
  for (int k = 0; k < 9; ++k) {
    b.task("d" + std::to_string(k), TaskKind::research, "Research", 4)
        .status(model::TaskStatus::done);
    b.last_task().spent_hours = 6;  // every finished task took 1.5 times its estimate
  }
  b.task("open", TaskKind::analysis, "Analyze", 10).estimate(three(5, 10, 40));
  model::Project project = b.build();
  EXPECT_THROW(WorkDraws(project, true), InputError);
  model::Task tenth = project.tasks[0];
  tenth.id = "d9";
  project.tasks.insert(project.tasks.begin() + 9, tenth);
  const WorkDraws draws(project, true);
  EXPECT_EQ(draws.history(), 10u);
  EXPECT_FALSE(draws.by_kind());  // no analysis task finished
  for (std::uint64_t run = 0; run < 20; ++run) {
    model::Project drawn = project;
    draws.apply(drawn, 3, run);
    EXPECT_DOUBLE_EQ(drawn.tasks.back().estimate.hours, 15);
  }
}

TEST(ForecastTest, InProgressWorkFollowsTheDraw) {
  ProjectBuilder b;
  b.person(round_the_clock("Ada"));
  b.topic("t", "T");
  b.task("left", TaskKind::research, "Research", 8)
      .estimate(three(8, 8, 8))
      .status(model::TaskStatus::in_progress);
  b.last_task().remaining_hours = 3;
  b.task("spent", TaskKind::research, "Research", 8)
      .estimate(three(4, 8, 8))
      .status(model::TaskStatus::in_progress);
  b.last_task().spent_hours = 6;
  const model::Project project = b.build();
  const WorkDraws draws(project, false);
  model::Project drawn = project;
  draws.apply(drawn, 1, 0);
  EXPECT_DOUBLE_EQ(*drawn.tasks[0].remaining_hours, 3);  // no spread: as recorded
  EXPECT_GE(drawn.tasks[1].estimate.hours, 4);
  EXPECT_LE(drawn.tasks[1].estimate.hours, 8);
  EXPECT_FALSE(drawn.tasks[1].remaining_hours);  // the drawn total less the 6 h spent
}

}  // namespace
}  // namespace rplan::pipeline
