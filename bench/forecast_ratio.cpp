// rplan-forecast-bench: the forecast's time against its floor, N scheduling
// passes divided among the threads (docs/performance.md).
//
//   rplan-forecast-bench TASKS PEOPLE RUNS THREADS
//
// Prints one tab-separated line: tasks, people, runs, threads, one pass
// (median of 5, ms), the floor N × pass ÷ threads (s), the forecast (s),
// their ratio, the ratio of CPU times (the forecast's against N passes'), the
// CPU time of a pass over drawn work (the mean over the forecast's first 10
// runs' draws, ms), the forecast's CPU time against N such passes, and the
// plan's P85. The project is built in memory (bench/fixtures), planned from
// 2026-12-07.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <vector>

#include "bench/fixtures.hpp"
#include "planner/pipeline/forecast.hpp"
#include "planner/schedule/scheduler.hpp"
#include "planner/util/dates.hpp"

int main(int argc, char** argv) {
  using namespace rplan;
  if (argc != 5) {
    std::fprintf(stderr, "usage: rplan-forecast-bench TASKS PEOPLE RUNS THREADS\n");
    return 2;
  }
  const auto tasks = static_cast<std::size_t>(std::atol(argv[1]));
  const auto people = static_cast<std::size_t>(std::atol(argv[2]));
  const auto runs = static_cast<std::size_t>(std::atol(argv[3]));
  const auto threads = static_cast<std::size_t>(std::atol(argv[4]));
  const model::Project project = bench::unplanned_project(tasks, people);
  pipeline::ForecastOptions options;
  options.runs = runs;
  options.threads = threads;
  options.plan.start = *util::parse_date("2026-12-07");
  using Clock = std::chrono::steady_clock;
  auto cpu = [] { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; };
  std::vector<double> passes, pass_cpu;
  for (int k = 0; k < 5; ++k) {
    model::Project copy = project;
    const auto t0 = Clock::now();
    const double c0 = cpu();
    schedule::make_plan(copy, options.plan);
    pass_cpu.push_back(cpu() - c0);
    passes.push_back(std::chrono::duration<double>(Clock::now() - t0).count());
  }
  std::sort(passes.begin(), passes.end());
  std::sort(pass_cpu.begin(), pass_cpu.end());
  const double pass = passes[passes.size() / 2];
  // A pass over drawn work as a run plans it (the draws of the forecast's
  // first runs, the start reasons recorded), its mean CPU time: drawn work
  // is longer on average than the likely figures (the pessimistic tail) and
  // the scheduler's tail search works longer on some draws than others, so
  // a run's pass costs more than the plan's, and the mean is the fair floor.
  const pipeline::WorkDraws draws(project, false);
  const std::uint64_t drawn_passes = std::min<std::uint64_t>(runs, 10);
  double drawn_cpu = 0;
  for (std::uint64_t k = 0; k < drawn_passes; ++k) {
    model::Project copy = project;
    draws.apply(copy, options.seed, k);
    std::vector<schedule::StartReason> reasons;
    const double c0 = cpu();
    schedule::make_plan(copy, options.plan, reasons);
    drawn_cpu += cpu() - c0;
  }
  drawn_cpu /= static_cast<double>(drawn_passes);
  const auto t0 = Clock::now();
  const double c0 = cpu();
  const pipeline::Forecast f = pipeline::forecast(project, options);
  const double forecast_cpu = cpu() - c0;
  const double forecast = std::chrono::duration<double>(Clock::now() - t0).count();
  const double floor = static_cast<double>(runs) * pass / static_cast<double>(threads);
  // The CPU time against N passes' CPU time: what the ratio is on a machine
  // that gives the forecast its cores (a busy one does not).
  const double cpu_ratio =
      forecast_cpu / (static_cast<double>(runs) * pass_cpu[pass_cpu.size() / 2]);
  const double drawn_ratio = forecast_cpu / (static_cast<double>(runs) * drawn_cpu);
  std::printf("%zu\t%zu\t%zu\t%zu\t%.1f\t%.2f\t%.2f\t%.3f\t%.3f\t%.1f\t%.3f\t%s\n", tasks, people,
              runs, threads, pass * 1000, floor, forecast, forecast / floor, cpu_ratio,
              drawn_cpu * 1000, drawn_ratio, util::format_date(f.plan.p85).c_str());
  return 0;
}
