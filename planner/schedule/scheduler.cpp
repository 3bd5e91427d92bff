#include "planner/schedule/scheduler.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <queue>

#include "planner/model/topic_index.hpp"
#include "planner/schedule/planner.hpp"
#include "planner/util/error.hpp"

namespace rplan::schedule {

namespace detail {

namespace {

// Whole minutes of `hours` of work (0 for hours that are not a positive
// number), at most the horizon.
std::int64_t work_minutes(double hours) {
  if (!std::isfinite(hours) || hours <= 0) return 0;
  const double cap = static_cast<double>(k_horizon_days) * 24 * 60;
  return static_cast<std::int64_t>(std::llround(std::min(hours * 60, cap)));
}

// The first local date of the work calendars: the start date, or with
// from_now the day before its UTC date (the earliest local date anywhere).
Date calendar_start(const Options& options) {
  if (!options.from_now) return options.start;
  return std::chrono::floor<std::chrono::days>(*options.from_now) - std::chrono::days{1};
}

}  // namespace

Planner::Planner(model::Project& project, const Options& options,
                 std::vector<std::vector<std::size_t>> deps, std::vector<StartReason>* reasons)
    : m_project(project), m_options(options), m_deps(std::move(deps)), m_reasons(reasons) {
  if (m_reasons) m_reasons->assign(m_project.tasks.size(), StartReason{});
  m_dependents = invert(m_deps);
  keep_past();
  build_team();
  build_tasks();
  std::vector<int> ordinal(m_project.tasks.size());
  for (std::size_t i = 0; i < ordinal.size(); ++i) {
    ordinal[i] = m_topic[i] == k_none ? INT32_MAX : m_project.topics[m_topic[i]].ordinal;
  }
  m_by_rank = priority_order(m_project.tasks, ordinal, m_deps, m_dependents, m_minutes, m_done,
                             m_capable.size());
  // Work started is carried on before anything new is taken up.
  std::stable_partition(m_by_rank.begin(), m_by_rank.end(), [&](std::uint32_t i) {
    return m_project.tasks[i].status == model::TaskStatus::in_progress;
  });
  m_rank.resize(m_by_rank.size());
  for (std::uint32_t r = 0; r < m_by_rank.size(); ++r) m_rank[m_by_rank[r]] = r;
}

void Planner::build_team() {
  m_team = m_project.team;
  std::stable_sort(
      m_team.begin(), m_team.end(),
      [](const model::Assignee& a, const model::Assignee& b) { return a.name < b.name; });
  std::vector<model::WorkingTime> rules =
      model::working_times(m_team, m_project.holidays, m_project.time_off);

  m_workers.reserve(m_team.size());
  const Date first_day = calendar_start(m_options);
  // Calendar kinds: people whose working time is the same have identical calendars.
  std::map<model::WorkingTime, std::uint32_t> kinds;
  for (std::size_t p = 0; p < m_team.size(); ++p) {
    const model::Assignee& person = m_team[p];
    auto& clock = m_clocks[{rules[p].time_zone(), rules[p].day_start()}];
    if (!clock) {
      try {
        clock = std::make_unique<LocalClock>(rules[p].time_zone(), rules[p].day_start(), first_day);
      } catch (const InputError& e) {
        throw InputError(person.name + ": " + e.what());
      }
    }
    const std::uint32_t kind = kinds.emplace(rules[p], kinds.size()).first->second;
    m_workers.push_back(Worker{&person, WorkCalendar(std::move(rules[p]), first_day, *clock)});
    Worker& w = m_workers.back();
    w.kind = kind;
    // New work starts at the plan's start, after the person's history.
    if (m_options.from_now) w.cursor = *m_options.from_now;
    if (const auto busy = m_busy_until.find(person.name); busy != m_busy_until.end()) {
      if (busy->second > w.cursor) w.last_task = m_busy_task[person.name];
      w.cursor = std::max(w.cursor, busy->second);
    }
  }
  m_kinds = static_cast<std::uint32_t>(kinds.size());
  m_kind_slot.assign(m_kinds, KindSlot{});
  m_candidate_of.assign(m_team.size(), SIZE_MAX);

  m_skills = SkillIndex(m_team);
  m_free_by_word.resize(m_skills.word_count());
  m_seen.assign(m_team.size(), 0);
  m_free_by_kind.resize(m_kinds);
  for (std::uint32_t p = 0; p < m_workers.size(); ++p) {
    Worker& worker = m_workers[p];
    if (!worker.calendar.has_working_time()) continue;
    const auto first = worker.calendar.fit(worker.cursor, 0);
    if (!first) continue;  // no working time left
    m_capable.push_back(p);
    worker.next_free = first->start;
    m_free_by_kind[worker.kind].emplace(worker.next_free, p);
    for (std::uint32_t w : m_skills.words_of(p)) m_free_by_word[w].emplace(worker.next_free, p);
  }
  for (std::uint32_t k = 0; k < m_kinds; ++k) {
    if (!m_free_by_kind[k].empty()) m_kind_heads.emplace(m_free_by_kind[k].begin()->first, k);
  }
}

void Planner::build_tasks() {
  const auto& tasks = m_project.tasks;
  const std::size_t n = tasks.size();
  const model::TopicIndex topic_index(m_project.topics);
  m_minutes.resize(n);
  m_done.resize(n);
  m_topic.resize(n);
  m_stays.assign(n, k_none);
  for (std::size_t i = 0; i < n; ++i) {
    m_done[i] = tasks[i].status == model::TaskStatus::done;
    m_minutes[i] =
        m_done[i]
            ? 0
            : work_minutes(model::remaining_hours(tasks[i], m_options.minimum_remaining_hours));
    if (tasks[i].status == model::TaskStatus::in_progress && tasks[i].pinned_assignee.empty()) {
      const std::string& name =
          tasks[i].started_by.empty() ? tasks[i].assignee : tasks[i].started_by;
      const std::uint32_t p = find_person(name);
      if (p != k_none && m_workers[p].next_free != Instant::max()) m_stays[i] = p;
    }
    if (i > 0 && tasks[i].topic_id == tasks[i - 1].topic_id) {  // tasks come by topic
      m_topic[i] = m_topic[i - 1];
      continue;
    }
    const auto topic = topic_index.find(tasks[i].topic_id);
    m_topic[i] = topic ? static_cast<std::uint32_t>(*topic) : k_none;
  }
  m_topic_words.resize(m_project.topics.size());
  m_topic_words_known.assign(m_project.topics.size(), 0);
  m_waiting.assign(n, 0);
  m_ready.assign(n, Instant::min());
  m_ready_task.assign(n, k_none);
  m_blocked.assign(n, 0);
  m_unassigned.assign(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    if (m_done[i]) continue;
    for (std::size_t d : m_deps[i]) m_waiting[i] += m_done[d] ? 0 : 1;
  }
}

// List scheduling. A task is released once all its dependencies are placed,
// at the latest of their finishes. The "gate" is the earliest instant anyone
// can start new work; of the released tasks whose dependencies finish by
// then, the one of highest priority is placed next (when none has, the
// earliest released). So nobody is kept waiting for a task that could be
// worked on now, and the cursor per person loses no usable time.
void Planner::run() {
  using Pending = std::pair<Instant, std::uint32_t>;  // ready instant, rank
  std::priority_queue<Pending, std::vector<Pending>, std::greater<>> pending;
  std::priority_queue<std::uint32_t, std::vector<std::uint32_t>, std::greater<>> ready;
  for (std::uint32_t i = 0; i < m_project.tasks.size(); ++i) {
    if (!m_done[i] && m_waiting[i] == 0) pending.emplace(Instant::min(), m_rank[i]);
  }
  while (!pending.empty() || !ready.empty()) {
    const Instant gate = m_kind_heads.empty() ? Instant::max() : m_kind_heads.begin()->first;
    while (!pending.empty() && pending.top().first <= gate) {
      ready.push(pending.top().second);
      pending.pop();
    }
    if (ready.empty()) {
      const Instant first = pending.top().first;
      while (!pending.empty() && pending.top().first == first) {
        ready.push(pending.top().second);
        pending.pop();
      }
    }
    const std::uint32_t task = m_by_rank[ready.top()];
    ready.pop();
    place(task);
    for (auto e = m_dependents.offsets[task]; e < m_dependents.offsets[task + 1]; ++e) {
      const std::uint32_t j = m_dependents.targets[e];
      if (m_done[j]) continue;
      if (m_unassigned[task]) {
        m_blocked[j] = 1;
      } else {
        const Instant finish = *m_project.tasks[task].finish;
        if (m_ready_task[j] == k_none || finish > m_ready[j]) {
          m_ready[j] = finish;
          m_ready_task[j] = task;
        }
      }
      if (--m_waiting[j] == 0) {
        if (m_blocked[j]) {
          ready.push(m_rank[j]);
        } else {
          pending.emplace(m_ready[j], m_rank[j]);
        }
      }
    }
  }
  finish();
}

void Planner::place(std::uint32_t task) {
  const model::Task& t = m_project.tasks[task];
  m_choice = Choice::free;
  if (m_blocked[task]) return unassign(task);
  if (!t.pinned_assignee.empty()) {
    m_choice = Choice::pinned;
    const std::uint32_t p = find_person(t.pinned_assignee);
    if (p == k_none) return unassign(task);
    Worker& w = m_workers[p];
    const auto span = w.calendar.fit(std::max(m_ready[task], w.cursor), m_minutes[task], w.hint);
    if (!span) return unassign(task);
    return assign(task, p, *span);
  }
  if (const std::uint32_t p = m_stays[task]; p != k_none) {  // work started stays with them
    Worker& w = m_workers[p];
    const auto span = w.calendar.fit(std::max(m_ready[task], w.cursor), m_minutes[task], w.hint);
    if (span) return assign(task, p, *span);
  }
  if (m_capable.empty()) return unassign(task);
  if (m_options.strategy == model::Strategy::round_robin) return place_round_robin(task);
  place_balanced(task);
}

std::uint32_t Planner::find_person(const std::string& name) const {
  const auto it =
      std::lower_bound(m_team.begin(), m_team.end(), name,
                       [](const model::Assignee& a, const std::string& n) { return a.name < n; });
  if (it == m_team.end() || it->name != name) return k_none;
  return static_cast<std::uint32_t>(it - m_team.begin());
}

const std::vector<std::uint32_t>& Planner::words_of_task(std::uint32_t task) {
  static const std::vector<std::uint32_t> k_no_words;
  const std::uint32_t topic = m_topic[task];
  if (m_skills.empty() || topic == k_none) return k_no_words;
  if (!m_topic_words_known[topic]) {
    m_topic_words[topic] = m_skills.topic_words(m_project.topics[topic]);
    m_topic_words_known[topic] = 1;
  }
  return m_topic_words[topic];
}

void Planner::assign(std::uint32_t task, std::uint32_t person, const Span& span) {
  model::Task& t = m_project.tasks[task];
  Worker& w = m_workers[person];
  const std::int64_t minutes = m_minutes[task];
  const std::uint32_t history = m_history[task];
  if (m_reasons) record_reason(task, person, span);
  // New blocks keep the iCalendar sequence of the block at their position;
  // the store decides whether an event changed.
  m_sequences.clear();
  for (std::size_t b = history; b < t.blocks.size(); ++b)
    m_sequences.push_back(t.blocks[b].sequence);
  t.blocks.resize(history);
  hand_over(t, history, w.person->name);
  w.calendar.blocks(span, minutes, t.blocks);
  for (std::size_t b = history; b < t.blocks.size() && b - history < m_sequences.size(); ++b) {
    t.blocks[b].sequence = m_sequences[b - history];
  }
  if (t.blocks.empty()) {  // no time: an empty span where it would start
    t.start = span.start;
    t.finish = span.finish;
  } else {
    model::set_dates_from_blocks(t);
  }
  if (t.blocks.size() > history) {
    m_last_date = m_last_date ? std::max(*m_last_date, t.blocks.back().date) : t.blocks.back().date;
  }
  if (minutes == 0) return;
  w.cursor = span.finish;
  w.last_task = task;
  w.hint = span.last_day;
  w.load += minutes;
  const auto next = w.calendar.fit(w.cursor, 0, w.hint);
  set_next_free(person, next ? next->start : Instant::max());
}

void Planner::record_reason(std::uint32_t task, std::uint32_t person, const Span& span) {
  StartReason& r = (*m_reasons)[task];
  const Worker& w = m_workers[person];
  const model::Task& t = m_project.tasks[task];
  r = StartReason{};
  r.placed = true;
  r.start = span.start;
  // The person's previous task; a task carried on after its own history
  // follows nobody.
  const std::uint32_t previous = w.last_task == task ? k_none : w.last_task;
  const std::uint32_t dep = m_ready_task[task];
  if (dep != k_none && m_ready[task] >= w.cursor) {
    r.earliest = m_ready[task];
    r.task = dep;
    r.task_is_dependency = true;
    const std::string& id = m_project.tasks[dep].id;
    r.kind = std::find(t.after.begin(), t.after.end(), id) != t.after.end()
                 ? StartReasonKind::after
                 : StartReasonKind::dependency;
  } else if (previous != k_none) {
    r.earliest = w.cursor;
    r.task = previous;
    r.kind = m_choice == Choice::pinned ? StartReasonKind::pin : StartReasonKind::person_busy;
    if (r.kind == StartReasonKind::pin) r.person = w.person->name;
  } else {
    r.earliest = w.cursor == Instant::min() ? span.start : w.cursor;
    r.kind = StartReasonKind::plan_start;
    return;
  }
  if (m_choice == Choice::skill && span.start > m_passed_start) {
    r.kind = StartReasonKind::skill;
    r.person = m_workers[m_passed_over].person->name;
    r.person_free = m_passed_start;
  } else if (span.start > r.earliest && r.kind != StartReasonKind::pin) {
    r.kind = StartReasonKind::working_time;
  }
}

void Planner::set_next_free(std::uint32_t person, Instant next_free) {
  Worker& w = m_workers[person];
  auto move = [&](FreeSet& set) {
    auto node = set.extract({w.next_free, person});
    if (next_free == Instant::max()) return;
    node.value().first = next_free;
    set.insert(std::move(node));
  };
  FreeSet& kind = m_free_by_kind[w.kind];
  const Instant head = kind.begin()->first;
  move(kind);
  const Instant new_head = kind.empty() ? Instant::max() : kind.begin()->first;
  if (new_head != head) {
    auto node = m_kind_heads.extract({head, w.kind});
    if (!kind.empty()) {
      node.value().first = new_head;
      m_kind_heads.insert(std::move(node));
    }
  }
  for (std::uint32_t word : m_skills.words_of(person)) move(m_free_by_word[word]);
  w.next_free = next_free;
}

void Planner::unassign(std::uint32_t task) {
  model::Task& t = m_project.tasks[task];
  m_unassigned[task] = 1;
  t.blocks.resize(m_history[task]);  // the past stays, with whoever worked it
  hand_over(t, m_history[task], "");
  model::set_dates_from_blocks(t);
}

void Planner::finish() {
  model::PlanInfo& plan = m_project.plan;
  plan.exists = true;
  plan.start = m_options.from_now ? team_date(*m_options.from_now) : m_options.start;
  if (m_options.from_now) plan.now = *m_options.from_now;
  plan.strategy = m_options.strategy;
  plan.minimum_remaining_hours = m_options.minimum_remaining_hours;
  plan.total_hours = 0;
  plan.unassigned.clear();
  plan.slipped.clear();
  plan.at_minimum.clear();
  for (std::size_t i = 0; i < m_project.tasks.size(); ++i) {
    model::Task& t = m_project.tasks[i];
    for (const model::WorkBlock& b : t.blocks) {
      if (!b.history) break;
      m_last_date = m_last_date ? std::max(*m_last_date, b.date) : b.date;
    }
    if (m_done[i]) continue;
    plan.total_hours += model::remaining_hours(t, m_options.minimum_remaining_hours);
    if (m_unassigned[i]) plan.unassigned.push_back(t.id);
    if (t.slipped) plan.slipped.push_back(t.id);
    if (model::remaining_is_minimum(t)) plan.at_minimum.push_back(t.id);
    t.depends_on.clear();
    for (std::size_t d : m_deps[i]) t.depends_on.push_back(m_project.tasks[d].id);
  }
  plan.finish = std::max(m_last_date.value_or(plan.start), plan.start);
}

Date Planner::team_date(Instant t) const {
  std::optional<Date> earliest;
  for (const auto& [key, clock] : m_clocks) {
    const Date local = clock->local_date(t);
    earliest = earliest ? std::min(*earliest, local) : local;
  }
  return earliest.value_or(std::chrono::floor<std::chrono::days>(t));
}

}  // namespace detail

namespace {

void plan_with(model::Project& project, const Options& options, std::vector<StartReason>* reasons) {
  auto deps = dependencies(project, options.documenting);
  const auto cycle = find_cycle(project, deps);
  if (!cycle.empty()) {
    throw InputError("tasks wait for each other in a cycle: " + describe_cycle(cycle) +
                     " (each waits for the next); break it with `rplan task ID --not-after OTHER`");
  }
  detail::Planner planner(project, options, std::move(deps), reasons);
  planner.run();
}

}  // namespace

void make_plan(model::Project& project, const Options& options) {
  plan_with(project, options, nullptr);
}

void make_plan(model::Project& project, const Options& options, std::vector<StartReason>& reasons) {
  plan_with(project, options, &reasons);
}

std::string_view to_string(StartReasonKind kind) {
  switch (kind) {
    case StartReasonKind::dependency:
      return "dependency";
    case StartReasonKind::after:
      return "after";
    case StartReasonKind::person_busy:
      return "person_busy";
    case StartReasonKind::working_time:
      return "working_time";
    case StartReasonKind::pin:
      return "pin";
    case StartReasonKind::skill:
      return "skill";
    case StartReasonKind::plan_start:
      break;
  }
  return "plan_start";
}

std::vector<std::size_t> critical_chain(const model::Project& project,
                                        const std::vector<StartReason>& reasons) {
  std::size_t last = k_no_task;
  for (std::size_t i = 0; i < reasons.size() && i < project.tasks.size(); ++i) {
    if (!reasons[i].placed || !project.tasks[i].finish) continue;
    if (last == k_no_task || *project.tasks[i].finish > *project.tasks[last].finish) last = i;
  }
  std::vector<std::size_t> chain;
  std::vector<char> seen(reasons.size(), 0);
  for (std::size_t i = last; i != k_no_task && i < reasons.size() && reasons[i].placed && !seen[i];
       i = reasons[i].task) {
    seen[i] = 1;
    chain.push_back(i);
  }
  return chain;
}

}  // namespace rplan::schedule
