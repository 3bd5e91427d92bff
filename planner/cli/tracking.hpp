#pragma once

// What the CLI records and shows about the work (`task --spent/--remaining/
// --status --on`, `show`) and the one warning of a plan that is out of date.

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "planner/cli/command.hpp"
#include "planner/model/model.hpp"
#include "planner/store/store.hpp"
#include "planner/util/numbers.hpp"

namespace rplan::cli {

// The numbers `rplan task` accepts, and sync for the same fields of a workbook.
// --estimate: more than 0, at most 10,000 hours.
inline constexpr util::NumberRange k_estimate_hours{0, 10000, util::NumberRange::LowEnd::excluded};
// --spent: more than 0, at most 24 (one day's work: each day is its own entry).
inline constexpr util::NumberRange k_spent_hours{0, 24, util::NumberRange::LowEnd::excluded};
// --remaining: 0 (nothing left, not done) to 10,000.
inline constexpr util::NumberRange k_remaining_hours{0, 10000};

// The tracking options of `rplan task`, checked (UsageError, exit 2, naming
// the option): hours finite, --spent above 0 and at most 24 (one day's work),
// --remaining 0 or more; --on and --by only with something they apply to.
struct TrackingOptions {
  std::optional<double> spent;
  std::optional<double> remaining;
  std::optional<model::TaskStatus> status;
  std::optional<model::Date> on;
  std::optional<std::string> by;
  bool any() const { return spent || remaining || status; }
};
TrackingOptions tracking_options(const po::variables_map& vm);
void add_tracking_options(po::options_description& d);

// Records the options on task `task` (as loaded before the command) in the
// caller's transaction; returns one phrase per change ("spent 2 h on
// 2026-03-02 by Ada (5 h in all)"). The person is --by NAME, else the task's
// assignee, else its pin; recording hours, or a date with --on, without one
// is a UsageError asking for --by. A person not in the team, or a date after
// the person's today, is refused.
std::vector<std::string> record_tracking(store::Store& store, const Context& ctx,
                                         const model::Task& task, const TrackingOptions& options);

// The rows `show` adds for a task: who started it, when it was done and by
// whom, spent and remaining hours (with where the remaining comes from), its
// work entries and its status history.
void print_tracking(const store::TaskDetails& details, const std::vector<model::Assignee>& team,
                    const Context& ctx);

// When the plan is out of date (plan.stale_reasons not empty), prints the one
// line `rplan: warning: the plan is out of date (since <plan.now, local
// time>): <reasons>; run rplan plan` through ctx.reporter (on the error stream). Nothing without a
// plan.
void warn_if_stale(const model::PlanInfo& plan, const Context& ctx);

// The hours left of a task whose hours spent reached its estimate, as list,
// show and the exports count them (model::remaining_hours): the plan's
// minimum (what it planned), else without a plan the configuration's
// (tracking.minimum_remaining_hours).
double minimum_remaining_hours(const model::PlanInfo& plan, const Context& ctx);

// "2026-03-02 14:05": an instant in this machine's local time.
std::string machine_local_time(util::Instant t);

}  // namespace rplan::cli
