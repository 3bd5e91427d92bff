// Each exporter's builder on a planned project, writing to a stream that
// discards what it gets (no file system in the measurement).

#include <benchmark/benchmark.h>

#include <ostream>

#include "bench/fixtures.hpp"
#include "exporters/csv_export.hpp"
#include "exporters/html_export.hpp"
#include "exporters/ics_export.hpp"
#include "exporters/json_export.hpp"
#include "exporters/markdown_export.hpp"
#include "exporters/xlsx_builder.hpp"

namespace rplan::bench {
namespace {

// Runs write(project, out) on the plan of state.range(0) tasks, into a
// counting stream; reports bytes written per second.
template <class Write>
void run_export(benchmark::State& state, Write write) {
  const model::Project& p = planned_project(static_cast<std::size_t>(state.range(0)));
  std::size_t bytes = 0;
  for (auto _ : state) {
    CountingBuffer buffer;
    std::ostream out(&buffer);
    write(p, out);
    bytes = buffer.bytes();
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(bytes));
}

void BM_export_json(benchmark::State& state) {
  run_export(state, [](const model::Project& p, std::ostream& out) {
    exporters::write_json(p, exporters::JsonDocument::plan, out);
  });
}
void BM_export_csv(benchmark::State& state) {
  run_export(state, [](const model::Project& p, std::ostream& out) {
    exporters::write_tasks_csv(p, out);
  });
}
void BM_export_ics(benchmark::State& state) {
  run_export(state, [](const model::Project& p, std::ostream& out) {
    exporters::write_ics(p, exporters::IcsOptions{}, out);
  });
}
void BM_export_md(benchmark::State& state) {
  run_export(state, [](const model::Project& p, std::ostream& out) {
    exporters::write_checklist(p, exporters::ChecklistGroup::topic, out);
  });
}
void BM_export_html(benchmark::State& state) {
  run_export(state, [](const model::Project& p, std::ostream& out) {
    exporters::write_html_report(p, p.plan.start, out);
  });
}

// The workbook builder alone: every row of the five sheets, cells counted,
// no libxlsxwriter.
void BM_export_xlsx_builder(benchmark::State& state) {
  const model::Project& p = planned_project(static_cast<std::size_t>(state.range(0)));
  std::size_t cells = 0;
  for (auto _ : state) {
    cells = 0;
    const exporters::xlsx::WorkbookBuilder builder(p);
    benchmark::DoNotOptimize(builder.properties());
    for (const auto sheet : exporters::xlsx::k_sheets) {
      benchmark::DoNotOptimize(builder.layout(sheet));
      builder.rows(sheet, [&](const exporters::xlsx::Row& row) { cells += row.cells.size(); });
    }
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.counters["cells"] = static_cast<double>(cells);
}

#define RPLAN_EXPORT_BENCHMARK(name) \
  BENCHMARK(name)->Arg(3'000)->Arg(30'000)->Arg(300'000)->Unit(benchmark::kMillisecond)
RPLAN_EXPORT_BENCHMARK(BM_export_json);
RPLAN_EXPORT_BENCHMARK(BM_export_csv);
RPLAN_EXPORT_BENCHMARK(BM_export_ics);
RPLAN_EXPORT_BENCHMARK(BM_export_md);
RPLAN_EXPORT_BENCHMARK(BM_export_html);
RPLAN_EXPORT_BENCHMARK(BM_export_xlsx_builder);

}  // namespace
}  // namespace rplan::bench
