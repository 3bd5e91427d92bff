#include "planner/util/text.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>

namespace rplan::util {

std::optional<std::size_t> find_invalid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {  // most text: no call
      ++i;
      continue;
    }
    const std::size_t length = decode_utf8(text, i).length;
    if (length == 0) return i;
    i += length;
  }
  return std::nullopt;
}

namespace {
bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}
bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
}  // namespace

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

std::string collapse_whitespace(std::string_view text) {
  text = trim(text);
  std::string out;
  out.reserve(text.size());
  // Runs of other characters are copied whole; text is trimmed, so every
  // run of whitespace has text after it.
  static constexpr auto k_space = [] {
    std::array<bool, 256> table{};
    for (const unsigned char c : std::string_view(" \t\r\n\f\v")) table[c] = true;
    return table;
  }();
  const auto space = [&](char c) { return k_space[static_cast<unsigned char>(c)]; };
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t end = i;
    while (end < text.size() && !space(text[end])) ++end;
    out.append(text.data() + i, end - i);
    if (end == text.size()) break;
    while (space(text[end])) ++end;
    out += ' ';
    i = end;
  }
  return out;
}

std::string to_lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::vector<std::string> split(std::string_view text, char sep, EmptyParts empty) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find(sep, start);
    const std::string_view part = trim(
        text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (!part.empty() || empty == EmptyParts::keep) parts.emplace_back(part);
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return parts;
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += sep;
    out += parts[i];
  }
  return out;
}

std::string slug(std::string_view text) {
  std::string out;
  bool pending_dash = false;
  for (char c : text) {
    if (is_alnum(c)) {
      if (pending_dash && !out.empty()) out += '-';
      pending_dash = false;
      out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    } else {
      pending_dash = true;
    }
  }
  return out;
}

std::string short_id(std::string_view key, std::size_t length) {
  static constexpr char k_digits[] = "0123456789abcdefghjkmnpqrstvwxyz";
  static constexpr char k_letters[] = "abcdefghjkmnpqrstvwxyz";
  std::uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : key) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  // Mix the bits (splitmix64 finaliser) so similar keys spread evenly.
  hash ^= hash >> 30;
  hash *= 0xbf58476d1ce4e5b9ull;
  hash ^= hash >> 27;
  hash *= 0x94d049bb133111ebull;
  hash ^= hash >> 31;
  std::string out;
  out += k_letters[hash % 22];
  hash /= 22;
  while (out.size() < length) {
    out += k_digits[hash & 31];
    hash >>= 5;
  }
  return out;
}

std::string format_hours(double hours) {
  const double rounded = std::round(hours * 100.0) / 100.0;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", rounded);
  std::string out = buf;
  while (!out.empty() && out.back() == '0') out.pop_back();
  if (!out.empty() && out.back() == '.') out.pop_back();
  return out;
}

std::size_t utf8_length(std::string_view text) {
  std::size_t n = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++n;
  }
  return n;
}

std::string wrap_text(std::string_view text, std::size_t width) {
  std::string out;
  std::size_t column = 0;  // code points on the current output line
  bool in_paragraph = false;
  std::vector<std::string_view> lines;
  for (std::size_t from = 0; from < text.size();) {
    std::size_t end = text.find('\n', from);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back(text.substr(from, end - from));
    from = end + 1;
  }
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string_view line = lines[i];
    const bool starts_block = line.empty() || line.front() == ' ' || line.starts_with("- ");
    if (in_paragraph && starts_block) {
      out += '\n';
      column = 0;
      in_paragraph = false;
    }
    if (line.empty()) {
      out += '\n';
      continue;
    }
    std::size_t at = 0;
    if (line.front() == ' ') {  // keep the indentation of a new block
      at = line.find_first_not_of(' ');
      if (at == std::string_view::npos) at = line.size();
      out.append(line.substr(0, at));
      column = at;
    }
    while (at < line.size()) {
      std::size_t end = line.find(' ', at);
      if (end == std::string_view::npos) end = line.size();
      const std::string_view word = line.substr(at, end - at);
      at = end + 1;
      if (word.empty()) continue;
      const std::size_t length = utf8_length(word);
      if (column > 0 && out.back() != ' ' && column + 1 + length > width) {
        out += '\n';
        column = 0;
      } else if (column > 0 && out.back() != ' ') {
        out += ' ';
        ++column;
      }
      out.append(word);
      column += length;
    }
    in_paragraph = true;
  }
  if (in_paragraph && (text.ends_with('\n'))) out += '\n';
  return out;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

