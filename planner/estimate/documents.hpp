#pragma once

#include <atomic>
#include <cstddef>
#include <vector>

#include "planner/estimate/estimator.hpp"
#include "planner/model/model.hpp"

namespace rplan::estimate {

// Fills in every prompt's kind (classify) and estimate (estimate) of the
// parsed documents.
void estimate_documents(std::vector<model::ParsedDocument>& docs, const Model& model);

// estimate_documents shared by threads: each thread that calls work() takes
// the next run of topics until none is left, so any number may call it at
// once, and the documents are estimated when every call has returned. The
// documents must not change meanwhile.
class EstimateWork {
 public:
  EstimateWork(std::vector<model::ParsedDocument>& docs, const Model& model);
  void work();

 private:
  static constexpr std::size_t k_chunk = 256;  // topics
  struct Chunk {
    model::ParsedDocument* doc;
    std::size_t first, last;
  };
  const Model& m_model;
  std::vector<Chunk> m_chunks;
  std::atomic<std::size_t> m_next{0};
};

}  // namespace rplan::estimate
