#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

// Internal to parse/: where things are in a document's text.
namespace rplan::parse {

// The start of every line of a text. A line ends at "\n", "\r\n" or a lone
// "\r", as in CommonMark, so numbers agree with what an editor shows for LF,
// CRLF and old Mac files alike. Holds a view of the text, which must outlive
// it. Lookups in increasing order of offset cost O(1) each (amortised);
// others fall back to a binary search. Not for concurrent use.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);

  std::string_view text() const { return m_text; }
  // The 1-based line holding byte `offset`; an offset past the end belongs to
  // the last line.
  int line_of(std::size_t offset) const;
  // The line of a pointer into text() (as md4c passes them), or 0 for a
  // pointer elsewhere (md4c's own strings, such as the "\n" of a line break).
  int line_at(const char* pointer) const;
  // Byte offset of the first byte of 1-based `line` (1 <= line <= count()).
  std::size_t start_of(int line) const { return m_starts[static_cast<std::size_t>(line - 1)]; }
  // Byte offset just past `line`, its line ending included.
  std::size_t end_of(int line) const;
  int count() const { return static_cast<int>(m_starts.size()); }

 private:
  std::string_view m_text;
  std::vector<std::size_t> m_starts;
  mutable std::size_t m_last = 0;  // index into m_starts of the previous answer
};

// A line holding a byte that is not well-formed UTF-8.
struct InvalidUtf8 {
  int line = 0;
  std::size_t byte = 0;  // 1-based position of the first bad byte within its line
};

// Every line of lines.text() with invalid UTF-8, in order, one entry per line
// (its first bad byte). Runs at memory speed over ASCII.
std::vector<InvalidUtf8> find_invalid_utf8_lines(const LineIndex& lines);

}  // namespace rplan::parse
