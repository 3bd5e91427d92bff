#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "planner/util/dates.hpp"

// What `rplan forecast` finds (docs/scheduling.md, "Forecast"): plain data,
// printed by the command, stored with the plan it was made for, and read by
// the exports (the report's S-curve, the workbook's Forecast sheet, the JSON
// export's forecast section).
namespace rplan::model {

// Finish dates at three levels: the date by which that share of the runs had
// finished (nearest rank of the runs' dates in order).
struct Percentiles {
  util::Date p50{};
  util::Date p85{};
  util::Date p95{};
  friend bool operator==(const Percentiles&, const Percentiles&) = default;
};

struct Forecast {
  std::size_t runs = 0;
  std::uint64_t seed = 0;
  bool from_history = false;
  bool by_kind = false;     // from_history: drawn from each kind's own ratios
  std::size_t history = 0;  // from_history: the finished tasks drawn from
  util::Date planned{};     // the deterministic plan's finish (likely figures)
  Percentiles plan;         // the plan's finish: the last local date anyone works
  struct Topic {
    std::string id;
    std::string title;
    Percentiles finish;
    friend bool operator==(const Topic&, const Topic&) = default;
  };
  std::vector<Topic> topics;  // topics with work left, in topic order
  struct Person {
    std::string name;
    Percentiles finish;
    friend bool operator==(const Person&, const Person&) = default;
  };
  std::vector<Person> people;  // people with new work in some run, by name
  struct Task {
    std::string id;
    std::string prompt;
    double critical_share = 0;  // share of the runs with the task on the critical chain
    friend bool operator==(const Task&, const Task&) = default;
  };
  std::vector<Task> tasks;           // every task not done, in project order
  std::vector<util::Date> finishes;  // the plan's finish of every run, earliest first
  // Stored with a plan: the instant the forecast started from (its "now").
  util::Instant made_at{};
  friend bool operator==(const Forecast&, const Forecast&) = default;
};

// One point of a forecast's S-curve: the share of the runs finished by the
// end of `date` (0 < share <= 1), one per date some run finished on, in date
// order. Empty without runs.
struct FinishShare {
  util::Date date{};
  std::size_t runs = 0;  // runs finished by the end of that date (cumulative)
  double share = 0;
  friend bool operator==(const FinishShare&, const FinishShare&) = default;
};
std::vector<FinishShare> finish_curve(const Forecast& forecast);

// The runs of `forecast` that finished by the end of `date`.
std::size_t finished_by(const Forecast& forecast, util::Date date);

// The days an S-curve of `forecast` spans: from the day before the earliest
// of its runs' finishes and its planned finish, to the latest of them (the
// report's S-curve, the workbook's Forecast sheet). Needs some run.
struct CurveDays {
  util::Date first{};
  util::Date last{};
};
CurveDays curve_days(const Forecast& forecast);

// The tasks that were on the critical chain in some run (a critical share
// above 0), as indexes into forecast.tasks: most often first, ties in
// project order. `rplan forecast` prints the first few, the workbook's
// Forecast sheet lists them all.
std::vector<std::size_t> critical_order(const Forecast& forecast);

}  // namespace rplan::model
