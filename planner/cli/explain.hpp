#pragma once

#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "planner/cli/command.hpp"
#include "planner/model/model.hpp"
#include "planner/schedule/scheduler.hpp"

// What `rplan explain ID` and `rplan plan --explain` print: why each task
// starts when it does, in words and as JSON (docs/scheduling.md).
namespace rplan::cli {

enum class ExplainFormat { text, json };

// Why task `index` of `project` starts when it does, as one line (text) or
// one JSON object {"id", "start", "reason": {"kind", "task"?, "person"?, "text"}}.
// Times are the assignee's local time (RFC 3339 with its offset in JSON).
void print_explanation(const model::Project& project,
                       const std::vector<schedule::StartReason>& reasons, std::size_t index,
                       ExplainFormat format, std::ostream& out);

// Every task placed, in project order: one line each (text), or
// {"tasks": [...]} (json).
void print_explanations(const model::Project& project,
                        const std::vector<schedule::StartReason>& reasons, ExplainFormat format,
                        std::ostream& out);

void add_explain_commands(std::vector<Command>& table);  // explain

}  // namespace rplan::cli
