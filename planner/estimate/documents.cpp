#include "planner/estimate/documents.hpp"

#include <algorithm>

namespace rplan::estimate {

EstimateWork::EstimateWork(std::vector<model::ParsedDocument>& docs, const Model& model)
    : m_model(model) {
  for (auto& doc : docs) {
    for (std::size_t first = 0; first < doc.topics.size(); first += k_chunk) {
      m_chunks.push_back({&doc, first, std::min(first + k_chunk, doc.topics.size())});
    }
  }
}

void EstimateWork::work() {
  for (std::size_t i = m_next++; i < m_chunks.size(); i = m_next++) {
    const Chunk& c = m_chunks[i];
    for (std::size_t t = c.first; t < c.last; ++t) {
      for (auto& prompt : c.doc->topics[t].prompts) {
        prompt.kind = classify(prompt.text);
        prompt.estimate = estimate(prompt.text, m_model);
      }
    }
  }
}

void estimate_documents(std::vector<model::ParsedDocument>& docs, const Model& model) {
  EstimateWork(docs, model).work();
}

}  // namespace rplan::estimate
