#include "planner/model/topic_index.hpp"

namespace rplan::model {

TopicIndex::TopicIndex(std::span<const Topic> topics) : m_topics(topics) {
  m_index.reserve(topics.size());
  for (std::size_t t = 0; t < topics.size(); ++t) {
    m_index.emplace(topics[t].id, static_cast<std::uint32_t>(t));
  }
}

}  // namespace rplan::model
