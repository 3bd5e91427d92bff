// Slack and the critical chain (model/slack.hpp): textbook float on networks
// worked out by hand, and, on generated plans with calendars, holidays and
// time off, a delay of a task by its slack leaves the finish where it was
// while one working minute more moves it (checked by stepping through each
// person's working minutes, apart from the code under test).

#include "planner/model/slack.hpp"

#include <gtest/gtest.h>

#include <map>
#include <random>

#include "planner/schedule/scheduler.hpp"
#include "tests/planner/schedule/schedule_fixtures.hpp"

namespace rplan::model {
namespace {

using schedule::testing::person;
using schedule::testing::ProjectBuilder;

schedule::Options monday() {
  schedule::Options o;
  o.start = rplan::testing::day("2026-12-07");  // a Monday
  o.documenting = schedule::DocumentingOrder::free;
  return o;
}

std::map<std::string, double> slack_by_id(const Project& p) {
  const std::vector<TaskSlack> slack = plan_slack(p);
  std::map<std::string, double> by_id;
  for (std::size_t i = 0; i < p.tasks.size(); ++i) {
    if (slack[i].minutes) by_id[p.tasks[i].id] = slack[i].hours();
  }
  return by_id;
}

// One task per person (each pinned to its own), 8 h a day, Monday to Friday:
// durations in days of 8 h, and the float of the textbook's forward and
// backward passes, in days, times 8 h.
struct Network {
  const char* name;
  std::vector<std::pair<double, std::vector<int>>> tasks;  // days, predecessors (0-based)
  std::vector<double> float_days;
};

TEST(SlackTest, OneTaskPerPersonIsTextbookFloat) {
  const std::vector<Network> networks = {
      // A; B and C after A; D after B and C.
      {"diamond", {{3, {}}, {2, {0}}, {4, {0}}, {1, {1, 2}}}, {0, 2, 0, 0}},
      // A, B; C after A; D after A and B; E after C and D.
      {"two starts", {{2, {}}, {3, {}}, {4, {0}}, {2, {0, 1}}, {3, {2, 3}}}, {0, 1, 0, 1, 0}},
      // Two independent chains: the shorter one floats by the difference.
      {"two chains", {{5, {}}, {5, {0}}, {2, {}}, {3, {2}}}, {0, 0, 5, 5}},
      // A long side task ending the plan: the chain floats.
      {"long side", {{1, {}}, {1, {0}}, {1, {1}}, {10, {}}}, {7, 7, 7, 0}},
  };
  for (const Network& n : networks) {
    SCOPED_TRACE(n.name);
    ProjectBuilder b;
    std::vector<Assignee> team;
    for (std::size_t i = 0; i < n.tasks.size(); ++i) {
      team.push_back(person("P" + std::to_string(i), 8));
    }
    b.team(team).topic("Network");
    std::vector<std::string> ids;
    for (std::size_t i = 0; i < n.tasks.size(); ++i) {
      std::vector<std::string> after;
      for (int d : n.tasks[i].second) after.push_back(ids[static_cast<std::size_t>(d)]);
      ids.push_back(
          b.task(TaskKind::research, n.tasks[i].first * 8, "P" + std::to_string(i), after));
    }
    Project p = b.project();
    schedule::make_plan(p, monday());
    const auto slack = slack_by_id(p);
    for (std::size_t i = 0; i < ids.size(); ++i) {
      SCOPED_TRACE(ids[i]);
      ASSERT_TRUE(slack.count(ids[i]));
      EXPECT_DOUBLE_EQ(slack.at(ids[i]), n.float_days[i] * 8);
    }
  }
}

TEST(SlackTest, APersonsNextTaskIsASuccessor) {
  // Ada does t1 then t2; Bob's t3 (4 h) waits for nothing and ends before
  // Ada's 10 h: Ada's tasks are critical, Bob's floats by 6 h.
  ProjectBuilder b;
  b.team({person("Ada", 8), person("Bob", 8)}).topic("Work");
  const auto t1 = b.task(TaskKind::research, 6, "Ada");
  const auto t2 = b.task(TaskKind::research, 4, "Ada");
  const auto t3 = b.task(TaskKind::research, 4, "Bob");
  Project p = b.project();
  schedule::make_plan(p, monday());
  const auto slack = slack_by_id(p);
  EXPECT_EQ(slack.at(t1), 0);
  EXPECT_EQ(slack.at(t2), 0);
  EXPECT_EQ(slack.at(t3), 6);
}

TEST(SlackTest, DoneAndUnplannedTasksHaveNone) {
  ProjectBuilder b;
  b.team({person("Ada", 8)}).topic("Work");
  const auto t1 = b.task(TaskKind::research, 6);
  b.status(TaskStatus::done);
  b.task(TaskKind::research, 4, "Nobody");
  const auto t3 = b.task(TaskKind::research, 4);
  Project p = b.project();
  schedule::make_plan(p, monday());
  const std::vector<TaskSlack> slack = plan_slack(p);
  EXPECT_FALSE(slack[0].minutes);
  EXPECT_FALSE(slack[0].critical());
  EXPECT_FALSE(slack[1].minutes);
  EXPECT_TRUE(slack[2].critical());
  (void)t1;
  (void)t3;
}

// ---- the property: a delay by the slack keeps the finish, one minute more moves it ----

// Every working minute of one person from `first` to `last`, as the instants
// they start at, from model::WorkingTime's days and windows and the tz
// database (not from WorkingMinutes).
std::vector<Instant> minute_starts(const Assignee& a, const Project& p, Date first, Date last) {
  const WorkingTime rule(a, p.holidays, p.time_off);
  const util::TimeZone zone(a.timezone);
  std::vector<Instant> out;
  for (Date d = first; d <= last; d += std::chrono::days{1}) {
    const auto w = rule.window(d);
    if (!w) continue;
    const Instant open = zone.to_utc(d, w->start_minute);
    for (int m = 0; m < w->minutes; ++m) out.push_back(open + std::chrono::minutes{m});
  }
  return out;
}

// The plan's finish when task `delayed` starts `delay` working minutes later
// than it could, every task keeping its person, its length in working
// minutes, its person's order and its dependencies, and starting when it did
// or at the first working minute after what it waits for.
Instant finish_with_delay(const Project& p, std::size_t delayed, std::int64_t delay,
                          const std::map<std::string, std::vector<Instant>>& minutes) {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < p.tasks.size(); ++i) {
    if (p.tasks[i].planned()) order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](auto a, auto b) { return *p.tasks[a].start < *p.tasks[b].start; });
  std::map<std::string, Instant> finish_of;       // by task id, moved
  std::map<std::string, Instant> person_free_at;  // by person
  Instant end{};
  for (std::size_t i : order) {
    const Task& t = p.tasks[i];
    const std::vector<Instant>& wm = minutes.at(t.assignee);
    Instant earliest = *t.start;
    for (const auto& d : t.depends_on) {
      if (finish_of.count(d)) earliest = std::max(earliest, finish_of.at(d));
    }
    if (person_free_at.count(t.assignee)) {
      earliest = std::max(earliest, person_free_at.at(t.assignee));
    }
    const auto begin = std::lower_bound(wm.begin(), wm.end(), *t.start) - wm.begin();
    const auto stop = std::lower_bound(wm.begin(), wm.end(), *t.finish) - wm.begin();
    auto k = std::lower_bound(wm.begin(), wm.end(), earliest) - wm.begin();
    if (i == delayed) k += delay;
    const auto last = k + (stop - begin) - 1;
    EXPECT_LT(static_cast<std::size_t>(last), wm.size()) << "the test's calendar is too short";
    const Instant f = wm[static_cast<std::size_t>(last)] + std::chrono::minutes{1};
    finish_of[t.id] = f;
    person_free_at[t.assignee] = f;
    end = std::max(end, f);
  }
  return end;
}

