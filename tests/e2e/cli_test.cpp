// The command line itself: help, version, usage errors, exit codes, config.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "run_rplan.hpp"

namespace rplan::e2e {
namespace {

TEST(CliTest, PrintsVersionAndHelp) {
  Workspace ws;
  const auto version = ws.run({"--version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_EQ(version.out.rfind("rplan ", 0), 0u) << version.out;
  const auto help = ws.run({"--help"});
  EXPECT_EQ(help.exit_code, 0);
  for (const char* command :
       {"import", "list", "show", "task", "team add", "plan", "export", "run"}) {
    EXPECT_NE(help.out.find(command), std::string::npos) << command;
  }
  EXPECT_NE(help.out.find("Exit codes"), std::string::npos);
}

TEST(CliTest, EveryCommandHasItsOwnHelp) {
  Workspace ws;
  for (const auto& args : std::vector<std::vector<std::string>>{{"import", "--help"},
                                                                {"list", "--help"},
                                                                {"team", "add", "--help"},
                                                                {"help", "task"},
                                                                {"export", "-h"},
                                                                {"off", "list", "--help"}}) {
    SCOPED_TRACE(args[0]);
    const auto r = ws.run(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("Usage: rplan"), std::string::npos) << r.out;
  }
}

TEST(CliTest, UsageErrorsNameTheOptionAndExitTwo) {
  Workspace ws;
  struct Case {
    std::vector<std::string> args;
    std::string words;
  };
  const Case cases[] = {
      {{"frobnicate"}, "unknown command \"frobnicate\""},
      {{"--colour"}, "--colour"},
      {{"list", "--colour", "red"}, "colour"},
      {{"list", "--format", "yaml"}, "--format yaml"},
      {{"import"}, "missing FILE"},
      {{"team"}, "team needs one of: add, import, list, remove"},
      {{"task", "abc", "--status", "finished"}, "--status finished"},
      {{"plan", "--start", "2026-02-30"}, "--start 2026-02-30"},
      {{}, "no command given"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.words);
    const auto r = ws.run(c.args);
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("rplan: error: "), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(c.words), std::string::npos) << r.err;
  }
}

TEST(CliTest, ConfigFileSetsTheEstimateModelAndRejectsUnknownKeys) {
  Workspace ws;
  ws.write("t.md", "### Caching\n**Research Prompts**:\n- Research Redis\n");
  ws.write("rplan.ini", "[estimate]\nresearch = 11\n");
  auto r = ws.run({"--config", "rplan.ini", "import", "t.md"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = ws.run({"list", "--format", "csv"});
  EXPECT_NE(r.out.find(",11,"), std::string::npos) << r.out;

  ws.write("bad.ini", "[estimate]\nreserch = 11\n");
  r = ws.run({"--config", "bad.ini", "list"});
  EXPECT_EQ(r.exit_code, 65);
  EXPECT_NE(r.err.find("reserch"), std::string::npos) << r.err;
  r = ws.run({"--config", "missing.ini", "list"});
  EXPECT_EQ(r.exit_code, 66) << r.err;
}

// `research = nan` used to pass the range check; the database then refused
// the row (exit 1). Every number of the file and of the options goes through
// one check: 65 naming the file and key, 2 naming the option; nothing stored.
TEST(CliTest, NanAndInfinityAreRefusedWhereverANumberIsGiven) {
  Workspace ws;
  ws.write("t.md", "### Caching\n**Research Prompts**:\n- Research Redis\n");
  for (const char* value : {"nan", "inf", "-nan"}) {
    SCOPED_TRACE(value);
    ws.write("nan.ini", std::string("[estimate]\nresearch = ") + value + "\n");
    const auto r = ws.run({"--config", "nan.ini", "import", "t.md"});
    EXPECT_EQ(r.exit_code, 65) << r.err;
    EXPECT_NE(r.err.find("nan.ini: estimate.research = " + std::string(value)), std::string::npos)
        << r.err;
    EXPECT_FALSE(std::filesystem::exists(ws.path("rplan.db")));
  }
  ASSERT_EQ(ws.run({"import", "t.md"}).exit_code, 0);
  const std::string id =
      nlohmann::json::parse(ws.run({"list", "--format", "json"}).out)["tasks"][0]["id"];
  const std::vector<std::vector<std::string>> commands = {
      {"team", "add", "Ada", "--hours-per-day", "nan"},
      {"team", "add", "Ada", "--hours-per-day", "inf"},
      {"team", "add", "Ada", "--hours-per-day", "0x10"},
      {"task", id, "--estimate", "nan"},
      {"task", id, "--estimate", "-inf"},
      {"task", id, "--estimate", "0x10"},
  };
  for (const auto& args : commands) {
    const std::string option = args[args.size() - 2] + " " + args.back();
    SCOPED_TRACE(option);
    const auto r = ws.run(args);
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("rplan: error: " + option + " is not a number"), std::string::npos)
        << r.err;
  }
  const auto team = ws.run({"team", "list"});
  EXPECT_EQ(team.out.find("Ada"), std::string::npos) << team.out;
}

TEST(CliTest, DatabaseComesFromDbOptionOrEnvironment) {
  Workspace ws;
  ws.write("t.md", "### Caching\n**Research Prompts**:\n- Research Redis\n");
  ASSERT_EQ(ws.run({"--db", "one.db", "import", "t.md"}).exit_code, 0);
  EXPECT_TRUE(std::filesystem::exists(ws.path("one.db")));
  ASSERT_EQ(ws.run({"import", "t.md"}, {{"RPLAN_DB", "two.db"}}).exit_code, 0);
  EXPECT_TRUE(std::filesystem::exists(ws.path("two.db")));
  EXPECT_FALSE(std::filesystem::exists(ws.path("rplan.db")));
  const auto r = ws.run({"--db=none.db", "list"});
  EXPECT_EQ(r.exit_code, 66) << r.err;
  EXPECT_NE(r.err.find("none.db"), std::string::npos);
}

TEST(CliTest, DocsCliMdIsGeneratedFromTheCommandTable) {
  Workspace ws;
  const auto r = ws.run({"help", "--markdown"});
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_EQ(slurp(std::filesystem::path(RPLAN_SOURCE_DIR) / "docs/cli.md"), r.out)
      << "docs/cli.md is stale: run build/rplan help --markdown > docs/cli.md";
}

}  // namespace
}  // namespace rplan::e2e

namespace rplan::e2e {
namespace {

TEST(CliTest, AGroupOfCommandsHasItsOwnHelp) {
  Workspace ws;
  for (const char* group : {"team", "off", "holiday"}) {
    SCOPED_TRACE(group);
    const auto r = ws.run({group, "--help"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find(std::string(group) + " list"), std::string::npos) << r.out;
  }
}

TEST(CliTest, CommandsThatChangeADatabaseNeverCreateOne) {
  Workspace ws;
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"forget", "x.md"},
           {"team", "remove", "A"},
           {"holiday", "remove", "2026-12-25"},
           {"off", "remove", "A", "--from", "2026-12-14"},
           {"task", "abc", "--status", "done"},
           {"plan"},
           {"off", "A", "--from", "2026-12-14", "--to", "2026-12-15"}}) {
    SCOPED_TRACE(args[0]);
    const auto r = ws.run([&] {
      auto a = args;
      a.insert(a.begin(), {"--db", "typo.db"});
      return a;
    }());
    EXPECT_EQ(r.exit_code, 66) << r.err;
    EXPECT_NE(r.err.find("no database at typo.db"), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(ws.path("typo.db")));
  }
}

TEST(CliTest, ExportOptionsThatDoNotApplyAreRefused) {
  Workspace ws;
  ws.write("t.md", "### Caching\n**Research Prompts**:\n- Research Redis\n");
  ASSERT_EQ(ws.run({"run", "t.md", "--assignees", "Ada", "--start", "2026-12-07", "--out", "o"})
                .exit_code,
            0);
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"json", "--mode", "todos"}, {"ics", "--group", "week"}, {"md", "--per-assignee"}}) {
    SCOPED_TRACE(args[0]);
    std::vector<std::string> full = {"--db", "o/rplan.db", "export"};
    full.insert(full.end(), args.begin(), args.end());
    full.insert(full.end(), {"--out", "x"});
    const auto r = ws.run(full);
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("applies to the"), std::string::npos) << r.err;
  }
}

