#include "tests/support/project_diff.hpp"

#include <algorithm>
#include <sstream>
#include <vector>

namespace rplan::testing {

namespace {

std::string join(const std::vector<std::string>& items) {
  std::string s;
  for (const auto& item : items) s += (s.empty() ? "" : ",") + item;
  return s;
}

// The first index at which two lists differ, described; "" when equal.
template <typename T>
std::string first_of(const char* what, const std::vector<T>& a, const std::vector<T>& b,
                     const std::string& left, const std::string& right) {
  for (std::size_t i = 0; i < std::max(a.size(), b.size()); ++i) {
    if (i < a.size() && i < b.size() && a[i] == b[i]) continue;
    std::ostringstream s;
    const std::size_t width = std::max(left.size(), right.size());
    s << what << " " << i << ":\n  " << left << std::string(width - left.size(), ' ') << " "
      << (i < a.size() ? describe(a[i]) : "(none)") << "\n  " << right
      << std::string(width - right.size(), ' ') << " "
      << (i < b.size() ? describe(b[i]) : "(none)");
    return s.str();
  }
  return "";
}

}  // namespace

std::string describe(const model::Topic& t) {
  std::ostringstream s;
  s << t.id << " " << t.document << " #" << (t.number ? std::to_string(*t.number) : "-") << " \""
    << t.title << "\" focus \"" << t.focus << "\" skills [" << join(t.skills) << "] ordinal "
    << t.ordinal;
  return s.str();
}

std::string describe(const model::Task& t) {
  std::ostringstream s;
  s << t.id << " of " << t.topic_id << " at " << t.position << " " << model::to_string(t.kind)
    << " \"" << t.prompt << "\" estimate " << t.estimate.hours << "/" << t.estimate.optimistic
    << "/" << t.estimate.likely << "/" << t.estimate.pessimistic
    << (t.estimate.manual ? " manual" : "") << " " << model::to_string(t.status) << " pin \""
    << t.pinned_assignee << "\" after [" << join(t.after) << "] assignee \"" << t.assignee
    << "\" depends_on [" << join(t.depends_on) << "] blocks " << t.blocks.size() << " sequence "
    << t.sequence;
  return s.str();
}

std::string first_difference(const model::Project& a, const model::Project& b,
                             const std::string& left, const std::string& right) {
  if (a.title != b.title) {
    return "title: " + left + " \"" + a.title + "\", " + right + " \"" + b.title + "\"";
  }
  if (auto d = first_of("topic", a.topics, b.topics, left, right); !d.empty()) return d;
  if (auto d = first_of("task", a.tasks, b.tasks, left, right); !d.empty()) return d;
  if (!(a.plan == b.plan)) {
    return "plan: " + left + " unassigned [" + join(a.plan.unassigned) + "], " + right + " [" +
           join(b.plan.unassigned) + "]" +
           (a.plan.unassigned == b.plan.unassigned ? " (and dates, hours or creation)" : "");
  }
  if (!(a.team == b.team)) return "the team differs";
  if (!(a.holidays == b.holidays) || !(a.time_off == b.time_off)) return "the calendars differ";
  return a == b ? "" : "the projects differ";  // a field added to Project since
}

}  // namespace rplan::testing