Project generated(std::uint32_t seed) {
  std::mt19937 rng(seed);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  const char* zones[] = {"UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo", "Asia/Kolkata"};
  ProjectBuilder b;
  std::vector<Assignee> team;
  const int people = pick(1, 4);
  for (int k = 0; k < people; ++k) {
    Assignee a = person("P" + std::to_string(k), pick(3, 9), zones[pick(0, 4)]);
    a.day_start = pick(6, 11) * 60 + pick(0, 1) * 30;
    for (auto& d : a.workdays) d = pick(0, 4) > 0;
    a.workdays[static_cast<std::size_t>(pick(0, 4))] = true;
    team.push_back(a);
  }
  b.team(team);
  for (int h = pick(0, 3); h > 0; --h) {
    const Date d = rplan::testing::day("2026-12-07") + std::chrono::days{pick(0, 20)};
    b.holiday(util::format_date(d).c_str());
  }
  for (int o = pick(0, 2); o > 0; --o) {
    const Date from = rplan::testing::day("2026-12-07") + std::chrono::days{pick(0, 15)};
    const std::string to = util::format_date(from + std::chrono::days{pick(0, 4)});
    b.time_off("P" + std::to_string(pick(0, people - 1)), util::format_date(from).c_str(),
               to.c_str());
  }
  std::vector<std::string> ids;
  const int topics = pick(1, 3);
  for (int k = 0; k < topics; ++k) {
    b.topic("Topic " + std::to_string(k));
    const int earlier = static_cast<int>(ids.size());  // tasks of earlier topics
    for (int n = pick(1, 6); n > 0; --n) {
      std::vector<std::string> after;
      if (earlier > 0 && pick(0, 2) > 0) {  // (within a topic, documentation waits)
        after.push_back(ids[static_cast<std::size_t>(pick(0, earlier - 1))]);
      }
      const TaskKind kind = pick(0, 3) == 0 ? TaskKind::documentation : TaskKind::research;
      const std::string pin = pick(0, 5) == 0 ? "P" + std::to_string(pick(0, people - 1)) : "";
      ids.push_back(b.task(kind, pick(1, 24) * 0.5, pin, after));
    }
  }
  return b.project();
}

