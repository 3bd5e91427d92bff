// plan and run through the real binary; every scheduling rule of SPEC checked
// on plan.json for a mixed team (hours, workdays, time zones, holidays, time off).

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "planner/util/dates.hpp"
#include "planner/util/time_zone.hpp"
#include "run_rplan.hpp"

namespace rplan::e2e {
namespace {

using nlohmann::json;

const char* k_team =
    "name,email,hours_per_day,workdays,day_start,timezone,skills\n"
    "Ada,ada@example.org,6,\"mon,tue,wed,thu,fri\",09:00,Europe/Berlin,\"database,caching\"\n"
    "Grace,grace@example.org,8,\"mon,tue,wed,thu\",08:30,America/New_York,security\n"
    "Linus,,5,\"mon,tue,wed,thu,fri\",10:00,Asia/Kolkata,\n"
    "Zoe,zoe@example.org,4,\"mon,wed,fri\",13:00,UTC,\n";

// A document of n topics, three prompts each (research, analysis, documentation).
std::string document(int topics) {
  std::string doc = "# Generated topics\n\n";
  for (int i = 1; i <= topics; ++i) {
    const std::string n = std::to_string(i);
    doc += "### " + n + ". Topic number " + n + "\n**Research Focus**: Focus " + n +
           "\n**Research Prompts**:\n- Research area " + n +
           " including alpha, beta, gamma, and delta\n- Analyze trade-offs of area " + n +
           "\n- Document findings for area " + n + "\n\n";
  }
  return doc;
}

struct Person {
  int day_start;
  double hours;
  std::set<int> workdays;
  std::unique_ptr<util::TimeZone> zone;
  std::vector<std::pair<util::Date, util::Date>> off;
};

// Checks every rule of SPEC's Scheduling section on a plan.json.
void check_rules(const json& plan) {
  std::map<std::string, Person> people;
  for (const auto& a : plan["assignees"]) {
    Person p;
    p.day_start = *util::parse_clock(a["day_start"].get<std::string>());
    p.hours = a["hours_per_day"];
    for (const auto& d : a["workdays"])
      p.workdays.insert(*util::parse_weekday(d.get<std::string>()));
    p.zone = std::make_unique<util::TimeZone>(a["timezone"].get<std::string>());
    for (const auto& o : a["time_off"]) {
      p.off.emplace_back(*util::parse_date(o["from"].get<std::string>()),
                         *util::parse_date(o["to"].get<std::string>()));
    }
    people.emplace(a["name"].get<std::string>(), std::move(p));
  }
  std::set<util::Date> holidays;
  for (const auto& h : plan["holidays"])
    holidays.insert(*util::parse_date(h["date"].get<std::string>()));
  const util::Date start = *util::parse_date(plan["plan"]["start"].get<std::string>());

  std::map<std::string, std::vector<std::pair<util::Instant, util::Instant>>> busy;
  std::map<std::string, std::pair<util::Instant, util::Instant>> span;  // task -> start, finish
  for (const auto& t : plan["tasks"]) {
    SCOPED_TRACE(t.dump());
    if (t["status"] == "done" && t["blocks"].empty()) continue;  // finished, not planned
    ASSERT_FALSE(t["assignee"].is_null());
    const Person& p = people.at(t["assignee"]);
    double hours = 0;
    for (const auto& b : t["blocks"]) {
      const util::Date day = *util::parse_date(b["date"].get<std::string>());
      const int minute = *util::parse_clock(b["start"].get<std::string>());
      const double h = b["hours"];
      hours += h;
      EXPECT_GE(day, start);
      EXPECT_TRUE(p.workdays.count(util::weekday_index(day))) << "not a workday";
      EXPECT_FALSE(holidays.count(day)) << "a holiday";
      for (const auto& [from, to] : p.off) EXPECT_FALSE(from <= day && day <= to) << "time off";
      EXPECT_GE(minute, p.day_start);
      EXPECT_LE(minute + h * 60, p.day_start + p.hours * 60 + 1e-6);
      const util::Instant utc = p.zone->to_utc(day, minute);
      busy[t["assignee"]].emplace_back(utc,
                                       utc + std::chrono::seconds{static_cast<long>(h * 3600)});
    }
    EXPECT_NEAR(hours, t["estimate_hours"].get<double>(), 1e-6);
    const auto s = util::parse_rfc3339(t["start"].get<std::string>());
    const auto f = util::parse_rfc3339(t["finish"].get<std::string>());
    ASSERT_TRUE(s && f);
    span[t["id"]] = {*s, *f};
    const auto& first = t["blocks"].front();
    EXPECT_EQ(*s, p.zone->to_utc(*util::parse_date(first["date"].get<std::string>()),
                                 *util::parse_clock(first["start"].get<std::string>())));
  }
  for (auto& [name, intervals] : busy) {
    std::sort(intervals.begin(), intervals.end());
    for (std::size_t i = 1; i < intervals.size(); ++i) {
      EXPECT_LE(intervals[i - 1].second, intervals[i].first)
          << name << " works on two things at once";
    }
  }
  // Dependencies, and documentation after its topic's other tasks.
  std::map<std::string, util::Instant> last_other_finish;
  for (const auto& t : plan["tasks"]) {
    if (!span.count(t["id"])) continue;
    for (const auto& d : t["depends_on"]) {
      if (!span.count(d)) continue;  // a done task: finished already
      EXPECT_LE(span.at(d).second, span.at(t["id"]).first) << t["id"] << " starts before " << d;
    }
    if (t["kind"] != "documentation" && span.count(t["id"])) {
      auto& f = last_other_finish[t["topic"]];
      f = std::max(f, span.at(t["id"]).second);
    }
  }
  for (const auto& t : plan["tasks"]) {
    if (t["kind"] == "documentation" && span.count(t["id"])) {
      EXPECT_GE(span.at(t["id"]).first, last_other_finish[t["topic"]]) << t["id"];
    }
  }
}

TEST(PlanTest, AMixedTeamPlanHoldsEverySchedulingRule) {
  Workspace ws;
  ws.write("topics.md", document(16));
  ws.write("team.csv", k_team);
  ASSERT_EQ(ws.run({"holiday", "add", "2026-12-24", "--name", "Christmas Eve"}).exit_code, 0);
  ASSERT_EQ(ws.run({"holiday", "add", "2026-12-25"}).exit_code, 0);
  ASSERT_EQ(ws.run({"team", "import", "team.csv"}).exit_code, 0);
  ASSERT_EQ(ws.run({"off", "Ada", "--from", "2026-12-14", "--to", "2026-12-18"}).exit_code, 0);
  const auto r =
      ws.run({"--db", "rplan.db", "run", "topics.md", "--start", "2026-12-07", "--out", "out"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Planned 48 tasks"), std::string::npos) << r.out;
  for (const char* name : {"Ada", "Grace", "Linus", "Zoe"}) {
    EXPECT_NE(r.out.find(std::string("  ") + name), std::string::npos) << r.out;
  }
  const json plan = json::parse(slurp(ws.path("out/plan.json")));
  ASSERT_EQ(plan["tasks"].size(), 48u);
  check_rules(plan);
  std::set<std::string> used;
  for (const auto& t : plan["tasks"]) used.insert(t["assignee"]);
  EXPECT_EQ(used.size(), 4u) << "everyone gets work";
}

TEST(PlanTest, PlanningIsDeterministicAndAnUnchangedPlanExportsTheSameBytes) {
  Workspace ws;
  ws.write("topics.md", document(6));
  ws.write("team.csv", k_team);
  ASSERT_EQ(
      ws.run({"run", "topics.md", "--team", "team.csv", "--start", "2026-12-07", "--out", "a"})
          .exit_code,
      0);
  ASSERT_EQ(
      ws.run({"run", "topics.md", "--team", "team.csv", "--start", "2026-12-07", "--out", "b"})
          .exit_code,
      0);
  EXPECT_EQ(slurp(ws.path("a/plan.json")), slurp(ws.path("b/plan.json")));
  // Planning again later with nothing changed keeps the plan's timestamp.
  ASSERT_EQ(ws.run({"--db", "a/rplan.db", "plan", "--start", "2026-12-07"},
                   {{"SOURCE_DATE_EPOCH", "1796000000"}})
                .exit_code,
            0);
  ASSERT_EQ(ws.run({"--db", "a/rplan.db", "export", "json", "--out", "again.json"}).exit_code, 0);
  EXPECT_EQ(slurp(ws.path("again.json")), slurp(ws.path("a/plan.json")));
}

TEST(PlanTest, OverridesPinsAndDependenciesAreHonouredAndSurviveReimport) {
  Workspace ws;
  ws.write("topics.md", document(4));
  ws.write("team.csv", k_team);
  ASSERT_EQ(
      ws.run({"run", "topics.md", "--team", "team.csv", "--start", "2026-12-07", "--out", "o"})
          .exit_code,
      0);
  const json before = json::parse(slurp(ws.path("o/plan.json")));
  const std::string first = before["tasks"][0]["id"], last = before["tasks"][11]["id"];
  ASSERT_EQ(ws.run({"--db", "o/rplan.db", "task", first, "--estimate", "3", "--assignee", "Zoe",
                    "--after", last})
                .exit_code,
            0);
  // A cycle is refused and changes nothing.
  const auto cycle = ws.run({"--db", "o/rplan.db", "task", last, "--after", first});
  EXPECT_EQ(cycle.exit_code, 65);
  EXPECT_NE(cycle.err.find("cycle"), std::string::npos) << cycle.err;
  ASSERT_EQ(ws.run({"run", "topics.md", "--start", "2026-12-07", "--out", "o"}).exit_code, 0);
  const json after = json::parse(slurp(ws.path("o/plan.json")));
  check_rules(after);
  const json& t = after["tasks"][0];
  EXPECT_EQ(t["id"], first);
  EXPECT_EQ(t["estimate_hours"], 3.0);
  EXPECT_EQ(t["assignee"], "Zoe");
  EXPECT_NE(std::find(t["depends_on"].begin(), t["depends_on"].end(), last), t["depends_on"].end());
}

TEST(PlanTest, DoneTasksAreNotScheduledAgain) {
  Workspace ws;
  ws.write("topics.md", document(2));
  ASSERT_EQ(
      ws.run({"run", "topics.md", "--assignees", "Ada,Bo", "--start", "2026-12-07", "--out", "o"})
          .exit_code,
      0);
  const json before = json::parse(slurp(ws.path("o/plan.json")));
  const std::string id = before["tasks"][0]["id"];
  ASSERT_EQ(ws.run({"--db", "o/rplan.db", "task", id, "--status", "done"}).exit_code, 0);
  const auto r = ws.run({"--db", "o/rplan.db", "plan", "--start", "2026-12-14"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Planned 5 tasks"), std::string::npos) << r.out;
  // Finished early: its blocks from the new start on are gone, so nobody is
  // booked twice; check_rules sees every remaining block.
  ASSERT_EQ(ws.run({"--db", "o/rplan.db", "task", id, "--status", "open"}).exit_code, 0);
  ASSERT_EQ(ws.run({"--db", "o/rplan.db", "plan", "--start", "2026-12-07"}).exit_code, 0);
  ASSERT_EQ(ws.run({"--db", "o/rplan.db", "task", id, "--status", "done"}).exit_code, 0);
  ASSERT_EQ(ws.run({"--db", "o/rplan.db", "plan", "--start", "2026-12-07"}).exit_code, 0);
  ASSERT_EQ(ws.run({"--db", "o/rplan.db", "export", "json", "--out", "p.json"}).exit_code, 0);
  const json plan = json::parse(slurp(ws.path("p.json")));
  EXPECT_TRUE(plan["tasks"][0]["blocks"].empty());
  check_rules(plan);
}

TEST(PlanTest, RunWithoutATeamIsAUsageErrorAndWritesNothing) {
  Workspace ws;
  ws.write("topics.md", document(1));
  const auto r = ws.run({"run", "topics.md", "--out", "o"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--team"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(ws.path("o")));
  const auto p = ws.run({"plan"});
  EXPECT_NE(p.exit_code, 0);
}

TEST(PlanTest, ATaskNobodyCanTakeIsReportedNotDropped) {
  Workspace ws;
  ws.write("topics.md", document(1));
  ASSERT_EQ(
      ws.run({"run", "topics.md", "--assignees", "Ada", "--start", "2026-12-07", "--out", "o"})
          .exit_code,
      0);
  const std::string id = json::parse(slurp(ws.path("o/plan.json")))["tasks"][0]["id"];
  // Bo is pinned the task but away past the scheduling horizon (100 years).
  ASSERT_EQ(ws.run({"--db", "o/rplan.db", "team", "add", "Bo"}).exit_code, 0);
  ASSERT_EQ(
      ws.run({"--db", "o/rplan.db", "off", "Bo", "--from", "2026-01-01", "--to", "2199-12-31"})
          .exit_code,
      0);
  ASSERT_EQ(ws.run({"--db", "o/rplan.db", "task", id, "--assignee", "Bo"}).exit_code, 0);
  const auto r = ws.run({"--db", "o/rplan.db", "plan", "--start", "2026-12-07"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // The documentation task waits for it, so it cannot be scheduled either.
  EXPECT_NE(r.out.find("Not scheduled: 2 task(s)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(id), std::string::npos) << r.out;
  ASSERT_EQ(ws.run({"--db", "o/rplan.db", "export", "json", "--out", "p.json"}).exit_code, 0);
  const json plan = json::parse(slurp(ws.path("p.json")));
  ASSERT_EQ(plan["plan"]["unassigned"].size(), 2u);
  EXPECT_NE(std::find(plan["plan"]["unassigned"].begin(), plan["plan"]["unassigned"].end(), id),
            plan["plan"]["unassigned"].end());
  EXPECT_EQ(plan["tasks"].size(), 3u) << "the task stays in the export";
  EXPECT_TRUE(plan["tasks"][0]["assignee"].is_null());
}

}  // namespace
}  // namespace rplan::e2e

namespace rplan::e2e {
namespace {

TEST(RunTest, WritesEveryExportAndPerAssigneeCalendarsIntoAFolder) {
  Workspace ws;
  ws.write("topics.md",
           "### Caching\n**Research Prompts**:\n- Research Redis\n- Analyze eviction\n");
  auto r = ws.run({"run", "topics.md", "--assignees", "Ada Lovelace,李雷", "--start", "2026-12-07",
                   "--out", "o"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* file : {"plan.json", "plan.csv", "plan.ics", "checklist.md", "report.html",
                           "plan.xlsx", "rplan.db"}) {
    EXPECT_TRUE(std::filesystem::exists(ws.path("o") / file)) << file;
  }
  r = ws.run({"--db", "o/rplan.db", "run", "topics.md", "--start", "2026-12-07", "--out", "p",
              "--per-assignee"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(std::filesystem::is_directory(ws.path("p/calendars")));
  EXPECT_FALSE(std::filesystem::exists(ws.path("p/plan.ics")));
  EXPECT_FALSE(std::filesystem::exists(ws.path("p/rplan.db"))) << "--db was given";
}

TEST(RunTest, TimingsGoToStderrOnlyWhenAsked) {
  Workspace ws;
  ws.write("topics.md", "### Caching\n**Research Prompts**:\n- Research Redis\n");
  auto quiet = ws.run({"run", "topics.md", "--assignees", "Ada", "--out", "o"});
  ASSERT_EQ(quiet.exit_code, 0) << quiet.err;
  EXPECT_EQ(quiet.err, "");
  auto timed =
      ws.run({"run", "topics.md", "--assignees", "Ada", "--out", "t"}, {{"RPLAN_TIMINGS", "1"}});
  ASSERT_EQ(timed.exit_code, 0) << timed.err;
  std::string expected_out = quiet.out;  // the same report, of the other folder
  for (std::size_t at = expected_out.find("wrote o/"); at != std::string::npos;
       at = expected_out.find("wrote o/", at)) {
    expected_out[at + 6] = 't';
  }
  EXPECT_EQ(timed.out, expected_out);
  for (const char* stage :
       {"reading 1 document(s)", "importing 1 document(s)", "loading the project",
        "planning 1 tasks for 1 people", "writing the plan's rows", "committing", "  xlsx",
        "  json", "  csv", "  ics", "  md", "  html", "writing 6 exports into t"}) {
    EXPECT_NE(timed.err.find(std::string("rplan: ") + stage + ": "), std::string::npos)
        << stage << " missing in:\n"
        << timed.err;
  }
  auto exported =
      ws.run({"--db", "o/rplan.db", "export", "csv", "--out", "x.csv"}, {{"RPLAN_TIMINGS", "1"}});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  EXPECT_NE(exported.err.find("rplan: loading the project: "), std::string::npos) << exported.err;
  EXPECT_NE(exported.err.find("rplan: writing x.csv: "), std::string::npos) << exported.err;
}

}  // namespace
}  // namespace rplan::e2e

namespace rplan::e2e {
namespace {

TEST(PlanTest, TheSeedPlanForAMixedTeamHoldsEveryRule) {
  const auto seed = seed_document();
  if (seed.empty()) GTEST_SKIP() << "no shared/seeds beside this checkout";
  Workspace ws;
  ws.write("team.csv", k_team);
  ASSERT_EQ(ws.run({"holiday", "add", "2026-12-25", "--name", "Christmas"}).exit_code, 0);
  ASSERT_EQ(ws.run({"holiday", "add", "2027-01-01"}).exit_code, 0);
  ASSERT_EQ(ws.run({"team", "import", "team.csv"}).exit_code, 0);
  ASSERT_EQ(ws.run({"off", "Grace", "--from", "2026-12-14", "--to", "2026-12-18"}).exit_code, 0);
  const auto r =
      ws.run({"--db", "rplan.db", "run", seed.string(), "--start", "2026-12-07", "--out", "out"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json plan = json::parse(slurp(ws.path("out/plan.json")));
  ASSERT_EQ(plan["tasks"].size(), 48u);
  check_rules(plan);
}

TEST(ExportTest, AFailedExportLeavesThePreviousFileAndNoTemporaryFiles) {
  Workspace ws;
  ws.write("topics.md", document(2));
  ASSERT_EQ(
      ws.run({"run", "topics.md", "--assignees", "Ada", "--start", "2026-12-07", "--out", "o"})
          .exit_code,
      0);
  // A missing folder: exit 73, naming the file.
  auto r = ws.run({"--db", "o/rplan.db", "export", "json", "--out", "missing/plan.json"});
  EXPECT_EQ(r.exit_code, 73);
  EXPECT_NE(r.err.find("missing/plan.json"), std::string::npos) << r.err;
  // A target that cannot be replaced (a folder in its place) fails after the
  // data was written: the temporary file is removed again.
  std::filesystem::create_directories(ws.path("o/blocked.json/inside"));
  for (const char* format : {"json", "csv", "ics", "md", "html", "xlsx"}) {
    SCOPED_TRACE(format);
    r = ws.run({"--db", "o/rplan.db", "export", format, "--out", "o/blocked.json"});
    EXPECT_EQ(r.exit_code, 73) << r.err;
  }
  // The previous export is intact and nothing else was left in the folder.
  const std::string before = slurp(ws.path("o/plan.json"));
  r = ws.run({"--db", "o/rplan.db", "export", "json", "--out", "o/plan.json/x"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_EQ(slurp(ws.path("o/plan.json")), before);
  std::set<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(ws.path("o"))) {
    names.insert(e.path().filename().string());
  }
  EXPECT_EQ(names, (std::set<std::string>{"blocked.json", "checklist.md", "plan.csv", "plan.ics",
                                          "plan.json", "plan.xlsx", "report.html", "rplan.db"}));
}

}  // namespace
}  // namespace rplan::e2e

namespace rplan::e2e {
namespace {

// run writes its exports while it stores the plan; when storing fails, the
// database keeps the previous plan and every previous export stays as it was
// (the new files are held back until the commit, then thrown away).
TEST(RunTest, WhenThePlanCannotBeSavedNoExportIsReplaced) {
  Workspace ws;
  ws.write("topics.md", document(3));
  ASSERT_EQ(ws.run({"run", "topics.md", "--assignees", "Ada,Grace", "--start", "2026-12-07",
                    "--out", "o"})
                .exit_code,
            0);
  std::map<std::string, std::string> before;
  for (const auto& e : std::filesystem::directory_iterator(ws.path("o"))) {
    if (e.path().filename() != "rplan.db") before[e.path().filename().string()] = slurp(e.path());
  }
  {
    // The database refuses the new plan's rows (as a full disk would), after
    // a moment of busy work: long enough for these small exports to finish
    // writing first, so that only holding them back keeps the old files.
    SQLite::Database db(ws.path("o/rplan.db").string(), SQLite::OPEN_READWRITE);
    db.exec(
        "CREATE TRIGGER refuse BEFORE INSERT ON plan_tasks BEGIN "
        "SELECT CASE WHEN (WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n "
        "WHERE x < 2000000) SELECT count(*) FROM n) > 0 "
        "THEN RAISE(ABORT, 'refused by the test') END; END");
  }
  ws.write("topics.md", document(5));  // a different plan
  const auto r = ws.run(
      {"run", "topics.md", "--assignees", "Ada,Grace", "--start", "2026-12-14", "--out", "o"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("refused by the test"), std::string::npos) << r.err;
  std::map<std::string, std::string> after;
  for (const auto& e : std::filesystem::directory_iterator(ws.path("o"))) {
    const std::string name = e.path().filename().string();
    if (name == "rplan.db" || name == "rplan.db-wal" || name == "rplan.db-shm") continue;
    after[name] = slurp(e.path());
  }
  EXPECT_EQ(after, before);  // the same files, byte for byte, and no temporary ones
  SQLite::Database db(ws.path("o/rplan.db").string());
  EXPECT_EQ(db.execAndGet("SELECT start FROM plan").getString(), "2026-12-07");
}

}  // namespace
}  // namespace rplan::e2e

namespace rplan::e2e {
namespace {

// run plans the project it predicts from the import while the import's rows
// are written (or, when the import brings archived topics or tasks back,
// the project it loads after them): its files must be those of import, plan
// and export run one after another, on a first import, a re-import that
// changes, keeps and archives tasks around set statuses and estimates, and
// one that brings archived work back.
TEST(RunTest, RunWritesWhatImportPlanAndExportWriteOneAfterAnother) {
  Workspace ws;
  ws.write("team.csv", k_team);
  const std::string v1 = document(6);
  std::string v2 = v1;  // topic 2 goes away, a prompt of topic 4 is reworded, topic 7 is new
  const auto cut = v2.find("### 2.");
  v2.erase(cut, v2.find("### 3.") - cut);
  v2.replace(v2.find("Analyze trade-offs of area 4"), 28, "Analyze the costs of area 4 again");
  v2 += "### 7. Topic number 7\n**Research Prompts**:\n- Research area 7\n";
  const std::string v3 = v1;  // topic 2 back, topic 7 gone

  const auto files = [&](const std::string& dir) {
    std::map<std::string, std::string> out;
    for (const char* f : {"plan.json", "plan.csv", "plan.ics", "checklist.md", "report.html"}) {
      out[f] = slurp(ws.path(dir) / f);
    }
    return out;
  };
  int step = 0;
  for (const std::string* text : std::vector<const std::string*>{&v1, &v2, &v3}) {
    SCOPED_TRACE("document version " + std::to_string(++step));
    ws.write("topics.md", *text);
    auto r = ws.run({"--db", "run.db", "run", "topics.md", "--team", "team.csv", "--start",
                     "2026-12-07", "--out", "by-run"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"team", "import", "team.csv"},
          {"import", "topics.md"},
          {"plan", "--start", "2026-12-07"}}) {
      std::vector<std::string> full{"--db", "steps.db"};
      full.insert(full.end(), args.begin(), args.end());
      r = ws.run(full);
      ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    std::filesystem::create_directories(ws.path("by-steps"));
    for (const auto& [format, file] :
         std::vector<std::pair<std::string, std::string>>{{"json", "plan.json"},
                                                          {"csv", "plan.csv"},
                                                          {"ics", "plan.ics"},
                                                          {"md", "checklist.md"},
                                                          {"html", "report.html"}}) {
      r = ws.run({"--db", "steps.db", "export", format, "--out", "by-steps/" + file});
      ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    const auto by_run = files("by-run");
    const auto by_steps = files("by-steps");
    for (const auto& [file, content] : by_steps) {
      EXPECT_TRUE(by_run.at(file) == content) << file << " differs";  // (too long to print)
    }
    if (step == 1) {
      // Work already done or re-estimated must carry over into the re-plans.
      const json plan = json::parse(slurp(ws.path("by-run/plan.json")));
      for (const char* db : {"run.db", "steps.db"}) {
        const std::string first = plan["tasks"][0]["id"];
        const std::string fourth = plan["tasks"][9]["id"];
        ASSERT_EQ(ws.run({"--db", db, "task", first, "--status", "done"}).exit_code, 0);
        ASSERT_EQ(ws.run({"--db", db, "task", fourth, "--estimate", "3"}).exit_code, 0);
      }
    }
  }
}

// The import's rows are written on a second thread; when the database refuses
// them, run fails as it would have without that thread: nothing is saved and
// no export is replaced.
TEST(RunTest, WhenTheImportCannotBeStoredNothingChanges) {
  Workspace ws;
  ws.write("topics.md", document(3));
  ASSERT_EQ(
      ws.run({"run", "topics.md", "--assignees", "Ada", "--start", "2026-12-07", "--out", "o"})
          .exit_code,
      0);
  const std::string json_before = slurp(ws.path("o/plan.json"));
  {
    SQLite::Database db(ws.path("o/rplan.db").string(), SQLite::OPEN_READWRITE);
    db.exec(
        "CREATE TRIGGER refuse BEFORE INSERT ON tasks BEGIN "
        "SELECT RAISE(ABORT, 'tasks refused by the test'); END");
  }
  ws.write("topics.md", document(5));
  const auto r =
      ws.run({"run", "topics.md", "--assignees", "Ada", "--start", "2026-12-07", "--out", "o"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("tasks refused by the test"), std::string::npos) << r.err;
  EXPECT_EQ(slurp(ws.path("o/plan.json")), json_before);
  SQLite::Database db(ws.path("o/rplan.db").string());
  EXPECT_EQ(db.execAndGet("SELECT count(*) FROM tasks").getInt(), 9);
}

}  // namespace
}  // namespace rplan::e2e
