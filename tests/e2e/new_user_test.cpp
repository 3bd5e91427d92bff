// What a new user trips over (issue 17), through the real binary: names in
// any case, ids by a unique beginning, the nearest command, workdays ranges,
// time off kept and merged, re-estimates reported, a prompts list that is not
// one.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "planner/util/text.hpp"
#include "run_rplan.hpp"

namespace rplan::e2e {
namespace {

using nlohmann::json;

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

const char* k_doc = R"(# Platform research

### 1. Caching
**Research Prompts**:
- Research Redis
- Analyze invalidation patterns
- Document the caching guide
)";

// A workspace with k_doc imported and a team of two; the task ids in list order.
std::vector<std::string> set_up(const Workspace& ws) {
  ws.write("t.md", k_doc);
  EXPECT_EQ(ws.run({"import", "t.md"}).exit_code, 0);
  EXPECT_EQ(ws.run({"team", "add", "Priya Raman", "--timezone", "Asia/Kolkata"}).exit_code, 0);
  EXPECT_EQ(ws.run({"team", "add", "Tom Becker", "--timezone", "Europe/Berlin"}).exit_code, 0);
  std::vector<std::string> ids;
  const json listed = json::parse(ws.run({"list", "--format", "json"}).out);
  for (const auto& t : listed["tasks"]) ids.push_back(t["id"]);
  return ids;
}

// ---- 1. names ----

TEST(NewUserTest, PersonNamesMatchWithoutRegardToCaseInEveryCommand) {
  Workspace ws;
  const auto ids = set_up(ws);
  auto r = ws.run({"task", ids[0], "--assignee", "priya raman"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(has(r.out, "pinned to Priya Raman")) << r.out;
  r = ws.run({"list", "--assignee", "PRIYA RAMAN", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(json::parse(r.out)["tasks"].size(), 1u);
  r = ws.run({"off", "tom becker", "--from", "2026-12-07", "--to", "2026-12-08"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(has(ws.run({"off", "list"}).out, "Tom Becker  2026-12-07 .. 2026-12-08"));
  r = ws.run({"off", "remove", "TOM becker", "--from", "2026-12-07"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = ws.run({"task", ids[1], "--spent", "2", "--by", "tom BECKER"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(has(r.out, "by Tom Becker")) << r.out;
  r = ws.run({"log", "--assignee", "tom becker", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(json::parse(r.out)["entries"].size(), 1u) << r.out;
  r = ws.run({"feed", "add", "priya", "--person", "PRIYA raman"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(has(r.out, "Priya Raman's calendar")) << r.out;
  EXPECT_TRUE(has(ws.run({"feed", "list"}).out, "Priya Raman")) << "stored as the team has it";
  r = ws.run({"team", "remove", "tom becker"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(has(r.out, "removed Tom Becker")) << r.out;
}

TEST(NewUserTest, ANameNobodyHasIsAnErrorThatNamesWhoExists) {
  Workspace ws;
  const auto ids = set_up(ws);
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"list", "--assignee", "Ken"},
        {"task", ids[0], "--assignee", "Ken"},
        {"off", "Ken", "--from", "2026-12-07", "--to", "2026-12-08"},
        {"team", "remove", "Ken"},
        {"log", "--assignee", "Ken"}}) {
    SCOPED_TRACE(args[0]);
    const auto r = ws.run(args);
    EXPECT_EQ(r.exit_code, 65) << r.err;
    EXPECT_TRUE(
        has(r.err, "nobody named \"Ken\" is in the team (it has Priya Raman and Tom Becker)"))
        << r.err;
    EXPECT_EQ(r.out, "");
  }
}

TEST(NewUserTest, TeamAddRefusesANameThatDiffersOnlyInCase) {
  Workspace ws;
  set_up(ws);
  auto r = ws.run({"team", "add", "priya raman", "--hours-per-day", "4"});
  EXPECT_EQ(r.exit_code, 65);
  EXPECT_TRUE(has(r.err, "\"priya raman\" differs only in case from \"Priya Raman\"")) << r.err;
  EXPECT_TRUE(has(ws.run({"team", "list"}).out, "Priya Raman  6 h/day")) << "nothing changed";
  ws.write("team.csv", "name,hours_per_day\nPRIYA RAMAN,4\nAna Souza,5\nana souza,4\n");
  r = ws.run({"team", "import", "team.csv"});
  EXPECT_EQ(r.exit_code, 65);
  EXPECT_TRUE(has(r.err, "team.csv:2: error: \"PRIYA RAMAN\" differs only in case")) << r.err;
  EXPECT_TRUE(has(r.err,
                  "team.csv:4: error: \"ana souza\" is listed twice (lines 3 and 4) as "
                  "\"Ana Souza\" and \"ana souza\", which differ only in case"))
      << r.err;
}

TEST(NewUserTest, RunAssigneesFindsPeopleInAnyCase) {
  Workspace ws;
  ws.write("t.md", k_doc);
  auto r = ws.run({"run", "t.md", "--assignees", "Ada,Grace", "--out", "out"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = ws.run({"run", "t.md", "--assignees", "ada,GRACE", "--out", "out"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = ws.run({"--db", "out/rplan.db", "team", "list"});
  EXPECT_EQ(r.out.find("ada"), std::string::npos) << "nobody new: " << r.out;
}

// ---- 2. ids ----

TEST(NewUserTest, AUniqueBeginningOfAnIdIsAcceptedWhereverAnIdIs) {
  Workspace ws;
  const auto ids = set_up(ws);
  // The shortest beginning of each id that no other id shares.
  auto prefix = [&](const std::string& id) {
    for (std::size_t n = 1; n <= id.size(); ++n) {
      int sharing = 0;
      for (const auto& other : ids) sharing += other.compare(0, n, id, 0, n) == 0 ? 1 : 0;
      if (sharing == 1) return id.substr(0, n);
    }
    return id;
  };
  auto r = ws.run({"show", prefix(ids[1])});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(has(r.out, "Task " + ids[1])) << r.out;
  r = ws.run({"show", ids[1].substr(0, 4)});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string upper = ids[1];
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_EQ(ws.run({"show", upper}).exit_code, 0) << "ids are lower-case; case does not matter";
  r = ws.run({"task", prefix(ids[2]), "--after", prefix(ids[0]), "--estimate", "3"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(has(r.out, ids[2] + ": estimate 3 h; after " + ids[0])) << r.out;
  r = ws.run({"task", prefix(ids[2]), "--not-after", prefix(ids[0])});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(has(r.out, "no longer after " + ids[0])) << r.out;
}

TEST(NewUserTest, AnAmbiguousBeginningListsTheCandidates) {
  Workspace ws;
  // Enough tasks that some ids share their first letter.
  std::string doc = "### Many\n**Research Prompts**:\n";
  for (int i = 0; i < 60; ++i) doc += "- Research thing " + std::to_string(i) + "\n";
  ws.write("many.md", doc);
  ASSERT_EQ(ws.run({"import", "many.md"}).exit_code, 0);
  std::map<char, std::vector<std::string>> by_letter;
  const json listed = json::parse(ws.run({"list", "--format", "json"}).out);
  for (const auto& t : listed["tasks"]) {
    const std::string id = t["id"];
    by_letter[id[0]].push_back(id);
  }
  const auto most = std::max_element(by_letter.begin(), by_letter.end(), [](auto& a, auto& b) {
    return a.second.size() < b.second.size();
  });
  ASSERT_GE(most->second.size(), 2u);
  const auto r = ws.run({"show", std::string(1, most->first)});
  EXPECT_EQ(r.exit_code, 65);
  EXPECT_TRUE(has(r.err, "\"" + std::string(1, most->first) + "\" is the beginning of " +
                             std::to_string(most->second.size()) + " task ids ("))
      << r.err;
  std::sort(most->second.begin(), most->second.end());
  EXPECT_TRUE(has(r.err, most->second[0] + ", " + most->second[1])) << r.err;
  EXPECT_TRUE(has(r.err, "type more of the id")) << r.err;
  const auto none = ws.run({"show", "zzzzzz9"});
  EXPECT_EQ(none.exit_code, 65);
  EXPECT_TRUE(has(none.err, "no task has the id \"zzzzzz9\"")) << none.err;
}

// ---- 3. commands ----

TEST(NewUserTest, AnUnknownCommandSuggestsTheNearest) {
  Workspace ws;
  struct Case {
    std::vector<std::string> args;
    std::string says;
  };
  const Case cases[] = {
      {{"improt", "t.md"}, "unknown command \"improt\"; did you mean import?"},
      {{"lsit"}, "did you mean list?"},
      {{"taem", "add", "Ada"}, "did you mean team add?"},
      {{"team", "ad", "Ada"},
       "team needs one of: add, import, list, remove (not \"ad\"; did "
       "you mean team add?)"},
      {{"holiday", "lst"}, "did you mean holiday list?"},
      {{"hepl"}, "did you mean help?"},
      {{"frobnicate"}, "unknown command \"frobnicate\" (see rplan --help)"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.args[0]);
    const auto r = ws.run(c.args);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_TRUE(has(r.err, c.says)) << r.err;
  }
}

TEST(NewUserTest, HelpListsTheHelpCommand) {
  Workspace ws;
  const auto r = ws.run({"--help"});
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_TRUE(has(r.out, "  help [COMMAND]")) << r.out;
  EXPECT_TRUE(has(r.out, "  help --markdown")) << r.out;
}

// ---- 9. workdays ----

TEST(NewUserTest, WorkdaysTakeRangesAndListsInTheCliAndTheTeamFile) {
  Workspace ws;
  auto r = ws.run({"team", "add", "Ana", "--workdays", "mon-thu"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = ws.run({"team", "add", "Omar", "--workdays", "sun-thu"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ws.write("team.csv", "name,workdays\nKen,\"mon-wed,fri\"\nLi,tue-sat\n");
  r = ws.run({"team", "import", "team.csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = ws.run({"team", "list"});
  EXPECT_TRUE(has(r.out, "Ana  6 h/day from 09:00 UTC, mon,tue,wed,thu\n")) << r.out;
  EXPECT_TRUE(has(r.out, "Omar  6 h/day from 09:00 UTC, mon,tue,wed,thu,sun\n")) << r.out;
  EXPECT_TRUE(has(r.out, "Ken  6 h/day from 09:00 UTC, mon,tue,wed,fri\n")) << r.out;
  EXPECT_TRUE(has(r.out, "Li  6 h/day from 09:00 UTC, tue,wed,thu,fri,sat\n")) << r.out;
  r = ws.run({"team", "add", "Bo", "--workdays", "mon-funday"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(has(r.err, "--workdays mon-funday")) << r.err;
}

// ---- 13. time off ----

TEST(NewUserTest, TimeOffKeepsItsReasonAndMergesOverlaps) {
  Workspace ws;
  set_up(ws);
  auto r = ws.run({"off", "Tom Becker", "--from", "2026-12-07", "--to", "2026-12-09", "--reason",
                   "conference"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = ws.run({"off", "Tom Becker", "--from", "2026-12-07", "--to", "2026-12-09"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "Tom Becker is off from 2026-12-07 to 2026-12-09 (conference)\n");
  EXPECT_EQ(ws.run({"off", "list"}).out, "Tom Becker  2026-12-07 .. 2026-12-09  conference\n");
  r = ws.run({"off", "Tom Becker", "--from", "2026-12-08", "--to", "2026-12-11"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "Tom Becker is off from 2026-12-07 to 2026-12-11 (conference)\n"
            "merged with the overlapping time off 2026-12-07 .. 2026-12-09 into one\n");
  EXPECT_EQ(ws.run({"off", "list"}).out, "Tom Becker  2026-12-07 .. 2026-12-11  conference\n");
  r = ws.run(
      {"off", "Tom Becker", "--from", "2026-12-07", "--to", "2026-12-07", "--reason", "ill"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(ws.run({"off", "list"}).out, "Tom Becker  2026-12-07 .. 2026-12-11  ill\n")
      << "a reason given replaces the old one";
  // Adjacent time off is not merged: it does not overlap.
  ASSERT_EQ(ws.run({"off", "Tom Becker", "--from", "2026-12-12", "--to", "2026-12-13"}).exit_code,
            0);
  EXPECT_EQ(ws.run({"off", "list"}).out,
            "Tom Becker  2026-12-07 .. 2026-12-11  ill\nTom Becker  2026-12-12 .. 2026-12-13\n");
}

// ---- 14. re-estimates ----

TEST(NewUserTest, AReImportAfterTheEstimateSettingsChangedSaysReEstimated) {
  Workspace ws;
  set_up(ws);
  ws.write("slow.conf", "[estimate]\nresearch = 10\nanalysis = 7\n");
  auto r = ws.run({"--config", "slow.conf", "import", "t.md"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "t.md: 0 added, 0 updated, 1 unchanged, 2 re-estimated, 0 removed\n");
  const auto tasks = json::parse(ws.run({"list", "--format", "json"}).out)["tasks"];
  EXPECT_EQ(tasks[0]["estimate_hours"], 10);
  r = ws.run({"--config", "slow.conf", "import", "t.md"});
  EXPECT_EQ(r.out, "t.md: 0 added, 0 updated, 3 unchanged, 0 removed\n");
}

TEST(NewUserTest, AReEstimateMakesThePlanOutOfDate) {
  Workspace ws;
  set_up(ws);
  ASSERT_EQ(ws.run({"plan", "--start", "2026-12-07"}).exit_code, 0);
  ws.write("slow.conf", "[estimate]\nresearch = 10\n");
  ASSERT_EQ(ws.run({"--config", "slow.conf", "import", "t.md"}).exit_code, 0);
  const auto r = ws.run({"list"});
  EXPECT_TRUE(has(r.err, "the plan is out of date")) << r.err;
  EXPECT_TRUE(has(r.err, "estimate")) << r.err;
}

// ---- 15. a prompts label without a list ----

TEST(NewUserTest, ANumberedListNotStartingAtOneUnderTheLabelSaysWhatWasFound) {
  Workspace ws;
  ws.write("t.md",
           "### 3. Caching\n"
           "**Research Prompts**:\n"
           "3. Research Redis\n"
           "4. Research Memcached\n");
  auto r = ws.run({"import", "t.md"});
  EXPECT_EQ(r.exit_code, 65);
  EXPECT_TRUE(has(r.err,
                  "t.md:2: error: topic \"Caching\" has a **Research Prompts**: label but no "
                  "prompts: line 3 reads \"3. Research Redis\", which Markdown reads as more "
                  "text of the label's paragraph, not as a list: a numbered list that starts at "
                  "3 needs a blank line above it (or start it at 1)"))
      << r.err;
  // With the blank line, the same list is the prompts.
  ws.write("t.md",
           "### 3. Caching\n"
           "**Research Prompts**:\n"
           "\n"
           "3. Research Redis\n"
           "4. Research Memcached\n");
  r = ws.run({"import", "t.md"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(has(r.out, "2 added")) << r.out;
  ws.write("u.md", "### Caching\n**Research Prompts**:\nTo be written.\n\n### Next\n");
  r = ws.run({"import", "u.md"});
  EXPECT_TRUE(has(r.err, "line 3 reads \"To be written.\", not a list of prompts")) << r.err;
  ws.write("v.md", "### Caching\n**Research Prompts**:\n\n### Next\n");
  r = ws.run({"import", "v.md"});
  EXPECT_TRUE(has(r.err, "nothing follows it before the next heading")) << r.err;
}

// ---- 16. holidays for some people only ----

// The dates of `who`'s work blocks in the plan's JSON (local dates).
std::vector<std::string> work_days(const json& plan, const std::string& who) {
  std::vector<std::string> dates;
  for (const auto& t : plan["tasks"]) {
    if (t["assignee"] != who) continue;
    for (const auto& b : t["blocks"]) dates.push_back(b["date"]);
  }
  return dates;
}

bool contains(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

TEST(NewUserTest, AHolidayForSomePeopleIsTheirsOnly) {
  Workspace ws;
  const auto ids = set_up(ws);
  for (const auto& id : ids)
    ASSERT_EQ(ws.run({"task", id, "--assignee", "Priya Raman"}).exit_code, 0);
  auto r = ws.run({"holiday", "add", "2026-12-08", "--name", "Festival", "--for", "priya raman"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "holiday 2026-12-08 Festival for Priya Raman\n");
  ASSERT_EQ(ws.run({"holiday", "add", "2026-12-25", "--name", "Christmas"}).exit_code, 0);
  EXPECT_EQ(ws.run({"holiday", "list"}).out,
            "2026-12-08  Festival  for Priya Raman\n2026-12-25  Christmas  for everyone\n");
  r = ws.run({"holiday", "add", "2026-12-09", "--for", "Ken"});
  EXPECT_EQ(r.exit_code, 65);
  EXPECT_TRUE(has(r.err, "nobody named \"Ken\"")) << r.err;

  ASSERT_EQ(ws.run({"plan", "--start", "2026-12-07"}).exit_code, 0);
  r = ws.run({"export", "json", "--out", "plan.json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json plan = json::parse(slurp(ws.path("plan.json")));
  EXPECT_FALSE(contains(work_days(plan, "Priya Raman"), "2026-12-08"));
  EXPECT_TRUE(contains(work_days(plan, "Priya Raman"), "2026-12-09"));
  EXPECT_EQ(plan["holidays"][0]["people"], json::array({"Priya Raman"}));
  EXPECT_EQ(plan["holidays"][1]["people"], json::array());
  ASSERT_EQ(ws.run({"export", "html", "--out", "report.html"}).exit_code, 0);
  EXPECT_TRUE(
      has(slurp(ws.path("report.html")), "<title>2026-12-08: Festival (Priya Raman)</title>"));

  // The same day as Tom's: Priya works on it, and the change makes the plan out of date.
  r = ws.run({"holiday", "add", "2026-12-08", "--for", "Tom Becker"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "holiday 2026-12-08 Festival for Tom Becker (before: for Priya Raman)\n");
  EXPECT_TRUE(has(ws.run({"list"}).err, "holiday 2026-12-08"));
  ASSERT_EQ(ws.run({"plan", "--start", "2026-12-07"}).exit_code, 0);
  ASSERT_EQ(ws.run({"export", "json", "--out", "plan.json"}).exit_code, 0);
  plan = json::parse(slurp(ws.path("plan.json")));
  EXPECT_TRUE(contains(work_days(plan, "Priya Raman"), "2026-12-08"));

  // A holiday left for nobody goes with its last person, rather than become everyone's.
  ASSERT_EQ(ws.run({"team", "remove", "Tom Becker"}).exit_code, 0);
  EXPECT_EQ(ws.run({"holiday", "list"}).out, "2026-12-25  Christmas  for everyone\n");
}

// ---- 8. the kind once ----

TEST(NewUserTest, CalendarTitlesAndChecklistItemsShowTheKindOnce) {
  Workspace ws;
  const auto ids = set_up(ws);
  ASSERT_EQ(ws.run({"plan", "--start", "2026-12-07"}).exit_code, 0);
  ASSERT_EQ(ws.run({"export", "ics", "--out", "plan.ics"}).exit_code, 0);
  const std::string ics = slurp(ws.path("plan.ics"));
  EXPECT_TRUE(has(ics, "SUMMARY:Research Redis (Caching)\r\n")) << ics;
  EXPECT_TRUE(has(ics, "SUMMARY:Analyze invalidation patterns (Caching)\r\n")) << ics;
  EXPECT_FALSE(has(ics, "Research: Research")) << ics;
  ASSERT_EQ(ws.run({"export", "md", "--out", "checklist.md"}).exit_code, 0);
  const std::string md = slurp(ws.path("checklist.md"));
  EXPECT_TRUE(has(md, "] **Research** Redis \u2014")) << md;
  EXPECT_TRUE(has(md, "] **Document** the caching guide \u2014")) << md;
  EXPECT_FALSE(has(md, "**Research** Research")) << md;
  // A prompt that does not say its kind keeps the label.
  ws.write("t.md", std::string(k_doc) + "- Compare Redis with Memcached\n");
  ASSERT_EQ(ws.run({"import", "t.md"}).exit_code, 0);
  ASSERT_EQ(ws.run({"plan", "--start", "2026-12-07"}).exit_code, 0);
  ASSERT_EQ(ws.run({"export", "md", "--out", "checklist.md"}).exit_code, 0);
  EXPECT_TRUE(
      std::regex_search(slurp(ws.path("checklist.md")),
                        std::regex(R"(\] \*\*[A-Z][a-z]+\*\* Compare Redis with Memcached)")));
  // sync reads the items it wrote as unedited.
  const auto r = ws.run({"sync", "checklist.md"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(has(r.out, "edited")) << r.out;
}

// ---- 11. run writes a CSV; help fits the terminal ----

TEST(NewUserTest, RunWritesTheCsvToo) {
  Workspace ws;
  ws.write("t.md", k_doc);
  const auto r = ws.run({"run", "t.md", "--assignees", "Ada", "--out", "out"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(has(r.out, "wrote out/plan.csv\n")) << r.out;
  EXPECT_TRUE(has(slurp(ws.path("out/plan.csv")), "Research Redis"));
}

// Every line of `text` is at most `width` code points.
void expect_lines_within(const std::string& text, std::size_t width) {
  std::size_t from = 0;
  for (std::size_t end; (end = text.find('\n', from)) != std::string::npos; from = end + 1) {
    const std::string line = text.substr(from, end - from);
    EXPECT_LE(util::utf8_length(line), width) << line;
  }
}

TEST(NewUserTest, HelpIsWrappedToTheTerminalAndRunSaysWhereCalendarsGo) {
  Workspace ws;
  for (const std::string columns : {"", "60"}) {
    SCOPED_TRACE("COLUMNS=" + columns);
    std::map<std::string, std::string> env;
    if (!columns.empty()) env["COLUMNS"] = columns;
    const auto r = ws.run({"run", "--help"}, env);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::size_t width = columns.empty() ? 80 : 60;
    expect_lines_within(r.out, width);
    EXPECT_TRUE(has(r.out, "DIR/calendars/")) << r.out;
    EXPECT_FALSE(has(r.out, "--out is a folder")) << r.out;
  }
}

TEST(NewUserTest, TheGeneralHelpAndEveryCommandsHelpFitTheTerminal) {
  Workspace ws;
  for (const std::string columns : {"80", "60"}) {
    SCOPED_TRACE("COLUMNS=" + columns);
    const std::map<std::string, std::string> env{{"COLUMNS", columns}};
    const std::size_t width = std::stoul(columns);
    const auto general = ws.run({"--help"}, env);
    ASSERT_EQ(general.exit_code, 0) << general.err;
    expect_lines_within(general.out, width);
    // The commands listed ("  team add   add a person, ..."), each one's help.
    const std::regex row("\n  ([a-z]+(?: [a-z]+)?)  +[a-z]");
    std::size_t commands = 0;
    for (std::sregex_iterator m(general.out.begin(), general.out.end(), row), end; m != end; ++m) {
      const std::string name = (*m)[1];
      if (name == "help") continue;
      SCOPED_TRACE(name);
      std::vector<std::string> args;
      for (std::size_t from = 0, space;; from = space + 1) {
        space = name.find(' ', from);
        args.push_back(name.substr(from, space - from));
        if (space == std::string::npos) break;
      }
      args.push_back("--help");
      const auto r = ws.run(args, env);
      ASSERT_EQ(r.exit_code, 0) << r.err;
      expect_lines_within(r.out, width);
      ++commands;
    }
    EXPECT_GE(commands, 20u) << general.out;
  }
}

// ---- 12. the calendars written ----

TEST(NewUserTest, ExportIcsPerAssigneeListsEachFile) {
  Workspace ws;
  const auto ids = set_up(ws);
  ASSERT_EQ(ws.run({"plan", "--start", "2026-12-07"}).exit_code, 0);
  const auto r = ws.run({"export", "ics", "--per-assignee", "--out", "calendars"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(ws.path("calendars"))) {
    ++files;
    EXPECT_TRUE(has(r.out, "wrote calendars/" + entry.path().filename().string() + "\n")) << r.out;
  }
  EXPECT_EQ(files, 2U);
  EXPECT_FALSE(has(r.out, "wrote calendars\n")) << r.out;
}

// ---- 4, 6, 7. the task list ----

// The line of `list`'s table that holds `id`.
std::string row_of(const std::string& table, const std::string& id) {
  const auto at = table.find("\n" + id);
  if (at == std::string::npos) return "";
  return table.substr(at + 1, table.find('\n', at + 1) - at - 1);
}

TEST(NewUserTest, ListShowsZonesFinishAndPinsInTheirOwnColumn) {
  Workspace ws;
  const auto ids = set_up(ws);
  ASSERT_EQ(ws.run({"task", ids[0], "--assignee", "Tom Becker"}).exit_code, 0);
  ASSERT_EQ(ws.run({"plan", "--start", "2026-12-07"}).exit_code, 0);
  auto r = ws.run({"list"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(std::regex_search(r.out, std::regex("ASSIGNEE +PIN +START +FINISH +PROMPT\n")))
      << r.out;
  // Tom's task is pinned: his name, then the PIN column, then times at Berlin's offset.
  EXPECT_TRUE(std::regex_search(row_of(r.out, ids[0]),
                                std::regex("Tom Becker +yes +2026-12-07 09:00 \\+01:00 +"
                                           "2026-12-0[0-9] [0-9:]+ \\+01:00 +Research Redis")))
      << r.out;
  EXPECT_TRUE(has(r.out, "+05:30")) << "Priya's times carry Kolkata's offset: " << r.out;
  // One zone for all: Tom's 09:00 in Berlin is 08:00 UTC.
  r = ws.run({"list", "--tz", "UTC"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(has(row_of(r.out, ids[0]), "2026-12-07 08:00 +00:00")) << r.out;
  EXPECT_FALSE(has(r.out, "+05:30")) << r.out;
  EXPECT_EQ(ws.run({"list", "--tz", "Mars/Olympus"}).exit_code, 2);
  // A pinned task not planned yet: the person and the PIN column, no '*'.
  ws.write("t.md", std::string(k_doc) + "- Research Memcached\n");
  ASSERT_EQ(ws.run({"import", "t.md"}).exit_code, 0);
  const json listed = json::parse(ws.run({"list", "--format", "json"}).out);
  std::string fresh;
  for (const auto& t : listed["tasks"]) {
    if (t["prompt"] == "Research Memcached") fresh = t["id"];
  }
  ASSERT_EQ(ws.run({"task", fresh, "--assignee", "Tom Becker"}).exit_code, 0);
  r = ws.run({"list"});
  EXPECT_TRUE(std::regex_search(row_of(r.out, fresh),
                                std::regex("Tom Becker +yes +- +- +Research Memcached")))
      << r.out;
  EXPECT_FALSE(has(r.out, "*")) << r.out;
}

TEST(NewUserTest, ListFiltersByDates) {
  Workspace ws;
  set_up(ws);
  // The runs' clock is Wednesday 2026-11-18: this week is 11-16 .. 11-22.
  ASSERT_EQ(ws.run({"plan", "--start", "2026-11-16"}).exit_code, 0);
  const auto dates_of = [&](std::vector<std::string> filter) {
    filter.insert(filter.begin(), {"list", "--format", "json"});
    const auto r = ws.run(filter);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::vector<std::pair<std::string, std::string>> spans;
    const json listed = json::parse(r.out);  // kept: the loop reads into it
    for (const auto& t : listed["tasks"]) {
      spans.emplace_back(t["blocks"].front()["date"], t["blocks"].back()["date"]);
    }
    return spans;
  };
  const auto all = dates_of({});
  ASSERT_EQ(all.size(), 3U);
  const std::string first_day = all.front().first;
  for (const auto& [from, to] : dates_of({"--from", first_day, "--to", first_day})) {
    EXPECT_LE(from, first_day);
    EXPECT_GE(to, first_day);
  }
  EXPECT_FALSE(dates_of({"--from", first_day, "--to", first_day}).empty());
  EXPECT_TRUE(dates_of({"--from", "2027-01-01"}).empty());
  EXPECT_TRUE(dates_of({"--to", "2026-11-15"}).empty());
  const auto week = dates_of({"--week"});
  EXPECT_FALSE(week.empty());
  for (const auto& [from, to] : week) {
    EXPECT_LE(from, "2026-11-22");
    EXPECT_GE(to, "2026-11-16");
  }
  EXPECT_EQ(ws.run({"list", "--week", "--from", "2026-11-16"}).exit_code, 2);
  EXPECT_EQ(ws.run({"list", "--from", "2026-11-20", "--to", "2026-11-19"}).exit_code, 2);
}

// ---- 10. RPLAN_TIMINGS for every command that does work ----

TEST(NewUserTest, TimingsAreReportedByImportListShowTaskAndSync) {
  Workspace ws;
  const auto ids = set_up(ws);
  ASSERT_EQ(ws.run({"plan", "--start", "2026-12-07"}).exit_code, 0);
  ASSERT_EQ(ws.run({"export", "md", "--out", "checklist.md"}).exit_code, 0);
  ASSERT_EQ(ws.run({"export", "xlsx", "--out", "plan.xlsx"}).exit_code, 0);
  const std::map<std::string, std::string> timings{{"RPLAN_TIMINGS", "1"}};
  for (const std::vector<std::string>& args : {std::vector<std::string>{"import", "t.md"},
                                               {"list"},
                                               {"show", ids[0]},
                                               {"task", ids[0], "--spent", "1"},
                                               {"task", ids[1], "--status", "in-progress"},
                                               {"sync", "checklist.md"},
                                               {"sync", "plan.xlsx"}}) {
    SCOPED_TRACE(args[0]);
    const auto r = ws.run(args, timings);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(std::regex_search(r.err, std::regex("rplan: [^\n]+: [0-9.]+ s\n"))) << r.err;
    EXPECT_EQ(ws.run(args).err, "") << "only when asked";
  }
}

}  // namespace
}  // namespace rplan::e2e
