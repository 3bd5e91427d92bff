#include "planner/model/model.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "planner/util/error.hpp"

namespace rplan::model {
namespace {

Assignee ada() {
  Assignee p;
  p.name = "Ada";
  return p;
}

// Joins the problems, to search for the words a case expects.
std::string problems_of(const Assignee& p) {
  std::string all;
  for (const auto& problem : validate(p)) all += problem + "\n";
  return all;
}

TEST(ValidateTest, APersonWithANameAndTheDefaultsIsValid) {
  EXPECT_TRUE(validate(ada()).empty());
  Assignee p = ada();
  p.email = "ada@example.org";
  p.hours_per_day = 24;
  p.day_start = 0;
  p.timezone = "Europe/Berlin";
  p.workdays = {false, false, false, false, false, false, true};
  EXPECT_TRUE(validate(p).empty()) << problems_of(p);
}

TEST(ValidateTest, EachBadSettingIsOneSentenceNamingIt) {
  struct Case {
    const char* what;
    void (*change)(Assignee&);
    const char* words;
  };
  const Case cases[] = {
      {"no name", [](Assignee& p) { p.name = ""; }, "a person needs a name"},
      {"a blank name", [](Assignee& p) { p.name = " \t"; }, "a person needs a name"},
      {"zero hours", [](Assignee& p) { p.hours_per_day = 0; },
       "hours per day must be a number more than 0 and at most 24, not 0"},
      {"negative hours", [](Assignee& p) { p.hours_per_day = -2; }, "not -2"},
      {"more than a day", [](Assignee& p) { p.hours_per_day = 24.5; }, "not 24.5"},
      {"NaN hours", [](Assignee& p) { p.hours_per_day = std::nan(""); }, "hours per day must be"},
      {"infinite hours",
       [](Assignee& p) { p.hours_per_day = std::numeric_limits<double>::infinity(); },
       "hours per day must be"},
      {"past midnight",
       [](Assignee& p) {
         p.day_start = 20 * 60;
         p.hours_per_day = 6;
       },
       "a working day from 20:00 for 6 h runs past midnight"},
      {"no workday", [](Assignee& p) { p.workdays = {}; }, "workdays names no day of the week"},
      {"unknown zone", [](Assignee& p) { p.timezone = "Europe/Atlantis"; },
       "unknown time zone \"Europe/Atlantis\""},
      {"email without @", [](Assignee& p) { p.email = "ada.example.org"; },
       "email \"ada.example.org\" is not an email address"},
      {"email with a space", [](Assignee& p) { p.email = "ada @example.org"; },
       "is not an email address"},
      {"email with brackets", [](Assignee& p) { p.email = "<ada@example.org>"; },
       "is not an email address"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    Assignee p = ada();
    c.change(p);
    const auto problems = validate(p);
    ASSERT_EQ(problems.size(), 1u) << problems_of(p);
    EXPECT_NE(problems.front().find(c.words), std::string::npos) << problems.front();
  }
}

TEST(ValidateTest, EveryProblemIsReported) {
  Assignee p;
  p.hours_per_day = 0;
  p.workdays = {};
  p.timezone = "Nowhere/Else";
  p.email = "nobody";
  EXPECT_EQ(validate(p).size(), 5u) << problems_of(p);
}

TEST(ValidateTest, TheLastMinuteOfTheDayStillFits) {
  Assignee p = ada();
  p.day_start = 16 * 60;
  p.hours_per_day = 8;  // 16:00 to 24:00
  EXPECT_TRUE(validate(p).empty()) << problems_of(p);
  p.hours_per_day = 8.05;
  EXPECT_FALSE(validate(p).empty());
}

TEST(ParseWorkdaysTest, ReadsShortAndFullNamesInAnyCase) {
  const auto days = parse_workdays("mon,Tuesday, WED ,sun");
  ASSERT_TRUE(days.has_value());
  const std::array<bool, 7> expected = {true, true, true, false, false, false, true};
  EXPECT_EQ(*days, expected);
  EXPECT_EQ(parse_workdays("fri,fri"), (std::array<bool, 7>{false, false, false, false, true}));
}

TEST(ParseWorkdaysTest, ANonDayIsRefusedAndNothingNamesNoDay) {
  EXPECT_FALSE(parse_workdays("mon,funday").has_value());
  EXPECT_FALSE(parse_workdays("mon;tue").has_value());
  EXPECT_FALSE(parse_workdays("1,2").has_value());
  // No part at all is no error here; validate() reports the empty week.
  EXPECT_EQ(parse_workdays(""), (std::array<bool, 7>{}));
  EXPECT_EQ(parse_workdays(",,"), (std::array<bool, 7>{}));
}

TEST(ParseWorkdaysTest, ReadsRangesThatMayWrapAndMixWithLists) {
  struct Case {
    std::string text;
    std::array<bool, 7> days;  // mon..sun
  };
  const Case cases[] = {
      {"mon-fri", {true, true, true, true, true, false, false}},
      {"Mon-Thu", {true, true, true, true, false, false, false}},
      {"sun-thu", {true, true, true, true, false, false, true}},
      {"fri-mon", {true, false, false, false, true, true, true}},
      {"mon-wed,fri", {true, true, true, false, true, false, false}},
      {"monday - friday", {true, true, true, true, true, false, false}},
      {"mon\u2013fri", {true, true, true, true, true, false, false}},  // en dash, as typeset
      {"wed-wed", {false, false, true, false, false, false, false}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(parse_workdays(c.text), c.days);
  }
  for (const char* bad : {"mon-", "-fri", "mon-funday", "mon-tue-wed", "mon--fri"}) {
    SCOPED_TRACE(bad);
    EXPECT_FALSE(parse_workdays(bad).has_value());
  }
}

std::vector<Assignee> people(std::initializer_list<const char*> names) {
  std::vector<Assignee> team;
  for (const char* name : names) {
    Assignee p;
    p.name = name;
    team.push_back(p);
  }
  return team;
}

TEST(FindPersonTest, AnExactNameWinsElseTheOneThatDiffersOnlyInCase) {
  const auto team = people({"Priya Raman", "Tom", "tom", "\xc3\x85sa"});
  EXPECT_EQ(find_person(team, "Priya Raman")->name, "Priya Raman");
  EXPECT_EQ(find_person(team, "priya raman")->name, "Priya Raman");
  EXPECT_EQ(find_person(team, "  PRIYA RAMAN ")->name, "Priya Raman");
  EXPECT_EQ(find_person(team, "\xc3\xa5sa")->name, "\xc3\x85sa") << "Latin-1 letters fold";
  EXPECT_EQ(find_person(team, "tom")->name, "tom") << "the exact one of two";
  EXPECT_EQ(find_person(team, "Tom")->name, "Tom");
  EXPECT_EQ(find_person(team, "Ken"), nullptr);
  try {
    find_person(team, "TOM");
    ADD_FAILURE() << "TOM names two people";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("\"Tom\" or \"tom\""), std::string::npos) << e.what();
  }
}

TEST(FindPersonTest, NobodyIsAnErrorThatNamesWhoIsInTheTeam) {
  const auto team = people({"Ada", "Priya Raman", "Tom"});
  try {
    require_person(team, "Ken");
    ADD_FAILURE() << "nobody is Ken";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()),
              "nobody named \"Ken\" is in the team (it has Ada, Priya Raman and Tom)");
  }
  std::vector<Assignee> many;
  for (int i = 0; i < 12; ++i) {
    many.emplace_back();
    many.back().name = "P" + std::to_string(i);
  }
  EXPECT_EQ(describe_team(many), "P0, P1, P2, P3, P4, P5, P6, P7, P8, P9 and 2 more");
}

TEST(FindPersonTest, ANewNameThatDiffersOnlyInCaseClashes) {
  const auto team = people({"Priya Raman"});
  EXPECT_EQ(case_clash(team, "Priya Raman"), "") << "the same person: an update";
  EXPECT_EQ(case_clash(team, "Ken"), "") << "a new person";
  EXPECT_NE(case_clash(team, "priya raman").find("differs only in case from \"Priya Raman\""),
            std::string::npos);
  EXPECT_TRUE(same_name("priya raman", "Priya Raman"));
  EXPECT_FALSE(same_name("Priya", "Priya Raman"));
}

TEST(KindWordTest, APromptThatSaysItsKindKeepsItOnce) {
  EXPECT_EQ(kind_word_length(TaskKind::research, "Research Node.js streams"), 8U);
  EXPECT_EQ(kind_word_length(TaskKind::research, "research Node.js"), 8U);
  EXPECT_EQ(kind_word_length(TaskKind::analysis, "Analyze invalidation"), 7U);
  EXPECT_EQ(kind_word_length(TaskKind::analysis, "Analyse invalidation"), 7U);
  EXPECT_EQ(kind_word_length(TaskKind::documentation, "Document the guide"), 8U);
  EXPECT_EQ(kind_word_length(TaskKind::research, "Compare Redis and Memcached"), 0U);
  EXPECT_EQ(kind_word_length(TaskKind::analysis, "Research Redis"), 0U) << "another kind's word";
  EXPECT_EQ(kind_word_length(TaskKind::documentation, "Documents of the API"), 0U);
  EXPECT_EQ(kind_word_length(TaskKind::research, "Research-based plan"), 0U);
  EXPECT_EQ(kind_word_length(TaskKind::research, "Research"), 0U) << "a word alone";
  EXPECT_EQ(kind_word_length(TaskKind::research, ""), 0U);
}

TEST(NamesTest, KindsStatusesAndStrategiesReadBackWhatTheyWrite) {
  for (auto kind :
       {TaskKind::research, TaskKind::analysis, TaskKind::documentation, TaskKind::other}) {
    EXPECT_EQ(parse_task_kind(to_string(kind)), kind);
  }
  for (auto status : {TaskStatus::open, TaskStatus::in_progress, TaskStatus::done}) {
    EXPECT_EQ(parse_task_status(to_string(status)), status);
  }
  EXPECT_EQ(parse_task_status("in_progress"), TaskStatus::in_progress);
  EXPECT_FALSE(parse_task_status("finished").has_value());
  for (auto strategy : {Strategy::balanced, Strategy::round_robin}) {
    EXPECT_EQ(parse_strategy(to_string(strategy)), strategy);
  }
  EXPECT_EQ(parse_strategy("round_robin"), Strategy::round_robin);
  EXPECT_FALSE(parse_strategy("fastest").has_value());
  EXPECT_FALSE(parse_task_kind("Research").has_value());
  EXPECT_EQ(display_name(TaskKind::documentation), "Documentation");
}

}  // namespace
}  // namespace rplan::model

