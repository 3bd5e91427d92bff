#pragma once

#include <array>
#include <cstddef>
#include <optional>
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
  double per_extra_item = 1;  // for each listed item beyond free_items
  std::size_t free_items = 2;
  double optimistic_factor = 0.75;  // optimistic = likely * this
  double pessimistic_factor = 1.5;  // pessimistic = likely * this
  // A kind's own factors ([estimate] research_optimistic, ...), by
  // model::TaskKind; unset: the factors above.
  std::array<std::optional<double>, 4> kind_optimistic{};
  std::array<std::optional<double>, 4> kind_pessimistic{};

  // The kind's multipliers of its likely figure: its own factor when set,
  // else the common one.
  double optimistic_of(model::TaskKind kind) const {
    return kind_optimistic[static_cast<std::size_t>(kind)].value_or(optimistic_factor);
  }
  double pessimistic_of(model::TaskKind kind) const {
    return kind_pessimistic[static_cast<std::size_t>(kind)].value_or(pessimistic_factor);
  }
};

// The kind of a prompt from its leading verb, case-insensitive, after leading
// white space, Markdown markup and emoji:
//   research:      Research, Investigate, Explore, Study, Survey
//   analysis:      Analyze, Analyse, Compare, Evaluate, Assess, Review, Benchmark
//   documentation: Document, Write, Summarize, Summarise, Describe, Draft
// Anything else (including an empty prompt) is `other`.
model::TaskKind classify(std::string_view prompt);

// How many items the prompt lists; 1 when it lists none. The rule, in full
// (docs/estimation.md has examples):
//  1. The prompt is cut into sentences at ( ) [ ] and at . ! ? followed by
//     white space or the end ("OAuth 2.0" and "Node.js" are not cut), each
//     sentence into segments at colons, and each segment into clauses at
//     semicolons.
//  2. After a colon, a segment of k >= 2 clauses lists k items: nested list
//     items arrive joined as "Prompt: A; B; C".
//  3. A clause is split at commas (also the full-width ， and the ideographic
//     、); a comma between two digits ("1,000") does not split. Empty parts and
//     parts that are only "etc", "e.g." or "i.e." are dropped. A clause of n
//     parts lists:
//       n >= 2, last part starts with and/or/&     ("A, B, and C")  n items
//       n >= 2, last part has and/or/& inside      ("A, B and C")   n + 1
//       n >= 3, no conjunction                     ("A, B, C")      n
//       n == 1 with and/or/& inside                ("A and B")      2
//       otherwise                                                   1
//  4. The prompt lists as many items as its longest enumeration.
std::size_t count_items(std::string_view prompt);

// The model's estimate of a prompt (never manual): likely = base hours of the
// prompt's kind + per_extra_item for each item beyond free_items; hours =
// likely; optimistic and pessimistic are likely times the kind's factors
// (Model::optimistic_of, Model::pessimistic_of).
model::Estimate estimate(std::string_view prompt, const Model& model);

}  // namespace rplan::estimate
