// rplan explain ID and rplan plan --explain end to end.

#include <gtest/gtest.h>

#include <map>

#include <nlohmann/json.hpp>

#include "tests/e2e/run_rplan.hpp"

namespace rplan::e2e {
namespace {

const char* k_explain_doc = R"(# Platform

### 1. Caching
**Research Focus**: latency
**Research Prompts**:
- Research Redis and Memcached
- Document caching patterns

### 2. Queues
**Research Prompts**:
- Research Kafka
)";

TEST(ExplainCliTest, SaysWhyATaskStartsWhenItDoes) {
  Workspace ws;
  ws.write("platform.md", k_explain_doc);
  ASSERT_EQ(ws.run({"team", "add", "Ada"}).exit_code, 0);
  ASSERT_EQ(ws.run({"import", "platform.md"}).exit_code, 0);
  Result r = ws.run({"plan", "--explain", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto all = nlohmann::json::parse(r.out);
  ASSERT_EQ(all["tasks"].size(), 3u);
  std::map<std::string, nlohmann::json> by_kind;
  for (const auto& t : all["tasks"]) {
    EXPECT_TRUE(t["start"].is_string());
    by_kind[t["reason"]["kind"]] = t;
  }
  ASSERT_TRUE(by_kind.count("plan_start")) << r.out;
  // The documentation task waits for its topic's research (or for Ada, busy with it).
  r = ws.run({"list", "--format", "json"});
  const auto list = nlohmann::json::parse(r.out)["tasks"];
  const std::string doc_id = list[1]["id"];
  const std::string research_id = list[0]["id"];
  r = ws.run({"explain", doc_id, "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto one = nlohmann::json::parse(r.out);
  EXPECT_EQ(one["id"], doc_id);
  for (const auto& t : all["tasks"]) {
    if (t["id"] == doc_id) {
      EXPECT_EQ(t, one);
    }
  }
  const std::string kind = one["reason"]["kind"];
  EXPECT_TRUE(kind == "dependency" || kind == "person_busy" || kind == "working_time") << kind;
  EXPECT_TRUE(one["reason"].contains("task")) << r.out;
  r = ws.run({"explain", doc_id});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find(doc_id + " starts "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("task " + one["reason"]["task"].get<std::string>()), std::string::npos)
      << r.out;

  // The critical chain: the task that finishes last and what it waited for.
  r = ws.run({"list", "--critical", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto critical = nlohmann::json::parse(r.out)["tasks"];
  ASSERT_FALSE(critical.empty());
  std::string last_id, last_finish;
  for (const auto& t : list) {
    if (t["finish"].get<std::string>() > last_finish) {
      last_finish = t["finish"];
      last_id = t["id"];
    }
  }
  bool has_last = false;
  for (const auto& t : critical) {
    has_last = has_last || t["id"] == last_id;
    EXPECT_EQ(t["critical"], true);
    EXPECT_EQ(t["slack_hours"], 0.0);
  }
  EXPECT_TRUE(has_last) << r.out;
  r = ws.run({"show", last_id});
  EXPECT_NE(r.out.find("Critical:   yes"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Slack:      none"), std::string::npos) << r.out;

  r = ws.run({"explain", "zzzzzz"});
  EXPECT_EQ(r.exit_code, 65);
  // Out of date: refused, and plan --explain says it afresh.
  ASSERT_EQ(ws.run({"task", research_id, "--estimate", "20"}).exit_code, 0);
  r = ws.run({"explain", doc_id});
  EXPECT_EQ(r.exit_code, 65);
  EXPECT_NE(r.err.find("rplan plan --explain"), std::string::npos) << r.err;
  r = ws.run({"plan", "--explain"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Why each task starts when it does:"), std::string::npos) << r.out;
  EXPECT_EQ(ws.run({"plan", "--format", "json"}).exit_code, 2);
}

}  // namespace
}  // namespace rplan::e2e
