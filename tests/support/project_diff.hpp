#pragma once

// Comparing two projects in a test with a message that reads: a Project has
// no printer, and its operator== says only that something differs.

#include <string>

#include "planner/model/model.hpp"

namespace rplan::testing {

// One line with every field of a topic, or of a task (its blocks counted).
std::string describe(const model::Topic& topic);
std::string describe(const model::Task& task);

// "" when the projects are equal; else their first difference (the title,
// then topics and tasks in order, the plan, the team and calendars), both
// sides described and labelled `left` and `right`:
//   EXPECT_EQ(first_difference(predicted, loaded, "predicted", "loaded"), "");
std::string first_difference(const model::Project& a, const model::Project& b,
                             const std::string& left = "left", const std::string& right = "right");

}  // namespace rplan::testing