namespace rplan::model {
namespace {

// The one rule for the work left: explicit, else estimate less spent, else
// the minimum once hours were spent and reached the estimate; 0 when done.
TEST(RemainingHoursTest, ExplicitElseEstimateLessSpentElseTheMinimum) {
  Task t;
  t.estimate.hours = 6;
  EXPECT_EQ(remaining_hours(t, 1), 6);
  t.spent_hours = 4;
  EXPECT_EQ(remaining_hours(t, 1), 2);
  EXPECT_FALSE(remaining_is_minimum(t));
  t.spent_hours = 7;  // past the estimate, not done: something is left
  EXPECT_EQ(remaining_hours(t, 1.5), 1.5);
  EXPECT_TRUE(remaining_is_minimum(t));
  t.remaining_hours = 0;  // said so
  EXPECT_EQ(remaining_hours(t, 1.5), 0);
  EXPECT_FALSE(remaining_is_minimum(t));
  t.status = TaskStatus::done;
  t.remaining_hours = 3;
  EXPECT_EQ(remaining_hours(t, 1.5), 0);
  Task nothing;  // no estimate and no hours: nothing to plan, not the minimum
  EXPECT_EQ(remaining_hours(nothing, 1), 0);
  EXPECT_FALSE(remaining_is_minimum(nothing));
}

// A task's start and finish come from its blocks; a done task finishes when
// it was done, and one done before any block starts and finishes then.
TEST(SetDatesFromBlocksTest, BlocksGiveTheDatesAndADoneTaskFinishesWhenDone) {
  const Instant nine{std::chrono::hours{9}};
  Task t;
  set_dates_from_blocks(t);
  EXPECT_FALSE(t.start);
  EXPECT_FALSE(t.finish);
  WorkBlock b;
  b.utc_start = nine;
  b.minutes = 120;
  b.utc_end = nine + std::chrono::minutes{120};
  t.blocks = {b};
  set_dates_from_blocks(t);
  EXPECT_EQ(t.start, nine);
  EXPECT_EQ(t.finish, b.utc_end);
  t.status = TaskStatus::done;
  t.done_at = nine + std::chrono::hours{5};
  set_dates_from_blocks(t);
  EXPECT_EQ(t.start, nine);
  EXPECT_EQ(t.finish, t.done_at);
  t.blocks.clear();
  set_dates_from_blocks(t);
  EXPECT_EQ(t.start, t.done_at);
  EXPECT_EQ(t.finish, t.done_at);
  t.assignee = "Ada";
  EXPECT_EQ(plan_person(t), "Ada");  // done: keeps its person without blocks
  t.status = TaskStatus::open;
  EXPECT_EQ(plan_person(t), "");
}

}  // namespace
}  // namespace rplan::model

TEST(ThreePointTest, FollowsTheModelOrTheManualFigures) {
  rplan::model::Task t;
  rplan::model::Estimate& e = t.estimate;
  e.likely = e.hours = 8;
  e.optimistic = 6;
  e.pessimistic = 12;
  EXPECT_EQ(rplan::model::three_point(t), (rplan::model::ThreePoint{6, 8, 12}));
  e.manual = true;  // one figure by hand keeps the kind's ratios
  e.hours = 4;
  EXPECT_EQ(rplan::model::three_point(t), (rplan::model::ThreePoint{3, 4, 6}));
  t.manual_optimistic = 1;  // three by hand
  t.manual_pessimistic = 20;
  EXPECT_EQ(rplan::model::three_point(t), (rplan::model::ThreePoint{1, 4, 20}));
  rplan::model::Task zero;  // a model figure of 0: no ratio to keep
  zero.estimate.manual = true;
  zero.estimate.hours = 5;
  EXPECT_EQ(rplan::model::three_point(zero), (rplan::model::ThreePoint{5, 5, 5}));
}
