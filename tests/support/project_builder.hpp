#pragma once

// Hand-built projects for the tests that read a model::Project (the
// exporters above all): dates, people, work blocks and tasks, and a fluent
// builder that states a project in the order a reader would.
//
//   const model::Project p =
//       ProjectBuilder("Backend research")
//           .person("Ada", "Europe/Berlin", "ada@example.org")
//           .holiday("2026-12-10", "Founders' day")
//           .document("topics.md")
//           .topic("tcache", "Caching").number(1).focus("Reducing latency")
//           .task("a1", TaskKind::research, "Research Redis", 8)
//           .planned("Ada", {block("Europe/Berlin", "2026-12-07", "09:00", 480)})
//           .task("a2", TaskKind::analysis, "Compare them", 4).status(TaskStatus::done)
//           .plan("2026-12-07", "2026-12-07").total_hours(12)
//           .build();

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "planner/model/model.hpp"

namespace rplan::testing {

// "2026-12-07" as a date; throws std::invalid_argument on anything else (a
// typo in a test's own literal).
model::Date day(std::string_view iso);
// "2026-12-01T10:00:00Z" (RFC 3339) as an instant; throws likewise.
model::Instant instant(std::string_view rfc3339);

model::Assignee person(std::string name, std::string timezone = "UTC", std::string email = "");

// `minutes` of work from local `clock` ("09:00") on local `date`, by someone
// in time zone `zone`: its UTC start and end come from the tz database.
model::WorkBlock block(std::string_view zone, model::Date date, std::string_view clock, int minutes,
                       int sequence = 0);
model::WorkBlock block(std::string_view zone, std::string_view date, std::string_view clock,
                       int minutes, int sequence = 0);

// A task of `topic` at `position`; its estimate's hours and likely figure are `hours`.
model::Task task(std::string id, std::string topic, int position, model::TaskKind kind,
                 std::string prompt, double hours);
// Plans `t`: its assignee and blocks (at least one), its start and finish from them.
void plan(model::Task& t, std::string assignee, std::vector<model::WorkBlock> blocks,
          int sequence = 0);

// Builds a project one statement at a time. Modifiers apply to what was added
// last: number, focus and skills to the current topic (the last added, or the
// one in_topic names); estimate, status, pinned, after, depends_on, planned
// and unassigned to the last task. Hours per day, workdays and the like are
// set on a model::Assignee given to person(); project() gives the project for
// anything else.
class ProjectBuilder {
 public:
  explicit ProjectBuilder(std::string title = "");

  // ---- people and calendars ----
  ProjectBuilder& person(std::string name, std::string timezone = "UTC", std::string email = "");
  ProjectBuilder& person(model::Assignee a);
  // Replaces the team. People stay in the order given (the store's is by name).
  ProjectBuilder& team(std::vector<model::Assignee> people);
  ProjectBuilder& holiday(std::string_view date, std::string name = "");
  ProjectBuilder& time_off(std::string person, std::string_view from, std::string_view to,
                           std::string reason = "");

  // ---- topics and tasks ----
  // The document the topics after this belong to ("" until set).
  ProjectBuilder& document(std::string name);
  // A topic after the others (its ordinal is its place); the tasks after this
  // are its own. An empty id becomes "topic<N>".
  ProjectBuilder& topic(std::string id, std::string title);
  ProjectBuilder& number(int number);
  ProjectBuilder& focus(std::string focus);
  ProjectBuilder& skills(std::vector<std::string> skills);
  // Makes the topic `id`, added before, the one new tasks go to.
  ProjectBuilder& in_topic(const std::string& id);
  // A task of the current topic, after its others (position 1, 2, ...).
  ProjectBuilder& task(std::string id, model::TaskKind kind, std::string prompt, double hours);
  // The last task's whole estimate (task() sets hours and likely alone).
  ProjectBuilder& estimate(model::Estimate estimate);
  ProjectBuilder& status(model::TaskStatus status);
  ProjectBuilder& pinned(std::string person);
  // Explicit dependencies (`task --after`), which are also the effective ones.
  ProjectBuilder& after(std::vector<std::string> ids);
  // Effective dependencies only, as a plan has them.
  ProjectBuilder& depends_on(std::vector<std::string> ids);
  // The plan's work for the last task (see plan() above).
  ProjectBuilder& planned(std::string assignee, std::vector<model::WorkBlock> blocks,
                          int sequence = 0);
  // The last task is one the plan found nobody for.
  ProjectBuilder& unassigned();

  // ---- the stored plan ----
  ProjectBuilder& plan(std::string_view start, std::string_view finish);
  ProjectBuilder& plan(model::Date start, model::Date finish);
  ProjectBuilder& created_at(std::string_view rfc3339);
  ProjectBuilder& total_hours(double hours);

  model::Project& project() { return m_project; }
  model::Task& last_task();
  // The project, its tasks grouped by topic in topic order (each topic's in
  // the order given), as the store loads them.
  model::Project build() const;

 private:
  model::Topic& last_topic();
  model::Project m_project;
  std::string m_document;
  std::size_t m_topic = 0;                // where new tasks go
  std::map<std::string, int> m_tasks_of;  // tasks so far by topic id
};

}  // namespace rplan::testing
