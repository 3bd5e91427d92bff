#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rplan::store {

// A stored task of one topic, as the matcher sees it.
struct StoredPrompt {
  std::string text;
  bool archived = false;  // removed from the document earlier; restored by an exact match
};

// Matches the prompts of a re-imported topic to its stored tasks, like a
// diff: first by exact text (each stored task at most once, earliest first,
// live before archived); then each run of unmatched prompts between two
// matched ones may take the unmatched live tasks between those two tasks, in
// order (pairs never cross): by position when the counts agree, else the
// alignment whose pairs share the most words. Returns,
// for every new prompt, the index of its stored task, or nullopt for a new
// task. So a prompt inserted above others moves nothing, a reworded prompt
// keeps its task, and a prompt both moved and reworded is a new task.
std::vector<std::optional<std::size_t>> match_prompts(const std::vector<StoredPrompt>& stored,
                                                      const std::vector<std::string>& prompts);

// How much two prompts say the same: the Jaccard index of their word sets
// (words: runs of ASCII letters and digits, and of non-ASCII bytes, lower-
// cased), |shared| / |either|, from 0 (no word in common) to 1 (the same
// words). The matcher uses it to align a reworded run of prompts; the import
// report uses it to tell a rewording from a prompt of another meaning.
double prompt_similarity(std::string_view a, std::string_view b);

// Below this similarity (a third) a prompt paired with a done or in-progress
// task by position is reported as having another meaning (docs/storage.md).
// A rewording keeps most words: "Research Redis caching" -> "Research caching
// with Redis" is 0.75, "-> Research caching with Redis and Memcached" 0.5;
// other work shares few: "Research brokers" -> "Compare Kafka and Pulsar" is 0.
inline constexpr double k_same_meaning = 1.0 / 3;

// Deterministic ids: a short hash of the identity key, perturbed (…#1, #2)
// while `taken` says the id is in use. The same documents imported in the
// same order into a fresh database get the same ids.
inline constexpr std::size_t k_topic_id_length = 5;
inline constexpr std::size_t k_task_id_length = 6;

std::string topic_key(const std::string& document, const std::string& title);
std::string task_key(const std::string& document, const std::string& topic_title,
                     const std::string& prompt, int occurrence);

template <class Taken>
std::string unique_id(const std::string& key, std::size_t length, Taken&& taken);

}  // namespace rplan::store

#include "planner/util/text.hpp"

namespace rplan::store {
template <class Taken>
std::string unique_id(const std::string& key, std::size_t length, Taken&& taken) {
  std::string id = util::short_id(key, length);
  for (int n = 1; taken(id); ++n) id = util::short_id(key + "\x1f#" + std::to_string(n), length);
  return id;
}
}  // namespace rplan::store
