// Structure tests of the HTML report on hand-built projects: what the document
// contains, what it must never contain, and how it grows.
#include "exporters/html_export.hpp"

#include <gtest/gtest.h>

#include "planner/model/workload.hpp"
#include "planner/util/text.hpp"

#include <algorithm>
#include <cctype>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "planner/model/slack.hpp"
#include "planner/util/text.hpp"
#include "tests/support/project_builder.hpp"

namespace rplan::exporters {
namespace {

using model::Date;
using model::TaskKind;
using rplan::testing::block;
using rplan::testing::day;
using rplan::testing::ProjectBuilder;
using std::chrono::days;

// Plan Mon 2026-12-07 .. Fri 2026-12-11, Thursday a holiday. Ada works
// mon-fri 6 h, Bob mon-thu 8 h and is off on Tuesday. A done task of an
// earlier plan sits on Friday 2026-12-04, before the plan.
model::Project sample() {
  model::Assignee bob = rplan::testing::person("Bob <admin>");
  bob.hours_per_day = 8;
  bob.workdays = {true, true, true, true, false, false, false};
  return ProjectBuilder("Plan <b>&</b> \"co\"")
      .person("Ada")
      .person(bob)
      .holiday("2026-12-10", "Founders' <Day>")
      .time_off("Bob <admin>", "2026-12-08", "2026-12-08", "dentist")
      .topic("tcache", "Caching")
      .number(1)
      .focus("Fast & <cheap>")
      .task("k1", TaskKind::other, "Research caches", 6)
      .planned("Ada", {block("UTC", "2026-12-07", "09:00", 360)})
      .task("k2", TaskKind::other, "Document caches", 10)
      .planned("Bob <admin>",
               {block("UTC", "2026-12-07", "09:00", 480), block("UTC", "2026-12-09", "09:00", 120)})
      .depends_on({"k1"})
      .topic("tqueue", "Queues <script>alert(1)</script>")
      .number(2)
      .task("k3", TaskKind::other, "<script>alert('x')</script> & more", 4)
      .planned("Ada", {block("UTC", "2026-12-04", "09:00", 240)})
      .status(model::TaskStatus::done)
      .task("k4", TaskKind::other, "Nobody can do this", 6)
      .unassigned()
      .task("k5", TaskKind::other, "Analyze queues", 3)
      .planned("Ada", {block("UTC", "2026-12-11", "09:00", 180)})
      .plan("2026-12-07", "2026-12-11")
      .total_hours(25)
      .created_at("2026-12-01T10:00:00Z")
      .build();
}

std::string report(const model::Project& p, Date today = day("2026-11-01")) {
  std::ostringstream out;
  write_html_report(p, today, out);
  return out.str();
}

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// Values of attribute `name` (name="...") anywhere in the document.
std::vector<std::string> attribute_values(const std::string& html, const std::string& name) {
  std::vector<std::string> values;
  const std::regex re("\\s" + name + "=\"([^\"]*)\"");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), re); it != std::sregex_iterator();
       ++it) {
    values.push_back((*it)[1]);
  }
  return values;
}

TEST(HtmlExportTest, EscapesAllFiveCharactersAndDropsControls) {
  EXPECT_EQ(html_escape("a & b < c > d \" e ' f"), "a &amp; b &lt; c &gt; d &quot; e &#39; f");
  EXPECT_EQ(html_escape(std::string("x\x01y\tz\n\x1f")), "xy\tz\n");
  EXPECT_EQ(html_escape("Zoë 🛰️ 東京"), "Zoë 🛰️ 東京");
}

