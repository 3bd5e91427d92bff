// The end of the plan (docs/scheduling.md, "The end of the plan"): a list
// schedule in priority order loses time in its last days, where a task
// released late holds up the one that waits for it, or people finish at
// different times of the last day. The list schedule notes its state when
// the work left first falls to a few days of the team's work; from each such
// snapshot it plans the rest again with the tasks taken in other orders
// (longest chain of work first, largest task first), through the same
// placement as every other task, and keeps the plan that ends first.

#include <algorithm>
#include <functional>

#include "planner/schedule/planner.hpp"

namespace rplan::schedule::detail {

bool Outcome::better_than(const Outcome& other) const {
  if (unassigned != other.unassigned) return unassigned < other.unassigned;
  if (last_date != other.last_date) {
    if (!last_date || !other.last_date) return !last_date;
    return *last_date < *other.last_date;
  }
  if (people_on_last_date != other.people_on_last_date) {
    return people_on_last_date < other.people_on_last_date;
  }
  return last_finish < other.last_finish;
}

bool Outcome::ends_earlier_than(const Outcome& other) const {
  if (unassigned != other.unassigned) return unassigned < other.unassigned;
  if (last_date != other.last_date) {
    if (!last_date || !other.last_date) return !last_date;
    return *last_date < *other.last_date;
  }
  return last_finish < other.last_finish;
}

Outcome Planner::outcome() const {
  Outcome o;
  o.last_date = m_last_date;
  o.last_finish = m_last_finish;
  std::vector<char> counted(m_workers.size(), 0);
  for (const std::uint32_t t : m_snapshots.front().tail) {
    o.unassigned += m_unassigned[t];
    const model::Task& task = m_project.tasks[t];
    if (m_unassigned[t] || task.blocks.size() <= m_history[t]) continue;
    if (task.blocks.back().date != m_last_date) continue;
    const std::uint32_t p = find_person(task.assignee);
    if (p != k_none && !counted[p]) {
      counted[p] = 1;
      ++o.people_on_last_date;
    }
  }
  return o;
}

void Planner::take_snapshot() {
  Snapshot s;
  for (const auto& [at, rank] : m_pending) s.pending.emplace_back(at, m_by_rank[rank]);
  for (const std::uint32_t rank : m_ready_heap) s.ready.push_back(m_by_rank[rank]);
  for (const std::uint32_t task : m_by_rank) {
    if (m_done[task] || m_placed[task]) continue;
    s.tail.push_back(task);
    s.ranks.push_back(m_rank[task]);
    s.tasks.push_back(m_project.tasks[task]);
    s.waiting.push_back(m_waiting[task]);
    s.ready_at.push_back(m_ready[task]);
    s.ready_task.push_back(m_ready_task[task]);
    s.blocked.push_back(m_blocked[task]);
  }
  for (const Worker& w : m_workers) {
    s.workers.push_back({w.cursor, w.hint, w.next_free, w.load, w.last_task});
  }
  s.free_by_kind = m_free_by_kind;
  s.kind_heads = m_kind_heads;
  s.free_by_word = m_free_by_word;
  s.last_date = m_last_date;
  s.last_finish = m_last_finish;
  s.left = m_left;
  m_snapshots.push_back(std::move(s));
}

void Planner::restore(std::size_t snapshot) {
  const Snapshot& s = m_snapshots[snapshot];
  for (std::size_t k = 0; k < s.tail.size(); ++k) {
    const std::uint32_t task = s.tail[k];
    m_project.tasks[task] = s.tasks[k];
    m_waiting[task] = s.waiting[k];
    m_ready[task] = s.ready_at[k];
    m_ready_task[task] = s.ready_task[k];
    m_blocked[task] = s.blocked[k];
    m_placed[task] = 0;
    m_unassigned[task] = 0;
    if (m_reasons) (*m_reasons)[task] = StartReason{};
  }
  for (std::size_t w = 0; w < m_workers.size(); ++w) {
    Worker& worker = m_workers[w];
    const WorkerState& state = s.workers[w];
    worker.cursor = state.cursor;
    worker.hint = state.hint;
    worker.next_free = state.next_free;
    worker.load = state.load;
    worker.last_task = state.last_task;
  }
  m_free_by_kind = s.free_by_kind;
  m_kind_heads = s.kind_heads;
  m_free_by_word = s.free_by_word;
  m_last_date = s.last_date;
  m_last_finish = s.last_finish;
  m_left = s.left;
}

// Gives the snapshot's tail tasks the snapshot's ranks in the rule's order
// (work started first, as always; then the rule; then the priority order),
// and rebuilds the queues with them.
void Planner::rerank_tail(std::size_t snapshot, TailRule rule) {
  const Snapshot& s = m_snapshots[snapshot];
  std::vector<std::uint32_t> order(s.tail.size());
  for (std::uint32_t k = 0; k < order.size(); ++k) order[k] = k;
  // chain[k]: the longest chain of work from tail task k to the end of the
  // plan, itself included. Dependents come later in rank (a dependency is
  // placed first), except across work started; so go by rank, backwards,
  // until nothing changes (one pass in practice).
  std::vector<std::int64_t> chain(s.tail.size(), 0);
  if (rule == TailRule::chain) {
    std::vector<std::uint32_t> position(m_project.tasks.size(), k_none);
    for (std::uint32_t k = 0; k < s.tail.size(); ++k) position[s.tail[k]] = k;
    for (bool changed = true; changed;) {
      changed = false;
      for (std::size_t k = s.tail.size(); k-- > 0;) {
        const std::uint32_t task = s.tail[k];
        std::int64_t longest = 0;
        for (auto e = m_dependents.offsets[task]; e < m_dependents.offsets[task + 1]; ++e) {
          const std::uint32_t j = position[m_dependents.targets[e]];
          if (j != k_none) longest = std::max(longest, chain[j]);
        }
        if (m_minutes[task] + longest != chain[k]) {
          chain[k] = m_minutes[task] + longest;
          changed = true;
        }
      }
    }
  }
  auto started = [&](std::uint32_t k) {
    return m_project.tasks[s.tail[k]].status == model::TaskStatus::in_progress;
  };
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    if (started(a) != started(b)) return started(a);
    if (rule == TailRule::priority) return false;
    if (chain[a] != chain[b]) return chain[a] > chain[b];
    return m_minutes[s.tail[a]] > m_minutes[s.tail[b]];
  });
  for (std::size_t r = 0; r < order.size(); ++r) {
    const std::uint32_t task = s.tail[order[r]];
    m_rank[task] = s.ranks[r];
    m_by_rank[s.ranks[r]] = task;
  }
  requeue(snapshot);
}

