#include "planner/model/plan_diff.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

namespace rplan::model {

namespace {

constexpr std::int64_t k_max_table_days = 40 * 366;

bool same_hours(double a, double b) { return std::abs(a - b) < 1e-9; }

// The local date a task's dates are compared by: its last (or first) block's
// date, else the UTC date of its finish (start).
std::optional<Date> last_day(const BaselineTask& t) {
  if (t.last_day) return t.last_day;
  if (t.finish) return std::chrono::floor<std::chrono::days>(*t.finish);
  return std::nullopt;
}
std::optional<Date> first_day(const BaselineTask& t) {
  if (t.first_day) return t.first_day;
  if (t.start) return std::chrono::floor<std::chrono::days>(*t.start);
  return std::nullopt;
}

}  // namespace

std::string_view to_string(TaskChangeKind kind) {
  switch (kind) {
    case TaskChangeKind::added:
      return "added";
    case TaskChangeKind::removed:
      return "removed";
    case TaskChangeKind::done:
      return "done";
    case TaskChangeKind::reassigned:
      return "reassigned";
    case TaskChangeKind::estimate:
      return "estimate";
    case TaskChangeKind::moved:
      return "moved";
  }
  return "moved";
}

TeamDays::TeamDays(std::span<const WorkingTime> team, Date first, Date last)
    : m_team(team), m_first(first), m_last(last) {
  if (m_last < m_first || (m_last - m_first).count() > k_max_table_days) {
    m_last = m_first - std::chrono::days{1};
    return;
  }
  m_prefix.reserve(static_cast<std::size_t>((m_last - m_first).count()) + 1);
  std::int32_t count = 0;
  for (Date d = m_first; d <= m_last; d += std::chrono::days{1}) {
    count += working(d) ? 1 : 0;
    m_prefix.push_back(count);
  }
}

bool TeamDays::working(Date day) const {
  if (m_team.empty()) return util::weekday_index(day) < 5;
  return std::any_of(m_team.begin(), m_team.end(),
                     [&](const WorkingTime& w) { return w.working_day(day); });
}

std::int64_t TeamDays::count_to(Date day) const {
  // Working days in [m_first, day]; negative counts for days before m_first.
  if (day >= m_first && day <= m_last) {
    return m_prefix[static_cast<std::size_t>((day - m_first).count())];
  }
  std::int64_t n = m_prefix.empty() ? 0 : m_prefix.back();
  if (day > m_last) {
    const Date from = m_prefix.empty() ? m_first : m_last + std::chrono::days{1};
    for (Date d = from; d <= day; d += std::chrono::days{1}) n += working(d) ? 1 : 0;
    return n;
  }
  n = 0;
  for (Date d = day + std::chrono::days{1}; d < m_first; d += std::chrono::days{1}) {
    n -= working(d) ? 1 : 0;
  }
  return n;
}

int TeamDays::between(Date from, Date to) const {
  return static_cast<int>(count_to(to) - count_to(from));
}

TaskChangeKinds::TaskChangeKinds(std::initializer_list<TaskChangeKind> kinds) {
  for (const TaskChangeKind k : kinds) push_back(k);
}

void TaskChangeKinds::push_back(TaskChangeKind kind) {
  if (m_size < m_kinds.size()) m_kinds[m_size++] = kind;
}

bool operator==(const TaskChangeKinds& a, const TaskChangeKinds& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end());
}

bool operator==(const TaskChangeKinds& a, const std::vector<TaskChangeKind>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end());
}

bool TaskChange::has(TaskChangeKind kind) const {
  return std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
}

std::optional<BaselineTask> TaskChange::now(BaselineTexts texts) const {
  if (task == nullptr) return std::nullopt;
  return baseline_task(*task, texts);
}

bool PlanDiff::empty() const {
  return tasks.empty() && topics.empty() && people.empty() && then_finish == now_finish;
}

