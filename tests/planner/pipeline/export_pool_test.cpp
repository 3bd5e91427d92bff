// run's export pool and commit gate with stand-in formats: every export is
// written once, on the workers or on the caller's thread when there are none;
// failures come back in job order; a failed commit publishes nothing. Run
// under ThreadSanitizer by scripts/test.

#include "planner/pipeline/export_pool.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "planner/util/error.hpp"

namespace rplan::pipeline {
namespace {

// Records, under a lock, every job begun and ended.
class RecordingReporter final : public Reporter {
 public:
  void stage(const std::string&) override {}
  void stage_done() override {}
  void job_began(const std::string& name) override {
    const std::lock_guard<std::mutex> lock(m_mutex);
    began.insert(name);
  }
  void job_ended(const std::string& name) override {
    const std::lock_guard<std::mutex> lock(m_mutex);
    ended.insert(name);
  }
  void message(const std::string&) override {}
  std::set<std::string> began, ended;

 private:
  std::mutex m_mutex;
};

// Formats that write nothing but note which thread wrote them and how often;
// each calls before_publish as a real writer does.
struct StandIns {
  explicit StandIns(std::size_t n) : threads(n), writes(n) {
    for (std::size_t i = 0; i < n; ++i) {
      formats.push_back({"format " + std::to_string(i),
                         "",
                         "",
                         [this, i](const model::Project&, const ExportOptions& o,
                                   const std::filesystem::path& out) {
                           threads[i] = std::this_thread::get_id();
                           ++writes[i];
                           if (o.before_publish) o.before_publish();
                           if (fail.count(i)) throw OutputError(formats[i].name + " failed");
                           ++published;
                           return std::vector<std::filesystem::path>{out};
                         },
                         "",
                         {}});
    }
  }
  ExportPool::Jobs jobs() const {
    ExportPool::Jobs j;
    for (const auto& f : formats) j.emplace_back(&f, "unused");
    return j;
  }
  std::vector<ExportFormat> formats;
  std::vector<std::thread::id> threads;
  std::vector<std::atomic<int>> writes;
  std::set<std::size_t> fail;
  std::atomic<int> published{0};
};

TEST(ExportPoolTest, EveryExportIsWrittenOnceWithAnyNumberOfWorkers) {
  const model::Project project;
  for (const std::size_t workers : {0u, 1u, 3u, 12u}) {
    SCOPED_TRACE(std::to_string(workers) + " workers");
    StandIns s(8);
    RecordingReporter reporter;
    ExportPool pool(project, ExportOptions{}, s.jobs(), workers, reporter);
    pool.finish();
    for (std::size_t i = 0; i < s.formats.size(); ++i) EXPECT_EQ(s.writes[i], 1) << i;
    EXPECT_EQ(s.published, 8);
    EXPECT_EQ(reporter.began.size(), 8u);
    EXPECT_EQ(reporter.ended, reporter.began);
  }
}

// What happens on a machine out of threads: no worker, and the caller's
// thread writes every export at finish().
TEST(ExportPoolTest, WithoutWorkersTheCallerWritesEveryExport) {
  const model::Project project;
  StandIns s(5);
  SilentReporter reporter;
  ExportPool pool(project, ExportOptions{}, s.jobs(), 0, reporter);
  EXPECT_EQ(s.published, 0) << "nothing is written before finish()";
  pool.finish();
  for (const auto& id : s.threads) EXPECT_EQ(id, std::this_thread::get_id());
}

TEST(ExportPoolTest, FinishThrowsTheFirstFailureInJobOrderAfterWritingTheRest) {
  const model::Project project;
  StandIns s(6);
  s.fail = {4, 1};
  SilentReporter reporter;
  ExportPool pool(project, ExportOptions{}, s.jobs(), 2, reporter);
  try {
    pool.finish();
    FAIL() << "finish() did not throw";
  } catch (const OutputError& e) {
    EXPECT_EQ(std::string(e.what()), "format 1 failed");
  }
  EXPECT_EQ(s.published, 4);
}

// run's failure path: the commit fails while the workers wait at the gate;
// no export starts any more, and none of those written is published.
TEST(ExportPoolTest, AFailedCommitPublishesNothing) {
  const model::Project project;
  StandIns s(6);
  SilentReporter reporter;
  CommitGate gate;
  ExportOptions gated;
  gated.before_publish = [&gate] { gate.wait(); };
  ExportPool pool(project, gated, s.jobs(), 2, reporter);
  pool.cancel();
  gate.open(CommitGate::Outcome::failed);
  pool.join();
  EXPECT_EQ(s.published, 0);
  int written = 0;
  for (const auto& w : s.writes) written += w;
  EXPECT_LE(written, 2) << "at most the exports under way when the commit failed";
}

TEST(ExportPoolTest, ACommittedGateLetsEveryExportPublish) {
  const model::Project project;
  StandIns s(6);
  SilentReporter reporter;
  CommitGate gate;
  ExportOptions gated;
  gated.before_publish = [&gate] { gate.wait(); };
  ExportPool pool(project, gated, s.jobs(), 3, reporter);
  gate.open(CommitGate::Outcome::committed);
  pool.finish();
  EXPECT_EQ(s.published, 6);
}

}  // namespace
}  // namespace rplan::pipeline
