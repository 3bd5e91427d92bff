// Recording work through the real binary: task --spent/--remaining/--status
// --on, log, show, sync's done-at, the stale-plan warning, and a database of
// the previous schema.

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "run_rplan.hpp"

namespace rplan::e2e {
namespace {

using nlohmann::json;

const char* k_doc = R"(# Platform research

### 1. Caching Strategies
**Research Focus**: Faster reads
**Research Prompts**:
- Research multi-level caching including local, distributed, and CDN caches
- Analyze invalidation patterns
- Document the caching guide

### 2. Message Queues
**Research Prompts**:
- Research brokers
- Document delivery guarantees
)";

// The clock of every run (run_rplan.cpp): 2026-11-18 11:06:40 UTC, a
// Wednesday; 12:06 in Berlin.
const std::string k_today = "2026-11-18";

json run_json(const Workspace& ws, const std::vector<std::string>& args) {
  const auto r = ws.run(args);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return json::parse(r.out);
}

json list_json(const Workspace& ws) { return run_json(ws, {"list", "--format", "json"}); }

// Ada (Berlin, 09:00-15:00) and Grace (UTC); the document imported. Returns
// the task ids in list order.
std::vector<std::string> set_up(const Workspace& ws) {
  EXPECT_EQ(ws.run({"team", "add", "Ada", "--timezone", "Europe/Berlin"}).exit_code, 0);
  EXPECT_EQ(ws.run({"team", "add", "Grace"}).exit_code, 0);
  ws.write("platform.md", k_doc);
  EXPECT_EQ(ws.run({"import", "platform.md"}).exit_code, 0);
  std::vector<std::string> ids;
  const json listed = list_json(ws);
  for (const auto& t : listed["tasks"]) ids.push_back(t["id"]);
  return ids;
}

json task_of(const json& j, const std::string& id) {
  for (const auto& t : j["tasks"]) {
    if (t["id"] == id) return t;
  }
  ADD_FAILURE() << "no task " << id;
  return json::object();
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(TrackingE2eTest, HoursSpentAddUpAndStartTheTask) {
  Workspace ws;
  const auto ids = set_up(ws);
  ASSERT_EQ(ws.run({"task", ids[0], "--assignee", "Ada"}).exit_code, 0);
  auto r = ws.run({"task", ids[0], "--spent", "2"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, ids[0] + ": spent 2 h on " + k_today +
                       " by Ada (2 h in all)\nRun rplan plan to reschedule.\n");
  r = ws.run({"task", ids[0], "--spent", "1.5"});
  EXPECT_TRUE(has(r.out, "(3.5 h in all)")) << r.out;
  const json t = task_of(list_json(ws), ids[0]);
  EXPECT_EQ(t["spent_hours"], 3.5);
  EXPECT_EQ(t["status"], "in-progress");
  r = ws.run({"show", ids[0]});
  EXPECT_TRUE(has(r.out, "Spent:      3.5 h in 2 entries\n")) << r.out;
  EXPECT_TRUE(has(r.out, "Started by: Ada\n")) << r.out;
  EXPECT_TRUE(has(r.out, "Remaining:  5.5 h (the estimate less the hours spent)\n")) << r.out;
}

TEST(TrackingE2eTest, HoursGoToTheDateGivenOrThePersonsToday) {
  Workspace ws;
  const auto ids = set_up(ws);
  // 23:30 UTC: already the 19th in Berlin, still the 18th in UTC.
  const std::map<std::string, std::string> late = {{"SOURCE_DATE_EPOCH", "1795044600"}};
  ASSERT_EQ(ws.run({"task", ids[0], "--spent", "1", "--by", "Ada"}, late).exit_code, 0);
  ASSERT_EQ(ws.run({"task", ids[0], "--spent", "1", "--by", "Grace"}, late).exit_code, 0);
  ASSERT_EQ(ws.run({"task", ids[1], "--spent", "2", "--on", "2026-11-16", "--by", "Ada"}).exit_code,
            0);
  const json log = run_json(ws, {"log", "--format", "json"});
  ASSERT_EQ(log["entries"].size(), 3U);
  EXPECT_EQ(log["entries"][0]["date"], "2026-11-16");
  EXPECT_EQ(log["entries"][1]["date"], "2026-11-18");
  EXPECT_EQ(log["entries"][1]["assignee"], "Grace");
  EXPECT_EQ(log["entries"][2]["date"], "2026-11-19");
  EXPECT_EQ(log["entries"][2]["assignee"], "Ada");

  // A date after the person's today; nobody to credit; somebody unknown.
  auto r = ws.run({"task", ids[1], "--spent", "1", "--on", "2026-11-19", "--by", "Ada"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(has(r.err, "--on 2026-11-19 is after today (2026-11-18 for Ada)")) << r.err;
  r = ws.run({"task", ids[1], "--spent", "1"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(has(r.err,
                  "has no assignee or pin to credit the hours to; name the person with "
                  "--by NAME"))
      << r.err;
  r = ws.run({"task", ids[1], "--spent", "1", "--by", "Nobody"});
  EXPECT_EQ(r.exit_code, 65);
  EXPECT_TRUE(has(r.err, "nobody named \"Nobody\" is in the team")) << r.err;
  EXPECT_EQ(run_json(ws, {"log", "--format", "json"})["entries"].size(), 3U);
}

TEST(TrackingE2eTest, HoursFromOptionsAreFiniteNumbersAboveZero) {
  Workspace ws;
  const auto ids = set_up(ws);
  const std::string before = slurp(ws.path("rplan.db"));
  const std::vector<std::vector<std::string>> refused = {
      {"--spent", "0"},
      {"--spent", "-1"},
      {"--spent", "nan"},
      {"--spent", "inf"},
      {"--spent", "2h"},
      {"--spent", "25"},
      {"--remaining", "-1"},
      {"--remaining", "nan"},
      {"--on", k_today},
      {"--by", "Ada"},
      {"--remaining", "2", "--status", "done"},
      {"--on", "yesterday", "--spent", "1", "--by", "Ada"},
  };
  for (const auto& options : refused) {
    std::vector<std::string> args = {"task", ids[0]};
    args.insert(args.end(), options.begin(), options.end());
    SCOPED_TRACE(options[0] + " " + options[1]);
    const auto r = ws.run(args);
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_TRUE(has(r.err, options[0])) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  }
  EXPECT_EQ(slurp(ws.path("rplan.db")), before);
  // Nothing left is fine: the task is in progress, not done.
  ASSERT_EQ(ws.run({"task", ids[0], "--remaining", "0"}).exit_code, 0);
  const json t = task_of(list_json(ws), ids[0]);
  EXPECT_EQ(t["status"], "in-progress");
}

TEST(TrackingE2eTest, RemainingIsSaidAndGoesDownWithTheHoursSpent) {
  Workspace ws;
  const auto ids = set_up(ws);
  ASSERT_EQ(ws.run({"task", ids[1], "--remaining", "3", "--by", "Grace"}).exit_code, 0);
  auto r = ws.run({"show", ids[1]});
  EXPECT_TRUE(has(r.out, "Status:     in-progress\n")) << r.out;
  EXPECT_TRUE(has(r.out, "Remaining:  3 h (set with --remaining)\n")) << r.out;
  ASSERT_EQ(ws.run({"task", ids[1], "--spent", "1", "--by", "Grace"}).exit_code, 0);
  EXPECT_TRUE(has(ws.run({"show", ids[1]}).out, "Remaining:  2 h (set with --remaining)\n"));
  // Both in one command: the remaining given wins (no adjustment).
  ASSERT_EQ(ws.run({"task", ids[1], "--spent", "1", "--remaining", "5", "--by", "Grace"}).exit_code,
            0);
  EXPECT_TRUE(has(ws.run({"show", ids[1]}).out, "Remaining:  5 h (set with --remaining)\n"));
  r = ws.run({"list"});
  EXPECT_TRUE(has(r.out, "LEFT")) << r.out;
  EXPECT_TRUE(has(r.out, "5 tasks in 2 topics, 31 h, 30 h left\n")) << r.out;  // 6 h less 5
}

TEST(TrackingE2eTest, DoneRecordsWhenAndByWhom) {
  Workspace ws;
  const auto ids = set_up(ws);
  ASSERT_EQ(ws.run({"task", ids[0], "--assignee", "Ada"}).exit_code, 0);
  ASSERT_EQ(ws.run({"task", ids[1], "--assignee", "Ada"}).exit_code, 0);
  ASSERT_EQ(ws.run({"plan", "--start", "2026-11-23"}).exit_code, 0);
  // --on: the end of Ada's working day (15:00 in Berlin), never after now.
  auto r = ws.run({"task", ids[0], "--status", "done", "--on", "2026-11-16"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(has(r.out, "status done at 2026-11-16 15:00 Europe/Berlin by Ada")) << r.out;
  r = ws.run({"task", ids[1], "--status", "done", "--on", k_today});
  EXPECT_TRUE(has(r.out, "status done at 2026-11-18 12:06 Europe/Berlin by Ada")) << r.out;
  r = ws.run({"task", ids[2], "--status", "done"});  // not pinned: the plan's assignee
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(has(r.out, "status done at 2026-11-18 ")) << r.out;
  EXPECT_TRUE(
      has(ws.run({"show", ids[0]}).out, "Done:       2026-11-16 15:00 Europe/Berlin by Ada\n"));
  ASSERT_EQ(ws.run({"export", "json", "--out", "plan.json"}).exit_code, 0);
  const json plan = json::parse(slurp(ws.path("plan.json")));
  EXPECT_EQ(task_of(plan, ids[0])["done_at"], "2026-11-16T14:00:00+00:00");
  EXPECT_EQ(task_of(plan, ids[0])["done_by"], "Ada");
  EXPECT_EQ(task_of(plan, ids[1])["done_at"], "2026-11-18T11:06:40+00:00");
  EXPECT_TRUE(task_of(plan, ids[3])["done_at"].is_null());
  // Reopened: no longer done, so no time of finishing.
  ASSERT_EQ(ws.run({"task", ids[0], "--status", "open"}).exit_code, 0);
  EXPECT_FALSE(has(ws.run({"show", ids[0]}).out, "Done:"));
  EXPECT_TRUE(task_of(list_json(ws), ids[0])["done_at"].is_null());
}

TEST(TrackingE2eTest, ShowListsTheWorkAndEveryStatusChangeWithItsTime) {
  Workspace ws;
  const auto ids = set_up(ws);
  ASSERT_EQ(ws.run({"task", ids[0], "--assignee", "Grace"}).exit_code, 0);
  ASSERT_EQ(ws.run({"task", ids[0], "--spent", "2", "--on", "2026-11-17"}).exit_code, 0);
  ASSERT_EQ(
      ws.run({"task", ids[0], "--status", "done"}, {{"SOURCE_DATE_EPOCH", "1795010000"}}).exit_code,
      0);
  ASSERT_EQ(ws.run({"task", ids[0], "--status", "open", "--by", "Ada"},
                   {{"SOURCE_DATE_EPOCH", "1795020000"}})
                .exit_code,
            0);
  const auto r = ws.run({"show", ids[0]});
  EXPECT_TRUE(has(r.out,
                  "Work log:\n"
                  "  2026-11-17  Grace  2 h\n"
                  "Status history:\n"
                  "  2026-11-18 11:06 UTC  in-progress  Grace\n"
                  "  2026-11-18 13:53 UTC  done  Grace\n"
                  "  2026-11-18 17:40 Europe/Berlin  open  Ada\n"))
      << r.out;
}

// The rows Python's csv module reads from `file`.
std::vector<std::vector<std::string>> python_csv(const std::filesystem::path& file) {
  const std::string command = std::string(RPLAN_PYTHON) +
                              " -c \"import csv,json,sys\n"
                              "with open(sys.argv[1], newline='', encoding='utf-8') as f:\n"
                              "    print(json.dumps(list(csv.reader(f, strict=True))))\" '" +
                              file.string() + "'";
  std::string out;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return {};
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
  EXPECT_EQ(::pclose(pipe), 0) << command;
  return json::parse(out).get<std::vector<std::vector<std::string>>>();
}

TEST(TrackingE2eTest, TheLogFiltersByPersonAndDatesInThreeFormats) {
  Workspace ws;
  const auto ids = set_up(ws);
  ASSERT_EQ(ws.run({"task", ids[0], "--spent", "2", "--on", "2026-11-16", "--by", "Ada"}).exit_code,
            0);
  ASSERT_EQ(
      ws.run({"task", ids[1], "--spent", "1", "--on", "2026-11-17", "--by", "Grace"}).exit_code, 0);
  ASSERT_EQ(ws.run({"task", ids[1], "--spent", "3", "--by", "Ada"}).exit_code, 0);

  auto r = ws.run({"log"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(has(r.out, "DATE        ASSIGNEE  HOURS  TASK    PROMPT\n")) << r.out;
  EXPECT_TRUE(
      has(r.out, "2026-11-16  Ada       2      " + ids[0] + "  Research multi-level caching"))
      << r.out;
  EXPECT_TRUE(has(r.out, "3 entries, 6 h\n")) << r.out;
  const auto count = [&](std::vector<std::string> filter) {
    filter.insert(filter.begin(), {"log", "--format", "json"});
    return run_json(ws, filter)["entries"].size();
  };
  EXPECT_EQ(count({"--assignee", "Ada"}), 2U);
  EXPECT_EQ(count({"--assignee", "Grace"}), 1U);
  EXPECT_EQ(count({"--from", "2026-11-17"}), 2U);
  EXPECT_EQ(count({"--to", "2026-11-16"}), 1U);
  EXPECT_EQ(count({"--from", "2026-11-17", "--to", "2026-11-17"}), 1U);
  EXPECT_EQ(count({"--assignee", "Ada", "--from", "2026-11-17"}), 1U);
  r = ws.run({"log", "--assignee", "Linus"});  // nobody of that name: an error, not nothing
  EXPECT_EQ(r.exit_code, 65);
  EXPECT_TRUE(has(r.err, "nobody named \"Linus\" is in the team (it has Ada and Grace)")) << r.err;
  EXPECT_EQ(ws.run({"log", "--from", "2026-11-18", "--to", "2026-11-17"}).exit_code, 2);
  EXPECT_EQ(ws.run({"log", "--format", "xml"}).exit_code, 2);
  EXPECT_EQ(ws.run({"log", "--from", "soon"}).exit_code, 2);

  const json j = run_json(ws, {"log", "--format", "json"});
  EXPECT_EQ(j["format"], "rplan-work-log");
  EXPECT_EQ(j["total_hours"], 6.0);
  EXPECT_EQ(j["entries"][2]["task"], ids[1]);
  EXPECT_EQ(j["entries"][2]["prompt"], "Analyze invalidation patterns");
  EXPECT_EQ(j["entries"][2]["recorded_at"], "2026-11-18T11:06:40+00:00");

  r = ws.run({"log", "--format", "csv", "--assignee", "Ada"});
  ws.write("log.csv", r.out);
  const auto rows = python_csv(ws.path("log.csv"));
  ASSERT_EQ(rows.size(), 3U);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"date", "assignee", "task", "hours", "topic",
                                               "prompt", "recorded_at"}));
  EXPECT_EQ(rows[1],
            (std::vector<std::string>{
                "2026-11-16", "Ada", ids[0], "2", "Caching Strategies",
                "Research multi-level caching including local, distributed, and CDN caches",
                "2026-11-18T11:06:40+00:00"}));
  EXPECT_EQ(rows[2][0], k_today);
  EXPECT_EQ(rows[2][3], "3");
}

TEST(TrackingE2eTest, SyncRecordsATickedBoxAsDoneAtTheTimeOfTheSync) {
  Workspace ws;
  const auto ids = set_up(ws);
  ASSERT_EQ(ws.run({"plan", "--start", "2026-11-23"}).exit_code, 0);
  ASSERT_EQ(ws.run({"export", "md", "--out", "c.md"}).exit_code, 0);
  std::string checklist = slurp(ws.path("c.md"));
  const auto item = checklist.find("- [ ]");
  ASSERT_NE(item, std::string::npos);
  checklist.replace(item, 5, "- [x]");
  ws.write("c.md", checklist);
  const std::string assignee = task_of(list_json(ws), ids[0])["assignee"];
  ASSERT_EQ(ws.run({"sync", "c.md"}, {{"SOURCE_DATE_EPOCH", "1795010000"}}).exit_code, 0);
  const json t = task_of(list_json(ws), ids[0]);
  EXPECT_EQ(t["status"], "done");
  EXPECT_EQ(t["done_at"], "2026-11-18T13:53:20+00:00");
  EXPECT_EQ(t["done_by"], assignee);
  EXPECT_TRUE(has(ws.run({"show", ids[0]}).out, "  done  " + assignee + "\n"));
}

TEST(TrackingE2eTest, EveryKindOfChangeMakesThePlanOutOfDateUntilItIsMadeAgain) {
  Workspace ws;
  const auto ids = set_up(ws);
  ws.write("team.csv", "name,hours_per_day\nLinus,5\n");
  std::string edited = k_doc;
  edited.replace(edited.find("- Analyze invalidation patterns"), 30,
                 "- Analyze cache invalidation patterns");
  edited += "- Research stream processing\n";
  struct Case {
    std::vector<std::string> command;
    std::string reason;
  };
  const std::vector<Case> cases = {
      {{"team", "add", "Linus"}, "team member Linus"},
      {{"team", "add", "Ada", "--hours-per-day", "4"}, "team member Ada"},
      {{"team", "import", "team.csv"}, "team member Linus"},
      {{"team", "remove", "Linus"}, "team member Linus"},
      {{"off", "Ada", "--from", "2026-11-30", "--to", "2026-12-01"}, "time off for Ada"},
      {{"off", "remove", "Ada", "--from", "2026-11-30"}, "time off for Ada"},
      {{"holiday", "add", "2026-11-26"}, "holiday 2026-11-26"},
      {{"holiday", "remove", "2026-11-26"}, "holiday 2026-11-26"},
      {{"task", ids[0], "--estimate", "3"}, "the estimate of task " + ids[0]},
      {{"task", ids[1], "--assignee", "Grace"}, "the pin of task " + ids[1]},
      {{"task", ids[2], "--after", ids[3]}, "the dependencies of task " + ids[2]},
      {{"task", ids[3], "--status", "in-progress"}, "the status of task " + ids[3]},
      {{"task", ids[4], "--spent", "1", "--by", "Ada"}, "hours spent on task " + ids[4]},
      {{"task", ids[0], "--remaining", "1", "--by", "Ada"},
       "the remaining hours of task " + ids[0]},
      {{"import", "platform.md"}, "the text of task " + ids[1]},
      {{"forget", "platform.md"}, "document platform.md forgotten"},
  };
  ASSERT_EQ(ws.run({"plan", "--start", "2026-11-23"}).exit_code, 0);
  for (const Case& c : cases) {
    SCOPED_TRACE(c.command[0] + " " + c.command[1]);
    if (c.command[0] == "import") ws.write("platform.md", edited);
    auto r = ws.run(c.command);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string warning =
        "rplan: warning: the plan is out of date (since 2026-11-18 11:06): ";
    r = ws.run({"list"});
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_EQ(r.err.rfind(warning, 0), 0U) << r.err;
    EXPECT_TRUE(has(r.err, c.reason)) << r.err;
    EXPECT_TRUE(has(r.err, "; run rplan plan\n")) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    if (c.command[0] != "forget") {
      r = ws.run({"show", ids[0]});
      EXPECT_EQ(r.exit_code, 0);
      EXPECT_EQ(r.err.rfind(warning, 0), 0U) << r.err;
    }
    for (const std::string format : {"json", "csv", "md", "ics", "html", "xlsx"}) {
      r = ws.run({"export", format, "--out", "plan." + format});
      EXPECT_EQ(r.exit_code, 0) << format << ": " << r.err;
      EXPECT_EQ(r.err.rfind(warning, 0), 0U) << format << ": " << r.err;
    }
    json plan = json::parse(slurp(ws.path("plan.json")));
    EXPECT_EQ(plan["plan"]["stale"], true);
    EXPECT_TRUE(has(plan["plan"]["stale_reasons"].dump(), c.reason))
        << plan["plan"]["stale_reasons"];
    if (c.command[0] == "forget") {
      ASSERT_EQ(ws.run({"import", "platform.md"}).exit_code, 0);
    }
    // Planning again brings the plan up to date: no warning anywhere.
    r = ws.run({"plan", "--start", "2026-11-23"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "");
    r = ws.run({"list"});
    EXPECT_EQ(r.err, "");
    r = ws.run({"export", "json", "--out", "plan.json"});
    EXPECT_EQ(r.err, "");
    plan = json::parse(slurp(ws.path("plan.json")));
    EXPECT_EQ(plan["plan"]["stale"], false);
    EXPECT_EQ(plan["plan"]["stale_reasons"], json::array());
  }
  // A command that changes nothing the plan uses leaves it up to date.
  ASSERT_EQ(ws.run({"holiday", "add", "2026-12-25"}).exit_code, 0);
  ASSERT_EQ(ws.run({"plan", "--start", "2026-11-23"}).exit_code, 0);
  for (const std::vector<std::string>& same : std::vector<std::vector<std::string>>{
           {"team", "add", "Grace", "--email", "grace@example.org"},
           {"holiday", "add", "2026-12-25", "--name", "Christmas"},
           {"import", "platform.md"}}) {
    ASSERT_EQ(ws.run(same).exit_code, 0);
    EXPECT_EQ(ws.run({"list"}).err, "") << same[0];
  }
  // run makes a fresh plan: no warning.
  ASSERT_EQ(ws.run({"task", ids[0], "--estimate", "4"}).exit_code, 0);
  const auto r = ws.run({"--db", "rplan.db", "run", "platform.md", "--out", "out"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(json::parse(slurp(ws.path("out/plan.json")))["plan"]["stale"], false);
}

// The number of the last migration in schemas/ (NNNN_name.sql).
int latest_schema_version() {
  int latest = 0;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::filesystem::path(RPLAN_SOURCE_DIR) / "schemas")) {
    const std::string name = entry.path().filename().string();
    if (name.size() > 5 && name[4] == '_' && entry.path().extension() == ".sql") {
      latest = std::max(latest, std::stoi(name.substr(0, 4)));
    }
  }
  return latest;
}

TEST(TrackingE2eTest, ADatabaseOfThePreviousSchemaIsMigratedByACommandThatWrites) {
  Workspace ws;
  {
    SQLite::Database db(ws.path("rplan.db").string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec(slurp(std::filesystem::path(RPLAN_SOURCE_DIR) / "schemas/0001_initial.sql"));
    db.exec("PRAGMA user_version = 1");
    db.exec("PRAGMA application_id = " + std::to_string(0x72506c6e));
    db.exec(
        "INSERT INTO assignees (name) VALUES ('Ada');"
        "INSERT INTO documents (id, name, title, ordinal) VALUES (1, 'a.md', 'A', 1);"
        "INSERT INTO topics (id, document_id, title, position) VALUES ('tpc01', 1, 'T', 1);"
        "INSERT INTO tasks (id, topic_id, position, prompt, kind, estimate_likely, "
        "estimate_optimistic, estimate_pessimistic, status) VALUES "
        "('tsk001', 'tpc01', 1, 'Research x', 'research', 8, 6, 12, 'done'),"
        "('tsk002', 'tpc01', 2, 'Research y', 'research', 8, 6, 12, 'open');"
        "INSERT INTO plan (id, start, finish, strategy, created_at, total_hours) VALUES "
        "(1, '2026-12-07', '2026-12-08', 'balanced', 1790000000, 8);");
  }
  auto r = ws.run({"list"});
  EXPECT_EQ(r.exit_code, 65);
  EXPECT_TRUE(has(r.err, "uses an older schema; run a command that writes")) << r.err;
  r = ws.run({"task", "tsk002", "--spent", "1.5", "--by", "Ada"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  {
    SQLite::Database db(ws.path("rplan.db").string(), SQLite::OPEN_READONLY);
    EXPECT_EQ(db.execAndGet("PRAGMA user_version").getInt(), latest_schema_version());
  }
  const json j = list_json(ws);
  EXPECT_EQ(task_of(j, "tsk001")["status"], "done");
  EXPECT_TRUE(task_of(j, "tsk001")["done_at"].is_null());
  EXPECT_EQ(task_of(j, "tsk002")["spent_hours"], 1.5);
  EXPECT_EQ(task_of(j, "tsk002")["status"], "in-progress");
  r = ws.run({"list"});
  EXPECT_TRUE(has(r.err, "(since 2026-09-21 14:13): hours spent on task tsk002; run rplan plan"))
      << r.err;
}

}  // namespace
}  // namespace rplan::e2e
