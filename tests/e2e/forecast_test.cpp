// rplan forecast end to end: the JSON shape the issue states, the same bytes
// for one thread and several, and its errors.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>

#include "tests/e2e/run_rplan.hpp"

namespace rplan::e2e {
namespace {

void mixed_team(const Workspace& ws) {
  ws.write("topics.md", slurp(data("topics/ml-ops-topics.md")));
  ASSERT_EQ(ws.run({"team", "add", "Ada", "--timezone", "Europe/Berlin"}).exit_code, 0);
  ASSERT_EQ(
      ws.run({"team", "add", "Grace", "--timezone", "America/New_York", "--hours-per-day", "8"})
          .exit_code,
      0);
  ASSERT_EQ(ws.run({"import", "topics.md"}).exit_code, 0);
}

TEST(ForecastCliTest, JsonHasTheStatedShape) {
  Workspace ws;
  mixed_team(ws);
  const Result r = ws.run({"forecast", "--runs", "200", "--seed", "5", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::ordered_json::parse(r.out);
  std::vector<std::string> keys;
  for (const auto& [k, v] : j.items()) keys.push_back(k);
  EXPECT_EQ(keys, (std::vector<std::string>{"runs", "seed", "plan", "topics", "people", "tasks"}));
  EXPECT_EQ(j["runs"], 200);
  EXPECT_EQ(j["seed"], 5);
  const std::regex date(R"(\d{4}-\d{2}-\d{2})");
  auto check = [&](const nlohmann::ordered_json& p) {
    for (const char* k : {"p50", "p85", "p95"}) {
      ASSERT_TRUE(p[k].is_string());
      EXPECT_TRUE(std::regex_match(p[k].get<std::string>(), date)) << p[k];
    }
    EXPECT_LE(p["p50"].get<std::string>(), p["p85"].get<std::string>());
    EXPECT_LE(p["p85"].get<std::string>(), p["p95"].get<std::string>());
  };
  check(j["plan"]);
  ASSERT_FALSE(j["topics"].empty());
  for (const auto& t : j["topics"]) {
    EXPECT_TRUE(t["id"].is_string());
    check(t);
  }
  ASSERT_EQ(j["people"].size(), 2u);
  EXPECT_EQ(j["people"][0]["name"], "Ada");
  for (const auto& p : j["people"]) check(p);
  const auto list = nlohmann::json::parse(ws.run({"list", "--format", "json"}).out);
  EXPECT_EQ(j["tasks"].size(), list["tasks"].size());
  for (const auto& t : j["tasks"]) {
    EXPECT_TRUE(t["id"].is_string());
    EXPECT_GE(t["critical_share"].get<double>(), 0);
    EXPECT_LE(t["critical_share"].get<double>(), 1);
  }
}

TEST(ForecastCliTest, OneThreadAndSeveralGiveTheSameBytes) {
  Workspace ws;
  mixed_team(ws);
  for (const char* format : {"text", "json"}) {
    const Result one =
        ws.run({"forecast", "--runs", "300", "--seed", "9", "--threads", "1", "--format", format});
    const Result two =
        ws.run({"forecast", "--runs", "300", "--seed", "9", "--threads", "2", "--format", format});
    const Result four =
        ws.run({"forecast", "--runs", "300", "--seed", "9", "--threads", "4", "--format", format});
    ASSERT_EQ(one.exit_code, 0) << one.err;
    EXPECT_EQ(one.out, two.out);
    EXPECT_EQ(one.out, four.out);
  }
  EXPECT_NE(ws.run({"forecast", "--runs", "300", "--seed", "10"}).out,
            ws.run({"forecast", "--runs", "300", "--seed", "9"}).out);
}

TEST(ForecastCliTest, ErrorsNameTheOptionOrTheMissingHistory) {
  Workspace ws;
  mixed_team(ws);
  Result r = ws.run({"forecast", "--runs", "0"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--runs"), std::string::npos) << r.err;
  r = ws.run({"forecast", "--format", "yaml"});
  EXPECT_EQ(r.exit_code, 2);
  r = ws.run({"forecast", "--from-history"});
  EXPECT_EQ(r.exit_code, 65);
  EXPECT_NE(r.err.find("at least 10 finished tasks"), std::string::npos) << r.err;
}

// A forecast is kept with the plan it was made for: the JSON export shows it
// (the same dates as printed) until a new plan makes it stale; a plan out of
// date, no plan, or --no-save keep nothing.
TEST(ForecastCliTest, KeptWithThePlanUntilANewPlan) {
  Workspace ws;
  mixed_team(ws);
  Result r = ws.run({"forecast", "--runs", "100"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("not kept with the plan: there is no plan yet"), std::string::npos) << r.err;
  ASSERT_EQ(ws.run({"plan"}).exit_code, 0);
  auto exported = [&] {
    const Result e = ws.run({"export", "json", "--out", "plan.json"});
    EXPECT_EQ(e.exit_code, 0) << e.err;
    return nlohmann::json::parse(slurp(ws.path("plan.json")));
  };
  EXPECT_TRUE(exported()["forecast"].is_null());
  r = ws.run({"forecast", "--runs", "100", "--seed", "3", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("kept with the plan"), std::string::npos) << r.err;
  const auto printed = nlohmann::json::parse(r.out);
  auto f = exported()["forecast"];
  ASSERT_TRUE(f.is_object());
  EXPECT_EQ(f["runs"], 100);
  EXPECT_EQ(f["seed"], 3);
  EXPECT_EQ(f["plan"], printed["plan"]);
  ASSERT_EQ(f["topics"].size(), printed["topics"].size());
  for (std::size_t i = 0; i < f["topics"].size(); ++i) {
    EXPECT_EQ(f["topics"][i]["id"], printed["topics"][i]["id"]);
    EXPECT_EQ(f["topics"][i]["p85"], printed["topics"][i]["p85"]);
  }
  ASSERT_EQ(f["tasks"].size(), printed["tasks"].size());
  // The S-curve: cumulative runs by date, rising to all of them; P50 is
  // the first date with half the runs.
  const auto& curve = f["distribution"];
  ASSERT_FALSE(curve.empty());
  EXPECT_EQ(curve.back()["runs"], 100);
  EXPECT_EQ(curve.back()["share"], 1.0);
  std::string p50;
  for (std::size_t i = 0; i < curve.size(); ++i) {
    if (i > 0) {
      EXPECT_GT(curve[i]["runs"].get<int>(), curve[i - 1]["runs"].get<int>());
      EXPECT_GT(curve[i]["date"].get<std::string>(), curve[i - 1]["date"].get<std::string>());
    }
    if (p50.empty() && curve[i]["runs"].get<int>() >= 50) p50 = curve[i]["date"];
  }
  EXPECT_EQ(p50, printed["plan"]["p50"]);

  // --no-save keeps the one kept before.
  r = ws.run({"forecast", "--runs", "50", "--no-save"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err.find("kept"), std::string::npos) << r.err;
  EXPECT_EQ(exported()["forecast"]["runs"], 100);
  // Out of date: not kept (the one kept stays with its plan).
  const std::string task = printed["tasks"][0]["id"];
  ASSERT_EQ(ws.run({"task", task, "--estimate", "20"}).exit_code, 0);
  r = ws.run({"forecast", "--runs", "50"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("not kept with the plan: the plan is out of date"), std::string::npos)
      << r.err;
  EXPECT_EQ(exported()["forecast"]["runs"], 100);
  // A new plan: the forecast is stale and no longer exported.
  ASSERT_EQ(ws.run({"plan"}).exit_code, 0);
  EXPECT_TRUE(exported()["forecast"].is_null());
}

}  // namespace
}  // namespace rplan::e2e