PlanDiff diff_plans(const Baseline& baseline, const Project& project) {
  PlanDiff diff;
  diff.baseline = baseline.name;
  diff.baseline_saved_at = baseline.saved_at;
  diff.baseline_created_at = baseline.plan_created_at;
  diff.created_at = project.plan.created_at;
  diff.then_finish = baseline.finish;
  diff.now_finish = project.plan.finish;
  diff.then_hours = baseline.total_hours;
  diff.now_hours = project.plan.total_hours;

  const auto team = working_times(project.team, project.holidays, project.time_off);
  Date lo = std::min(baseline.start, project.plan.start);
  Date hi = std::max(baseline.finish, project.plan.finish);
  // What the plan says of each task now (make_baseline's rule), without
  // its texts: they are the project's.
  const auto now_of = [](const Task& t) { return baseline_task(t, BaselineTexts::without); };
  auto widen = [&](const BaselineTask& t) {
    if (const auto d = first_day(t)) lo = std::min(lo, *d);
    if (const auto d = last_day(t)) hi = std::max(hi, *d);
  };
  for (const Task& t : project.tasks) widen(now_of(t));
  for (const auto& t : baseline.tasks) widen(t);
  const TeamDays days(team, lo, hi);
  diff.finish_days = days.between(baseline.finish, project.plan.finish);

  std::unordered_map<std::string_view, const BaselineTask*> then_by_id;
  then_by_id.reserve(baseline.tasks.size());
  for (const auto& t : baseline.tasks) then_by_id.emplace(t.id, &t);

  std::map<std::string, PersonHours> people;
  auto hours_of = [&](const std::string& name) -> PersonHours& {
    auto& p = people[name];
    p.name = name;
    return p;
  };
  // The project's tasks by id; each topic's finish now.
  std::unordered_map<std::string_view, const Task*> live;
  live.reserve(project.tasks.size());
  std::unordered_map<std::string_view, Date> now_topics;
  for (const Task& task : project.tasks) {
    live.emplace(task.id, &task);
    const BaselineTask n = now_of(task);
    if (const auto day = last_day(n)) {
      auto [it, fresh] = now_topics.emplace(task.topic_id, *day);
      if (!fresh) it->second = std::max(it->second, *day);
    }
    if (!n.assignee.empty()) hours_of(n.assignee).now += n.planned_minutes / 60.0;
    TaskChange c;
    const auto found = then_by_id.find(task.id);
    if (found == then_by_id.end()) {
      c.kinds.push_back(TaskChangeKind::added);
    } else {
      const BaselineTask& t = *found->second;
      if (n.status == TaskStatus::done && t.status != TaskStatus::done) {
        c.kinds.push_back(TaskChangeKind::done);
      }
      if (n.assignee != t.assignee) c.kinds.push_back(TaskChangeKind::reassigned);
      if (!same_hours(n.estimate_hours, t.estimate_hours)) {
        c.kinds.push_back(TaskChangeKind::estimate);
      }
      if (n.start != t.start || n.finish != t.finish || n.first_day != t.first_day ||
          n.last_day != t.last_day) {
        c.kinds.push_back(TaskChangeKind::moved);
        const auto s0 = first_day(t), s1 = first_day(n), f0 = last_day(t), f1 = last_day(n);
        if (s0 && s1) c.start_days = days.between(*s0, *s1);
        if (f0 && f1) c.finish_days = days.between(*f0, *f1);
      }
      if (c.kinds.empty()) continue;
      c.then = &t;
    }
    c.id = task.id;
    c.topic_id = task.topic_id;
    c.prompt = task.prompt;
    c.task = &task;
    diff.tasks.push_back(c);
  }
  // Each topic's finish then: a task the project still has is in the topic
  // it has now (a task never changes topic), an archived one in the topic
  // the baseline's load names.
  std::unordered_map<std::string_view, Date> then_topics;
  for (const BaselineTask& t : baseline.tasks) {
    if (!t.assignee.empty()) hours_of(t.assignee).then += t.planned_minutes / 60.0;
    const auto kept = live.find(t.id);
    if (const auto day = last_day(t)) {
      const std::string_view topic =
          kept != live.end() ? std::string_view(kept->second->topic_id) : t.topic_id;
      auto [it, fresh] = then_topics.emplace(topic, *day);
      if (!fresh) it->second = std::max(it->second, *day);
    }
    if (kept != live.end()) continue;
    TaskChange c;
    c.kinds.push_back(TaskChangeKind::removed);
    c.id = t.id;
    c.topic_id = t.topic_id;
    c.prompt = t.prompt;
    c.then = &t;
    diff.tasks.push_back(c);
  }
  for (auto& [name, p] : people) {
    if (std::abs(p.then - p.now) >= 0.5 / 60) diff.people.push_back(p);
  }

  for (const Topic& topic : project.topics) {
    TopicSlip slip;
    slip.topic_id = topic.id;
    slip.title = topic.title;
    if (const auto it = then_topics.find(topic.id); it != then_topics.end()) slip.then = it->second;
    if (const auto it = now_topics.find(topic.id); it != now_topics.end()) slip.now = it->second;
    if (slip.then == slip.now) continue;
    if (slip.then && slip.now) slip.days = days.between(*slip.then, *slip.now);
    diff.topics.push_back(std::move(slip));
  }
  return diff;
}

}  // namespace rplan::model
