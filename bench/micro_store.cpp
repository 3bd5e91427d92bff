// The store on a temporary database: importing a parsed document, loading the
// project back, and saving a plan.

#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "bench/fixtures.hpp"
#include "planner/schedule/scheduler.hpp"
#include "planner/store/store.hpp"

namespace rplan::bench {
namespace {

namespace fs = std::filesystem;

const model::Instant k_now{std::chrono::seconds{1796083200}};

// A folder under $TMPDIR removed with everything in it at the end of the scope.
class TempFolder {
 public:
  TempFolder() {
    std::string pattern = (fs::temp_directory_path() / "rplan-bench-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) std::abort();
    m_path = pattern;
  }
  ~TempFolder() {
    std::error_code ec;
    fs::remove_all(m_path, ec);
  }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
  const fs::path& path() const { return m_path; }

 private:
  fs::path m_path;
};

void remove_database(const fs::path& db) {
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    std::error_code ec;
    fs::remove(db.string() + suffix, ec);
  }
}

// import_document of a document of state.range(0) prompts into a fresh
// database (created and migrated outside the measurement), in one transaction.
void BM_store_import(benchmark::State& state) {
  const model::ParsedDocument doc = parsed_document(static_cast<std::size_t>(state.range(0)));
  const TempFolder folder;
  const fs::path db = folder.path() / "rplan.db";
  for (auto _ : state) {
    state.PauseTiming();
    remove_database(db);
    {
      store::Store s(db, store::Access::read_write);
      state.ResumeTiming();
      store::Store::Transaction tx(s);
      benchmark::DoNotOptimize(s.import_document(doc));
      tx.commit();
      state.PauseTiming();
    }
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_store_import)->Arg(3'000)->Arg(30'000)->Arg(300'000)->Unit(benchmark::kMillisecond);

// A database holding the planned project of `tasks` tasks.
void fill(const fs::path& db, std::size_t tasks) {
  store::Store s(db, store::Access::read_write);
  store::Store::Transaction tx(s);
  s.import_document(parsed_document(tasks));
  for (const auto& person : planned_project(tasks).team) s.upsert_assignee(person);
  for (const auto& h : planned_project(tasks).holidays) s.add_holiday(h);
  model::Project p = s.load_project();
  schedule::Options options;
  options.start = planned_project(tasks).plan.start;
  schedule::make_plan(p, options);
  s.save_plan(p, k_now);
  tx.commit();
}

// load_project of a planned database (what every export and plan starts with).
void BM_store_load_project(benchmark::State& state) {
  const TempFolder folder;
  const fs::path db = folder.path() / "rplan.db";
  fill(db, static_cast<std::size_t>(state.range(0)));
  const store::Store s(db, store::Access::read_only);
  for (auto _ : state) {
    model::Project p = s.load_project();
    benchmark::DoNotOptimize(p);
    state.PauseTiming();
    p = model::Project{};
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_store_load_project)
    ->Arg(3'000)
    ->Arg(30'000)
    ->Arg(300'000)
    ->Unit(benchmark::kMillisecond);

// save_plan over an existing plan (the plan stage's write), in one transaction.
void BM_store_save_plan(benchmark::State& state) {
  const TempFolder folder;
  const fs::path db = folder.path() / "rplan.db";
  fill(db, static_cast<std::size_t>(state.range(0)));
  store::Store s(db, store::Access::read_write);
  const model::Project planned = s.load_project();
  for (auto _ : state) {
    state.PauseTiming();
    model::Project p = planned;
    state.ResumeTiming();
    store::Store::Transaction tx(s);
    s.save_plan(p, k_now);
    tx.commit();
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_store_save_plan)->Arg(3'000)->Arg(30'000)->Arg(300'000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace rplan::bench
