#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <unordered_map>

#include "planner/model/model.hpp"

namespace rplan::model {

// The topics of a project by id: the one look-up from a task to its topic.
// Refers to the topics it was built from, which must outlive it and stay
// where they are.
class TopicIndex {
 public:
  explicit TopicIndex(std::span<const Topic> topics);

  // Position of the topic with `id` among the topics; nullopt when none has it.
  std::optional<std::size_t> find(std::string_view id) const {
    const auto it = m_index.find(id);
    if (it == m_index.end()) return std::nullopt;
    return it->second;
  }
  // The topic with `id`, or nullptr.
  const Topic* topic(std::string_view id) const {
    const auto at = find(id);
    return at ? &m_topics[*at] : nullptr;
  }
  // The task's topic, or nullptr when the project does not hold it.
  const Topic* topic_of(const Task& task) const { return topic(task.topic_id); }

 private:
  std::span<const Topic> m_topics;
  std::unordered_map<std::string_view, std::uint32_t> m_index;
};

}  // namespace rplan::model