namespace {

// Within [first, last], a capital whose parity is `capital_parity` (0: even)
// folds to the code point after it.
bool in_pairs(char32_t cp, char32_t first, char32_t last, char32_t capital_parity) {
  return cp >= first && cp <= last && (cp & 1u) == capital_parity;
}

}  // namespace

char32_t fold_case(char32_t cp) {
  if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + 0x20 : cp;
  if (cp < 0x100) {
    if (cp == 0xB5) return 0x3BC;  // micro sign -> Greek mu
    if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 0x20;
    return cp;
  }
  if (cp < 0x250) {  // Latin Extended-A and -B
    if (cp == 0x178) return 0xFF;
    if (cp == 0x17F) return 's';
    if (in_pairs(cp, 0x100, 0x12F, 0) || in_pairs(cp, 0x132, 0x137, 0) ||
        in_pairs(cp, 0x139, 0x148, 1) || in_pairs(cp, 0x14A, 0x177, 0) ||
        in_pairs(cp, 0x179, 0x17E, 1) || cp == 0x1A0 || cp == 0x1AF ||
        in_pairs(cp, 0x1CD, 0x1DC, 1) || in_pairs(cp, 0x1DE, 0x1EF, 0) ||
        in_pairs(cp, 0x1F8, 0x21F, 0) || in_pairs(cp, 0x222, 0x233, 0)) {
      return cp + 1;
    }
    return cp;
  }
  if (cp >= 0x370 && cp < 0x400) {  // Greek
    if (cp == 0x386) return 0x3AC;
    if (cp >= 0x388 && cp <= 0x38A) return cp + 37;
    if (cp == 0x38C) return 0x3CC;
    if (cp == 0x38E || cp == 0x38F) return cp + 63;
    if ((cp >= 0x391 && cp <= 0x3A1) || (cp >= 0x3A3 && cp <= 0x3AB)) return cp + 0x20;
    if (cp == 0x3C2) return 0x3C3;  // final sigma
    return cp;
  }
  if (cp >= 0x400 && cp < 0x530) {  // Cyrillic
    if (cp <= 0x40F) return cp + 0x50;
    if (cp <= 0x42F) return cp + 0x20;
    if (cp == 0x4C0) return 0x4CF;
    if (in_pairs(cp, 0x460, 0x481, 0) || in_pairs(cp, 0x48A, 0x4BF, 0) ||
        in_pairs(cp, 0x4C1, 0x4CE, 1) || in_pairs(cp, 0x4D0, 0x52F, 0)) {
      return cp + 1;
    }
    return cp;
  }
  if (cp >= 0x531 && cp <= 0x556) return cp + 0x30;  // Armenian
  if (cp == 0x1E9E) return 0xDF;                     // capital sharp s
  if (in_pairs(cp, 0x1E00, 0x1E95, 0) || in_pairs(cp, 0x1EA0, 0x1EFF, 0)) return cp + 1;
  if (cp >= 0xFF21 && cp <= 0xFF3A) return cp + 0x20;  // fullwidth Latin
  return cp;
}

std::string fold_case(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const Utf8Char c = decode_utf8(text, i);
    if (c.length == 0) {
      out += text[i];
      ++i;
      continue;
    }
    append_utf8(out, fold_case(c.code_point));
    i += c.length;
  }
  return out;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Three rows of the dynamic programme: two back (for swaps), one back, this one.
  std::vector<std::size_t> before(b.size() + 1), previous(b.size() + 1), current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t substitute = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitute});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        current[j] = std::min(current[j], before[j - 2] + 1);
      }
    }
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return previous[b.size()];
}

}  // namespace rplan::util
