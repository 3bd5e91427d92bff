#include "exporters/json_export.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

namespace rplan::exporters {
namespace {

using nlohmann::json;

model::Project sample() {
  model::Project p;
  p.title = "Doc";
  p.topics.push_back({"abcde", "doc.md", 1, "Caching", "Fast reads", {"database"}, 0});
  model::Task planned;
  planned.id = "kq3x9a";
  planned.topic_id = "abcde";
  planned.position = 1;
  planned.kind = model::TaskKind::research;
  planned.prompt = "Research \"Redis\" <and> caches";
  planned.estimate = {7, 5.25, 7, 10.5, false};
  planned.assignee = "Ada";
  const auto day = *util::parse_date("2026-12-07");
  model::WorkBlock b;
  b.date = day;
  b.start_minute = 9 * 60;
  b.minutes = 7 * 60;
  b.utc_start = model::Instant{day} + std::chrono::hours{8};  // Berlin, UTC+1
  b.utc_end = b.utc_start + std::chrono::minutes{b.minutes};
  planned.blocks = {b};
  planned.start = b.utc_start;
  planned.finish = b.utc_end;
  p.tasks.push_back(planned);
  model::Task open;
  open.id = "mzz0b2";
  open.topic_id = "abcde";
  open.position = 2;
  open.kind = model::TaskKind::documentation;
  open.prompt = "Document it";
  open.estimate = {4, 3, 4, 6, false};
  open.after = open.depends_on = {"kq3x9a"};
  p.tasks.push_back(open);
  model::Assignee ada;
  ada.name = "Ada";
  ada.timezone = "Europe/Berlin";
  p.team.push_back(ada);
  p.time_off.push_back({"Ada", day + std::chrono::days{7}, day + std::chrono::days{11}, "trip"});
  p.holidays.push_back({day + std::chrono::days{18}, "Christmas"});
  p.plan.exists = true;
  p.plan.start = day;
  p.plan.finish = day;
  p.plan.created_at = *util::parse_rfc3339("2026-12-01T10:00:00Z");
  p.plan.total_hours = 11;
  return p;
}

std::string write(const model::Project& p, JsonDocument which) {
  std::ostringstream out;
  write_json(p, which, out);
  return out.str();
}

TEST(JsonExportTest, WritesThePlanShapeWithLocalOffsets) {
  const json j = json::parse(write(sample(), JsonDocument::plan));
  EXPECT_EQ(j["format"], "rplan-plan");
  EXPECT_EQ(j["version"], 1);
  EXPECT_EQ(j["generated_at"], "2026-12-01T10:00:00+00:00");
  EXPECT_EQ(j["plan"]["start"], "2026-12-07");
  EXPECT_EQ(j["assignees"][0]["day_start"], "09:00");
  EXPECT_EQ(j["assignees"][0]["workdays"], json({"mon", "tue", "wed", "thu", "fri"}));
  EXPECT_EQ(j["assignees"][0]["time_off"][0]["from"], "2026-12-14");
  EXPECT_EQ(j["holidays"][0]["name"], "Christmas");
  const json& t = j["tasks"][0];
  EXPECT_EQ(t["topic"], "abcde");
  EXPECT_EQ(t["prompt"], "Research \"Redis\" <and> caches");
  EXPECT_EQ(t["start"], "2026-12-07T09:00:00+01:00");
  EXPECT_EQ(t["finish"], "2026-12-07T16:00:00+01:00");
  EXPECT_EQ(t["blocks"][0], json({{"date", "2026-12-07"}, {"start", "09:00"}, {"hours", 7.0}}));
}

TEST(JsonExportTest, UnplannedTasksHaveNullsAndNoBlocks) {
  const json j = json::parse(write(sample(), JsonDocument::listing));
  EXPECT_FALSE(j.contains("format"));
  ASSERT_EQ(j["tasks"].size(), 2u);
  const json& t = j["tasks"][1];
  EXPECT_TRUE(t["assignee"].is_null());
  EXPECT_TRUE(t["start"].is_null());
  EXPECT_TRUE(t["finish"].is_null());
  EXPECT_TRUE(t["blocks"].empty());
  EXPECT_EQ(t["depends_on"], json({"kq3x9a"}));
}

TEST(JsonExportTest, TheSameProjectGivesTheSameBytes) {
  EXPECT_EQ(write(sample(), JsonDocument::plan), write(sample(), JsonDocument::plan));
}

TEST(JsonExportTest, WritesOneTaskPerLine) {
  const std::string text = write(sample(), JsonDocument::plan);
  EXPECT_NE(text.find("\n{\"assignee\":\"Ada\""), std::string::npos) << text;
}

}  // namespace
}  // namespace rplan::exporters