TEST(HtmlExportTest, IsOneDocument) {
  const std::string html = report(sample());
  EXPECT_EQ(html.rfind("<!DOCTYPE html>\n<html lang=\"en\">", 0), 0u);
  EXPECT_EQ(html.substr(html.size() - 8), "</html>\n");
  EXPECT_EQ(count(html, "<svg"), count(html, "</svg>"));
  EXPECT_EQ(count(html, "<svg"), 3u);  // the Gantt, the workload chart and the burn-up
  EXPECT_EQ(count(html, "<g ") + count(html, "<g>"), count(html, "</g>"));
  EXPECT_EQ(count(html, "<section"), count(html, "</section>"));
  EXPECT_EQ(count(html, "<table"), count(html, "</table>"));
  EXPECT_EQ(count(html, "<tr>") + count(html, "<tr "), count(html, "</tr>"));
  for (const char* id : {"summary", "schedule", "workload", "load", "topics"}) {
    EXPECT_NE(html.find("<section id=\"" + std::string(id) + "\">"), std::string::npos) << id;
  }
}

TEST(HtmlExportTest, OneBarPerTaskCarryingItsId) {
  const model::Project p = sample();
  const std::string html = report(p);
  const auto ids = attribute_values(html, "data-task");
  ASSERT_EQ(ids.size(), p.tasks.size());
  for (const auto& t : p.tasks) {
    SCOPED_TRACE(t.id);
    EXPECT_EQ(std::count(ids.begin(), ids.end(), t.id), 1);
  }
  EXPECT_TRUE(attribute_values(html, "data-topic").empty());
  // The task nobody can take still has its row.
  EXPECT_NE(html.find("<g class=\"task unplanned\" data-task=\"k4\">"), std::string::npos);
  // Done work is drawn, faded.
  EXPECT_NE(html.find("<g class=\"task c0 done\" data-task=\"k3\">"), std::string::npos);
}

// A task done before any of its planned work keeps no block: it is drawn as
// done by its person, not as a task nobody could take.
TEST(HtmlExportTest, ATaskDoneBeforeItsPlannedWorkIsDoneNotUnplanned) {
  model::Project p = sample();
  model::Task& done = p.tasks[2];
  ASSERT_EQ(done.id, "k3");
  done.blocks.clear();
  done.status = model::TaskStatus::done;
  const std::string html = report(p);
  EXPECT_NE(html.find("<g class=\"task done\" data-task=\"k3\">"), std::string::npos);
  EXPECT_EQ(html.find("<g class=\"task unplanned\" data-task=\"k3\">"), std::string::npos);
  EXPECT_NE(html.find(">done by " + done.assignee + " \u2713</text>"), std::string::npos);
}

TEST(HtmlExportTest, BarsAreColouredByPersonInTeamOrderWithALegend) {
  const std::string html = report(sample());
  EXPECT_NE(html.find("<g class=\"task c0"), std::string::npos);
  EXPECT_NE(html.find("\" data-task=\"k1\""), std::string::npos);
  EXPECT_NE(html.find("<g class=\"task c1"), std::string::npos);
  EXPECT_NE(html.find("\" data-task=\"k2\""), std::string::npos);
  EXPECT_NE(html.find("<ul class=\"legend\"><li><span class=\"sw c0\"></span>Ada</li>"
                      "<li><span class=\"sw c1\"></span>Bob &lt;admin&gt;</li></ul>"),
            std::string::npos);
}

// The task that ends the plan is on the critical chain: its bar is
// outlined; every bar with planned work carries its slack.
TEST(HtmlExportTest, CriticalBarsAreOutlinedAndBarsSayTheirSlack) {
  const model::Project p = sample();
  const std::string html = report(p);
  const auto slack = model::plan_slack(p);
  ASSERT_EQ(p.tasks[4].id, "k5");
  ASSERT_TRUE(slack[4].critical());
  EXPECT_NE(html.find("<g class=\"task c0 critical\" data-task=\"k5\" data-slack-hours=\"0\">"),
            std::string::npos);
  EXPECT_NE(html.find("svg .task.critical rect{stroke:"), std::string::npos);
  for (std::size_t i = 0; i < p.tasks.size(); ++i) {
    SCOPED_TRACE(p.tasks[i].id);
    const std::string attribute =
        " data-slack-hours=\"" + util::format_hours(slack[i].hours()) + "\"";
    const std::size_t bar = html.find("data-task=\"" + p.tasks[i].id + "\"");
    ASSERT_NE(bar, std::string::npos);
    EXPECT_EQ(html.compare(bar + 11 + p.tasks[i].id.size() + 1, attribute.size(), attribute) == 0,
              slack[i].minutes.has_value());
  }
}

