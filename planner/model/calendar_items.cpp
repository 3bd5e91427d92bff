#include "planner/model/calendar_items.hpp"

namespace rplan::model {

namespace {
std::string with_domain(std::string local) {
  local += '@';
  local.append(k_uid_domain);
  return local;
}
}  // namespace

std::string event_uid(std::string_view task_id, std::size_t block_number) {
  return with_domain(std::string(task_id) + '-' + std::to_string(block_number));
}

std::string todo_uid(std::string_view task_id) { return with_domain(std::string(task_id)); }

std::string span_uid(std::string_view task_id) {
  return with_domain(std::string(task_id) + "-span");
}

std::string topic_uid(std::string_view topic_id) {
  return with_domain(std::string(topic_id) + "-topic");
}

const std::string& calendar_of(const Task& task) {
  static const std::string nobody;
  return task.planned() ? task.assignee : nobody;
}

bool within_retention(const CancelledItem& item, Date today, int days) {
  const Date date =
      item.last_date && *item.last_date > item.left_on ? *item.last_date : item.left_on;
  return today <= date + std::chrono::days{days};
}

}  // namespace rplan::model
