// `rplan diff`'s writer: a small fixed case against golden files (text and
// Markdown), its JSON read back, and what an empty diff says.
//
// Golden files live in tests/golden/diff/. After an intended change of the
// output, regenerate them and review the difference:
//   RPLAN_UPDATE_GOLDEN=1 ctest -R DiffExportTest

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "exporters/diff_export.hpp"
#include "planner/model/baseline.hpp"
#include "planner/model/plan_diff.hpp"
#include "tests/support/files.hpp"
#include "tests/support/project_builder.hpp"

namespace rplan::exporters {
namespace {

namespace fs = std::filesystem;
using model::TaskKind;
using model::TaskStatus;
using rplan::testing::block;
using rplan::testing::ProjectBuilder;

// Last week's plan: Ada and Grace, two topics.
model::Project then_plan() {
  return ProjectBuilder("Backend research")
      .person("Ada", "Europe/Berlin")
      .person("Grace", "America/New_York")
      .topic("tcache", "Caching")
      .task("c1", TaskKind::research, "Research Redis | Memcached", 6)
      .planned("Ada", {block("Europe/Berlin", "2027-01-04", "09:00", 360)})
      .task("c2", TaskKind::analysis, "Compare eviction *policies*", 6)
      .planned("Grace", {block("America/New_York", "2027-01-04", "09:00", 360)})
      .task("c3", TaskKind::documentation, "Document the cache", 4)
      .planned("Ada", {block("Europe/Berlin", "2027-01-05", "09:00", 240)})
      .topic("tqueue", "Queues")
      .task("q1", TaskKind::research, "Research Kafka", 8)
      .planned("Grace", {block("America/New_York", "2027-01-05", "09:00", 360),
                         block("America/New_York", "2027-01-06", "09:00", 120)})
      .task("q2", TaskKind::other, "Benchmark brokers", 6)
      .planned("Ada", {block("Europe/Berlin", "2027-01-06", "09:00", 360)})
      .plan("2027-01-04", "2027-01-06")
      .created_at("2027-01-04T07:00:00Z")
      .total_hours(30)
      .build();
}

// This week's: c1 done, c2 went to Ada and slipped, c3 estimated longer, q2
// removed, q3 added; Queues finishes later.
model::Project now_plan() {
  return ProjectBuilder("Backend research")
      .person("Ada", "Europe/Berlin")
      .person("Grace", "America/New_York")
      .topic("tcache", "Caching")
      .task("c1", TaskKind::research, "Research Redis | Memcached", 6)
      .planned("Ada", {block("Europe/Berlin", "2027-01-04", "09:00", 360)})
      .status(TaskStatus::done)
      .task("c2", TaskKind::analysis, "Compare eviction *policies*", 6)
      .planned("Ada", {block("Europe/Berlin", "2027-01-07", "09:00", 360)})
      .task("c3", TaskKind::documentation, "Document the cache", 6)
      .planned("Ada", {block("Europe/Berlin", "2027-01-08", "09:00", 360)})
      .topic("tqueue", "Queues")
      .task("q1", TaskKind::research, "Research Kafka", 8)
      .planned("Grace", {block("America/New_York", "2027-01-05", "09:00", 360),
                         block("America/New_York", "2027-01-06", "09:00", 120)})
      .task("q3", TaskKind::research, "Research Pulsar", 4)
      .planned("Grace", {block("America/New_York", "2027-01-11", "09:00", 240)})
      .plan("2027-01-07", "2027-01-11")
      .created_at("2027-01-07T07:00:00Z")
      .total_hours(20)
      .build();
}

// The diff of the fixed case (it refers to its baseline and plan, kept here).
const model::PlanDiff& fixed_diff() {
  static const model::Baseline b = model::make_baseline(
      then_plan(), "last-week", rplan::testing::instant("2027-01-04T08:00:00Z"));
  static const model::Project now = now_plan();
  static const model::PlanDiff d = model::diff_plans(b, now);
  return d;
}

std::string written(const model::PlanDiff& d, DiffFormat format) {
  std::ostringstream out;
  write_diff(d, format, out);
  return out.str();
}

void expect_golden(const std::string& actual, const std::string& name) {
  const fs::path golden = fs::path(RPLAN_SOURCE_DIR) / "tests/golden/diff" / name;
  if (const char* update = std::getenv("RPLAN_UPDATE_GOLDEN"); update && *update) {
    fs::create_directories(golden.parent_path());
    std::ofstream(golden, std::ios::binary) << actual;
  }
  ASSERT_TRUE(fs::exists(golden)) << golden << " is missing; run with RPLAN_UPDATE_GOLDEN=1";
  EXPECT_EQ(rplan::testing::slurp(golden), actual)
      << "differs from " << golden << "; if intended, RPLAN_UPDATE_GOLDEN=1";
}

TEST(DiffExportTest, TextMatchesGolden) {
  expect_golden(written(fixed_diff(), DiffFormat::text), "week.txt");
}

TEST(DiffExportTest, MarkdownMatchesGolden) {
  expect_golden(written(fixed_diff(), DiffFormat::markdown), "week.md");
}

TEST(DiffExportTest, JsonNamesEachChangedTaskWithItsChanges) {
  const auto j = nlohmann::json::parse(written(fixed_diff(), DiffFormat::json));
  EXPECT_EQ(j["format"], "rplan-diff");
  EXPECT_EQ(j["baseline"]["name"], "last-week");
  EXPECT_EQ(j["baseline"]["finish"], "2027-01-06");
  EXPECT_EQ(j["plan"]["finish"], "2027-01-11");
  EXPECT_EQ(j["finish_days"], 3);  // Thu, Fri, Mon
  std::map<std::string, std::vector<std::string>> changes;
  for (const auto& t : j["tasks"]) changes[t["id"]] = t["change"];
  const std::map<std::string, std::vector<std::string>> expected = {{"c1", {"done"}},
                                                                    {"c2", {"reassigned", "moved"}},
                                                                    {"c3", {"estimate", "moved"}},
                                                                    {"q2", {"removed"}},
                                                                    {"q3", {"added"}}};
  EXPECT_EQ(changes, expected);
  for (const auto& t : j["tasks"]) {
    if (t["id"] == "c2") {
      EXPECT_EQ(t["then"]["assignee"], "Grace");
      EXPECT_EQ(t["now"]["assignee"], "Ada");
      EXPECT_EQ(t["finish_days"], 3);
    }
    if (t["id"] == "q2") {
      EXPECT_TRUE(t["now"].is_null());
    }
    if (t["id"] == "q3") {
      EXPECT_TRUE(t["then"].is_null());
    }
  }
  ASSERT_EQ(j["topics"].size(), 2u);
  EXPECT_EQ(j["topics"][1]["title"], "Queues");
  EXPECT_EQ(j["topics"][1]["days"], 3);
}

TEST(DiffExportTest, APlanDiffedWithItselfSaysNothingChanged) {
  const model::Project p = now_plan();
  const model::Baseline same = model::make_baseline(p, "same", p.plan.created_at);
  const auto d = model::diff_plans(same, p);
  EXPECT_TRUE(d.empty());
  EXPECT_NE(written(d, DiffFormat::text).find("No changes"), std::string::npos);
  EXPECT_NE(written(d, DiffFormat::markdown).find("No changes"), std::string::npos);
  const auto j = nlohmann::json::parse(written(d, DiffFormat::json));
  EXPECT_TRUE(j["tasks"].empty());
  EXPECT_TRUE(j["topics"].empty());
  EXPECT_TRUE(j["people"].empty());
}

TEST(DiffExportTest, ChangeSidesSayWhatEachChangeWasAndIs) {
  const model::PlanDiff d = fixed_diff();
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> sides;
  for (const auto& c : d.tasks) {
    for (const auto kind : c.kinds) {
      const ChangeSides s = change_sides(c, kind);
      sides[std::string(c.id)].emplace_back(s.from, s.to);
    }
  }
  using Sides = std::vector<std::pair<std::string, std::string>>;
  EXPECT_EQ(sides["c1"], (Sides{{"open", "done"}}));
  EXPECT_EQ(sides["c2"],
            (Sides{{"Grace", "Ada"}, {"2027-01-04 to 2027-01-04", "2027-01-07 to 2027-01-07"}}));
  EXPECT_EQ(sides["c3"],
            (Sides{{"4 h", "6 h"}, {"2027-01-05 to 2027-01-05", "2027-01-08 to 2027-01-08"}}));
  EXPECT_EQ(sides["q3"], (Sides{{"", "Grace, 2027-01-11 to 2027-01-11, 4 h"}}));
  EXPECT_EQ(sides["q2"], (Sides{{"Ada, 2027-01-06 to 2027-01-06, 6 h", ""}}));
}

}  // namespace
}  // namespace rplan::exporters
