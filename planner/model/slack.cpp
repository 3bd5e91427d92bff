#include "planner/model/slack.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>

namespace rplan::model {

namespace {

using std::chrono::minutes;

// The first block of new work (not history) of a task, or nullptr.
const WorkBlock* first_planned(const Task& t) {
  for (const WorkBlock& b : t.blocks) {
    if (!b.history && b.minutes > 0) return &b;
  }
  return nullptr;
}

}  // namespace

WorkingMinutes::WorkingMinutes(const WorkingTime& rule, const util::TimeZone& zone, Date first,
                               Date last) {
  for (Date d = first; d <= last; d += std::chrono::days{1}) {
    const auto window = rule.window(d);
    if (!window || window->minutes <= 0) continue;
    m_windows.push_back({zone.to_utc(d, window->start_minute), window->minutes, m_total});
    m_total += window->minutes;
  }
}

std::int64_t WorkingMinutes::before(Instant t) const {
  const auto after = std::upper_bound(m_windows.begin(), m_windows.end(), t,
                                      [](Instant x, const Window& w) { return x < w.start; });
  if (after == m_windows.begin()) return 0;
  const Window& w = *(after - 1);
  const auto into = std::chrono::floor<minutes>(t - w.start).count();
  return w.before + std::min<std::int64_t>(into, w.minutes);
}

Instant WorkingMinutes::start_of(std::int64_t k) const {
  if (m_windows.empty()) return Instant{};
  if (k >= m_total) return m_windows.back().start + minutes{m_windows.back().minutes};
  if (k < 0) k = 0;
  const auto after = std::upper_bound(m_windows.begin(), m_windows.end(), k,
                                      [](std::int64_t x, const Window& w) { return x < w.before; });
  const Window& w = *(after - 1);
  return w.start + minutes{k - w.before};
}

std::vector<TaskSlack> plan_slack(const Project& project) {
  const std::size_t n = project.tasks.size();
  std::vector<TaskSlack> result(n);
  // The tasks with planned work, each with its person (an index into team).
  std::unordered_map<std::string_view, std::size_t> person_of_name;
  for (std::size_t p = 0; p < project.team.size(); ++p) person_of_name[project.team[p].name] = p;
  std::vector<std::size_t> moving;
  std::vector<std::size_t> person(n, SIZE_MAX);
  std::vector<Instant> start(n), finish(n);
  std::optional<Date> first_day, last_day;
  Instant end{};
  for (std::size_t i = 0; i < n; ++i) {
    const Task& t = project.tasks[i];
    if (t.status == TaskStatus::done || !t.planned()) continue;
    const WorkBlock* first = first_planned(t);
    const auto who = person_of_name.find(t.assignee);
    if (first == nullptr || who == person_of_name.end()) continue;
    person[i] = who->second;
    start[i] = first->utc_start;
    finish[i] = t.blocks.back().utc_end;
    end = moving.empty() ? finish[i] : std::max(end, finish[i]);
    first_day = first_day ? std::min(*first_day, first->date) : first->date;
    last_day = last_day ? std::max(*last_day, t.blocks.back().date) : t.blocks.back().date;
    moving.push_back(i);
  }
  if (moving.empty()) return result;

  // Each person's working minutes over the plan's days (a day more at each
  // end for the time zones in between), each zone's day starts converted once.
  std::vector<std::unique_ptr<WorkingMinutes>> minutes_of(project.team.size());
  {
    std::map<std::string, std::unique_ptr<util::TimeZone>> zones;
    const Date from = *first_day - std::chrono::days{1}, to = *last_day + std::chrono::days{1};
    for (std::size_t i : moving) {
      auto& slot = minutes_of[person[i]];
      if (slot) continue;
      const Assignee& a = project.team[person[i]];
      auto& zone = zones[a.timezone];
      if (!zone) zone = std::make_unique<util::TimeZone>(a.timezone);
      const WorkingTime rule(a, project.holidays, project.time_off);
      slot = std::make_unique<WorkingMinutes>(rule, *zone, from, to);
    }
  }

  // Successors: the tasks that depend on a task, and its person's next task.
  std::unordered_map<std::string_view, std::size_t> index_of;
  for (std::size_t i : moving) index_of[project.tasks[i].id] = i;
  std::vector<std::vector<std::size_t>> next(n);
  for (std::size_t i : moving) {
    for (const std::string& dep : project.tasks[i].depends_on) {
      const auto d = index_of.find(dep);
      if (d != index_of.end()) next[d->second].push_back(i);
    }
  }
  {
    std::vector<std::size_t> by_person = moving;
    std::stable_sort(by_person.begin(), by_person.end(), [&](std::size_t a, std::size_t b) {
      return person[a] != person[b] ? person[a] < person[b] : start[a] < start[b];
    });
    for (std::size_t k = 1; k < by_person.size(); ++k) {
      if (person[by_person[k - 1]] == person[by_person[k]]) {
        next[by_person[k - 1]].push_back(by_person[k]);
      }
    }
  }

  // Backward, latest finish first: a successor starts no earlier than its
  // predecessor finishes, and lasts a while, so it finishes later.
  std::vector<std::size_t> order = moving;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return finish[a] != finish[b] ? finish[a] > finish[b] : start[a] > start[b];
  });
  std::vector<Instant> latest_start(n);
  for (std::size_t i : order) {
    Instant latest_finish = end;
    for (std::size_t s : next[i]) latest_finish = std::min(latest_finish, latest_start[s]);
    const WorkingMinutes& wm = *minutes_of[person[i]];
    const std::int64_t length = wm.before(finish[i]) - wm.before(start[i]);
    const std::int64_t last = wm.before(latest_finish);
    latest_start[i] = length > 0 ? wm.start_of(last - length) : latest_finish;
    result[i].minutes = std::max<std::int64_t>(0, last - wm.before(finish[i]));
  }
  return result;
}

}  // namespace rplan::model
