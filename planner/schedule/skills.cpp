#include "planner/schedule/skills.hpp"

#include <algorithm>
#include <array>

namespace rplan::schedule {

namespace {

constexpr std::array<std::string_view, 40> k_stop_words = {
    "a",    "an",   "and",  "are",  "as",    "at",   "be",   "by",   "for",  "from",
    "how",  "in",   "into", "is",   "it",    "its",  "of",   "on",   "or",   "our",
    "over", "per",  "so",   "than", "that",  "the",  "their", "then", "this", "to",
    "up",   "us",   "via",  "vs",   "we",    "what", "when", "with", "within", "your",
};

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

void add_word(std::string& word, Words kind, std::vector<std::string>& out) {
  if (word.empty()) return;
  const bool stop =
      std::find(k_stop_words.begin(), k_stop_words.end(), word) != k_stop_words.end();
  if (!stop && !(kind == Words::subject && word.size() < 2)) {
    if (word.size() >= 4 && word.back() == 's' && word[word.size() - 2] != 's') word.pop_back();
    out.push_back(word);
  }
  word.clear();
}

}  // namespace

std::vector<std::string> skill_words(std::string_view text, Words kind) {
  std::vector<std::string> out;
  std::string word;
  for (char c : text) {
    if (is_word_char(c)) {
      word += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    } else {
      add_word(word, kind, out);
    }
  }
  add_word(word, kind, out);
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
    auto& words = m_words_of[p];
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end());
    for (std::uint32_t w : words) m_people_with[w].push_back(static_cast<std::uint32_t>(p));
  }
}

std::vector<std::uint32_t> SkillIndex::topic_words(const model::Topic& topic) const {
  std::vector<std::uint32_t> numbers;
  if (empty()) return numbers;
  auto add = [&](const std::vector<std::string>& words) {
    for (const std::string& word : words) {
      const auto it = m_word_numbers.find(word);
      if (it != m_word_numbers.end()) numbers.push_back(it->second);
    }
  };
  if (!topic.skills.empty()) {
    for (const std::string& skill : topic.skills) add(skill_words(skill, Words::tag));
  } else {
    add(skill_words(topic.title, Words::subject));
    add(skill_words(topic.focus, Words::subject));
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
