#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "planner/model/forecast.hpp"
#include "planner/model/model.hpp"
#include "planner/pipeline/reporter.hpp"
#include "planner/schedule/scheduler.hpp"
#include "planner/util/dates.hpp"

// `rplan forecast`: the scheduler run many times with each task's work left
// drawn from its three-point estimate (docs/scheduling.md, "Forecast").
namespace rplan::pipeline {

struct ForecastOptions {
  std::size_t runs = 1000;
  std::uint64_t seed = 1;
  // Threads the forecast may use, the caller's included (at least 1); the
  // output does not depend on it.
  std::size_t threads = 1;
  // Draw each task's total from the team's own ratios of hours spent to
  // estimated (a bootstrap over the finished tasks) instead of its
  // three-point estimate.
  bool from_history = false;
  schedule::Options plan;  // what each run plans with (from_now: the current state)
};

// Whether `rplan forecast` keeps its result with the stored plan.
enum class KeepForecast { with_plan, no };

// A forecast of the database's project, and what became of keeping it.
struct KeptForecast {
  model::Forecast forecast;
  bool kept = false;
  // Why it was not kept with the plan, one phrase ("there is no plan yet"); "" when kept or
  // not asked to.
  std::string not_kept;
};

using Percentiles = model::Percentiles;
using Forecast = model::Forecast;

// The finished tasks a --from-history forecast needs at least.
inline constexpr std::size_t k_history_minimum = 10;

// Forecasts `project` as loaded (its history and recorded work as they are;
// plan.now is set to options.plan.from_now when given): one deterministic
// plan with the likely figures, then options.runs plans (each one
// schedule::make_plan on a copy of the project with every task's work drawn,
// nothing read or parsed again), spread over options.threads threads. Run r
// draws from its own generator seeded by (seed, r), task by task in project
// order, so the result is the same for any number of threads. InputError for
// a dependency cycle, for --from-history with fewer than k_history_minimum
// finished tasks with hours spent, and when there is nothing to forecast.
Forecast forecast(const model::Project& project, const ForecastOptions& options);

// `rplan forecast`: loads the project from `db` (read only) and forecasts
// it; with KeepForecast::with_plan, then stores the result with the stored
// plan (Store::save_forecast, one transaction; made_at is
// options.plan.from_now) when there is one and it is up to date. Not kept,
// with the reason, when there is no plan, it is out of date, it was made
// again meanwhile, or the database is read-only.
KeptForecast forecast(const std::filesystem::path& db, const ForecastOptions& options,
                      KeepForecast keep, Reporter& reporter);

// How a forecast draws each task's work, made once from the project.
class WorkDraws {
 public:
  // InputError with from_history and fewer than k_history_minimum finished
  // tasks with hours spent.
  WorkDraws(const model::Project& project, bool from_history);
  // Gives each task not done of `project` (a copy of the project given
  // above) its work of run `run` under `seed`: a total drawn from its
  // three-point estimate (triangular) or, from history, its likely figure
  // times a ratio of spent to estimated hours picked at random (of its kind
  // when by_kind); the work left follows it (an explicit remaining scaled by
  // total / likely; else the total less the hours spent, as
  // model::remaining_hours says). One uniform draw per task, in project
  // order, from a generator of (seed, run) alone.
  void apply(model::Project& project, std::uint64_t seed, std::uint64_t run) const;
  bool by_kind() const { return m_by_kind; }
  std::size_t history() const { return m_all.size(); }

 private:
  bool m_from_history;
  bool m_by_kind = false;
  std::vector<std::size_t> m_open;            // tasks not done
  std::vector<model::ThreePoint> m_three;     // by task
  std::vector<double> m_all;                  // ratios of the finished tasks
  std::array<std::vector<double>, 4> m_kind;  // by kind
};

// The triangular distribution's inverse: the value below which a share `u`
// (0 <= u < 1) of draws from (optimistic, likely, pessimistic) falls. Exact
// for optimistic == pessimistic (that figure).
double triangular(const model::ThreePoint& three, double u);

}  // namespace rplan::pipeline
