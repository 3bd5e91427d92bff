#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "planner/model/model.hpp"

// Matching a topic's subject against people's skill tags.
namespace rplan::schedule {

// The words of `text` as skills compare them: lower-case runs of ASCII letters
// and digits, without English stop words ("and", "for", "the", ...), a plural
// "s" dropped from words of four letters or more ("databases" = "database").
// With Words::subject (a topic's title or focus) single letters are dropped too.
enum class Words { tag, subject };
std::vector<std::string> skill_words(std::string_view text, Words kind);

// The same words, each passed to `use` (valid during the call only), without
// allocating.
void for_each_skill_word(std::string_view text, Words kind,
                         const std::function<void(std::string_view)>& use);

// The team's skill tags, indexed. A tag matches a topic when every word of the
// tag is among the topic's words: the words of its Skills line when it has
// one, else of its title and focus.
class SkillIndex {
 public:
  explicit SkillIndex(const std::vector<model::Assignee>& team);

  // True when nobody has a skill: no topic can match anyone.
  bool empty() const { return m_people_with.empty(); }
  std::size_t word_count() const { return m_people_with.size(); }

  // The topic's words that appear in some tag, as sorted word numbers.
  std::vector<std::uint32_t> topic_words(const model::Topic& topic) const;

  // How many of person's tags the topic's words (from topic_words) match.
  int score(std::size_t person, const std::vector<std::uint32_t>& topic_words) const;

  // The people (indexes into the team) with a tag containing word number w.
  const std::vector<std::uint32_t>& people_with(std::uint32_t word) const {
    return m_people_with[word];
  }
  // The word numbers of the person's tags, sorted, without repeats.
  const std::vector<std::uint32_t>& words_of(std::size_t person) const {
    return m_words_of[person];
  }

 private:
  struct WordHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view w) const { return std::hash<std::string_view>{}(w); }
  };
  // Lookups only: its order never reaches a result.
  std::unordered_map<std::string, std::uint32_t, WordHash, std::equal_to<>> m_word_numbers;
  std::vector<std::vector<std::uint32_t>> m_people_with;        // by word number
  std::vector<std::vector<std::vector<std::uint32_t>>> m_tags;  // by person: each tag's words
  std::vector<std::vector<std::uint32_t>> m_words_of;           // by person
};

}  // namespace rplan::schedule