TEST(CliTest, RunChecksItsOutputsBeforeChangingTheDatabase) {
  Workspace ws;
  ws.write("t.md", "### Caching\n**Research Prompts**:\n- Research Redis\n");
  std::filesystem::create_directories(ws.path("o/plan.ics"));
  const auto r =
      ws.run({"run", "t.md", "--assignees", "Ada", "--start", "2026-12-07", "--out", "o"});
  EXPECT_EQ(r.exit_code, 73) << r.err;
  EXPECT_NE(r.err.find("o/plan.ics"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(ws.path("o/rplan.db")));
  EXPECT_FALSE(std::filesystem::exists(ws.path("o/plan.json")));
}

TEST(CliTest, ShowExplainsArchivedAndUnassignableTasks) {
  Workspace ws;
  ws.write("t.md", "### Caching\n**Research Prompts**:\n- Research Redis\n- Analyze eviction\n");
  ASSERT_EQ(ws.run({"run", "t.md", "--assignees", "Ada", "--start", "2026-12-07", "--out", "o"})
                .exit_code,
            0);
  const auto list = ws.run({"--db", "o/rplan.db", "list", "--format", "csv"}).out;
  const std::string first = list.substr(list.find('\n') + 1, 6);
  ws.write("t.md", "### Caching\n**Research Prompts**:\n- Analyze eviction\n");
  ASSERT_EQ(ws.run({"--db", "o/rplan.db", "import", "t.md"}).exit_code, 0);
  const auto r = ws.run({"--db", "o/rplan.db", "show", first});
  EXPECT_EQ(r.exit_code, 65);
  EXPECT_NE(r.err.find("task " + first + " is archived"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace rplan::e2e
