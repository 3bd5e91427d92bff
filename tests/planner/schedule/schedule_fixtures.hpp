#pragma once

// Builders and plan checks shared by the schedule tests.

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "planner/model/model.hpp"
#include "planner/util/dates.hpp"
#include "planner/util/time_zone.hpp"
#include "tests/support/project_builder.hpp"

namespace rplan::schedule::testing {

inline util::Date date(const char* iso) { return rplan::testing::day(iso); }
inline util::Instant at(const char* rfc3339) { return rplan::testing::instant(rfc3339); }

inline model::Assignee person(std::string name, double hours_per_day = 6,
                              std::string timezone = "UTC") {
  model::Assignee a;
  a.name = std::move(name);
  a.hours_per_day = hours_per_day;
  a.timezone = std::move(timezone);
  return a;
}

// The shared builder (tests/support/project_builder.hpp) in the schedule
// tests' shorthand: topics and tasks numbered in order (topic1, t1, ...), a
// task's prompt made from its kind and id, its id returned, the team sorted by
// name. project() is what the scheduler gets.
class ProjectBuilder : public rplan::testing::ProjectBuilder {
 public:
  ProjectBuilder& topic(std::string title, std::string focus = "",
                        std::vector<std::string> skills = {}) {
    rplan::testing::ProjectBuilder::topic("", std::move(title))
        .focus(std::move(focus))
        .skills(std::move(skills));
    return *this;
  }
  // A task of the last topic; returns its id.
  std::string task(model::TaskKind kind, double hours, std::string pinned = "",
                   std::vector<std::string> after = {}) {
    const std::string id = "t" + std::to_string(project().tasks.size() + 1);
    rplan::testing::ProjectBuilder::task(id, kind,
                                         std::string(model::display_name(kind)) + " " + id, hours)
        .pinned(std::move(pinned));
    last_task().after = std::move(after);  // what the scheduler turns into depends_on
    return id;
  }
  ProjectBuilder& team(std::vector<model::Assignee> people) {
    std::sort(people.begin(), people.end(),
              [](const auto& a, const auto& b) { return a.name < b.name; });
    rplan::testing::ProjectBuilder::team(std::move(people));
    return *this;
  }
  ProjectBuilder& holiday(const char* iso) {
    rplan::testing::ProjectBuilder::holiday(iso);
    return *this;
  }
  ProjectBuilder& time_off(std::string name, const char* from, const char* to) {
    rplan::testing::ProjectBuilder::time_off(std::move(name), from, to);
    return *this;
  }
};

inline const model::Task& task(const model::Project& project, const std::string& id) {
  for (const auto& t : project.tasks) {
    if (t.id == id) return t;
  }
  throw std::logic_error("no task " + id);
}

inline std::int64_t estimate_minutes(const model::Task& t) {
  return t.estimate.hours > 0 ? std::llround(t.estimate.hours * 60) : 0;
}

// "ana 2026-12-07 09:00+360, 2026-12-08 09:00+120": a task's plan in a line that reads.
inline std::string describe(const model::Task& t) {
  std::ostringstream s;
  s << (t.assignee.empty() ? "-" : t.assignee);
  for (std::size_t k = 0; k < t.blocks.size(); ++k) {
    const auto& b = t.blocks[k];
    s << (k == 0 ? " " : ", ") << util::format_date(b.date) << ' '
      << util::format_clock(b.start_minute) << '+' << b.minutes;
  }
  return s.str();
}

// Every task's assignee, blocks, dependencies and UTC times, and the plan's
// summary: equal strings, equal plans.
inline std::string fingerprint(const model::Project& p) {
  std::ostringstream s;
  for (const auto& t : p.tasks) {
    s << t.id << ' ' << describe(t) << " [";
    for (const auto& d : t.depends_on) s << d << ' ';
    s << "] " << (t.start ? util::format_ical_utc(*t.start) : "") << ' '
      << (t.finish ? util::format_ical_utc(*t.finish) : "");
    for (const auto& b : t.blocks) s << ' ' << util::format_ical_utc(b.utc_start);
    s << '\n';
  }
  s << util::format_date(p.plan.finish) << ' ' << p.plan.total_hours << ' ';
  for (const auto& id : p.plan.unassigned) s << id << ' ';
  return s.str();
}

// Everything a plan must satisfy, as a list of violations (empty when none).
// Checked independently of the scheduler's own calendar code.
inline std::vector<std::string> plan_violations(const model::Project& p,
                                                const std::vector<std::string>& done_ids,
                                                util::Date start) {
  std::vector<std::string> problems;
  auto is_done = [&](const std::string& id) {
    return std::find(done_ids.begin(), done_ids.end(), id) != done_ids.end();
  };
  std::map<std::string, const model::Assignee*> team;
  for (const auto& a : p.team) team[a.name] = &a;
  std::map<std::string, const model::Task*> by_id;
  for (const auto& t : p.tasks) by_id[t.id] = &t;
  std::map<std::string, std::vector<const model::WorkBlock*>> blocks_of;
  for (const auto& t : p.tasks) {
    if (is_done(t.id)) continue;
    const bool unassigned = std::find(p.plan.unassigned.begin(), p.plan.unassigned.end(), t.id) !=
                            p.plan.unassigned.end();
    std::int64_t minutes = 0;
    for (const auto& b : t.blocks) minutes += b.minutes;
    if (unassigned) {
      if (!t.assignee.empty() || !t.blocks.empty() || t.start || t.finish) {
        problems.push_back(t.id + ": unassigned but carries a plan");
      }
      continue;
    }
    if (t.assignee.empty() || !team.count(t.assignee)) {
      problems.push_back(t.id + ": neither assigned to a team member nor reported unassigned");
      continue;
    }
    if (minutes != estimate_minutes(t)) {
      problems.push_back(t.id + ": blocks sum to " + std::to_string(minutes) + " minutes");
    }
    if (!t.pinned_assignee.empty() && t.assignee != t.pinned_assignee) {
      problems.push_back(t.id + ": pinned to " + t.pinned_assignee + ", given to " + t.assignee);
    }
    if (!t.start || !t.finish || *t.finish < *t.start) {
      problems.push_back(t.id + ": no start/finish");
      continue;
    }
    if (!t.blocks.empty() &&
        (t.blocks.front().utc_start != *t.start || t.blocks.back().utc_end != *t.finish)) {
      problems.push_back(t.id + ": start/finish differ from its blocks");
    }
    for (const auto& dep_id : t.depends_on) {
      const model::Task* dep = by_id.at(dep_id);
      if (is_done(dep_id)) continue;
      if (!dep->finish || *dep->finish > *t.start) {
        problems.push_back(t.id + ": starts before its dependency " + dep_id + " finishes");
      }
    }
    const model::Assignee& a = *team.at(t.assignee);
    const util::TimeZone zone(a.timezone);
    const int window =
        std::min(static_cast<int>(std::lround(a.hours_per_day * 60)), 24 * 60 - a.day_start);
    for (std::size_t k = 0; k < t.blocks.size(); ++k) {
      const auto& b = t.blocks[k];
      blocks_of[a.name].push_back(&b);
      const std::string where =
          t.id + " block " + std::to_string(k) + " on " + util::format_date(b.date) + ": ";
      if (k > 0 && b.utc_start < t.blocks[k - 1].utc_end) {
        problems.push_back(where + "blocks out of order");
      }
      if (b.minutes <= 0) problems.push_back(where + "empty");
      if (b.utc_end != b.utc_start + std::chrono::minutes{b.minutes}) {
        problems.push_back(where + "utc_end is not utc_start + minutes");
      }
      if (b.date < start) problems.push_back(where + "before the start");
      if (!a.workdays[static_cast<std::size_t>(util::weekday_index(b.date))]) {
        problems.push_back(where + "not a workday");
      }
      for (const auto& h : p.holidays) {
        if (h.date == b.date) problems.push_back(where + "a holiday");
      }
      for (const auto& off : p.time_off) {
        if (off.assignee == a.name && off.from <= b.date && b.date <= off.to) {
          problems.push_back(where + "time off");
        }
      }
      const util::Instant open = zone.to_utc(b.date, a.day_start);
      const util::Instant close = open + std::chrono::minutes{window};
      if (b.utc_start < open || b.utc_end > close) problems.push_back(where + "outside the window");
      if (b.start_minute != a.day_start + (b.utc_start - open).count() / 60) {
        problems.push_back(where + "local start does not match utc_start");
      }
    }
  }
  for (auto& [name, blocks] : blocks_of) {
    std::sort(blocks.begin(), blocks.end(),
              [](const auto* x, const auto* y) { return x->utc_start < y->utc_start; });
    for (std::size_t k = 1; k < blocks.size(); ++k) {
      if (blocks[k]->utc_start < blocks[k - 1]->utc_end) {
        problems.push_back(name + ": overlapping blocks on " + util::format_date(blocks[k]->date));
      }
    }
  }
  return problems;
}

// Days from the start to the finish, both counted: the plan's length.
inline int plan_days(util::Date start, util::Date finish) {
  return static_cast<int>((finish - start).count()) + 1;
}

// The lower bound of a plan's length in days: the first day by which the
// team's cumulative capacity covers all open work, or by which the fastest
// person alone could work through the longest dependency chain, whichever is
// later. (Exact for a team sharing one time zone, which is how it is used.)
inline int lower_bound_days(const model::Project& p, util::Date start,
                            std::int64_t longest_chain_minutes) {
  std::int64_t work = 0;
  for (const auto& t : p.tasks) {
    if (t.status != model::TaskStatus::done) work += estimate_minutes(t);
  }
  auto capacity = [&](const model::Assignee& a, util::Date d) -> std::int64_t {
    if (!a.workdays[static_cast<std::size_t>(util::weekday_index(d))]) return 0;
    for (const auto& h : p.holidays) {
      if (h.date == d) return 0;
    }
    for (const auto& off : p.time_off) {
      if (off.assignee == a.name && off.from <= d && d <= off.to) return 0;
    }
    return std::min(static_cast<int>(std::lround(a.hours_per_day * 60)), 24 * 60 - a.day_start);
  };
  std::int64_t team_total = 0, best_single = 0;
  std::map<std::string, std::int64_t> single;
  for (int day = 1;; ++day) {
    const util::Date d = start + std::chrono::days{day - 1};
    for (const auto& a : p.team) {
      const auto c = capacity(a, d);
      team_total += c;
      best_single = std::max(best_single, single[a.name] += c);
    }
    if (team_total >= work && best_single >= longest_chain_minutes) return day;
  }
}

// Minutes of the longest chain of open tasks through depends_on.
inline std::int64_t longest_chain_minutes(const model::Project& p) {
  std::map<std::string, std::int64_t> memo;
  std::map<std::string, const model::Task*> by_id;
  for (const auto& t : p.tasks) by_id[t.id] = &t;
  std::function<std::int64_t(const model::Task&)> chain = [&](const model::Task& t) {
    if (t.status == model::TaskStatus::done) return std::int64_t{0};
    if (auto it = memo.find(t.id); it != memo.end()) return it->second;
    std::int64_t longest = 0;
    for (const auto& d : t.depends_on) longest = std::max(longest, chain(*by_id.at(d)));
    return memo[t.id] = longest + estimate_minutes(t);
  };
  std::int64_t longest = 0;
  for (const auto& t : p.tasks) longest = std::max(longest, chain(t));
  return longest;
}

}  // namespace rplan::schedule::testing
