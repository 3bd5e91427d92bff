#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "planner/model/baseline.hpp"
#include "planner/model/model.hpp"
#include "planner/model/slack.hpp"

namespace rplan::exporters {

enum class JsonDocument {
  plan,     // the whole plan: schemas/plan.schema.json
  listing,  // {"topics":[...],"tasks":[...]} with the plan's field names (rplan list)
};

// Writes the project as JSON, one task per line, streaming (memory stays flat
// whatever the size). Date-times are RFC 3339 in the assignee's offset;
// generated_at is the plan's creation time, so an unchanged plan exports the
// same bytes. Unplanned tasks have null assignee/start/finish and no blocks.
// A done task keeps its assignee and finishes at done_at; each block says
// whether it is history (kept from the past) or planned, and names who worked
// it when that is not the task's assignee. Each task's critical and
// slack_hours come from `slack` (one per task of project.tasks), or, when it
// is null, from model::plan_slack(project) (give it for a project whose tasks
// were filtered: slack is a property of the whole plan).
// With a `baseline` (`export json --baseline NAME`), the plan document also
// has a "baseline" section: the baseline's plan, each of its tasks' dates,
// person and hours, and the changes since (model::diff_plans).
void write_json(const model::Project& project, JsonDocument which, std::ostream& out,
                const model::Baseline* baseline = nullptr,
                const std::vector<model::TaskSlack>* slack = nullptr);

// Appends one task's object as write_json writes it (one line of "tasks"):
// the bytes nlohmann::json would dump for it, written without building one
// (a plan has hundreds of thousands). Its remaining_hours is
// model::remaining_hours(t, minimum_remaining_hours) (the plan's minimum);
// critical and slack_hours (null without planned work) are `slack`'s.
void append_task_json(std::string& out, const model::Task& t, double minimum_remaining_hours,
                      const model::TaskSlack& slack);

}  // namespace rplan::exporters
