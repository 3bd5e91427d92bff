#pragma once

// The scheduler's working state, shared by scheduler.cpp (the list-scheduling
// loop and its bookkeeping) and choose.cpp (who gets a task). Internal to
// planner/schedule.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "planner/schedule/calendar.hpp"
#include "planner/schedule/graph.hpp"
#include "planner/schedule/scheduler.hpp"
#include "planner/schedule/skills.hpp"

namespace rplan::schedule::detail {

// Balanced assignment looks at the first person of each of this many calendar
// kinds, in the order they are free (and at those who could start as early),
// up to k_free_candidates people...
constexpr std::size_t k_free_kinds = 12;
constexpr std::size_t k_free_candidates = 32;
// ...and, for each of the topic's skill words, at up to k_skill_candidates of
// the people with it (passing over at most k_skill_scan).
constexpr std::size_t k_skill_candidates = 8;
constexpr std::size_t k_skill_scan = 64;

constexpr std::uint32_t k_none = UINT32_MAX;

// A person by the instant they can next start work; people with the same
// instant in name order.
using FreeKey = std::pair<Instant, std::uint32_t>;
using FreeSet = std::set<FreeKey>;

struct Worker {
  const model::Assignee* person;
  WorkCalendar calendar;
  Instant cursor = Instant::min();     // busy until
  std::size_t hint = 0;                // no work fits before this calendar day
  Instant next_free = Instant::max();  // first working minute at or after cursor; max: none left
  std::int64_t load = 0;               // minutes assigned
  std::uint32_t kind = 0;              // people of one kind have identical calendars
  // The task whose work (or history) ends at cursor; k_none at the plan's start.
  std::uint32_t last_task = k_none;
};

struct Candidate {
  std::uint32_t person;
  Span span;
  int score;
};

// Plans one project; make_plan's working state.
class Planner {
 public:
  // With `reasons`, records why each task starts when it does (one per task).
  Planner(model::Project& project, const Options& options,
          std::vector<std::vector<std::size_t>> deps, std::vector<StartReason>* reasons = nullptr);
  void run();

 private:
  // past.cpp: cuts every task's blocks to what the past keeps (history),
  // marks slipped tasks and notes when each person's history ends.
  void keep_past();
  void keep_done(model::Task& task);
  void keep_in_progress(std::uint32_t index, model::Task& task);
  void keep_open(model::Task& task);
  // The part of `block` that lies in the past (before the plan's start),
  // nullopt when none does.
  std::optional<model::WorkBlock> past_part(const model::WorkBlock& block) const;
  void note_history(const model::Task& task);

  void build_team();
  void build_tasks();
  void place(std::uint32_t task);
  void place_balanced(std::uint32_t task);
  void place_round_robin(std::uint32_t task);
  // Adds the person's slot for the task to m_candidates (once) and returns its
  // index; SIZE_MAX when their calendar has no room.
  std::size_t consider(std::uint32_t person, Instant ready, std::int64_t minutes);
  // True when someone of the person's kind, looked at for this task, starts
  // earlier and still finishes after `bound`: the person finishes later still.
  bool dominated(std::uint32_t person, Instant ready, Instant bound) const;
  void assign(std::uint32_t task, std::uint32_t person, const Span& span);
  // Records why `task` starts at span.start with `person` (before assign
  // moves their cursor).
  void record_reason(std::uint32_t task, std::uint32_t person, const Span& span);
  void unassign(std::uint32_t task);
  // Gives the task to `name` ("" for nobody), keeping who worked each block
  // of its history: a history block of the previous assignee names them
  // when the task changes hands; one of the new assignee names nobody.
  void hand_over(model::Task& task, std::uint32_t history, const std::string& name);
  void set_next_free(std::uint32_t person, Instant next_free);
  // The team member of that name (index into m_workers), or k_none.
  std::uint32_t find_person(const std::string& name) const;
  // The earliest local date of the team at `t` (UTC's without a team).
  Date team_date(Instant t) const;
  const std::vector<std::uint32_t>& words_of_task(std::uint32_t task);
  void finish();

  model::Project& m_project;
  const Options& m_options;
  std::vector<std::vector<std::size_t>> m_deps;
  Dependents m_dependents;

  // Where history ends, by person: nobody's new work starts before it; and
  // whose history ends there.
  std::unordered_map<std::string, Instant> m_busy_until;
  std::unordered_map<std::string, std::uint32_t> m_busy_task;

  // Team, in name order.
  std::vector<model::Assignee> m_team;
  std::map<std::pair<std::string, int>, std::unique_ptr<LocalClock>> m_clocks;
  std::vector<Worker> m_workers;
  std::vector<std::uint32_t> m_capable;  // people with working time, in name order
  SkillIndex m_skills{{}};
  std::vector<FreeSet> m_free_by_kind;  // by calendar kind
  FreeSet m_kind_heads;                 // each kind by its first free person: (instant, kind)
  std::vector<FreeSet> m_free_by_word;  // by skill word number

  // Tasks, by index into project.tasks.
  std::vector<std::int64_t> m_minutes;  // new work to plan (the work left)
  std::vector<char> m_done;
  std::vector<std::uint32_t> m_history;     // history blocks at the front of the task's blocks
  std::vector<std::uint32_t> m_stays;       // the person an in-progress task stays with, or k_none
  std::vector<std::uint32_t> m_topic;       // index into project.topics, k_none if unknown
  std::vector<std::uint32_t> m_rank;        // priority: lower goes first
  std::vector<std::uint32_t> m_by_rank;     // tasks by priority
  std::vector<std::uint32_t> m_waiting;     // dependencies not yet placed
  std::vector<Instant> m_ready;             // latest finish of placed dependencies
  std::vector<std::uint32_t> m_ready_task;  // the dependency that finishes then, or k_none
  std::vector<char> m_blocked;              // a dependency could not be placed
  std::vector<char> m_unassigned;
  std::vector<std::vector<std::uint32_t>> m_topic_words;  // by topic, filled lazily
  std::vector<char> m_topic_words_known;

  // Scratch of place_balanced, reused across tasks.
  std::vector<Candidate> m_candidates;
  std::vector<std::uint32_t> m_seen;  // by person: stamp of the last task that considered them
  std::uint32_t m_stamp = 0;
  std::vector<std::size_t> m_candidate_of;  // by person: index in m_candidates (same stamp)
  // The first person of each calendar kind that the current task looked at.
  struct KindSlot {
    std::uint32_t stamp = 0;
    Instant start;             // when they could start
    std::optional<Span> span;  // their slot; none when their calendar has no room
    std::uint32_t late_stamp = 0;
    Instant late = Instant::max();  // starting then or later finishes past the skill bound
  };
  std::uint32_t m_kinds = 0;  // calendar kinds among the team
  std::vector<KindSlot> m_kind_slot;
  std::vector<int> m_sequences;
  std::size_t m_rotation = 0;  // round-robin: next position in m_capable
  // Why each task starts when it does (make_plan with reasons), and how the
  // task being placed got its person: pinned, or by the skill preference
  // over m_passed_over (who could start at m_passed_start).
  std::vector<StartReason>* m_reasons = nullptr;
  enum class Choice { free, pinned, skill } m_choice = Choice::free;
  std::uint32_t m_passed_over = k_none;
  Instant m_passed_start{};
  std::optional<Date> m_last_date;
};

}  // namespace rplan::schedule::detail