void Planner::requeue(std::size_t snapshot) {
  const Snapshot& s = m_snapshots[snapshot];
  const auto later = std::greater<>();
  m_pending.clear();
  for (const auto& [at, task] : s.pending) m_pending.emplace_back(at, m_rank[task]);
  std::make_heap(m_pending.begin(), m_pending.end(), later);
  m_ready_heap.clear();
  for (const std::uint32_t task : s.ready) m_ready_heap.push_back(m_rank[task]);
  std::make_heap(m_ready_heap.begin(), m_ready_heap.end(), later);
}

Outcome Planner::replay(std::size_t snapshot, TailRule rule, const Forced& forced) {
  restore(snapshot);
  rerank_tail(snapshot, rule);
  for (const auto& [task, person] : forced) m_forced[task] = person;
  schedule(false, -1);
  for (const auto& [task, person] : forced) m_forced[task] = k_none;
  return outcome();
}

bool Planner::movable(std::uint32_t task, std::uint32_t from, std::uint32_t person) {
  const model::Task& t = m_project.tasks[task];
  if (!t.pinned_assignee.empty() || m_stays[task] != k_none || m_minutes[task] == 0) return false;
  const auto& words = words_of_task(task);
  return words.empty() || m_skills.score(person, words) >= m_skills.score(from, words);
}

// Each snapshot's variants from the smallest tail to the largest: restoring a
// snapshot puts back its tail, and every task outside it was then placed by
// the list schedule (a larger tail, tried later, contains the smaller ones).
// Then the re-pack, from the winner (or, when the list schedule stays best,
// from its second snapshot).
void Planner::improve_tail() {
  if (m_snapshots.empty()) return;
  m_budget = m_placements / 16 + 20000;
  const std::size_t start = m_placements;
  const Outcome list = outcome();
  Outcome best = list;
  std::size_t best_snapshot = std::min<std::size_t>(1, m_snapshots.size() - 1);
  TailRule best_rule = TailRule::priority;
  bool current = true;  // the plan in place is the best so far
  for (std::size_t s = m_snapshots.size(); s-- > 0;) {
    for (const TailRule rule : {TailRule::chain, TailRule::longest}) {
      const Outcome o = replay(s, rule, {});
      current = o.better_than(best);
      if (current) {
        best = o;
        best_snapshot = s;
        best_rule = rule;
      }
    }
  }
  m_budget = m_placements - start < m_budget ? m_budget - (m_placements - start) : 0;
  if (!current) {
    // The best again: the list schedule up to the winning snapshot, then its variant.
    replay_list(m_cuts[best_snapshot]);
    rerank_tail(best_snapshot, best_rule);
    schedule(false, -1);
  }
  // A narrow search, then a wider one from where it stopped (forced moves
  // carry over: the wider one starts again from the plan in place).
  Forced forced;
  best = repack(best_snapshot, best_rule, best, forced, 4, 4, 3);
  repack(best_snapshot, best_rule, best, forced, 6, 8, 6);
  // Only a plan that ends earlier replaces the list schedule's (not one that
  // merely has fewer people on its last day); the plan in place is the list
  // schedule's when nothing was changed.
  const bool changed = best_rule != TailRule::priority || !forced.empty();
  if (changed && !outcome().ends_earlier_than(list)) replay_list(-1);
}

