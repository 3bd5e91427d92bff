// What `rplan import` says it did: every task whose text changed, and a
// warning for each change that may lose or misplace work.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "run_rplan.hpp"

namespace rplan::e2e {
namespace {

using nlohmann::json;

const char* k_report_doc = R"(# Platform research

### 1. Caching Strategies
**Research Prompts**:
- Research multi-level caching including local, distributed, and CDN caches
- Analyze invalidation patterns
- Document the caching guide

### 2. Message Queues
**Research Prompts**:
- Research brokers
- Document delivery guarantees
)";

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

// Imports k_report_doc; returns the task ids in list order.
std::vector<std::string> import_doc(const Workspace& ws) {
  ws.write("platform.md", k_report_doc);
  EXPECT_EQ(ws.run({"import", "platform.md"}).exit_code, 0);
  const auto r = ws.run({"list", "--format", "json"});
  std::vector<std::string> ids;
  const json listed = json::parse(r.out);
  for (const auto& t : listed["tasks"]) ids.push_back(t["id"]);
  return ids;
}

TEST(ImportReportTest, NamesEachTaskWhoseTextChangedOldAndNewShortened) {
  Workspace ws;
  const auto ids = import_doc(ws);
  std::string edited = replaced(k_report_doc, "- Analyze invalidation patterns",
                                "- Analyze cache invalidation patterns");
  edited = replaced(edited, "- Research multi-level caching including local, distributed, and CDN",
                    "- Research multi-level caching including local, distributed, edge and CDN");
  ws.write("platform.md", edited);
  auto r = ws.run({"import", "platform.md"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "platform.md: 0 added, 2 updated, 3 unchanged, 0 removed\n"
            "  updated  " +
                ids[0] +
                "  \"\u2026distributed, and CDN caches\" \u2192 "
                "\"\u2026distributed, edge and CDN caches\"\n"
                "  updated  " +
                ids[1] +
                "  \"Analyze invalidation patterns\" \u2192 \"Analyze cache invalidation "
                "patterns\"\n");
  // A long prompt is shortened to 60 characters.
  ws.write("platform.md", replaced(edited, "- Document the caching guide",
                                   "- Document the caching guide for every team that runs a "
                                   "service with a cache in front of a database"));
  r = ws.run({"import", "platform.md"});
  EXPECT_TRUE(has(r.out, "  updated  " + ids[2] +
                             "  \"Document the caching guide\" \u2192 \"Document the caching "
                             "guide for every team that runs a servi\u2026\"\n"))
      << r.out;
  EXPECT_EQ(r.err, "");  // open tasks: nothing inherited, nothing to warn about
}

TEST(ImportReportTest, WarnsWhenADoneTaskIsPairedWithAPromptOfAnotherMeaning) {
  Workspace ws;
  const auto ids = import_doc(ws);
  ASSERT_EQ(ws.run({"task", ids[3], "--status", "done"}).exit_code, 0);
  ASSERT_EQ(ws.run({"task", ids[1], "--status", "in-progress"}).exit_code, 0);
  // Other work in place of the done prompt; a rewording of the one in progress.
  std::string edited =
      replaced(k_report_doc, "- Research brokers", "- Compare Kafka and Pulsar throughput");
  edited = replaced(edited, "- Analyze invalidation patterns", "- Analyze invalidation strategies");
  ws.write("platform.md", edited);
  const auto r = ws.run({"import", "platform.md"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "platform.md: warning: task " + ids[3] +
                       " (done) was paired by its position with a prompt of another meaning "
                       "(\"Research brokers\" \u2192 \"Compare Kafka and Pulsar throughput\") and "
                       "keeps its status done; if the prompt is new work, reopen the task with "
                       "rplan task " +
                       ids[3] + " --status open\n");
  // It did keep it (the identity rules are unchanged): the warning says so.
  const auto shown = ws.run({"show", ids[3]});
  EXPECT_TRUE(has(shown.out, "Compare Kafka and Pulsar throughput")) << shown.out;
  EXPECT_TRUE(has(shown.out, "Status:     done")) << shown.out;
}

TEST(ImportReportTest, WarnsWhenATopicWithWorkIsArchivedAndSaysHowToBringItBack) {
  Workspace ws;
  const auto ids = import_doc(ws);
  ASSERT_EQ(ws.run({"task", ids[0], "--status", "done"}).exit_code, 0);
  ASSERT_EQ(ws.run({"task", ids[1], "--status", "in-progress"}).exit_code, 0);
  ws.write("platform.md", replaced(k_report_doc, "### 1. Caching Strategies", "### 1. Caching"));
  auto r = ws.run({"import", "platform.md"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(has(r.out, "3 added, 0 updated, 2 unchanged, 3 removed (topics: 1 new, 1 archived)"))
      << r.out;
  EXPECT_TRUE(has(r.err, "platform.md: warning: topic \"Caching Strategies\" (")) << r.err;
  EXPECT_TRUE(has(r.err,
                  ") was archived with 1 done task and 1 in-progress task (its heading was renamed "
                  "to \"Caching\", which is a new topic with new tasks); to bring it back with its "
                  "work, restore the heading \"Caching Strategies\" in platform.md and import it "
                  "again\n"))
      << r.err;
  // Doing so brings the work back.
  ws.write("platform.md", k_report_doc);
  r = ws.run({"import", "platform.md"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(has(r.out, "topics: 1 archived, 1 restored")) << r.out;
  EXPECT_EQ(r.err, "");  // the archived "Caching" had no work
  EXPECT_TRUE(has(ws.run({"show", ids[0]}).out, "Status:     done"));
  // A topic whose heading is gone, with no new topic like it.
  ASSERT_EQ(ws.run({"task", ids[3], "--status", "in-progress"}).exit_code, 0);
  std::string without = k_report_doc;
  without.erase(without.find("### 2. Message Queues"));
  ws.write("platform.md", without);
  r = ws.run({"import", "platform.md"});
  EXPECT_TRUE(has(r.err, "was archived with 1 in-progress task (its heading is gone or renamed)"))
      << r.err;
}

TEST(ImportReportTest, WarnsWhenADocumentNameWasImportedFromAnotherFolder) {
  Workspace ws;
  ws.write("team-a/platform.md", k_report_doc);
  ws.write("team-b/platform.md",
           replaced(k_report_doc, "- Research brokers", "- Research streams"));
  ASSERT_EQ(ws.run({"import", "team-a/platform.md"}).exit_code, 0);
  auto r = ws.run({"import", "team-a/platform.md"});
  EXPECT_EQ(r.err, "");  // the same folder again
  r = ws.run({"import", "team-b/platform.md"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string folder = ws.path("team-a").string();
  EXPECT_EQ(r.err, "platform.md: warning: a document named platform.md was imported before from " +
                       folder +
                       "; rplan knows a document by its file name, so this one replaced it. If "
                       "they are different documents, import " +
                       folder +
                       "/platform.md again to bring the first one back, and rename this one\n");
  // The folder of the last import is the one remembered.
  r = ws.run({"import", "team-b/platform.md"});
  EXPECT_EQ(r.err, "");
}

}  // namespace
}  // namespace rplan::e2e
