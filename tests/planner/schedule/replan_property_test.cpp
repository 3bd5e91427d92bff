// Re-planning from now over generated histories: a plan is made, then the
// clock moves on in steps; at each step work is recorded on some tasks, some
// are finished, and the plan is made again from now. Seeds are fixed: a
// failure names its seed and step.

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "planner/schedule/scheduler.hpp"
#include "schedule_fixtures.hpp"
#include "tests/support/random.hpp"

namespace rplan::schedule {
namespace {

using model::TaskKind;
using model::TaskStatus;
using testing::date;
using testing::person;
using testing::ProjectBuilder;
using namespace std::chrono_literals;

const std::vector<std::string> k_history_zones = {"UTC", "Europe/Berlin", "America/New_York",
                                                  "Asia/Kolkata", "Australia/Sydney"};

class HistoryGenerator : public rplan::testing::Random {
 public:
  explicit HistoryGenerator(std::uint32_t seed) : Random(seed) {}

  model::Project project(model::Date start) {
    ProjectBuilder b;
    std::vector<model::Assignee> team;
    for (int i = pick(1, 5); i > 0; --i) {
      auto a =
          person("p" + std::to_string(i), one_of<double>({2.5, 4, 6, 8}), one_of(k_history_zones));
      a.day_start = one_of<int>({7 * 60, 9 * 60, 10 * 60 + 30, 13 * 60});
      for (auto& day : a.workdays) day = chance(0.75);
      a.workdays[static_cast<std::size_t>(pick(0, 6))] = true;
      team.push_back(a);
    }
    b.team(team);
    for (int h = pick(0, 3); h > 0; --h) b.project().holidays.push_back({start + days(0, 30), ""});
    for (const auto& a : team) {
      if (!chance(0.3)) continue;
      const model::Date from = start + days(0, 20);
      b.project().time_off.push_back({a.name, from, from + days(0, 4), ""});
    }
    std::vector<std::string> earlier;  // tasks of earlier topics (no cycles)
    for (int t = pick(2, 8); t > 0; --t) {
      b.topic("topic");
      std::vector<std::string> ids;
      for (int k = pick(1, 4); k > 0; --k) {
        const auto kind = one_of<TaskKind>(
            {TaskKind::research, TaskKind::analysis, TaskKind::documentation, TaskKind::other});
        std::string pinned = chance(0.1) ? one_of(team).name : "";
        std::vector<std::string> after;
        if (!earlier.empty() && chance(0.15)) after.push_back(one_of(earlier));
        ids.push_back(b.task(kind, one_of<double>({0.5, 1, 2.5, 4, 6, 8, 12, 20}),
                             std::move(pinned), std::move(after)));
      }
      earlier.insert(earlier.end(), ids.begin(), ids.end());
    }
    return b.project();
  }

  std::chrono::days days(int lo, int hi) { return std::chrono::days{pick(lo, hi)}; }

