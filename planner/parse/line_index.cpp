#include "planner/parse/line_index.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "planner/util/text.hpp"

namespace rplan::parse {

LineIndex::LineIndex(std::string_view text) : m_text(text) {
  m_starts.push_back(0);
  const char* const begin = text.data();
  const std::size_t n = text.size();
  if (n == 0) return;
  if (std::memchr(begin, '\r', n) == nullptr) {  // the common case: memchr is fast
    const char* p = begin;
    const char* const end = begin + n;
    while (const void* hit = std::memchr(p, '\n', static_cast<std::size_t>(end - p))) {
      p = static_cast<const char*>(hit) + 1;
      m_starts.push_back(static_cast<std::size_t>(p - begin));
    }
    return;
  }
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
  // Walk forward a few lines from the previous answer; md4c reports text in
  // document order, so this almost always hits.
  constexpr std::size_t k_walk = 8;
  if (m_starts[m_last] <= offset) {
    for (std::size_t i = m_last, stop = std::min(m_last + k_walk, m_starts.size()); i < stop; ++i) {
      if (i + 1 == m_starts.size() || offset < m_starts[i + 1]) {
        m_last = i;
        return static_cast<int>(i + 1);
      }
    }
  }
  const auto after = std::upper_bound(m_starts.begin(), m_starts.end(), offset);
  m_last = static_cast<std::size_t>(after - m_starts.begin()) - 1;
  return static_cast<int>(m_last + 1);
}

int LineIndex::line_at(const char* pointer) const {
  // Compared as addresses: pointers into other objects are not ordered in C++.
  const auto address = reinterpret_cast<std::uintptr_t>(pointer);
  const auto begin = reinterpret_cast<std::uintptr_t>(m_text.data());
  if (address < begin || address >= begin + m_text.size()) return 0;
  return line_of(address - begin);
}

std::size_t LineIndex::end_of(int line) const {
  return line < count() ? start_of(line + 1) : m_text.size();
}

namespace {

// The offset of the first byte at or after `from` that is not ASCII, or
// text.size(): eight bytes at a time, since most of a document is ASCII.
std::size_t skip_ascii(std::string_view text, std::size_t from) {
  const std::size_t n = text.size();
  while (from + 8 <= n) {
    std::uint64_t word = 0;
    std::memcpy(&word, text.data() + from, 8);
    if ((word & 0x8080808080808080ull) != 0) break;
    from += 8;
  }
  while (from < n && static_cast<unsigned char>(text[from]) < 0x80) ++from;
  return from;
}

}  // namespace

// A UTF-8 sequence never spans a line ending (those are ASCII), so each line
// with non-ASCII bytes is checked on its own, from its first such byte.
std::vector<InvalidUtf8> find_invalid_utf8_lines(const LineIndex& lines) {
  const std::string_view text = lines.text();
  std::vector<InvalidUtf8> found;
  std::size_t from = skip_ascii(text, 0);
  while (from < text.size()) {
    const int line = lines.line_of(from);
    const std::size_t end = lines.end_of(line);
    if (const auto bad = util::find_invalid_utf8(text.substr(from, end - from))) {
      found.push_back(InvalidUtf8{line, from + *bad - lines.start_of(line) + 1});
    }
    from = skip_ascii(text, end);
  }
  return found;
}

}  // namespace rplan::parse
