#include "planner/util/text.hpp"

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

}  // namespace rplan::util
