// The front of the pipeline: parsing a topic document and estimating its prompts.

#include <benchmark/benchmark.h>

#include "bench/fixtures.hpp"
#include "planner/estimate/estimator.hpp"
#include "planner/parse/topic_parser.hpp"

namespace rplan::bench {
namespace {

// parse_topics on a generated document of state.range(0) prompts.
void BM_parse_topics(benchmark::State& state) {
  const auto tasks = static_cast<std::size_t>(state.range(0));
  const std::string& text = document_text(tasks);
  for (auto _ : state) {
    model::ParsedDocument doc = parse::parse_topics(text, "topics.md");
    benchmark::DoNotOptimize(doc);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(text.size()));
}
BENCHMARK(BM_parse_topics)->Arg(10'000)->Arg(100'000)->Unit(benchmark::kMillisecond);

// classify + estimate of every prompt of the document, as read_documents does.
void BM_estimate(benchmark::State& state) {
  const model::ParsedDocument doc = parsed_document(static_cast<std::size_t>(state.range(0)));
  const estimate::Model model;
  for (auto _ : state) {
    for (const auto& topic : doc.topics) {
      for (const auto& prompt : topic.prompts) {
        benchmark::DoNotOptimize(estimate::classify(prompt.text));
        benchmark::DoNotOptimize(estimate::estimate(prompt.text, model));
      }
    }
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_estimate)->Arg(10'000)->Arg(100'000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace rplan::bench