// A forecast kept with the plan: its S-curve, the percentiles marked at
// their dates; none without one.
TEST(HtmlExportTest, AForecastKeptWithThePlanGetsAnSCurve) {
  model::Project p = sample();
  EXPECT_EQ(report(p).find("id=\"forecast\""), std::string::npos);
  model::Forecast f;
  f.runs = 4;
  f.seed = 9;
  f.planned = day("2026-12-11");
  f.finishes = {day("2026-12-11"), day("2026-12-14"), day("2026-12-14"), day("2026-12-16")};
  f.plan = {day("2026-12-14"), day("2026-12-16"), day("2026-12-16")};
  p.forecast = f;
  const std::string html = report(p);
  EXPECT_NE(html.find("<section id=\"forecast\">"), std::string::npos);
  EXPECT_NE(html.find("<polyline class=\"curve\""), std::string::npos);
  EXPECT_NE(html.find("<g class=\"marker p50\" data-date=\"2026-12-14\">"), std::string::npos);
  // P85 and P95 on one date: one line, named "P85 P95".
  EXPECT_NE(html.find("<g class=\"marker p95\" data-date=\"2026-12-16\">"), std::string::npos);
  EXPECT_EQ(html.find("<g class=\"marker p85\""), std::string::npos);
  EXPECT_NE(html.find(">P85 P95</text>"), std::string::npos);
  EXPECT_NE(html.find("<g class=\"marker planned\" data-date=\"2026-12-11\">"), std::string::npos);
}