  // Work recorded between `before` (the last plan's now) and `now`: some
  // tasks under way get hours (and sometimes an explicit remaining), some
  // are finished by their assignee.
  void record(model::Project& p, model::Instant before, model::Instant now) {
    for (auto& t : p.tasks) {
      if (t.status == TaskStatus::done || t.assignee.empty() || t.blocks.empty()) continue;
      if (t.blocks.front().utc_start >= now) continue;  // not begun by the plan
      const double roll = uniform();
      if (roll < 0.3) {
        t.status = TaskStatus::done;
        const auto span = std::chrono::duration_cast<std::chrono::minutes>(now - before).count();
        t.done_at = before + std::chrono::minutes{pick(1, static_cast<int>(span))};
        t.done_by = t.assignee;
        t.remaining_hours.reset();
      } else if (roll < 0.8) {
        if (t.status == TaskStatus::open) t.started_by = t.assignee;
        t.status = TaskStatus::in_progress;
        t.spent_hours += one_of<double>({0.5, 1, 2, 4, 7});
        if (chance(0.15)) t.remaining_hours = one_of<double>({0.25, 1, 3});
      }
    }
  }
};

// One block as the checks compare it: who worked it and when, in UTC.
struct Worked {
  std::string person;
  model::Instant from, to;
  friend bool operator==(const Worked&, const Worked&) = default;
};

std::string show(const std::vector<Worked>& blocks) {
  std::ostringstream s;
  for (const auto& b : blocks) {
    s << b.person << ' ' << util::format_ical_utc(b.from) << '-' << util::format_ical_utc(b.to)
      << "; ";
  }
  return s.str();
}

// What a re-plan must keep of `before` (the task as it was planned last
// time, with what was recorded since): the blocks of a done task up to
// done_at, of an in-progress task up to now, a block under way cut there.
std::vector<Worked> expected_history(const model::Task& before, model::Instant now) {
  std::vector<Worked> kept;
  if (before.status == TaskStatus::open) return kept;
  const model::Instant cut =
      before.status == TaskStatus::done && before.done_at ? *before.done_at : now;
  for (const auto& b : before.blocks) {
    if (b.utc_start >= cut) break;
    kept.push_back({model::block_person(before, b), b.utc_start, std::min(b.utc_end, cut)});
  }
  return kept;
}

std::vector<Worked> history_of(const model::Task& t) {
  std::vector<Worked> kept;
  for (const auto& b : t.blocks) {
    if (b.history) kept.push_back({model::block_person(t, b), b.utc_start, b.utc_end});
  }
  return kept;
}

std::int64_t work_minutes(const model::Task& t, double minimum) {
  return std::llround(model::remaining_hours(t, minimum) * 60);
}

// Every rule of re-planning, checked from the outside: `before` is the
// project as the re-plan got it, `after` what it made of it.
void check_replan(const model::Project& before, const model::Project& after, model::Instant now,
                  double minimum) {
  std::map<std::string, std::vector<Worked>> booked;
  for (std::size_t i = 0; i < after.tasks.size(); ++i) {
    const model::Task& was = before.tasks[i];
    const model::Task& t = after.tasks[i];
    SCOPED_TRACE(t.id + " (" + std::string(model::to_string(t.status)) + ")");
    // The past never moves: exactly what was kept, with its people.
    EXPECT_EQ(show(history_of(t)), show(expected_history(was, now)));
    bool past = true;
    std::int64_t planned = 0;
    for (const auto& b : t.blocks) {
      booked[model::block_person(t, b)].push_back({"", b.utc_start, b.utc_end});
      EXPECT_GT(b.minutes, 0);
      if (b.history) {
        EXPECT_TRUE(past) << "history after planned work";
        EXPECT_LE(b.utc_end, now);
        continue;
      }
      past = false;
      planned += b.minutes;
      EXPECT_GE(b.utc_start, now) << "planned work before now";
      EXPECT_TRUE(b.assignee.empty());
    }
    EXPECT_EQ(t.slipped, std::find(after.plan.slipped.begin(), after.plan.slipped.end(), t.id) !=
                             after.plan.slipped.end());
    const bool unassigned = std::find(after.plan.unassigned.begin(), after.plan.unassigned.end(),
                                      t.id) != after.plan.unassigned.end();
    switch (t.status) {
      case TaskStatus::done:
        EXPECT_EQ(planned, 0);
        EXPECT_EQ(t.assignee, was.done_by);  // keeps the person who did it
        if (t.done_at) {
          EXPECT_EQ(t.finish, t.done_at);
        }
        EXPECT_FALSE(unassigned);
        break;
      case TaskStatus::in_progress:
      case TaskStatus::open:
        if (t.status == TaskStatus::open) {
          EXPECT_TRUE(history_of(t).empty());
          bool passed = false;  // a planned block of it passed with no work
          for (const auto& b : was.blocks) passed = passed || b.utc_end <= now;
          EXPECT_EQ(t.slipped, passed);
        }
        if (unassigned) {
          EXPECT_EQ(planned, 0);
        } else {
          EXPECT_EQ(planned, work_minutes(t, minimum));  // the work left, exactly
          if (!t.pinned_assignee.empty()) {
            EXPECT_EQ(t.assignee, t.pinned_assignee);
          }
        }
        break;
    }
  }
  // Nobody is booked twice, history included.
  for (auto& [name, blocks] : booked) {
    std::sort(blocks.begin(), blocks.end(),
              [](const Worked& x, const Worked& y) { return x.from < y.from; });
    for (std::size_t k = 1; k < blocks.size(); ++k) {
      EXPECT_LE(blocks[k - 1].to, blocks[k].from) << name << " is booked twice";
    }
  }
  // The plan starts on the team's earliest local date at now (a day behind
  // UTC at most, west of it) and finishes no earlier, even with nothing left.
  EXPECT_GE(after.plan.finish, after.plan.start);
  EXPECT_GE(util::Instant(after.plan.start) + 48h, now);
}

TEST(ReplanPropertyTest, EveryReplanKeepsThePastAndPlansExactlyTheWorkLeft) {
  for (std::uint32_t seed = 1; seed <= 150; ++seed) {
    HistoryGenerator g(seed);
    const model::Date start = date("2026-01-05") + g.days(0, 600);
    model::Project p = g.project(start);
    Options first;
    first.start = start;
    make_plan(p, first);
    model::Instant now = util::Instant(start) + std::chrono::hours{g.pick(0, 72)};
    for (int step = 1; step <= 5; ++step) {
      SCOPED_TRACE("seed " + std::to_string(seed) + ", step " + std::to_string(step));
      const model::Instant before_now = step == 1 ? util::Instant(start) : now;
      now += std::chrono::minutes{g.pick(60, 4 * 24 * 60)};
      g.record(p, before_now, now);
      const model::Project before = p;
      Options o;
      o.from_now = now;
      o.minimum_remaining_hours = g.one_of<double>({0.5, 1, 2});
      make_plan(p, o);
      check_replan(before, p, now, o.minimum_remaining_hours);
      // The same clock again changes nothing: the history made is kept as is.
      model::Project again = p;
      make_plan(again, o);
      EXPECT_EQ(testing::fingerprint(again), testing::fingerprint(p));
      for (std::size_t i = 0; i < p.tasks.size(); ++i) {
        EXPECT_EQ(show(history_of(again.tasks[i])), show(history_of(p.tasks[i])));
      }
    }
  }
}

}  // namespace
}  // namespace rplan::schedule
