#include "planner/parse/team_csv.hpp"

#include <gtest/gtest.h>

#include "planner/util/error.hpp"

namespace rplan::parse {
namespace {

using model::Assignee;

// The problems parse_team_csv reports for `text`, as "LINE: message".
std::vector<std::string> problems(const std::string& text,
                                  const std::vector<Assignee>& current = {}) {
  try {
    parse_team_csv(text, "team.csv", current);
  } catch (const DiagnosticsError& e) {
    std::vector<std::string> out;
    for (const auto& d : e.diagnostics()) {
      EXPECT_EQ(d.file, "team.csv");
      out.push_back(std::to_string(d.line) + ": " + d.message);
    }
    return out;
  }
  return {};
}

// True when one of `all` starts with "LINE: " and holds `words`.
::testing::AssertionResult has_problem(const std::vector<std::string>& all, int line,
                                       const std::string& words) {
  const std::string prefix = std::to_string(line) + ": ";
  for (const auto& p : all) {
    if (p.rfind(prefix, 0) == 0 && p.find(words) != std::string::npos) {
      return ::testing::AssertionSuccess();
    }
  }
  std::string listed;
  for (const auto& p : all) listed += "\n  " + p;
  return ::testing::AssertionFailure()
         << "no problem on line " << line << " with \"" << words << "\" among:" << listed;
}

TEST(TeamCsvTest, ReadsColumnsInAnyOrderWithQuotedLists) {
  const auto team = parse_team_csv(
      "skills,timezone,name,workdays,day_start,hours_per_day,email\n"
      "\"SQL, Streaming,sql\",Europe/Berlin,\"Hopper, Grace\",\"mon,tue,wed\",08:30,7.5,"
      "grace@example.org\n"
      ",,Ada,,,,\n",
      "team.csv");
  ASSERT_EQ(team.size(), 2u);
  const Assignee& grace = team[0];
  EXPECT_EQ(grace.name, "Hopper, Grace");
  EXPECT_EQ(grace.email, "grace@example.org");
  EXPECT_EQ(grace.hours_per_day, 7.5);
  EXPECT_EQ(grace.workdays, (std::array<bool, 7>{true, true, true, false, false, false, false}));
  EXPECT_EQ(grace.day_start, 8 * 60 + 30);
  EXPECT_EQ(grace.timezone, "Europe/Berlin");
  EXPECT_EQ(grace.skills, (std::vector<std::string>{"sql", "streaming"}));
  Assignee defaults;
  defaults.name = "Ada";
  EXPECT_EQ(team[1], defaults);
}

TEST(TeamCsvTest, AcceptsCrlfABomAndAHeaderInAnyCase) {
  const auto team =
      parse_team_csv("\xEF\xBB\xBF Name ,EMAIL\r\nAda,ada@example.org\r\n\r\n", "team.csv");
  ASSERT_EQ(team.size(), 1u);
  EXPECT_EQ(team[0].name, "Ada");
  EXPECT_EQ(team[0].email, "ada@example.org");
}

TEST(TeamCsvTest, AQuotedFieldMaySpanLinesAndQuotesAreDoubled) {
  const auto team = parse_team_csv(
      "name,skills\n\"Ada \"\"the first\"\"\",\"sql,\nstreaming\"\nBo,\n", "team.csv");
  ASSERT_EQ(team.size(), 2u);
  EXPECT_EQ(team[0].name, "Ada \"the first\"");
  EXPECT_EQ(team[0].skills, (std::vector<std::string>{"sql", "streaming"}));
  EXPECT_EQ(team[1].name, "Bo");
}

TEST(TeamCsvTest, APersonAlreadyInTheTeamKeepsWhatTheRowLeavesEmpty) {
  Assignee ada;
  ada.name = "Ada";
  ada.email = "ada@example.org";
  ada.hours_per_day = 4;
  ada.timezone = "Asia/Tokyo";
  ada.skills = {"ml"};
  const auto team = parse_team_csv("name,email,hours_per_day,skills\nAda,,7,\n", "team.csv", {ada});
  ASSERT_EQ(team.size(), 1u);
  Assignee expected = ada;
  expected.hours_per_day = 7;
  EXPECT_EQ(team[0], expected);
}

TEST(TeamCsvTest, TheHeaderNeedsANameColumnAndKnownColumnsOnce) {
  EXPECT_TRUE(has_problem(problems("email,hours_per_day\nada@example.org,6\n"), 1,
                          "the header has no \"name\" column"));
  EXPECT_TRUE(has_problem(problems("name,colour\nAda,red\n"), 1,
                          "unknown column \"colour\" (columns: name, email, hours_per_day"));
  EXPECT_TRUE(has_problem(problems("name,Name\nAda,Ada\n"), 1, "column \"name\" appears twice"));
  const auto all = problems("colour,size\n");
  EXPECT_EQ(all.size(), 3u) << "both unknown columns and the missing name";
}

TEST(TeamCsvTest, AnEmptyFileOrOneWithoutPeopleIsAnError) {
  EXPECT_TRUE(has_problem(problems(""), 1, "the team file is empty"));
  EXPECT_TRUE(has_problem(problems("\xEF\xBB\xBF"), 1, "the team file is empty"));
  EXPECT_TRUE(has_problem(problems("name,email\n"), 0, "the team file names nobody"));
  EXPECT_TRUE(has_problem(problems("name,email\n,\n , \n"), 0, "the team file names nobody"));
}

TEST(TeamCsvTest, EveryBadRowIsReportedWithItsLine) {
  const auto all = problems(
      "name,hours_per_day,workdays,day_start,timezone,email\n"  // 1
      "Ada,nan,,,,\n"                                           // 2
      "Bo,inf,,,,\n"                                            // 3
      "Cy,0x10,,,,\n"                                           // 4
      "Di,6h,,,,\n"                                             // 5
      "Ed,0,,,,\n"                                              // 6
      "Fay,24.5,,,,\n"                                          // 7
      "Gus,,\"mon,funday\",,,\n"                                // 8
      "Hal,,,25:00,,\n"                                         // 9
      "Ida,,,,Europe/Atlantis,\n"                               // 10
      "Jo,,,,,jo.example.org\n"                                 // 11
      "Kit,8,,20:00,,\n"                                        // 12
      ",6,,,,\n"                                                // 13
      "Ada,6,,,,\n"                                             // 14
      "Lu,6\n"                                                  // 15
      "Max,6,mon,tue,09:00,UTC,x@y\n"                           // 16
      "Ned,6,\"\",,,\n");                                       // 17
  EXPECT_TRUE(has_problem(all, 2, "hours_per_day \"nan\" is not a number"));
  EXPECT_TRUE(has_problem(all, 3, "hours_per_day \"inf\" is not a number"));
  EXPECT_TRUE(has_problem(all, 4, "hours_per_day \"0x10\" is not a number"));
  EXPECT_TRUE(has_problem(all, 5, "hours_per_day \"6h\" is not a number"));
  EXPECT_TRUE(has_problem(all, 6, "\"Ed\": hours per day must be a number more than 0"));
  EXPECT_TRUE(has_problem(all, 7, "\"Fay\": hours per day must be"));
  EXPECT_TRUE(has_problem(all, 8, "workdays \"mon,funday\" is not a list of weekdays"));
  EXPECT_TRUE(has_problem(all, 9, "day_start \"25:00\" is not a time (HH:MM)"));
  EXPECT_TRUE(has_problem(all, 10, "\"Ida\": unknown time zone \"Europe/Atlantis\""));
  EXPECT_TRUE(has_problem(all, 11, "\"Jo\": email \"jo.example.org\" is not an email address"));
  EXPECT_TRUE(has_problem(all, 12, "\"Kit\": a working day from 20:00 for 8 h runs past midnight"));
  EXPECT_TRUE(has_problem(all, 13, "the row has no name"));
  EXPECT_TRUE(has_problem(all, 14, "\"Ada\" is listed twice (lines 2 and 14)"));
  EXPECT_TRUE(has_problem(all, 15, "the row has 2 fields but the header names 6"));
  EXPECT_TRUE(has_problem(all, 16, "the row has 7 fields but the header names 6 (quote a list"));
  EXPECT_EQ(all.size(), 15u) << "one problem per bad row; an empty quoted list keeps the default";
}

TEST(TeamCsvTest, MalformedCsvIsReportedWithItsLine) {
  EXPECT_TRUE(has_problem(problems("name,email\nAda,a@b\nB\"o,b@c\n"), 3,
                          "a quote inside a field that is not quoted"));
  EXPECT_TRUE(has_problem(problems("name,email\nAda,\"a@b\n"), 2,
                          "malformed CSV: a quoted field is not closed"));
}

TEST(TeamCsvTest, InvalidUtf8IsReportedWithItsLine) {
  EXPECT_TRUE(has_problem(problems("name\nAda\nB\xC3\x28o\n"), 3, "invalid UTF-8"));
}

}  // namespace
}  // namespace rplan::parse
