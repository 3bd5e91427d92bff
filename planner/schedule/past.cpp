// What the past keeps of a plan: the history of done and in-progress tasks
// (docs/scheduling.md, "Re-planning from now").

#include <algorithm>

#include "planner/schedule/planner.hpp"

namespace rplan::schedule::detail {

namespace {

// The part of `block` before `cut`: all of it when it ends by then, its first
// whole minutes when it is under way, nullopt when it starts at or after.
std::optional<model::WorkBlock> part_before(const model::WorkBlock& block, Instant cut) {
  if (block.utc_end <= cut) return block;
  if (block.utc_start >= cut) return std::nullopt;
  const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(cut - block.utc_start);
  if (minutes.count() <= 0) return std::nullopt;
  model::WorkBlock cut_block = block;
  cut_block.minutes = static_cast<int>(minutes.count());
  cut_block.utc_end = block.utc_start + minutes;
  return cut_block;
}

}  // namespace

std::optional<model::WorkBlock> Planner::past_part(const model::WorkBlock& block) const {
  if (m_options.from_now) return part_before(block, *m_options.from_now);
  if (block.date < m_options.start) return block;  // --start: whole local days
  return std::nullopt;
}

void Planner::keep_past() {
  const std::size_t n = m_project.tasks.size();
  m_history.assign(n, 0);
  for (std::uint32_t i = 0; i < n; ++i) {
    model::Task& t = m_project.tasks[i];
    t.slipped = false;
    switch (t.status) {
      case model::TaskStatus::done:
        keep_done(t);
        break;
      case model::TaskStatus::in_progress:
        keep_in_progress(i, t);
        break;
      case model::TaskStatus::open:
        keep_open(t);
        break;
    }
  }
}

// A done task keeps what it worked until it was done (without done_at, from
// a database of before tracking: until the plan's start), and its person.
void Planner::keep_done(model::Task& t) {
  std::vector<model::WorkBlock> kept;
  for (const model::WorkBlock& b : t.blocks) {
    auto part = t.done_at ? part_before(b, *t.done_at) : past_part(b);
    if (!part) continue;
    part->history = true;
    kept.push_back(std::move(*part));
  }
  t.blocks = std::move(kept);
  if (!t.done_by.empty() && (t.blocks.empty() || t.assignee.empty())) {
    hand_over(t, static_cast<std::uint32_t>(t.blocks.size()), t.done_by);
  }
  model::set_dates_from_blocks(t);
  note_history(t);
}

// An in-progress task keeps its past as history, at the front of its blocks;
// the blocks after it stay behind until the task is placed, which takes their
// iCalendar sequences for the new blocks at their positions.
void Planner::keep_in_progress(std::uint32_t index, model::Task& t) {
  std::uint32_t history = 0;
  for (model::WorkBlock& b : t.blocks) {  // in time order: the past comes first
    auto part = past_part(b);
    if (!part) break;
    const bool whole = part->minutes == b.minutes;
    b = std::move(*part);
    b.history = true;
    ++history;
    if (!whole) break;  // under way at the start: what follows is not the past
  }
  for (std::size_t k = history; k < t.blocks.size(); ++k) t.blocks[k].history = false;
  m_history[index] = history;
  note_history(t);
}

// An open task has no past. When a block of it passed with no hours
// recorded, it slipped. With --start, a block before that date passed only
// when it also ended before the plan's now (a start in the future makes
// nothing slip that has not happened yet).
void Planner::keep_open(model::Task& t) {
  if (t.spent_hours > 0) return;
  for (const model::WorkBlock& b : t.blocks) {
    const auto part = past_part(b);
    if (!m_options.from_now && b.utc_end > m_project.plan.now) continue;
    if (part && part->minutes == b.minutes) {
      t.slipped = true;
      return;
    }
  }
}

void Planner::note_history(const model::Task& t) {
  for (const model::WorkBlock& b : t.blocks) {
    if (!b.history) break;
    const std::string& name = model::block_person(t, b);
    if (name.empty()) continue;
    auto [it, added] = m_busy_until.try_emplace(name, b.utc_end);
    const auto index = static_cast<std::uint32_t>(&t - m_project.tasks.data());
    if (added || b.utc_end > it->second) m_busy_task[name] = index;
    if (!added) it->second = std::max(it->second, b.utc_end);
  }
}

void Planner::hand_over(model::Task& t, std::uint32_t history, const std::string& name) {
  if (t.assignee == name) return;
  for (std::uint32_t k = 0; k < history; ++k) {
    model::WorkBlock& b = t.blocks[k];
    if (b.assignee.empty()) b.assignee = t.assignee;
    if (b.assignee == name) b.assignee.clear();
  }
  t.assignee = name;
}

}  // namespace rplan::schedule::detail
