#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

// Internal to parse/: byte offsets to 1-based line numbers.
namespace rplan::parse {

// The start of every line of a text. A line ends at "\n", "\r\n" or a lone
// "\r", as in CommonMark, so numbers agree with what an editor shows for LF,
// CRLF and old Mac files alike.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);

  // The 1-based line holding byte `offset`; an offset past the end belongs to
  // the last line.
  int line_of(std::size_t offset) const;
  // Byte offset of the first byte of 1-based `line` (1 <= line <= count()).
  std::size_t start_of(int line) const { return m_starts[static_cast<std::size_t>(line - 1)]; }
  int count() const { return static_cast<int>(m_starts.size()); }

 private:
  std::vector<std::size_t> m_starts;
};

}  // namespace rplan::parse
