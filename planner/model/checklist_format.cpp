#include "planner/model/checklist_format.hpp"

#include <vector>

#include "planner/util/text.hpp"

namespace rplan::model {

namespace {

constexpr std::string_view k_marker_prefix = "rplan:";

bool is_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

}  // namespace

void append_checklist_marker(std::string& out, std::string_view id, TaskStatus status,
                             std::string_view fingerprint) {
  out.append("<!-- ").append(k_marker_prefix).append(id).append(" status=");
  out.append(to_string(status)).append(" text=").append(fingerprint).append(" -->");
}

std::optional<ParsedChecklistMarker> parse_checklist_marker(std::string_view body) {
  body = util::trim(body);
  if (!body.starts_with(k_marker_prefix)) return std::nullopt;
  body.remove_prefix(k_marker_prefix.size());
  std::vector<std::string_view> words;
  while (!body.empty()) {
    std::size_t end = 0;
    while (end < body.size() && !is_space(body[end])) ++end;
    words.push_back(body.substr(0, end));
    body = util::trim(body.substr(end));
  }
  ParsedChecklistMarker parsed;
  if (words.empty() || words.front().empty()) {
    parsed.problem = "an rplan marker without a task id: write <!-- rplan:ID status=open -->";
    return parsed;
  }
  ChecklistMarker& marker = parsed.marker;
  marker.id = std::string(words.front());
  bool has_status = false;
  for (std::size_t i = 1; i < words.size(); ++i) {
    const std::string_view word = words[i];
    if (word.starts_with("status=")) {
      const std::string_view value = word.substr(7);
      const auto status = parse_task_status(value);
      if (!status) {
        parsed.problem = "the rplan marker of task " + marker.id +
                         " has status=" + std::string(value) +
                         "; expected open, in-progress or done";
        return parsed;
      }
      marker.status = *status;
      has_status = true;
    } else if (word.starts_with("text=")) {
      marker.fingerprint = std::string(word.substr(5));
    }
  }
  if (!has_status) {
    parsed.problem = "the rplan marker of task " + marker.id +
                     " has no status=; it should read <!-- rplan:" + marker.id +
                     " status=open --> (as exported)";
  }
  return parsed;
}

std::string checklist_fingerprint(std::string_view rendered_text) {
  return util::short_id(util::collapse_whitespace(rendered_text), 8);
}

ChecklistBox checklist_box(TaskStatus status) {
  return status == TaskStatus::done ? ChecklistBox::ticked : ChecklistBox::open;
}

std::optional<TaskStatus> checklist_request(ChecklistBox box, TaskStatus exported) {
  if (box == ChecklistBox::missing) return std::nullopt;
  const bool ticked = box == ChecklistBox::ticked;
  if (ticked == (exported == TaskStatus::done)) return std::nullopt;  // untouched since
  return ticked ? TaskStatus::done : TaskStatus::open;
}

bool checklist_request_met(TaskStatus requested, TaskStatus current) {
  return requested == TaskStatus::done ? current == TaskStatus::done : current != TaskStatus::done;
}

}  // namespace rplan::model
