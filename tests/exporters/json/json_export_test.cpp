#include "exporters/json_export.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/support/project_builder.hpp"

namespace rplan::exporters {
namespace {

using nlohmann::json;

model::Project sample() {
  using model::TaskKind;
  return rplan::testing::ProjectBuilder("Doc")
      .person("Ada", "Europe/Berlin")
      .time_off("Ada", "2026-12-14", "2026-12-18", "trip")
      .holiday("2026-12-25", "Christmas")
      .document("doc.md")
      .topic("abcde", "Caching")
      .number(1)
      .focus("Fast reads")
      .skills({"database"})
      .task("kq3x9a", TaskKind::research, "Research \"Redis\" <and> caches", 7)
      .estimate({7, 5.25, 7, 10.5, false})
      .planned("Ada", {rplan::testing::block("Europe/Berlin", "2026-12-07", "09:00", 420)})
      .task("mzz0b2", TaskKind::documentation, "Document it", 4)
      .estimate({4, 3, 4, 6, false})
      .after({"kq3x9a"})
      .plan("2026-12-07", "2026-12-07")
      .created_at("2026-12-01T10:00:00Z")
      .total_hours(11)
      .build();
}

std::string write(const model::Project& p, JsonDocument which) {
  std::ostringstream out;
  write_json(p, which, out);
  return out.str();
}

// What the export wrote when it built an nlohmann::json per task: the oracle
// for append_task_json, which writes the same bytes without one.
json reference_task_json(const model::Task& t, double minimum, const model::TaskSlack& slack) {
  const bool done = t.status == model::TaskStatus::done;
  json j;
  j["id"] = t.id;
  j["topic"] = t.topic_id;
  j["position"] = t.position;
  j["kind"] = model::to_string(t.kind);
  j["prompt"] = t.prompt;
  j["estimate_hours"] = t.estimate.hours;
  j["estimate"] = {{"optimistic", t.estimate.optimistic},
                   {"likely", t.estimate.likely},
                   {"pessimistic", t.estimate.pessimistic},
                   {"manual", t.estimate.manual}};
  j["status"] = model::to_string(t.status);
  j["pinned_assignee"] = t.pinned_assignee.empty() ? json(nullptr) : json(t.pinned_assignee);
  j["assignee"] = t.planned() || (done && !t.assignee.empty()) ? json(t.assignee) : json(nullptr);
  j["depends_on"] = t.depends_on;
  j["start"] = !t.blocks.empty()   ? json(util::format_rfc3339(t.blocks.front().utc_start,
                                                               t.blocks.front().utc_offset_minutes()))
               : done && t.done_at ? json(util::format_rfc3339(*t.done_at, 0))
                                   : json(nullptr);
  j["finish"] = done && t.done_at
                    ? json(util::format_rfc3339(
                          *t.done_at, t.blocks.empty() ? 0 : t.blocks.back().utc_offset_minutes()))
                : t.blocks.empty()
                    ? json(nullptr)
                    : json(util::format_rfc3339(t.blocks.back().utc_end,
                                                t.blocks.back().utc_offset_minutes()));
  j["remaining_hours"] = model::remaining_hours(t, minimum);
  j["slipped"] = t.slipped;
  j["critical"] = slack.critical();
  j["slack_hours"] = slack.minutes ? json(slack.hours()) : json(nullptr);
  j["spent_hours"] = t.spent_hours;
  j["done_at"] = t.done_at ? json(util::format_rfc3339(*t.done_at, 0)) : json(nullptr);
  j["done_by"] = t.done_by.empty() ? json(nullptr) : json(t.done_by);
  j["blocks"] = json::array();
  for (const auto& b : t.blocks) {
    json block = {{"date", util::format_date(b.date)},
                  {"start", util::format_clock(b.start_minute)},
                  {"hours", b.hours()},
                  {"state", b.history ? "history" : "planned"}};
    if (!b.assignee.empty()) block["assignee"] = b.assignee;
    j["blocks"].push_back(std::move(block));
  }
  return j;
}

TEST(JsonExportTest, ATaskLineIsWhatNlohmannWouldDump) {
  std::vector<model::Task> tasks = sample().tasks;
  model::Task odd = tasks[0];
  odd.prompt = "Ünïcode 日本 🚀, \"quotes\", back\\slash, tab\t, line\nbreak, bell\x07, del\x7f";
  odd.assignee = "Zoë Müller";
  odd.pinned_assignee = "Zoë Müller";
  odd.status = model::TaskStatus::done;
  odd.estimate = {2.6666666666666665, 1e-7, 123456.789, 1e15, true};
  odd.spent_hours = 7.3333333333333333;
  odd.done_at = *util::parse_rfc3339("2026-12-08T16:30:00+01:00");
  odd.done_by = "Zoë Müller";
  odd.depends_on = {"a", "b\"c", ""};
  for (const int minutes : {1, 20, 45, 59, 61, 600, 1439}) {
    model::WorkBlock b = odd.blocks.front();
    b.history = minutes < 100;
    if (minutes == 45) b.assignee = "Grace \"G\" Hopper";
    b.minutes = minutes;
    b.start_minute = minutes % 1440;
    b.utc_start -= std::chrono::hours{13};  // a far offset
    b.utc_end = b.utc_start + std::chrono::minutes{minutes};
    odd.blocks.push_back(b);
  }
  tasks.push_back(odd);
  model::Task empty;
  tasks.push_back(empty);
  model::Task zero = empty;
  zero.estimate = {-0.0, 0.0, -0.25, 0.5, true};
  tasks.push_back(zero);
  for (int quarters = 0; quarters <= 4'000; quarters += 7) {  // every estimate a quarter hour
    model::Task q = tasks[1];
    q.estimate = {quarters / 4.0, quarters / 8.0, quarters / 4.0, quarters * 0.375, false};
    q.spent_hours = quarters / 8.0;
    tasks.push_back(q);
  }
  model::Task slipped = tasks[1];
  slipped.slipped = true;
  slipped.status = model::TaskStatus::in_progress;
  slipped.spent_hours = 40;  // past its estimate: the minimum is left
  tasks.push_back(slipped);
  model::Task done_early = tasks[1];  // done before any of its planned work
  done_early.status = model::TaskStatus::done;
  done_early.blocks.clear();
  done_early.done_at = *util::parse_rfc3339("2026-12-08T09:15:00+00:00");
  tasks.push_back(done_early);
  const std::vector<model::TaskSlack> slacks = {{}, {0}, {90}, {10}, {61 * 60}};
  for (const double minimum : {1.0, 0.75}) {
    for (const auto& t : tasks) {
      for (const auto& slack : slacks) {
        std::string line;
        append_task_json(line, t, minimum, slack);
        EXPECT_EQ(line, reference_task_json(t, minimum, slack).dump()) << t.prompt;
      }
    }
  }
}

// The forecast kept with the plan, or null; the S-curve's points from its runs.
TEST(JsonExportTest, ForecastSectionWhenOneWasKeptWithThePlan) {
  model::Project p = sample();
  EXPECT_TRUE(json::parse(write(p, JsonDocument::plan))["forecast"].is_null());
  EXPECT_FALSE(json::parse(write(p, JsonDocument::listing)).contains("forecast"));
  model::Forecast f;
  f.runs = 4;
  f.seed = 9;
  f.planned = *util::parse_date("2026-12-11");
  f.finishes = {*util::parse_date("2026-12-11"), *util::parse_date("2026-12-14"),
                *util::parse_date("2026-12-14"), *util::parse_date("2026-12-16")};
  f.plan = {f.finishes[1], f.finishes[3], f.finishes[3]};
  f.topics = {{"tcache", "Caching", f.plan}};
  f.people = {{"Ada", f.plan}};
  f.tasks = {{"k1", "Research", 0.75}};
  p.forecast = f;
  const json j = json::parse(write(p, JsonDocument::plan))["forecast"];
  EXPECT_EQ(j["runs"], 4);
  EXPECT_EQ(j["plan"]["p50"], "2026-12-14");
  EXPECT_EQ(j["topics"][0]["id"], "tcache");
  EXPECT_EQ(j["people"][0]["name"], "Ada");
  EXPECT_EQ(j["tasks"][0]["critical_share"], 0.75);
  EXPECT_EQ(j["distribution"], json::parse(R"([{"date":"2026-12-11","runs":1,"share":0.25},
                            {"date":"2026-12-14","runs":3,"share":0.75},
                            {"date":"2026-12-16","runs":4,"share":1.0}])"));
}

TEST(JsonExportTest, SaysWhetherThePlanIsOutOfDateAndWhy) {
  model::Project p = sample();
  json j = json::parse(write(p, JsonDocument::plan));
  EXPECT_EQ(j["plan"]["stale"], false);
  EXPECT_EQ(j["plan"]["stale_reasons"], json::array());
  p.plan.stale_reasons = {"time off for Ada", "estimates of 2 tasks (kq3x9a, mzz0b2)"};
  j = json::parse(write(p, JsonDocument::plan));
  EXPECT_EQ(j["plan"]["stale"], true);
  EXPECT_EQ(j["plan"]["stale_reasons"],
            json::array({"time off for Ada", "estimates of 2 tasks (kq3x9a, mzz0b2)"}));
}

TEST(JsonExportTest, TasksCarryWhatWasRecorded) {
  model::Project p = sample();
  p.tasks[0].status = model::TaskStatus::done;
  p.tasks[0].spent_hours = 6.5;
  p.tasks[0].done_at = *util::parse_rfc3339("2026-12-07T16:00:00+01:00");
  p.tasks[0].done_by = "Ada";
  const json j = json::parse(write(p, JsonDocument::plan));
  EXPECT_EQ(j["tasks"][0]["spent_hours"], 6.5);
  EXPECT_EQ(j["tasks"][0]["done_at"], "2026-12-07T15:00:00+00:00");
  EXPECT_EQ(j["tasks"][0]["done_by"], "Ada");
  EXPECT_EQ(j["tasks"][1]["spent_hours"], 0.0);
  EXPECT_TRUE(j["tasks"][1]["done_at"].is_null());
  EXPECT_TRUE(j["tasks"][1]["done_by"].is_null());
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
  EXPECT_EQ(
      t["blocks"][0],
      json({{"date", "2026-12-07"}, {"start", "09:00"}, {"hours", 7.0}, {"state", "planned"}}));
}

// What re-planning from now says: when the plan was made from, the slipped
// tasks and those at the minimum, each task's hours left, and which blocks
// are history (worked by whom when it was not the task's assignee). A done
// task keeps its person and finishes when it was done.
TEST(JsonExportTest, CarriesThePlansNowTheWorkLeftAndTheHistory) {
  model::Project p = sample();
  p.plan.now = *util::parse_rfc3339("2026-12-09T11:20:00+00:00");
  p.plan.slipped = {p.tasks[1].id};
  p.plan.at_minimum = {p.tasks[0].id};
  p.plan.minimum_remaining_hours = 0.5;
  p.tasks[0].status = model::TaskStatus::in_progress;
  p.tasks[0].spent_hours = 9;  // past its estimate of 4
  p.tasks[0].blocks[0].history = true;
  p.tasks[0].blocks[0].assignee = "Grace";
  p.tasks[1].slipped = true;
  json j = json::parse(write(p, JsonDocument::plan));
  EXPECT_EQ(j["plan"]["now"], "2026-12-09T11:20:00+00:00");
  EXPECT_EQ(j["plan"]["slipped"], json({p.tasks[1].id}));
  EXPECT_EQ(j["plan"]["at_minimum"], json({p.tasks[0].id}));
  EXPECT_EQ(j["plan"]["minimum_remaining_hours"], 0.5);
  EXPECT_EQ(j["tasks"][0]["remaining_hours"], 0.5);
  EXPECT_EQ(j["tasks"][0]["blocks"][0]["state"], "history");
  EXPECT_EQ(j["tasks"][0]["blocks"][0]["assignee"], "Grace");
  EXPECT_EQ(j["tasks"][0]["slipped"], false);
  EXPECT_EQ(j["tasks"][1]["slipped"], true);
  EXPECT_EQ(j["tasks"][1]["remaining_hours"], p.tasks[1].estimate.hours);

  p.tasks[0].status = model::TaskStatus::done;
  p.tasks[0].done_at = *util::parse_rfc3339("2026-12-08T10:00:00+00:00");
  p.tasks[0].blocks.clear();
  j = json::parse(write(p, JsonDocument::plan));
  EXPECT_EQ(j["tasks"][0]["assignee"], "Ada");
  EXPECT_EQ(j["tasks"][0]["start"], "2026-12-08T10:00:00+00:00");
  EXPECT_EQ(j["tasks"][0]["finish"], "2026-12-08T10:00:00+00:00");
  EXPECT_EQ(j["tasks"][0]["remaining_hours"], 0.0);
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

TEST(JsonExportTest, ABaselineSectionListsItsTasksAndTheChangesSince) {
  const model::Project then = sample();
  model::Project now = sample();
  now.tasks[0].estimate.hours = 9;
  const model::Baseline b = model::make_baseline(then, "week1", then.plan.created_at);
  std::ostringstream out;
  write_json(now, JsonDocument::plan, out, &b);
  const json j = json::parse(out.str());
  EXPECT_EQ(j["baseline"]["name"], "week1");
  EXPECT_EQ(j["baseline"]["finish"], "2026-12-07");
  ASSERT_EQ(j["baseline"]["tasks"].size(), 2u);
  EXPECT_EQ(j["baseline"]["tasks"][0]["estimate_hours"], 7);
  ASSERT_EQ(j["baseline"]["changes"].size(), 1u);
  EXPECT_EQ(j["baseline"]["changes"][0]["id"], "kq3x9a");
  EXPECT_EQ(j["baseline"]["changes"][0]["change"], json::array({"estimate"}));
  EXPECT_FALSE(json::parse(write(now, JsonDocument::plan)).contains("baseline"));
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
