#include "planner/parse/line_index.hpp"

#include <algorithm>

namespace rplan::parse {

LineIndex::LineIndex(std::string_view text) {
  m_starts.push_back(0);
  const std::size_t n = text.size();
  for (std::size_t i = 0; i < n; ++i) {
    const char c = text[i];
    if (c == '\n') {
      m_starts.push_back(i + 1);
    } else if (c == '\r') {
      if (i + 1 < n && text[i + 1] == '\n') ++i;
      m_starts.push_back(i + 1);
    }
  }
}

int LineIndex::line_of(std::size_t offset) const {
  const auto after = std::upper_bound(m_starts.begin(), m_starts.end(), offset);
  return static_cast<int>(after - m_starts.begin());
}

}  // namespace rplan::parse
