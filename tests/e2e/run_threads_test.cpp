// run's threads seen from outside: the progress and timing lines of several
// threads reach stderr whole.

#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <sstream>
#include <string>

#include "run_rplan.hpp"

namespace rplan::e2e {
namespace {

std::string document(int topics) {
  std::string doc = "# Generated topics\n\n";
  for (int i = 1; i <= topics; ++i) {
    const std::string n = std::to_string(i);
    doc += "### " + n + ". Topic " + n + "\n**Research Prompts**:\n- Research area " + n +
           "\n- Analyze area " + n + "\n- Document area " + n + "\n\n";
  }
  return doc;
}

// Defect 3 of issue 15: the main thread's stage lines and the export
// threads' lines were written under different locks. Every line of
// RPLAN_TIMINGS must arrive whole, and each export's once.
TEST(RunThreadsTest, EveryTimingLineArrivesWhole) {
  Workspace ws;
  ws.write("topics.md", document(200));
  const auto r = ws.run(
      {"run", "topics.md", "--assignees", "Ada,Grace,Linus", "--start", "2026-12-07", "--out", "o"},
      {{"RPLAN_TIMINGS", "1"}});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_FALSE(r.err.empty());
  ASSERT_EQ(r.err.back(), '\n');
  const std::regex stage(R"(rplan: [a-z][^:]*: \d+\.\d{3} s)");
  const std::regex job(R"(rplan:   (xlsx|json|ics|md|html): \d+\.\d{3} s)");
  std::map<std::string, int> jobs;
  std::istringstream lines(r.err);
  for (std::string line; std::getline(lines, line);) {
    std::smatch m;
    if (std::regex_match(line, m, job)) {
      ++jobs[m[1]];
    } else {
      EXPECT_TRUE(std::regex_match(line, stage)) << "a broken line: \"" << line << "\"";
    }
  }
  EXPECT_EQ(jobs, (std::map<std::string, int>{
                      {"xlsx", 1}, {"json", 1}, {"ics", 1}, {"md", 1}, {"html", 1}}));
}

}  // namespace
}  // namespace rplan::e2e
