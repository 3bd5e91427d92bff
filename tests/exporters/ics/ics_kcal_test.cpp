// The team's to-dos as KDE's KCalendarCore reads them (kcal_parents.cpp):
// every task's parent is its topic, whatever its dependencies.

#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <sstream>

#include "ics_fixture.hpp"
#include "ics_test_support.hpp"
#include "tests/support/files.hpp"

namespace rplan::exporters::testing {
namespace {

// UID -> parent UID, as KCalendarCore loads the calendar text.
std::map<std::string, std::string> kcal_parents(const std::string& text) {
  rplan::testing::TempDir dir;
  const auto file = dir.write("todos.ics", text);
  const std::string command = std::string(RPLAN_KCAL_PARENTS) + " '" + file.string() + "'";
  FILE* pipe = ::popen(command.c_str(), "r");
  EXPECT_NE(pipe, nullptr);
  std::string out;
  char buffer[4096];
  for (std::size_t n; pipe != nullptr && (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) {
    out.append(buffer, n);
  }
  EXPECT_EQ(pipe != nullptr ? ::pclose(pipe) : -1, 0) << "KCalendarCore could not load it";
  std::map<std::string, std::string> parents;
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) {
    const auto tab = line.find('\t');
    parents[line.substr(0, tab)] = line.substr(tab + 1);
  }
  return parents;
}

TEST(IcsKCalendarCoreTest, EveryTasksParentIsItsTopicAndTopicsHaveNone) {
  const auto project = sample_project();
  const auto parents = kcal_parents(ics(project, IcsMode::todos));
  ASSERT_EQ(parents.size(), project.tasks.size() + project.topics.size());
  for (const auto& topic : project.topics) {
    EXPECT_EQ(parents.at(topic_uid(topic.id)), "") << topic.title;
  }
  for (const auto& t : project.tasks) {
    SCOPED_TRACE(t.id);
    EXPECT_EQ(parents.at(todo_uid(t.id)), topic_uid(t.topic_id));
  }
  // kc3 waits for ka1 and kb2: its RFC 9253 relations did not become its parent.
  EXPECT_EQ(parents.at("kc3@rplan"), "tpc1-topic@rplan");
}

TEST(IcsKCalendarCoreTest, APersonsFlatListHasNoParents) {
  const auto parents = kcal_parents(ics(sample_project(), IcsMode::todos, "Linus Pauling"));
  EXPECT_EQ(parents, (std::map<std::string, std::string>{{"kc3@rplan", ""}}))
      << "kc3 waits for two tasks, but a person's list carries no RELATED-TO";
}

// Why the dependencies come before the parent: KCalendarCore takes every
// RELATED-TO for the parent, whatever its RELTYPE, and keeps the last.
TEST(IcsKCalendarCoreTest, KCalendarCoreTakesTheLastRelatedToForTheParent) {
  std::string text = ics(sample_project(), IcsMode::todos);
  const std::string parent = "RELATED-TO;RELTYPE=PARENT:tpc1-topic@rplan\r\n";
  const std::string dependency = "RELATED-TO;RELTYPE=DEPENDS-ON:kb2@rplan\r\n";
  const auto at = text.find(dependency + parent);
  ASSERT_NE(at, std::string::npos);
  text.replace(at, dependency.size() + parent.size(), parent + dependency);
  EXPECT_EQ(kcal_parents(text).at("kc3@rplan"), "kb2@rplan");
}

}  // namespace
}  // namespace rplan::exporters::testing
