#include "planner/schedule/skills.hpp"

#include <algorithm>
#include <array>

namespace rplan::schedule {

namespace {

// Sorted, for binary search.
constexpr std::array<std::string_view, 40> k_stop_words = {
    "a",    "an",  "and",  "are",  "as",   "at",   "be",    "by",   "for",    "from",
    "how",  "in",  "into", "is",   "it",   "its",  "of",    "on",   "or",     "our",
    "over", "per", "so",   "than", "that", "the",  "their", "then", "this",   "to",
    "up",   "us",  "via",  "vs",   "we",   "what", "when",  "with", "within", "your",
};

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool is_stop_word(std::string_view w) {
  return w.size() <= 6 && std::binary_search(k_stop_words.begin(), k_stop_words.end(), w);
}

// Calls use(word) for each word of text. Words longer than k_longest letters
// are skipped: no skill is spelled like that.
template <typename Use>
void tokenize(std::string_view text, Words kind, Use&& use) {
  constexpr std::size_t k_longest = 64;
  std::array<char, k_longest> word;
  std::size_t length = 0;
  bool too_long = false;
  auto flush = [&] {
    std::string_view w(word.data(), length);
    if (length > 0 && !too_long && !is_stop_word(w) && !(kind == Words::subject && length < 2)) {
      if (w.size() >= 4 && w.back() == 's' && w[w.size() - 2] != 's') w.remove_suffix(1);
      use(w);
    }
    length = 0;
    too_long = false;
  };
  for (char c : text) {
    if (!is_word_char(c)) {
      flush();
    } else if (length == k_longest) {
      too_long = true;
    } else {
      word[length++] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
  }
  flush();
}

}  // namespace

void for_each_skill_word(std::string_view text, Words kind,
                         const std::function<void(std::string_view)>& use) {
  tokenize(text, kind, use);
}

std::vector<std::string> skill_words(std::string_view text, Words kind) {
  std::vector<std::string> out;
  for_each_skill_word(text, kind, [&](std::string_view w) { out.emplace_back(w); });
  return out;
}

SkillIndex::SkillIndex(const std::vector<model::Assignee>& team)
    : m_tags(team.size()), m_words_of(team.size()) {
  for (std::size_t p = 0; p < team.size(); ++p) {
    for (const std::string& tag : team[p].skills) {
      std::vector<std::uint32_t> numbers;
      for (const std::string& word : skill_words(tag, Words::tag)) {
        const auto [it, added] =
            m_word_numbers.emplace(word, static_cast<std::uint32_t>(m_people_with.size()));
        if (added) m_people_with.emplace_back();
        numbers.push_back(it->second);
      }
      if (numbers.empty()) continue;
      std::sort(numbers.begin(), numbers.end());
      numbers.erase(std::unique(numbers.begin(), numbers.end()), numbers.end());
      m_words_of[p].insert(m_words_of[p].end(), numbers.begin(), numbers.end());
      m_tags[p].push_back(std::move(numbers));
    }
    auto& tags = m_tags[p];  // "Database" and "databases" are one tag
    std::sort(tags.begin(), tags.end());
    tags.erase(std::unique(tags.begin(), tags.end()), tags.end());
    auto& words = m_words_of[p];
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end());
    for (std::uint32_t w : words) m_people_with[w].push_back(static_cast<std::uint32_t>(p));
  }
}

std::vector<std::uint32_t> SkillIndex::topic_words(const model::Topic& topic) const {
  std::vector<std::uint32_t> numbers;
  if (empty()) return numbers;
  auto add = [&](std::string_view word) {
    const auto it = m_word_numbers.find(word);
    if (it != m_word_numbers.end()) numbers.push_back(it->second);
  };
  if (!topic.skills.empty()) {
    for (const std::string& skill : topic.skills) tokenize(skill, Words::tag, add);
  } else {
    tokenize(topic.title, Words::subject, add);
    tokenize(topic.focus, Words::subject, add);
  }
  std::sort(numbers.begin(), numbers.end());
  numbers.erase(std::unique(numbers.begin(), numbers.end()), numbers.end());
  return numbers;
}

int SkillIndex::score(std::size_t person, const std::vector<std::uint32_t>& topic_words) const {
  int matched = 0;
  for (const auto& tag : m_tags[person]) {
    const bool all = std::all_of(tag.begin(), tag.end(), [&](std::uint32_t w) {
      return std::binary_search(topic_words.begin(), topic_words.end(), w);
    });
    if (all) ++matched;
  }
  return matched;
}

}  // namespace rplan::schedule
