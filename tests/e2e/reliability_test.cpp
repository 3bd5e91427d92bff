// Crash safety and concurrent use, with real processes and signals.

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <barrier>
#include <chrono>
#include <future>
#include <iostream>
#include <nlohmann/json.hpp>
#include <thread>

#include "run_rplan.hpp"

namespace rplan::e2e {
namespace {

using nlohmann::json;

std::string big_document(int topics, const std::string& word) {
  std::string doc = "# Big\n\n";
  for (int i = 1; i <= topics; ++i) {
    const std::string n = std::to_string(i);
    doc += "### " + n + ". Topic " + n + "\n**Research Prompts**:\n- Research " + word + " " + n +
           " including a, b, and c\n- Analyze " + word + " " + n + "\n- Document " + word + " " +
           n + "\n\n";
  }
  return doc;
}

struct DbState {
  std::string integrity;
  int tasks = 0;
  int blocks = 0;
  std::string first_prompt;
};

DbState inspect(const std::filesystem::path& db_path) {
  SQLite::Database db(db_path.string(), SQLite::OPEN_READWRITE);  // recovers a hot WAL
  DbState s;
  s.integrity = db.execAndGet("PRAGMA integrity_check").getString();
  s.tasks = db.execAndGet("SELECT count(*) FROM tasks WHERE archived = 0").getInt();
  s.blocks = db.execAndGet("SELECT count(*) FROM plan_blocks").getInt();
  s.first_prompt =
      db.execAndGet("SELECT coalesce(min(prompt), '') FROM tasks WHERE archived = 0").getString();
  return s;
}

// kill -9 at several moments of an import that replaces every prompt: the
// database opens, passes integrity_check, and holds the old or the new
// document, never a mix.
TEST(ReliabilityTest, KillNineDuringImportLeavesTheOldOrTheNewState) {
  Workspace ws;
  ws.write("doc.md", big_document(3000, "alpha"));
  ASSERT_EQ(ws.run({"import", "doc.md"}).exit_code, 0);
  const DbState old_state = inspect(ws.path("rplan.db"));
  ASSERT_EQ(old_state.tasks, 9000);
  int saw_old = 0, saw_new = 0;
  for (int delay_ms : {5, 20, 40, 80, 120, 200, 400, 800}) {
    SCOPED_TRACE(delay_ms);
    // Alternate documents so every run changes every prompt.
    const bool to_beta =
        inspect(ws.path("rplan.db")).first_prompt.find("alpha") != std::string::npos;
    ws.write("doc.md", big_document(3000, to_beta ? "beta" : "alpha"));
    const int pid = ws.start({"import", "doc.md"});
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    const DbState s = inspect(ws.path("rplan.db"));
    EXPECT_EQ(s.integrity, "ok");
    EXPECT_EQ(s.tasks, 9000);
    SQLite::Database db(ws.path("rplan.db").string());
    const int alpha =
        db.execAndGet("SELECT count(*) FROM tasks WHERE archived = 0 AND prompt LIKE '%alpha%'")
            .getInt();
    EXPECT_TRUE(alpha == 0 || alpha == 9000) << "a mix: " << alpha << " alpha prompts";
    (alpha == 9000) == to_beta ? ++saw_old : ++saw_new;
  }
  // Which state each kill left depends on the machine's speed; only that it
  // is one of the two is asserted. An import run to the end still works.
  std::cout << "kills that left the old state: " << saw_old << ", the new: " << saw_new << "\n";
  ws.write("doc.md", big_document(3000, "gamma"));
  const auto r = ws.run({"import", "doc.md"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(inspect(ws.path("rplan.db")).first_prompt.find("gamma") != std::string::npos, true);
}

TEST(ReliabilityTest, KillNineDuringPlanKeepsAWholePlan) {
  Workspace ws;
  ws.write("doc.md", big_document(2000, "alpha"));
  ASSERT_EQ(
      ws.run({"run", "doc.md", "--assignees", "Ada,Bo,Cy", "--start", "2026-12-07", "--out", "o"})
          .exit_code,
      0);
  const int blocks = inspect(ws.path("o/rplan.db")).blocks;
  ASSERT_GT(blocks, 0);
  for (int delay_ms : {5, 30, 60, 120, 250}) {
    SCOPED_TRACE(delay_ms);
    const int pid = ws.start({"--db", "o/rplan.db", "plan", "--start", "2027-01-04"});
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    const DbState s = inspect(ws.path("o/rplan.db"));
    EXPECT_EQ(s.integrity, "ok");
    SQLite::Database db(ws.path("o/rplan.db").string());
    const std::string start = db.execAndGet("SELECT start FROM plan").getString();
    const int early =
        db.execAndGet("SELECT count(*) FROM plan_blocks WHERE date < '2027-01-04'").getInt();
    if (start == "2026-12-07") {
      EXPECT_EQ(s.blocks, blocks);
    } else {
      EXPECT_EQ(start, "2027-01-04");
      EXPECT_EQ(early, 0) << "blocks of the old plan left in the new one";
    }
  }
}

// Several processes write one database at once: each succeeds or says the
// database is busy (exit 75); never a crash, never partial state.
TEST(ReliabilityTest, ConcurrentWritersSucceedOrReportBusy) {
  Workspace ws;
  ws.write("doc.md", big_document(40, "alpha"));
  ASSERT_EQ(
      ws.run({"run", "doc.md", "--assignees", "Ada,Bo", "--start", "2026-12-07", "--out", "o"})
          .exit_code,
      0);
  const json plan = json::parse(slurp(ws.path("o/plan.json")));
  std::vector<std::string> ids;
  for (const auto& t : plan["tasks"]) ids.push_back(t["id"]);
  std::vector<std::future<Result>> runs;
  for (int i = 0; i < 12; ++i) {
    runs.push_back(std::async(std::launch::async, [&, i] {
      if (i % 4 == 3) return ws.run({"--db", "o/rplan.db", "plan", "--start", "2026-12-07"});
      if (i % 4 == 2) return ws.run({"--db", "o/rplan.db", "import", "doc.md"});
      return ws.run(
          {"--db", "o/rplan.db", "task", ids[static_cast<std::size_t>(i)], "--status", "done"});
    }));
  }
  std::vector<std::size_t> done;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const Result r = runs[i].get();
    EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 75) << r.exit_code << " " << r.err;
    if (r.exit_code == 75) {
      EXPECT_NE(r.err.find("busy"), std::string::npos) << r.err;
    }
    if (r.exit_code == 0 && i % 4 < 2) done.push_back(i);
  }
  EXPECT_EQ(inspect(ws.path("o/rplan.db")).integrity, "ok");
  const json after = json::parse(ws.run({"--db", "o/rplan.db", "list", "--format", "json"}).out);
  for (std::size_t i : done) {
    EXPECT_EQ(after["tasks"][i]["status"], "done") << ids[i];
  }
}

// Several first imports into one new database file at once: the schema is
// created once (the migration re-reads the version under an exclusive lock),
// each import succeeds or reports busy (75), and the database is whole. It
// used to fail with "table documents already exists" in most rounds.
TEST(ReliabilityTest, ConcurrentFirstImportsIntoANewDatabaseAllSucceed) {
  Workspace ws;
  ws.write("doc.md", big_document(30, "alpha"));
  constexpr int k_rounds = 5;
  constexpr int k_processes = 4;
  for (int round = 0; round < k_rounds; ++round) {
    SCOPED_TRACE(round);
    const std::string db = "new-" + std::to_string(round) + ".db";
    std::barrier start(k_processes);
    std::vector<std::future<Result>> runs;
    for (int i = 0; i < k_processes; ++i) {
      runs.push_back(std::async(std::launch::async, [&] {
        start.arrive_and_wait();
        return ws.run({"--db", db, "import", "doc.md"});
      }));
    }
    int succeeded = 0;
    for (auto& run : runs) {
      const Result r = run.get();
      EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 75) << r.exit_code << " " << r.err;
      if (r.exit_code == 75) {
        EXPECT_NE(r.err.find("busy"), std::string::npos) << r.err;
      }
      succeeded += r.exit_code == 0;
    }
    EXPECT_GT(succeeded, 0);
    const DbState s = inspect(ws.path(db));
    EXPECT_EQ(s.integrity, "ok");
    EXPECT_EQ(s.tasks, 90);
    SQLite::Database check(ws.path(db).string());
    EXPECT_EQ(check.execAndGet("SELECT count(*) FROM documents").getInt(), 1);
    const auto r = ws.run({"--db", db, "import", "doc.md"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("0 added, 0 updated, 90 unchanged"), std::string::npos) << r.out;
  }
}

// Bounds: a 100 MB document (mostly prose and lists that are not topics, one
// long line among them) imports in one go, without a crash or a hang.
TEST(ReliabilityTest, AHundredMegabyteDocumentImports) {
  Workspace ws;
  std::string doc = "# Huge\n\n## Overview\n\n";
  const std::string paragraph(990, 'x');
  doc.reserve(105u << 20);
  doc += std::string(1u << 20, 'y') + "\n\n";  // a 1 MB line
  while (doc.size() < (100u << 20)) {
    doc += "- " + paragraph + "\n  continued *emphasis* and `code`\n";
  }
  doc += "\n### 1. The only topic\n**Research Prompts**:\n- Research the end\n";
  ws.write("huge.md", doc);
  doc.clear();
  const auto r = ws.run({"import", "huge.md"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "huge.md: 1 added, 0 updated, 0 unchanged, 0 removed (topics: 1 new)\n");
}

}  // namespace
}  // namespace rplan::e2e
