#pragma once

#include <cstddef>
#include <string_view>

#include "planner/model/model.hpp"

namespace rplan::estimate {

// The estimation model of docs/estimation.md; every figure is configurable
// through the config file's [estimate] section.
struct Model {
  double research = 8;       // Research / Investigate ...
  double analysis = 6;       // Analyze / Compare / Evaluate ...
  double documentation = 4;  // Document / Write ...
  double other = 6;
  double per_extra_item = 1;    // for each listed item beyond free_items
  std::size_t free_items = 2;
  double optimistic_factor = 0.75;  // optimistic = likely * this
  double pessimistic_factor = 1.5;  // pessimistic = likely * this
};

// The kind of a prompt from its leading verb (case-insensitive; "Research",
// "Investigate", "Explore" -> research; "Analyze"/"Analyse", "Compare",
// "Evaluate", "Assess" -> analysis; "Document", "Write", "Summarize" ->
// documentation; anything else -> other).
model::TaskKind classify(std::string_view prompt);

// How many items the prompt lists: "including A, B, and C" is 3; a prompt
// without an enumeration is 1.
std::size_t count_items(std::string_view prompt);

// The model's estimate of a prompt (never manual).
model::Estimate estimate(std::string_view prompt, const Model& model);

}  // namespace rplan::estimate
