// The one writer of progress and timing lines: what it writes for stages and
// jobs, and that lines written from several threads at once arrive whole
// (run under ThreadSanitizer by scripts/test).

#include "planner/pipeline/reporter.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "planner/util/thread_group.hpp"

namespace rplan::pipeline {
namespace {

using Progress = StreamReporter::Progress;
using Timings = StreamReporter::Timings;

// A clock that moves one second each time it is read.
StreamReporter::Clock ticking() {
  auto seconds = std::make_shared<std::atomic<int>>(0);
  return [seconds] { return static_cast<double>((*seconds)++); };
}

TEST(ReporterTest, TimingsGiveEachStageAndJobItsOwnLine) {
  std::ostringstream err;
  StreamReporter r(err, Progress::off, Timings::on, ticking());
  r.stage("reading 1 document(s)");  // clock 0
  r.job_began("xlsx");               // 1
  r.stage("planning 3 tasks");       // 2: the first stage ends; 3: the second begins
  r.job_ended("xlsx");               // 4
  r.stage_done();                    // 5
  EXPECT_EQ(err.str(),
            "rplan: reading 1 document(s): 2.000 s\n"
            "rplan:   xlsx: 3.000 s\n"
            "rplan: planning 3 tasks: 2.000 s\n");
}

TEST(ReporterTest, WithoutTimingsOrATerminalNothingIsWritten) {
  std::ostringstream err;
  StreamReporter r(err, Progress::off, Timings::off, ticking());
  r.stage("planning");
  r.job_began("json");
  r.job_ended("json");
  r.stage_done();
  EXPECT_EQ(err.str(), "");
}

TEST(ReporterTest, OnATerminalTheStageIsOneLineRewrittenInPlace) {
  {
    std::ostringstream err;
    StreamReporter r(err, Progress::terminal, Timings::off, ticking());
    r.stage("planning");
    r.stage("committing");
    r.stage_done();
    EXPECT_EQ(err.str(), "\r\033[Kplanning...\r\033[Kcommitting...\r\033[K");
  }
  std::ostringstream err;
  StreamReporter r(err, Progress::terminal, Timings::on, ticking());
  r.stage("planning");  // 0
  r.job_began("json");  // 1
  r.job_ended("json");  // 2: the progress line is cleared, the timing written, progress shown again
  r.stage("committing");  // 3, 4
  r.stage_done();         // 5
  EXPECT_EQ(err.str(),
            "\r\033[Kplanning..."
            "\r\033[Krplan:   json: 1.000 s\nplanning..."
            "\r\033[Krplan: planning: 3.000 s\n"
            "\r\033[Kcommitting..."
            "\r\033[Krplan: committing: 1.000 s\n");  // nothing left to clear
}

// A warning from the main line while a stage's progress line is shown: the
// progress line is cleared, the warning written whole, the progress shown again.
TEST(ReporterTest, AMessageOnATerminalIsWrittenBetweenProgressLines) {
  std::ostringstream err;
  StreamReporter r(err, Progress::terminal, Timings::off, ticking());
  r.stage("writing plan.json");
  r.message("rplan: warning: the plan is out of date\n");
  r.stage_done();
  EXPECT_EQ(err.str(),
            "\r\033[Kwriting plan.json..."
            "\r\033[Krplan: warning: the plan is out of date\nwriting plan.json..."
            "\r\033[K");
}

// Defect 3 of issue 15: the main thread's stage lines and the export threads'
// job lines went to the stream under different locks (or none). Through one
// reporter, every line arrives whole, whatever the threads do at once.
TEST(ReporterTest, LinesFromManyThreadsAtOnceArriveWhole) {
  std::ostringstream err;
  StreamReporter r(err, Progress::off, Timings::on, [] { return 0.0; });
  constexpr int k_threads = 4, k_jobs = 200, k_stages = 200;
  {
    util::ThreadGroup group(k_threads);
    for (int t = 0; t < k_threads; ++t) {
      ASSERT_TRUE(group.start([&r, t] {
        for (int j = 0; j < k_jobs; ++j) {
          const std::string name = "job " + std::to_string(t) + "." + std::to_string(j);
          r.job_began(name);
          r.job_ended(name);
        }
      }));
    }
    for (int s = 0; s < k_stages; ++s) r.stage("stage " + std::to_string(s));
    r.stage_done();
    group.join();
  }
  const std::regex line(R"(rplan: (stage \d+|  job \d+\.\d+): 0\.000 s)");
  std::istringstream lines(err.str());
  int count = 0;
  for (std::string l; std::getline(lines, l); ++count) {
    ASSERT_TRUE(std::regex_match(l, line)) << "a broken line: \"" << l << "\"";
  }
  EXPECT_EQ(count, k_threads * k_jobs + k_stages);
}

}  // namespace
}  // namespace rplan::pipeline
