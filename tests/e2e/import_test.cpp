// import, list, show, task and forget, driven through the real binary.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "run_rplan.hpp"

namespace rplan::e2e {
namespace {

using nlohmann::json;

const char* k_doc = R"(# Platform research

## Overview
Some words, and a list that is not a topic:
- not a prompt

### 1. Caching Strategies
**Research Focus**: Faster reads
**Research Prompts**:
- Research multi-level caching including local, distributed, and CDN caches
- Analyze invalidation patterns
- Document the caching guide

### 2. Message Queues
**Research Focus:** Reliable delivery
**Research Prompts**:
* Research brokers
* Document delivery guarantees
)";

json list_json(const Workspace& ws, std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"list", "--format", "json"};
  args.insert(args.end(), extra.begin(), extra.end());
  const auto r = ws.run(args);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return json::parse(r.out);
}

TEST(ImportTest, ImportsTopicsAsTasksWithEstimates) {
  Workspace ws;
  ws.write("platform.md", k_doc);
  const auto r = ws.run({"import", "platform.md"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "platform.md: 5 added, 0 updated, 0 unchanged, 0 removed (topics: 2 new)\n");
  const json j = list_json(ws);
  ASSERT_EQ(j["topics"].size(), 2u);
  EXPECT_EQ(j["topics"][0]["title"], "Caching Strategies");
  EXPECT_EQ(j["topics"][0]["number"], 1);
  EXPECT_EQ(j["topics"][1]["focus"], "Reliable delivery");
  ASSERT_EQ(j["tasks"].size(), 5u);
  const json& first = j["tasks"][0];
  EXPECT_EQ(first["kind"], "research");
  EXPECT_EQ(first["estimate_hours"], 9.0);  // 8 h + 1 for the third listed item
  EXPECT_EQ(first["topic"], j["topics"][0]["id"]);
  EXPECT_EQ(first["status"], "open");
  EXPECT_TRUE(first["assignee"].is_null());
  EXPECT_TRUE(first["start"].is_null());
  EXPECT_TRUE(first["blocks"].empty());
  EXPECT_EQ(j["tasks"][2]["kind"], "documentation");
}

TEST(ImportTest, IdsAreDeterministicAcrossFreshDatabases) {
  Workspace ws;
  ws.write("platform.md", k_doc);
  ASSERT_EQ(ws.run({"--db", "a.db", "import", "platform.md"}).exit_code, 0);
  ASSERT_EQ(ws.run({"--db", "b.db", "import", "platform.md"}).exit_code, 0);
  const auto a = ws.run({"--db", "a.db", "list", "--format", "json"});
  const auto b = ws.run({"--db", "b.db", "list", "--format", "json"});
  EXPECT_EQ(a.out, b.out);
}

TEST(ImportTest, ReimportingAnEditedDocumentKeepsIdsAndStatuses) {
  Workspace ws;
  ws.write("platform.md", k_doc);
  ASSERT_EQ(ws.run({"import", "platform.md"}).exit_code, 0);
  const json before = list_json(ws);
  const std::string brokers = before["tasks"][3]["id"];
  ASSERT_EQ(ws.run({"task", brokers, "--status", "done"}).exit_code, 0);

  std::string edited = k_doc;
  edited.replace(edited.find("* Research brokers"), 18,
                 "* Investigate schema registries\n* Research message brokers");
  edited.replace(edited.find("- Analyze invalidation patterns\n"), 32, "");
  ws.write("platform.md", edited);
  const auto r = ws.run({"import", "platform.md"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "platform.md: 1 added, 1 updated, 3 unchanged, 1 removed\n  updated  " +
                       brokers + "  \"Research brokers\" \u2192 \"Research message brokers\"\n");
  const json after = list_json(ws);
  ASSERT_EQ(after["tasks"].size(), 5u);
  bool found = false;
  for (const auto& t : after["tasks"]) {
    if (t["prompt"] == "Research message brokers") {
      found = true;
      EXPECT_EQ(t["id"], brokers);
      EXPECT_EQ(t["status"], "done");
    }
  }
  EXPECT_TRUE(found);
}

TEST(ImportTest, BadDocumentsReportEveryProblemAndChangeNothing) {
  Workspace ws;
  ws.write("good.md", k_doc);
  ASSERT_EQ(ws.run({"import", "good.md"}).exit_code, 0);
  const std::string db_before = slurp(ws.path("rplan.db"));
  ws.write("bad.md",
           "### Caching\n**Research Prompts**:\n- Research a\n\n### Caching\n"
           "**Research Prompts**:\n- Research b\n\n### Empty\n**Research Prompts**:\n\n");
  ws.write("binary.md", "### T\n**Research Prompts**:\n- Research \xff\xfe\n");
  const auto r = ws.run({"import", "good.md", "bad.md", "binary.md"});
  EXPECT_EQ(r.exit_code, 65);
  EXPECT_NE(r.err.find("bad.md:5: error: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("lines 1 and 5"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("bad.md:10: error: ") == std::string::npos
                ? r.err.find("bad.md:9: error: ")
                : r.err.find("bad.md:10: error: "),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("binary.md:3: error: "), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(slurp(ws.path("rplan.db")), db_before);
}

TEST(ImportTest, AFailedImportIntoANewDatabaseCreatesNoFile) {
  Workspace ws;
  ws.write("none.md", "# Just a title\n\nNo topics here.\n");
  const auto r = ws.run({"import", "none.md"});
  EXPECT_EQ(r.exit_code, 65);
  EXPECT_NE(r.err.find("none.md"), std::string::npos);
  EXPECT_NE(r.err.find("no topics"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(ws.path("rplan.db")));
}

TEST(ImportTest, AMissingFileExits66) {
  Workspace ws;
  const auto r = ws.run({"import", "nope.md"});
  EXPECT_EQ(r.exit_code, 66);
  EXPECT_NE(r.err.find("cannot read nope.md: No such file or directory"), std::string::npos)
      << r.err;
}

// A read that fails half-way is reported with the reason read(2) gave, not
// taken for an empty document (/proc/self/mem fails at offset 0 with EIO).
TEST(ImportTest, AFileThatFailsToReadExits66WithTheReason) {
  Workspace ws;
  const auto r = ws.run({"import", "/proc/self/mem"});
  EXPECT_EQ(r.exit_code, 66) << r.err;
  EXPECT_NE(r.err.find("cannot read /proc/self/mem: Input/output error"), std::string::npos)
      << r.err;
  EXPECT_FALSE(std::filesystem::exists(ws.path("rplan.db")));
}

TEST(ImportTest, AForeignDatabaseIsRefusedUntouched) {
  Workspace ws;
  ws.write("platform.md", k_doc);
  ws.write("notes.db", "these are my notes, not a database\n");
  const auto r = ws.run({"--db", "notes.db", "import", "platform.md"});
  EXPECT_EQ(r.exit_code, 65);
  EXPECT_NE(r.err.find("notes.db is not an rplan database"), std::string::npos) << r.err;
  EXPECT_EQ(slurp(ws.path("notes.db")), "these are my notes, not a database\n");
  EXPECT_FALSE(std::filesystem::exists(ws.path("notes.db-wal")));
}

TEST(ImportTest, ListFiltersAndFormats) {
  Workspace ws;
  ws.write("platform.md", k_doc);
  ASSERT_EQ(ws.run({"import", "platform.md"}).exit_code, 0);
  EXPECT_EQ(list_json(ws, {"--topic", "queues"})["tasks"].size(), 2u);
  EXPECT_EQ(list_json(ws, {"--topic", "1"})["tasks"].size(), 3u);
  EXPECT_EQ(list_json(ws, {"--status", "done"})["tasks"].size(), 0u);
  const auto table = ws.run({"list"});
  EXPECT_EQ(table.exit_code, 0);
  EXPECT_NE(table.out.find("Research multi-level caching"), std::string::npos);
  EXPECT_NE(table.out.find("5 tasks in 2 topics"), std::string::npos) << table.out;
  const auto csv = ws.run({"list", "--format", "csv"});
  EXPECT_EQ(csv.out.rfind("id,topic_id,topic_number,topic,kind,prompt", 0), 0u);
  EXPECT_NE(
      csv.out.find("\"Research multi-level caching including local, distributed, and CDN caches\""),
      std::string::npos);
}

TEST(ImportTest, ShowAndTaskWorkOnOneTask) {
  Workspace ws;
  ws.write("platform.md", k_doc);
  ASSERT_EQ(ws.run({"import", "platform.md"}).exit_code, 0);
  const std::string id = list_json(ws)["tasks"][1]["id"];
  auto r = ws.run({"task", id, "--status", "in-progress", "--estimate", "2.5"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = ws.run({"show", id});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Analyze invalidation patterns"), std::string::npos);
  EXPECT_NE(r.out.find("in-progress"), std::string::npos);
  EXPECT_NE(
      r.out.find("2.5 h (set by hand; optimistic 1.88 h, pessimistic 3.75 h; the model says 6 h)"),
      std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("Caching Strategies"), std::string::npos);
  r = ws.run({"show", "zzzzzz"});
  EXPECT_EQ(r.exit_code, 65);
  r = ws.run({"task", "zzzzzz", "--status", "done"});
  EXPECT_EQ(r.exit_code, 65);
}

TEST(ImportTest, TaskTakesAThreePointEstimate) {
  Workspace ws;
  ws.write("platform.md", k_doc);
  ASSERT_EQ(ws.run({"import", "platform.md"}).exit_code, 0);
  const std::string id = list_json(ws)["tasks"][1]["id"];
  auto r = ws.run({"task", id, "--estimate", "4-6-12"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("estimate 4-6-12 h"), std::string::npos) << r.out;
  r = ws.run({"show", id});
  EXPECT_NE(r.out.find("6 h (set by hand; optimistic 4 h, pessimistic 12 h;"), std::string::npos)
      << r.out;
  for (const char* bad : {"6-4-12", "4-6", "4--12", "4-6-x", "0-6-12"}) {
    SCOPED_TRACE(bad);
    r = ws.run({"task", id, "--estimate", bad});
    EXPECT_NE(r.exit_code, 0);
    EXPECT_NE(r.err.find("--estimate"), std::string::npos) << r.err;
  }
  r = ws.run({"show", id});  // refused edits left it as it was
  EXPECT_NE(r.out.find("optimistic 4 h, pessimistic 12 h;"), std::string::npos) << r.out;
}

TEST(ImportTest, ForgetArchivesAndReimportRestores) {
  Workspace ws;
  ws.write("platform.md", k_doc);
  ASSERT_EQ(ws.run({"import", "platform.md"}).exit_code, 0);
  auto r = ws.run({"forget", "some/folder/platform.md"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(list_json(ws)["tasks"].size(), 0u);
  r = ws.run({"import", "platform.md"});
  EXPECT_NE(r.out.find("2 restored"), std::string::npos) << r.out;
  EXPECT_EQ(list_json(ws)["tasks"].size(), 5u);
}

TEST(ImportTest, TheSeedDocumentGivesSixteenTopicsOfThreePrompts) {
  const auto seed = seed_document();
  if (seed.empty()) GTEST_SKIP() << "no shared/seeds beside this checkout";
  Workspace ws;
  const auto r = ws.run({"import", seed.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json j = list_json(ws);
  EXPECT_EQ(j["topics"].size(), 16u);
  EXPECT_EQ(j["tasks"].size(), 48u);
}

}  // namespace
}  // namespace rplan::e2e

namespace rplan::e2e {
namespace {

TEST(ReadOnlyTest, AReadOnlyDatabaseStillServesListShowAndExports) {
  Workspace ws;
  ws.write("platform.md", k_doc);
  ASSERT_EQ(
      ws.run({"run", "platform.md", "--assignees", "Ada", "--start", "2026-12-07", "--out", "o"})
          .exit_code,
      0);
  const std::string id = json::parse(slurp(ws.path("o/plan.json")))["tasks"][0]["id"];
  namespace fs = std::filesystem;
  fs::permissions(ws.path("o/rplan.db"),
                  fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  fs::permissions(ws.path("o"), fs::perms::owner_read | fs::perms::owner_exec |
                                    fs::perms::group_read | fs::perms::group_exec |
                                    fs::perms::others_read | fs::perms::others_exec);
  fs::permissions(ws.dir(), fs::perms::all);  // the exports go here
  const std::string before = slurp(ws.path("o/rplan.db"));
  auto r = ws.run_unprivileged({"--db", "o/rplan.db", "list"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("5 tasks"), std::string::npos);
  r = ws.run_unprivileged({"--db", "o/rplan.db", "show", id});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  r = ws.run_unprivileged({"--db", "o/rplan.db", "export", "json", "--out", "ro.json"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(slurp(ws.path("ro.json")), slurp(ws.path("o/plan.json")));
  r = ws.run_unprivileged({"--db", "o/rplan.db", "task", id, "--status", "done"});
  EXPECT_EQ(r.exit_code, 73) << r.err;
  EXPECT_NE(r.err.find("read-only"), std::string::npos) << r.err;
  EXPECT_EQ(slurp(ws.path("o/rplan.db")), before);
  EXPECT_FALSE(fs::exists(ws.path("o/rplan.db-wal")));
}

}  // namespace
}  // namespace rplan::e2e
