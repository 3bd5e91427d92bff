// team, off and holiday through the real binary.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "run_rplan.hpp"

namespace rplan::e2e {
namespace {

TEST(TeamTest, AddUpdatesAnExistingPersonAndRemoveUnpins) {
  Workspace ws;
  ws.write("t.md", "### Caching\n**Research Prompts**:\n- Research Redis\n");
  ASSERT_EQ(ws.run({"import", "t.md"}).exit_code, 0);
  auto r = ws.run({"team", "add", "Ada", "--timezone", "Europe/Berlin", "--hours-per-day", "5"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "added Ada\n");
  r = ws.run({"team", "add", "Ada", "--workdays", "mon,tue,wed,thu"});
  EXPECT_EQ(r.out, "updated Ada\n");
  r = ws.run({"team", "list"});
  EXPECT_NE(r.out.find("Ada  5 h/day from 09:00 Europe/Berlin, mon,tue,wed,thu"), std::string::npos)
      << r.out;
  const auto tasks = nlohmann::json::parse(ws.run({"list", "--format", "json"}).out)["tasks"];
  const std::string id = tasks[0]["id"];
  ASSERT_EQ(ws.run({"task", id, "--assignee", "Ada"}).exit_code, 0);
  r = ws.run({"team", "remove", "Ada"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto after = nlohmann::json::parse(ws.run({"list", "--format", "json"}).out)["tasks"];
  EXPECT_TRUE(after[0]["pinned_assignee"].is_null());
  EXPECT_EQ(ws.run({"team", "remove", "Ada"}).exit_code, 65);
}

TEST(TeamTest, UnknownTimeZonesAndBadValuesAreRefused) {
  Workspace ws;
  struct Case {
    std::vector<std::string> args;
    std::string words;
  };
  const Case cases[] = {
      {{"team", "add", "Bo", "--timezone", "Europe/Atlantis"}, "--timezone Europe/Atlantis"},
      {{"team", "add", "Bo", "--hours-per-day", "30"}, "--hours-per-day 30 is not a number"},
      {{"team", "add", "Bo", "--workdays", "mon,funday"}, "--workdays mon,funday"},
      {{"team", "add", "Bo", "--day-start", "25:00"}, "--day-start 25:00"},
      {{"team", "add", "Bo", "--day-start", "20:00", "--hours-per-day", "6"}, "past midnight"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.words);
    const auto r = ws.run(c.args);
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find(c.words), std::string::npos) << r.err;
  }
  EXPECT_FALSE(std::filesystem::exists(ws.path("rplan.db"))) << "nothing is created on bad input";
}

TEST(TeamTest, CsvImportTakesColumnsInAnyOrderWithQuotedLists) {
  Workspace ws;
  ws.write("team.csv",
           "timezone,name,workdays,skills\r\n"
           "America/New_York,\"Hopper, Grace\",\"mon,tue,wed\",\"sql, streaming\"\r\n"
           "Asia/Tokyo,Kenji,,\r\n");
  auto r = ws.run({"team", "import", "team.csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "team.csv: 2 added, 0 updated\n");
  r = ws.run({"team", "list"});
  EXPECT_NE(r.out.find("Hopper, Grace  6 h/day from 09:00 America/New_York, mon,tue,wed"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("skills: sql, streaming"), std::string::npos);
  EXPECT_NE(r.out.find("Kenji  6 h/day from 09:00 Asia/Tokyo, mon,tue,wed,thu,fri"),
            std::string::npos);
}

TEST(TeamTest, CsvImportReportsEveryBadRowAndStoresNothing) {
  Workspace ws;
  ws.write("team.csv",
           "name,hours_per_day,timezone,workdays\n"
           "Ada,6,Europe/Berlin,\"mon,tue\"\n"
           "Bo,lots,UTC,\n"
           "Cy,4,Mars/Base,\n"
           "Ada,5,UTC,\n"
           ",4,UTC,\n"
           "Di,4,UTC,\"mon,someday\"\n");
  const auto r = ws.run({"team", "import", "team.csv"});
  EXPECT_EQ(r.exit_code, 65);
  for (const char* expected :
       {"team.csv:3: error: hours_per_day \"lots\"", "team.csv:4: error: \"Cy\": unknown time zone",
        "team.csv:5: error: \"Ada\" is listed twice (lines 2 and 5)",
        "team.csv:6: error: the row has no name", "team.csv:7: error: workdays \"mon,someday\""}) {
    EXPECT_NE(r.err.find(expected), std::string::npos) << expected << "\n" << r.err;
  }
  EXPECT_FALSE(std::filesystem::exists(ws.path("rplan.db")));
  ws.write("cols.csv", "name,colour\nAda,red\n");
  const auto cols = ws.run({"team", "import", "cols.csv"});
  EXPECT_EQ(cols.exit_code, 65);
  EXPECT_NE(cols.err.find("cols.csv:1: error: unknown column \"colour\""), std::string::npos)
      << cols.err;
  EXPECT_EQ(ws.run({"team", "import", "missing.csv"}).exit_code, 66);
}

TEST(TeamTest, TimeOffAndHolidaysAreListedAndRemoved) {
  Workspace ws;
  ASSERT_EQ(ws.run({"team", "add", "Ada"}).exit_code, 0);
  auto r = ws.run({"off", "Ada", "--from", "2026-12-14", "--to", "2026-12-18", "--reason", "trip"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(ws.run({"off", "list"}).out, "Ada  2026-12-14 .. 2026-12-18  trip\n");
  EXPECT_EQ(ws.run({"off", "Bo", "--from", "2026-12-14", "--to", "2026-12-18"}).exit_code, 65);
  EXPECT_EQ(ws.run({"off", "Ada", "--from", "2026-12-18", "--to", "2026-12-14"}).exit_code, 2);
  ASSERT_EQ(ws.run({"off", "remove", "Ada", "--from", "2026-12-14"}).exit_code, 0);
  EXPECT_EQ(ws.run({"off", "list"}).out, "");
  ASSERT_EQ(ws.run({"holiday", "add", "2026-12-25", "--name", "Christmas"}).exit_code, 0);
  EXPECT_EQ(ws.run({"holiday", "list"}).out, "2026-12-25  Christmas  for everyone\n");
  EXPECT_EQ(ws.run({"holiday", "add", "2026-13-01"}).exit_code, 2);
  ASSERT_EQ(ws.run({"holiday", "remove", "2026-12-25"}).exit_code, 0);
  EXPECT_EQ(ws.run({"holiday", "remove", "2026-12-25"}).exit_code, 65);
}

}  // namespace
}  // namespace rplan::e2e

namespace rplan::e2e {
namespace {

TEST(TeamTest, CsvImportUpdatesOnlyTheColumnsARowGives) {
  Workspace ws;
  ASSERT_EQ(ws.run({"team", "add", "Zoë", "--timezone", "Europe/Berlin", "--email",
                    "zoe@example.org", "--skills", "database,security"})
                .exit_code,
            0);
  ws.write("upd.csv", "name,timezone,email\nZoë,UTC,\nNew,Asia/Tokyo,new@example.org\n");
  auto r = ws.run({"team", "import", "upd.csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "upd.csv: 1 added, 1 updated\n");
  r = ws.run({"team", "list"});
  EXPECT_NE(r.out.find("Zoë  6 h/day from 09:00 UTC, mon,tue,wed,thu,fri, zoe@example.org, skills: "
                       "database, security"),
            std::string::npos)
      << r.out;
  ws.write("short.csv", "name,timezone\nZoë\n");
  r = ws.run({"team", "import", "short.csv"});
  EXPECT_EQ(r.exit_code, 65);
  EXPECT_NE(r.err.find("short.csv:2: error: the row has 1 fields but the header names 2"),
            std::string::npos)
      << r.err;
}

TEST(TeamTest, RunWithAssigneesKeepsTheSettingsOfPeopleAlreadyInTheTeam) {
  Workspace ws;
  ws.write("t.md", "### Caching\n**Research Prompts**:\n- Research Redis\n");
  ASSERT_EQ(
      ws.run({"--db", "o/rplan.db", "team", "add", "Ada", "--timezone", "Asia/Tokyo"}).exit_code,
      73)
      << "the folder does not exist yet";
  std::filesystem::create_directories(ws.path("o"));
  ASSERT_EQ(
      ws.run({"--db", "o/rplan.db", "team", "add", "Ada", "--timezone", "Asia/Tokyo"}).exit_code,
      0);
  const auto r =
      ws.run({"run", "t.md", "--assignees", "Ada,Bo,Bo", "--start", "2026-12-07", "--out", "o"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto team = ws.run({"--db", "o/rplan.db", "team", "list"}).out;
  EXPECT_NE(team.find("Ada  6 h/day from 09:00 Asia/Tokyo"), std::string::npos) << team;
  EXPECT_NE(team.find("Bo  6 h/day from 09:00 UTC"), std::string::npos) << team;
}

}  // namespace
}  // namespace rplan::e2e