TEST(HtmlExportTest, UserTextStaysText) {
  const std::string html = report(sample());
  EXPECT_EQ(lower(html).find("<script"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more"),
            std::string::npos);
  EXPECT_NE(html.find("Queues &lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("<h1>Plan &lt;b&gt;&amp;&lt;/b&gt; &quot;co&quot;</h1>"), std::string::npos);
  EXPECT_NE(html.find("Founders&#39; &lt;Day&gt;"), std::string::npos);
  EXPECT_NE(html.find("Fast &amp; &lt;cheap&gt;"), std::string::npos);
  EXPECT_EQ(html.find("<admin>"), std::string::npos);
  EXPECT_EQ(html.find("<b>"), std::string::npos);
}

TEST(HtmlExportTest, LoadsNothingFromOutside) {
  model::Project p = sample();
  // Text that looks like references is only text.
  p.tasks[0].prompt = "See <img src=https://example.org/x.png> @import url(https://example.org/y)";
  const std::string html = lower(report(p));
  // No element that fetches anything (a '<' of user text is escaped, so these are tags).
  for (const char* tag :
       {"<script", "<link", "<img", "<iframe", "<object", "<embed", "<image", "<use",
        "<foreignobject", "<audio", "<video", "<source", "<base", "<picture", "<track", "<frame"}) {
    EXPECT_EQ(html.find(tag), std::string::npos) << tag;
  }
  for (const char* attribute : {"src", "srcset", "xlink:href", "action", "poster", "background"}) {
    EXPECT_TRUE(attribute_values(html, attribute).empty()) << attribute;
  }
  for (const auto& href : attribute_values(html, "href")) {
    EXPECT_EQ(href.rfind('#', 0), 0u) << href;  // links only within the page
  }
  // Every attribute that may hold a url() (a hover title is text, not one).
  for (const char* attribute : {"style", "fill", "stroke", "clip-path", "marker-start",
                                "marker-mid", "marker-end", "mask", "filter", "cursor"}) {
    for (const auto& value : attribute_values(html, attribute)) {
      if (value.find("url(") != std::string::npos) {
        EXPECT_EQ(value.rfind("url(#", 0), 0u) << value;
      }
    }
  }
  // The style sheet: no imports, fonts or urls at all.
  const auto style_from = html.find("<style>"), style_to = html.find("</style>");
  ASSERT_NE(style_from, std::string::npos);
  ASSERT_EQ(count(html, "<style"), 1u);
  const std::string css = html.substr(style_from, style_to - style_from);
  for (const char* rule : {"@import", "@font-face", "url(", "http"}) {
    EXPECT_EQ(css.find(rule), std::string::npos) << rule;
  }
  EXPECT_NE(html.find("<meta http-equiv=\"content-security-policy\" content=\"default-src "
                      "'none'; style-src 'unsafe-inline'\">"),
            std::string::npos);
}

TEST(HtmlExportTest, TodayLineOnlyInsideThePlan) {
  const model::Project p = sample();
  struct Case {
    const char* today;
    bool line;
  };
  for (const Case& c :
       {Case{"2026-12-06", false}, Case{"2026-12-07", true}, Case{"2026-12-09", true},
        Case{"2026-12-11", true}, Case{"2026-12-12", false}, Case{"2026-12-04", false}}) {
    SCOPED_TRACE(c.today);
    const std::string html = report(p, day(c.today));
    EXPECT_EQ(html.find("<line class=\"today\"") != std::string::npos, c.line);
  }
}

TEST(HtmlExportTest, TodayLineSitsOnTodaysColumn) {
  // Columns from Friday 2026-12-04 (the done task): Wednesday the 9th is column
  // 5, the holiday on Thursday column 6; x in percent of the timeline (the
  // label column is HTML beside it).
  const std::string html = report(sample(), day("2026-12-09"));
  std::smatch today, holiday;
  ASSERT_TRUE(
      std::regex_search(html, today, std::regex("<line class=\"today\" x1=\"([0-9.]+)%\"")));
  ASSERT_TRUE(
      std::regex_search(html, holiday, std::regex("<rect class=\"holiday\" x=\"([0-9.]+)%\"")));
  const double today_x = std::stod(today[1]), holiday_x = std::stod(holiday[1]);
  const double day_w = holiday_x - today_x;
  EXPECT_GT(day_w, 0);
  EXPECT_NEAR(today_x, 5 * day_w, 0.01);
}

TEST(HtmlExportTest, ShadesDaysOffAndHolidays) {
  const std::string html = report(sample());
  // Saturday and Sunday 2026-12-05/06 in one shaded stretch; the holiday with its name.
  EXPECT_EQ(count(html, "<rect class=\"off\""), 1u);
  EXPECT_EQ(count(html, "<rect class=\"holiday\""), 1u);
  EXPECT_NE(html.find("<title>2026-12-10: Founders&#39; &lt;Day&gt;</title>"), std::string::npos);
}

TEST(HtmlExportTest, DependencyArrowsBetweenBars) {
  const std::string html = report(sample());
  EXPECT_EQ(count(html, "<g class=\"arrow\">"), 1u);
  EXPECT_EQ(count(html, "marker-end=\"url(#arrowhead)\""), 1u);
  EXPECT_NE(html.find("<marker id=\"arrowhead\""), std::string::npos);
}

TEST(HtmlExportTest, ANameThatDoesNotFitAfterItsBarGoesBeforeIt) {
  // k5 ends at noon of the chart's last day: no room after it for a long name.
  model::Project p = sample();
  const std::string name = "Margaret Hamilton-Lovelace";
  p.team[0].name = name;
  for (auto& t : p.tasks) {
    if (t.assignee == "Ada") t.assignee = name;
  }
  const std::string html = report(p);
  EXPECT_EQ(util::find_invalid_utf8(html), std::nullopt);
  EXPECT_TRUE(std::regex_search(html, std::regex("<text class=\"who muted\" x=\"[0-9.]+%\" "
                                                 "dx=\"-5\" y=\"[0-9.]+\" "
                                                 "text-anchor=\"end\">" +
                                                 name + "</text>")))
      << html;
}

TEST(HtmlExportTest, HoverTitleHasPromptHoursAndDates) {
  const std::string html = report(sample());
  EXPECT_NE(html.find("<title>Document caches\nk2 \u00b7 Bob &lt;admin&gt; \u00b7 10 h \u00b7 "
                      "other \u00b7 open\n2026-12-07 09:00 \u2192 2026-12-09 11:00 (local time)\n"
                      "after k1</title>"),
            std::string::npos);
}

TEST(HtmlExportTest, SummaryHasFinishHoursAndUtilisation) {
  const std::string html = report(sample());
  EXPECT_NE(html.find("<dt>Finish</dt><dd>2026-12-11</dd>"), std::string::npos);
  EXPECT_NE(html.find("<dt>Total hours</dt><dd>25</dd>"), std::string::npos);
  // Ada: 9 h planned (the done task does not count) of 4 days x 6 h = 24 h.
  EXPECT_NE(html.find("Ada</td><td>UTC</td><td class=\"num\">6</td><td>mon tue wed thu fri</td>"
                      "<td class=\"num\">9</td><td class=\"num\">24</td>"),
            std::string::npos);
  EXPECT_NE(html.find("38%</td></tr>"), std::string::npos);
  // Bob: 10 h of Monday and Wednesday at 8 h (Tuesday off, Thursday a holiday).
  EXPECT_NE(html.find("<td class=\"num\">10</td><td class=\"num\">16</td>"), std::string::npos);
  EXPECT_NE(html.find("63%</td></tr>"), std::string::npos);
  EXPECT_NE(html.find("<dt>Utilisation</dt><dd>48%</dd>"), std::string::npos);  // 19 of 40 h
  EXPECT_NE(html.find("1 task(s) could not be scheduled"), std::string::npos);
}

TEST(HtmlExportTest, TopicsTableShowsProgress) {
  const std::string html = report(sample());
  // Queues: 4 of 13 hours done; first day the done task's Friday.
  EXPECT_NE(html.find("<td class=\"num\">3</td><td class=\"num\">13</td><td>2026-12-04</td>"
                      "<td>2026-12-11</td>"),
            std::string::npos);
  EXPECT_NE(html.find("31%</td></tr>"), std::string::npos);
  EXPECT_NE(html.find("<td class=\"num\">2</td><td class=\"num\">16</td><td>2026-12-07</td>"
                      "<td>2026-12-09</td><td><span class=\"meter\"><span style=\"width:0%\">"
                      "</span></span>0%</td>"),
            std::string::npos);
}

TEST(HtmlExportTest, WorkloadStacksHoursPerPersonPerWeek) {
  const std::string html = report(sample());
  EXPECT_NE(html.find("<title>Ada \u00b7 week 50 from 2026-12-07: 9 h</title>"), std::string::npos);
  EXPECT_NE(html.find("<title>Bob &lt;admin&gt; \u00b7 week 50 from 2026-12-07: 10 h</title>"),
            std::string::npos);
  // The done task's week has no open work.
  EXPECT_EQ(html.find("week 49 from"), std::string::npos);
  EXPECT_NE(html.find("<path class=\"capacity\""), std::string::npos);
}

TEST(HtmlExportTest, PrintsWell) {
  const std::string html = report(sample());
  EXPECT_NE(html.find("@media print{"), std::string::npos);
  EXPECT_NE(html.find("print-color-adjust:exact"), std::string::npos);
}

model::Project many_tasks(std::size_t topics, std::size_t tasks) {
  ProjectBuilder b;
  b.person("Ada");
  for (std::size_t t = 0; t < topics; ++t)
    b.topic("t" + std::to_string(t), "Topic " + std::to_string(t));
  const Date start = day("2026-12-07");
  for (std::size_t i = 0; i < tasks; ++i) {
    const Date d = start + days{static_cast<int>(i / 10)};
    b.in_topic("t" + std::to_string(i * topics / tasks))
        .task("k" + std::to_string(i), TaskKind::other, "Prompt", 1)
        .planned("Ada", {block("UTC", d, "09:00", 60)});
    if (i > 0) b.depends_on({"k" + std::to_string(i - 1)});
  }
  return b.plan(start, start + days{static_cast<int>((tasks - 1) / 10)})
      .total_hours(static_cast<double>(tasks))
      .build();
}

TEST(HtmlExportTest, UpToTheThresholdOneBarPerTask) {
  const std::string html = report(many_tasks(700, k_html_max_task_bars));
  EXPECT_EQ(attribute_values(html, "data-task").size(), k_html_max_task_bars);
  EXPECT_TRUE(attribute_values(html, "data-topic").empty());
  EXPECT_EQ(count(html, "<g class=\"arrow\">"), k_html_max_task_bars - 1);
}

TEST(HtmlExportTest, PastTheThresholdOneBarPerTopic) {
  const std::string html = report(many_tasks(700, k_html_max_task_bars + 1));
  EXPECT_TRUE(attribute_values(html, "data-task").empty());
  const auto topics = attribute_values(html, "data-topic");
  ASSERT_EQ(topics.size(), 700u);
  EXPECT_EQ(topics.front(), "t0");
  EXPECT_EQ(topics.back(), "t699");
  EXPECT_EQ(html.find("class=\"arrow\""), std::string::npos);
  EXPECT_NE(html.find("one bar per topic"), std::string::npos);
  // Cut into boxes the browser may skip off screen: 700 rows in SVGs of 400,
  // and 700 topics in tables of 250; the day header only once.
  EXPECT_EQ(count(html, "<svg class=\"chart gantt\""), 2u);
  EXPECT_EQ(count(html, "<div class=\"gantt chunk\""), 2u);
  EXPECT_EQ(count(html, "<table class=\"topics\">"), 3u);
  EXPECT_EQ(count(html, "<thead><tr><th>Topic</th>"), 1u);
  EXPECT_EQ(count(html, "<g class=\"header\">"), 1u);
}

TEST(HtmlExportTest, TheHeatMapHasACellPerPersonAndWeekOfTheWorkload) {
  const model::Project p = sample();
  const std::string html = report(p);
  const model::Workload load(p);
  ASSERT_GT(load.weeks(), 0);
  EXPECT_EQ(count(html, "<td class=\"cell\""),
            load.people().size() * static_cast<std::size_t>(load.weeks()));
  for (int person = 0; person < static_cast<int>(load.people().size()); ++person) {
    std::string name;  // as the report escapes it
    for (const char c : load.people()[static_cast<std::size_t>(person)]) {
      name += c == '<' ? "&lt;" : c == '>' ? "&gt;" : c == '&' ? "&amp;" : std::string(1, c);
    }
    const std::string row = "<tr data-person=\"" + name + "\">";
    const auto at = html.find(row);
    ASSERT_NE(at, std::string::npos) << row;
    const std::string cell =
        "data-planned=\"" + util::format_hours(load.planned_minutes(person, 0) / 60.0) + "\"";
    EXPECT_NE(html.find(cell, at), std::string::npos) << cell;
  }
  EXPECT_EQ(count(html, "<polyline class=\""), 3u);  // scope, planned, done
}

TEST(HtmlExportTest, WithoutAPlanSaysSo) {
  model::Project p = sample();
  p.plan = {};
  for (auto& t : p.tasks) {
    t.assignee.clear();
    t.blocks.clear();
  }
  const std::string html = report(p);
  EXPECT_NE(html.find("Not planned yet"), std::string::npos);
  EXPECT_EQ(count(html, "Nothing is scheduled yet."), 3u);  // schedule, workload, load
  EXPECT_EQ(html.substr(html.size() - 8), "</html>\n");
}

TEST(HtmlExportTest, EmptyProject) {
  const std::string html = report(model::Project{});
  EXPECT_NE(html.find("<h1>Research plan</h1>"), std::string::npos);
  EXPECT_EQ(html.substr(html.size() - 8), "</html>\n");
}

}  // namespace
}  // namespace rplan::exporters
