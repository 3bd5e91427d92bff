// run in process: the same files with one thread or many (the estimate
// helper, the importer and the export workers; under ThreadSanitizer in
// scripts/test), the typed export options reaching their formats, and the
// stages reported in order.

#include "planner/pipeline/run.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "planner/util/dates.hpp"
#include "planner/util/error.hpp"
#include "tests/planner/store/test_support.hpp"

namespace rplan::pipeline {
namespace {

namespace fs = std::filesystem;
using rplan::testing::slurp;
using rplan::testing::TempDir;

const fs::path k_examples = fs::path(RPLAN_SOURCE_DIR) / "docs" / "examples";

RunRequest request(const fs::path& out, std::size_t threads) {
  RunRequest r;
  r.documents = {k_examples / "research-topics.md"};
  r.team_file = k_examples / "team.csv";
  r.out_dir = out;
  r.db = out / "rplan.db";
  r.plan.start = *util::parse_date("2026-12-07");
  r.exports.today = *util::parse_date("2026-12-01");
  r.now = util::Instant{std::chrono::seconds{1796083200}};  // 2026-12-01T00:00:00Z
  r.threads = threads;
  return r;
}

std::map<std::string, std::string> text_files(const fs::path& dir) {
  std::map<std::string, std::string> out;
  for (const char* f : {"plan.json", "plan.ics", "checklist.md", "report.html"}) {
    out[f] = slurp(dir / f);
  }
  return out;
}

// Remembers the stages in order (only the main line reports stages).
class StageList final : public Reporter {
 public:
  void stage(const std::string& what) override { stages.push_back(what); }
  void stage_done() override { stages.push_back("done"); }
  void job_began(const std::string&) override {}
  void job_ended(const std::string& name) override {
    const std::lock_guard<std::mutex> lock(m_mutex);
    ++jobs[name];
  }
  void message(const std::string&) override {}
  std::vector<std::string> stages;
  std::map<std::string, int> jobs;

 private:
  std::mutex m_mutex;
};

TEST(RunPipelineTest, OneThreadOrManyWriteTheSameFiles) {
  TempDir dir;
  std::map<std::string, std::string> first;
  for (const std::size_t threads : {1u, 2u, 4u}) {
    SCOPED_TRACE(std::to_string(threads) + " threads");
    const fs::path out = dir / ("out-" + std::to_string(threads));
    StageList reporter;
    RunRequest r = request(out, threads);
    int saved = 0;
    r.on_saved = [&](const std::vector<store::ImportReport>& reports, const model::Project& p) {
      ++saved;
      ASSERT_EQ(reports.size(), 1u);
      EXPECT_GT(p.tasks.size(), 0u);
      EXPECT_EQ(static_cast<std::size_t>(reports[0].added), p.tasks.size());  // a fresh database
    };
    const auto written = run(r, reporter);
    EXPECT_EQ(saved, 1);
    EXPECT_EQ(written,
              (std::vector<fs::path>{out / "plan.xlsx", out / "plan.json", out / "plan.csv",
                                     out / "plan.ics", out / "checklist.md", out / "report.html"}));
    EXPECT_EQ(reporter.jobs,
              (std::map<std::string, int>{
                  {"xlsx", 1}, {"json", 1}, {"csv", 1}, {"ics", 1}, {"md", 1}, {"html", 1}}));
    EXPECT_EQ(reporter.stages.front(), "reading 1 document(s)");
    EXPECT_EQ(reporter.stages.back(), "done");
    const auto files = text_files(out);
    if (first.empty()) {
      first = files;
    } else {
      for (const auto& [name, content] : files) EXPECT_TRUE(content == first.at(name)) << name;
    }
  }
}

TEST(RunPipelineTest, TheExportOptionsReachTheirFormats) {
  TempDir dir;
  RunRequest r = request(dir / "out", 2);
  r.exports.ics_mode = exporters::IcsMode::todos;
  r.exports.md_group = exporters::ChecklistGroup::week;
  SilentReporter reporter;
  run(r, reporter);
  const std::string ics = slurp(dir / "out" / "plan.ics");
  EXPECT_NE(ics.find("BEGIN:VTODO"), std::string::npos);
  EXPECT_EQ(ics.find("BEGIN:VEVENT"), std::string::npos);
  EXPECT_NE(slurp(dir / "out" / "checklist.md").find("\n## 2026-W50 "), std::string::npos);
}

// The failure paths with their threads: the plan's rows refused (the export
// workers are held at the gate, then let go), and the import's rows refused
// (on the importer thread, rethrown when it is joined). Either way the
// database keeps its previous plan and every previous export stays.
TEST(RunPipelineTest, WhenTheRowsAreRefusedNothingIsSavedOrPublished) {
  for (const char* table : {"plan_tasks", "tasks"}) {
    SCOPED_TRACE(table);
    TempDir dir;
    const fs::path out = dir / "out";
    SilentReporter reporter;
    run(request(out, 2), reporter);
    const auto before = text_files(out);
    {
      SQLite::Database db((out / "rplan.db").string(), SQLite::OPEN_READWRITE);
      db.exec(std::string("CREATE TRIGGER refuse BEFORE INSERT ON ") + table +
              " BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");
    }
    RunRequest changed = request(out, 2);
    changed.documents = {fs::path(RPLAN_TEST_DATA) / "topics" / "ml-ops-topics.md"};
    changed.plan.start = *util::parse_date("2026-12-14");
    try {
      run(changed, reporter);
      FAIL() << "run did not fail";
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find("refused by the test"), std::string::npos) << e.what();
    }
    EXPECT_EQ(text_files(out), before);
    SQLite::Database db((out / "rplan.db").string());
    EXPECT_EQ(db.execAndGet("SELECT start FROM plan").getString(), "2026-12-07");
  }
}

}  // namespace
}  // namespace rplan::pipeline
