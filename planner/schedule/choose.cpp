// Who gets a task: the balanced choice (earliest finish, skills within a
// tolerance) and round-robin.

#include <algorithm>

#include "planner/schedule/planner.hpp"

namespace rplan::schedule::detail {

std::size_t Planner::consider(std::uint32_t person, Instant ready, std::int64_t minutes) {
  if (m_seen[person] == m_stamp) return m_candidate_of[person];
  m_seen[person] = m_stamp;
  m_candidate_of[person] = SIZE_MAX;
  Worker& w = m_workers[person];
  KindSlot& kind = m_kind_slot[w.kind];
  const Instant start = std::max(ready, w.next_free);
  std::optional<Span> span;
  if (kind.stamp == m_stamp && kind.start == start) {
    span = kind.span;  // same calendar, same start: the same slot
  } else {
    span = w.calendar.fit(std::max(ready, w.cursor), minutes, w.hint);
    if (kind.stamp != m_stamp) {
      kind.stamp = m_stamp;
      kind.start = start;
      kind.span = span;
    }
  }
  if (!span) return SIZE_MAX;
  m_candidates.push_back({person, *span, 0});
  return m_candidate_of[person] = m_candidates.size() - 1;
}

bool Planner::dominated(std::uint32_t person, Instant ready, Instant bound) const {
  const Worker& w = m_workers[person];
  const KindSlot& kind = m_kind_slot[w.kind];
  const Instant start = std::max(ready, w.next_free);
  if (kind.late_stamp == m_stamp && start >= kind.late) return true;
  return kind.stamp == m_stamp && start > kind.start && (!kind.span || kind.span->finish > bound);
}

// Earliest finish wins, then the lower load, then the name. A candidate whose
// skills match the topic better wins over one who would finish earlier, as
// long as they finish at most half the earliest finisher's working day later
// on the clock (3 hours for a 6-hour day; a night or a weekend is never
// "about as early").
//
// Candidates are the people free first. Of people with identical calendars
// (a "kind"), one who can only start later than the first of their kind
// cannot finish earlier, so is passed over without a look: the scan goes
// over kinds in the order their first person is free.
void Planner::place_balanced(std::uint32_t task) {
  const Instant ready = m_ready[task];
  const std::int64_t minutes = m_minutes[task];
  m_candidates.clear();
  ++m_stamp;
  auto better = [&](const Candidate& a, const Candidate& b) {
    if (a.span.finish != b.span.finish) return a.span.finish < b.span.finish;
    const std::int64_t la = m_workers[a.person].load, lb = m_workers[b.person].load;
    return la != lb ? la < lb : a.person < b.person;
  };
  std::size_t best = SIZE_MAX;
  std::size_t kinds_looked = 0;
  for (auto head = m_kind_heads.begin();
       head != m_kind_heads.end() && kinds_looked < k_free_kinds &&
       m_candidates.size() < k_free_candidates;
       ++head, ++kinds_looked) {
    const Instant best_finish = best == SIZE_MAX ? Instant::max() : m_candidates[best].span.finish;
    if (head->first > best_finish) break;  // starting later than the best finish
    // The kind's people in the order they are free: the first, and those who
    // could start as early (they share its slot; the load decides).
    const FreeSet& people = m_free_by_kind[head->second];
    const Instant start = std::max(ready, people.begin()->first);
    for (auto it = people.begin(); it != people.end() && std::max(ready, it->first) == start &&
                                   m_candidates.size() < k_free_candidates;
         ++it) {
      const std::size_t c = consider(it->second, ready, minutes);
      if (c != SIZE_MAX && (best == SIZE_MAX || better(m_candidates[c], m_candidates[best]))) {
        best = c;
      }
    }
  }
  if (best == SIZE_MAX) return unassign(task);

  const auto& words = words_of_task(task);
  if (!words.empty()) {
    const Candidate& first = m_candidates[best];
    const Instant bound =
        first.span.finish +
        std::chrono::minutes{m_workers[first.person].calendar.minutes_per_day() / 2};
    // For each word, the people with it in the order they are free, until
    // one of them finishes in time: those after them start later still.
    for (std::uint32_t w : words) {
      std::size_t taken = 0, passed = 0;
      for (auto it = m_free_by_word[w].begin();
           it != m_free_by_word[w].end() && taken < k_skill_candidates && passed < k_skill_scan &&
           it->first < bound;
           ++it, ++passed) {
        if (dominated(it->second, ready, bound)) continue;
        ++taken;
        const std::size_t c = consider(it->second, ready, minutes);
        if (c != SIZE_MAX && m_candidates[c].span.finish <= bound) break;
        KindSlot& kind = m_kind_slot[m_workers[it->second].kind];
        const Instant start = std::max(ready, it->first);
        if (kind.late_stamp != m_stamp || start < kind.late) {
          kind.late_stamp = m_stamp;
          kind.late = start;
        }
      }
    }
    std::size_t skilled = SIZE_MAX;
    for (std::size_t c = 0; c < m_candidates.size(); ++c) {
      Candidate& cand = m_candidates[c];
      if (cand.span.finish > bound) continue;
      cand.score = m_skills.score(cand.person, words);
      if (cand.score == 0) continue;
      if (skilled == SIZE_MAX || cand.score > m_candidates[skilled].score ||
          (cand.score == m_candidates[skilled].score && better(cand, m_candidates[skilled]))) {
        skilled = c;
      }
    }
    if (skilled != SIZE_MAX && skilled != best) {
      m_choice = Choice::skill;
      m_passed_over = m_candidates[best].person;
      m_passed_start = m_candidates[best].span.start;
      best = skilled;
    }
  }
  const Candidate chosen = m_candidates[best];
  assign(task, chosen.person, chosen.span);
}

// People in name order take tasks in turn; someone whose calendar has no room
// left is skipped. Skills play no part.
void Planner::place_round_robin(std::uint32_t task) {
  const std::size_t n = m_capable.size();
  for (std::size_t k = 0; k < n; ++k) {
    const std::size_t slot = (m_rotation + k) % n;
    const std::uint32_t p = m_capable[slot];
    Worker& w = m_workers[p];
    const auto span = w.calendar.fit(std::max(m_ready[task], w.cursor), m_minutes[task], w.hint);
    if (!span) continue;
    m_rotation = (slot + 1) % n;
    return assign(task, p, *span);
  }
  unassign(task);
}

}  // namespace rplan::schedule::detail
