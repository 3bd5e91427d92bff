// run's threads seen from outside: the progress and timing lines of several
// threads reach stderr whole, and a machine out of threads still gets every
// file, the same bytes.

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <regex>
#include <sstream>
#include <string>

#include "run_rplan.hpp"

namespace rplan::e2e {
namespace {

namespace fs = std::filesystem;

std::string document(int topics) {
  std::string doc = "# Generated topics\n\n";
  for (int i = 1; i <= topics; ++i) {
    const std::string n = std::to_string(i);
    doc += "### " + n + ". Topic " + n + "\n**Research Prompts**:\n- Research area " + n +
           "\n- Analyze area " + n + "\n- Document area " + n + "\n\n";
  }
  return doc;
}

std::map<std::string, std::string> text_files(const fs::path& dir) {
  std::map<std::string, std::string> out;
  for (const char* f : {"plan.json", "plan.ics", "checklist.md", "report.html"}) {
    out[f] = slurp(dir / f);
  }
  return out;
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
  const std::regex job(R"(rplan:   (xlsx|json|csv|ics|md|html): \d+\.\d{3} s)");
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
                      {"xlsx", 1}, {"json", 1}, {"csv", 1}, {"ics", 1}, {"md", 1}, {"html", 1}}));
}

// Where no thread can be started (RLIMIT_NPROC of 1 for a user who runs
// nothing else: nobody, when the tests run as root), every stage runs on the
// main thread: run succeeds and writes what it writes with threads.
TEST(RunThreadsTest, AMachineOutOfThreadsStillWritesEveryExport) {
  Workspace ws;
  ws.write("topics.md", document(20));
  fs::permissions(ws.dir(), fs::perms::all);
  fs::permissions(ws.path("topics.md"), fs::perms::all);
  const auto r = ws.run({"run", "topics.md", "--assignees", "Ada,Grace", "--start", "2026-12-07",
                         "--out", "threads"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string command = "cd '" + ws.dir().string() +
                        "' && SOURCE_DATE_EPOCH=1795000000 TZ=UTC "
                        // LeakSanitizer needs a thread of its own at exit.
                        "ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 "
                        "prlimit --nproc=1:1 ";
  if (::geteuid() == 0) command += "setpriv --reuid=nobody --regid=nogroup --clear-groups ";
  command += std::string(RPLAN_BINARY) +
             " run topics.md --assignees Ada,Grace --start 2026-12-07 --out none"
             " >none.out 2>none.err";
  const int status = std::system(command.c_str());
  ASSERT_EQ(status, 0) << slurp(ws.path("none.err"));
  EXPECT_EQ(slurp(ws.path("none.err")), "");
  EXPECT_TRUE(fs::exists(ws.path("none/plan.xlsx")));
  EXPECT_EQ(text_files(ws.path("none")), text_files(ws.path("threads")));
}

}  // namespace
}  // namespace rplan::e2e