void Planner::replay_list(std::int64_t stop) {
  restore(0);
  const Snapshot& first = m_snapshots.front();
  for (std::size_t r = 0; r < first.tail.size(); ++r) {
    m_rank[first.tail[r]] = first.ranks[r];
    m_by_rank[first.ranks[r]] = first.tail[r];
  }
  requeue(0);
  schedule(false, stop);
}

// First improvement: of whoever finishes last, their last tasks (latest
// first) go to those who finish first, or swap with a smaller task of
// theirs; a change is kept when the plan comes out better, and the search
// starts again from it. Stops when nothing helps or the budget is spent.
Outcome Planner::repack(std::size_t snapshot, TailRule rule, Outcome best, Forced& current,
                        std::size_t k_tasks, std::size_t k_people, std::size_t k_swaps) {
  const std::vector<std::uint32_t>& tail = m_snapshots[snapshot].tail;
  const std::size_t start = m_placements;
  const std::size_t budget = m_budget;
  auto spent = [&] { return m_placements - start >= budget; };
  auto with = [&](Forced f, std::uint32_t task, std::uint32_t person) {
    std::erase_if(f, [&](const auto& e) { return e.first == task; });
    f.emplace_back(task, person);
    return f;
  };
  bool in_place = true;  // the plan in place is `current`
  while (!spent()) {
    // Each person's tail tasks, by finish, and who finishes last.
    std::vector<std::vector<std::uint32_t>> of(m_workers.size());
    for (const std::uint32_t t : tail) {
      if (m_unassigned[t] || m_minutes[t] == 0) continue;
      const std::uint32_t p = find_person(m_project.tasks[t].assignee);
      if (p != k_none) of[p].push_back(t);
    }
    auto by_finish_desc = [&](std::uint32_t a, std::uint32_t b) {
      const Instant fa = *m_project.tasks[a].finish, fb = *m_project.tasks[b].finish;
      return fa != fb ? fa > fb : a < b;
    };
    for (auto& tasks : of) std::sort(tasks.begin(), tasks.end(), by_finish_desc);
    std::vector<std::uint32_t> people = m_capable;
    std::stable_sort(people.begin(), people.end(), [&](std::uint32_t a, std::uint32_t b) {
      return m_workers[a].cursor < m_workers[b].cursor;
    });
    const std::uint32_t last = people.back();
    bool improved = false;
    for (std::size_t i = 0; i < of[last].size() && i < k_tasks && !improved && !spent(); ++i) {
      const std::uint32_t task = of[last][i];
      for (std::size_t q = 0; q + 1 < people.size() && q < k_people && !improved && !spent(); ++q) {
        const std::uint32_t to = people[q];
        if (!movable(task, last, to)) continue;
        Forced f = with(current, task, to);
        Outcome o = replay(snapshot, rule, f);
        in_place = false;
        if (o.better_than(best)) {
          best = o, current = std::move(f), improved = in_place = true;
          break;
        }
        std::size_t swaps = 0;
        for (const std::uint32_t other : of[to]) {
          if (swaps == k_swaps || spent()) break;
          if (m_minutes[other] >= m_minutes[task] || !movable(other, to, last)) continue;
          ++swaps;
          Forced g = with(with(current, task, to), other, last);
          o = replay(snapshot, rule, g);
          if (o.better_than(best)) {
            best = o, current = std::move(g), improved = in_place = true;
            break;
          }
        }
      }
    }
    if (!improved) break;
  }
  if (!in_place) replay(snapshot, rule, current);
  m_budget -= std::min(m_budget, m_placements - start);
  return best;
}

}  // namespace rplan::schedule::detail