TEST(SlackTest, ADelayBySlackKeepsTheFinishAndOneMinuteMoreMovesIt) {
  int checked = 0, with_slack = 0;
  for (std::uint32_t seed = 1; seed <= 150; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    Project p = generated(seed);
    schedule::Options o;
    o.start = rplan::testing::day("2026-12-07");
    schedule::make_plan(p, o);
    const std::vector<TaskSlack> slack = plan_slack(p);
    Date last = o.start;
    for (const Task& t : p.tasks) {
      if (t.planned()) last = std::max(last, t.blocks.back().date);
    }
    std::map<std::string, std::vector<Instant>> minutes;
    for (const Assignee& a : p.team) {
      minutes[a.name] =
          minute_starts(a, p, o.start - std::chrono::days{1}, last + std::chrono::days{60});
    }
    Instant end{};
    for (const Task& t : p.tasks) {
      if (t.planned()) end = std::max(end, *t.finish);
    }
    ASSERT_EQ(finish_with_delay(p, SIZE_MAX, 0, minutes), end) << "the plan itself";
    bool any_critical = false;
    for (std::size_t i = 0; i < p.tasks.size(); ++i) {
      if (!p.tasks[i].planned()) {
        EXPECT_FALSE(slack[i].minutes);
        continue;
      }
      SCOPED_TRACE(p.tasks[i].id + " slack " + std::to_string(*slack[i].minutes));
      ASSERT_TRUE(slack[i].minutes);
      any_critical = any_critical || slack[i].critical();
      EXPECT_EQ(finish_with_delay(p, i, *slack[i].minutes, minutes), end);
      EXPECT_GT(finish_with_delay(p, i, *slack[i].minutes + 1, minutes), end);
      ++checked;
      if (*slack[i].minutes > 0) ++with_slack;
    }
    EXPECT_TRUE(any_critical);
  }
  // The plans are varied enough to say something.
  EXPECT_GT(checked, 500);
  EXPECT_GT(with_slack, 100);
}

}  // namespace
}  // namespace rplan::model
