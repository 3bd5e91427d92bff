// The scheduler on projects built in memory (no database).

#include <benchmark/benchmark.h>

#include "bench/fixtures.hpp"
#include "planner/schedule/scheduler.hpp"
#include "planner/util/dates.hpp"

namespace rplan::bench {
namespace {

// make_plan over state.range(0) tasks and people_for(tasks) people, balanced
// or round-robin (range(1)). The copy of the unplanned project is not timed.
void BM_make_plan(benchmark::State& state) {
  const auto tasks = static_cast<std::size_t>(state.range(0));
  const model::Project original = unplanned_project(tasks);
  schedule::Options options;
  options.start = *util::parse_date("2026-12-07");
  options.strategy = state.range(1) == 0 ? model::Strategy::balanced : model::Strategy::round_robin;
  for (auto _ : state) {
    state.PauseTiming();
    model::Project p = original;
    state.ResumeTiming();
    schedule::make_plan(p, options);
    benchmark::DoNotOptimize(p);
    state.PauseTiming();
    p = model::Project{};  // freeing the plan is not the scheduler's work
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.SetLabel(std::to_string(people_for(tasks)) + " people, " +
                 (state.range(1) == 0 ? "balanced" : "round-robin"));
}
BENCHMARK(BM_make_plan)
    ->Args({3'000, 0})
    ->Args({30'000, 0})
    ->Args({300'000, 0})
    ->Args({30'000, 1})
    ->Unit(benchmark::kMillisecond);

// The implicit dependencies alone (documentation after its topic).
void BM_dependencies(benchmark::State& state) {
  const model::Project p = unplanned_project(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    auto deps = schedule::dependencies(p, schedule::DocumentingOrder::after_topic);
    benchmark::DoNotOptimize(deps);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_dependencies)->Arg(300'000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace rplan::bench
