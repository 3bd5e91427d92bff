#include "exporters/plan_view.hpp"

#include <algorithm>

#include "planner/util/dates.hpp"
#include "planner/util/text.hpp"

namespace rplan::exporters {

PlanView::PlanView(const model::Project& project)
    : m_project(project), m_workload(project), m_topic_index(project.topics) {
  add_people();
  std::unordered_map<std::string_view, int> in_workload;
  for (std::size_t i = 0; i < m_workload.people().size(); ++i) {
    in_workload.emplace(m_workload.people()[i], static_cast<int>(i));
  }
  for (const PersonView& person : m_people) {
    const auto it = in_workload.find(person.name);
    m_workload_person.push_back(it == in_workload.end() ? -1 : it->second);
  }
  group_tasks();
  find_days();
  sum_work();
  sum_capacity();
  m_slack = model::plan_slack(project);
}

int PlanView::person(std::string_view name) const {
  const auto it = m_person_index.find(name);
  return it == m_person_index.end() ? -1 : it->second;
}

bool PlanView::is_holiday(Date day) const {
  return std::binary_search(m_holidays.begin(), m_holidays.end(), day);
}

bool PlanView::is_some_holiday(Date day) const {
  return std::binary_search(m_some_holidays.begin(), m_some_holidays.end(), day);
}

bool PlanView::is_holiday_of(int person, Date day) const {
  if (person < 0) return false;
  const auto& rule = m_people[static_cast<std::size_t>(person)].working_time;
  if (!rule) return false;
  return std::binary_search(rule->holidays().begin(), rule->holidays().end(), day);
}

std::string_view PlanView::holiday_name(Date day) const {
  for (const auto& h : m_project.holidays) {
    if (h.date == day) return h.name;
  }
  return {};
}

std::string PlanView::holiday_title(Date day) const {
  for (const auto& h : m_project.holidays) {
    if (h.date != day) continue;
    std::string title = h.name.empty() ? "Holiday" : h.name;
    if (!is_holiday(day)) title += " (" + util::join(h.people, ", ") + ")";
    return title;
  }
  return "";
}

bool PlanView::team_working_day(Date day) const {
  return m_team_works[static_cast<std::size_t>(util::weekday_index(day))] && !is_holiday(day);
}

void PlanView::add_people() {
  const model::Project& p = m_project;
  auto rules = model::working_times(p.team, p.holidays, p.time_off);
  const auto add = [&](std::string_view name) {
    const auto [it, added] = m_person_index.emplace(name, static_cast<int>(m_people.size()));
    if (added) {
      PersonView& person = m_people.emplace_back();
      person.name = name;
      person.colour = static_cast<std::size_t>(it->second) % k_palette.size();
    }
    return it->second;
  };
  for (std::size_t i = 0; i < p.team.size(); ++i) {
    PersonView& person = m_people[static_cast<std::size_t>(add(p.team[i].name))];
    if (person.assignee != nullptr) continue;  // a name twice: the first counts
    person.assignee = &p.team[i];
    person.working_time = std::move(rules[i]);
    for (std::size_t d = 0; d < 7; ++d) m_team_works[d] = m_team_works[d] || p.team[i].workdays[d];
  }
  if (p.team.empty()) m_team_works = {true, true, true, true, true, false, false};
  for (const auto& task : p.tasks) {
    if (!task.planned()) continue;
    add(task.assignee);
    for (const auto& b : task.blocks) {  // history worked by someone else
      if (!b.assignee.empty()) add(b.assignee);
    }
  }
  // A holiday is the whole team's when it applies to everyone on it (the
  // one rule, model::holiday_applies); else it is shaded per person.
  for (const auto& h : p.holidays) {
    const bool everyone =
        p.team.empty() ? h.people.empty()
                       : std::all_of(p.team.begin(), p.team.end(), [&](const model::Assignee& a) {
                           return model::holiday_applies(h, a);
                         });
    (everyone ? m_holidays : m_some_holidays).push_back(h.date);
  }
  for (auto* dates : {&m_holidays, &m_some_holidays}) {
    std::sort(dates->begin(), dates->end());
    dates->erase(std::unique(dates->begin(), dates->end()), dates->end());
  }
}

void PlanView::group_tasks() {
  const model::Project& p = m_project;
  const auto no_topic = static_cast<std::uint32_t>(p.topics.size());
  m_group_of.resize(p.tasks.size());
  m_group_begin.assign(p.topics.size() + 2, 0);
  for (std::size_t i = 0; i < p.tasks.size(); ++i) {
    // Tasks come by topic (model::Project): one look-up per run of them.
    if (i > 0 && p.tasks[i].topic_id == p.tasks[i - 1].topic_id) {
      m_group_of[i] = m_group_of[i - 1];
    } else {
      const auto topic = m_topic_index.find(p.tasks[i].topic_id);
      m_group_of[i] = topic ? static_cast<std::uint32_t>(*topic) : no_topic;
    }
    ++m_group_begin[m_group_of[i] + 1];
  }
  for (std::size_t g = 1; g < m_group_begin.size(); ++g) m_group_begin[g] += m_group_begin[g - 1];
  // A stable counting sort: tasks grouped by topic, in their own order inside it.
  m_order.resize(p.tasks.size());
  std::vector<std::uint32_t> next(m_group_begin.begin(), m_group_begin.end() - 1);
  for (std::uint32_t i = 0; i < p.tasks.size(); ++i) m_order[next[m_group_of[i]]++] = i;
}

void PlanView::find_days() {
  const model::Project& p = m_project;
  for (const auto& t : p.tasks) {
    if (t.blocks.empty()) continue;
    const Date a = t.blocks.front().date, b = t.blocks.back().date;
    m_first_work = m_first_work ? std::min(*m_first_work, a) : a;
    m_last_work = m_last_work ? std::max(*m_last_work, b) : b;
  }
  std::optional<Date> first = m_first_work, last = m_last_work;
  if (p.plan.exists) {
    first = first ? std::min(*first, p.plan.start) : p.plan.start;
    const Date finish = std::max(p.plan.start, p.plan.finish);
    last = last ? std::max(*last, finish) : finish;
  }
  if (!first) return;
  m_has_days = true;
  m_first_day = *first;
  m_last_day = *last;
  m_week0 = util::week_start(m_first_day);
  m_weeks = static_cast<int>((util::week_start(m_last_day) - m_week0).count() / 7) + 1;
}

void PlanView::sum_work() {
  const std::size_t cells = static_cast<std::size_t>(m_weeks) * m_people.size();
  m_open.assign(cells, 0);
  m_done.assign(cells, 0);
  for (const auto& task : m_project.tasks) {
    const int assignee = person_of(task);
    if (assignee < 0) continue;
    const bool done = task.status == model::TaskStatus::done;
    auto& table = done ? m_done : m_open;
    for (const auto& b : task.blocks) {
      const int who = b.assignee.empty() ? assignee : person(b.assignee);
      PersonView& worker = m_people[static_cast<std::size_t>(who)];
      (done ? worker.done_minutes : worker.open_minutes) += b.minutes;
      table[static_cast<std::size_t>(week_of(b.date)) * m_people.size() +
            static_cast<std::size_t>(who)] += b.minutes;
    }
  }
}

void PlanView::sum_capacity() {
  const model::PlanInfo& plan = m_project.plan;
  m_capacity.assign(static_cast<std::size_t>(m_weeks) * m_people.size(), 0);
  m_team_capacity.assign(static_cast<std::size_t>(m_weeks), 0);
  if (!plan.exists || plan.finish < plan.start) return;
  const auto offset = static_cast<std::size_t>(week_of(plan.start));
  for (std::size_t p = 0; p < m_people.size(); ++p) {
    PersonView& person = m_people[p];
    if (!person.working_time) continue;
    const auto weekly = person.working_time->weekly_capacity_minutes(plan.start, plan.finish);
    for (std::size_t w = 0; w < weekly.size(); ++w) {
      m_capacity[(offset + w) * m_people.size() + p] = weekly[w];
      m_team_capacity[offset + w] += weekly[w];
      person.capacity_minutes += weekly[w];
    }
  }
}

}  // namespace rplan::exporters
