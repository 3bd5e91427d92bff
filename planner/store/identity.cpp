#include "planner/store/identity.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string_view>

namespace rplan::store {

namespace {

// Lower-cased words (runs of letters, digits and non-ASCII bytes).
std::set<std::string> words(std::string_view text) {
  std::set<std::string> out;
  std::string word;
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c >= 0x80) {
      word += static_cast<char>(std::tolower(c));
    } else if (!word.empty()) {
      out.insert(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) out.insert(std::move(word));
  return out;
}

double similarity(const std::set<std::string>& a, const std::set<std::string>& b) {
  if (a.empty() || b.empty()) return 0;
  std::size_t shared = 0;
  for (const auto& w : a) shared += b.count(w);
  return static_cast<double>(shared) / static_cast<double>(a.size() + b.size() - shared);
}

// Larger gaps are paired by order alone, to keep matching near-linear.
constexpr std::size_t k_max_similarity_pairs = 10000;

// Pairs the unmatched prompts of one gap with the unmatched tasks of the same
// gap: the most similar pairs (sharing words) first, then the rest in order.
void match_gap(const std::vector<StoredPrompt>& stored, const std::vector<std::string>& prompts,
               const std::vector<std::size_t>& gap_prompts,
               const std::vector<std::size_t>& gap_tasks,
               std::vector<std::optional<std::size_t>>& result, std::vector<bool>& used) {
  if (gap_prompts.empty() || gap_tasks.empty()) return;
  if (gap_prompts.size() * gap_tasks.size() <= k_max_similarity_pairs) {
    struct Pair {
      double score;
      std::size_t p, k;
    };
    std::vector<std::set<std::string>> task_words;
    for (std::size_t k : gap_tasks) task_words.push_back(words(stored[k].text));
    std::vector<Pair> pairs;
    for (std::size_t p : gap_prompts) {
      const auto pw = words(prompts[p]);
      for (std::size_t i = 0; i < gap_tasks.size(); ++i) {
        const double s = similarity(pw, task_words[i]);
        if (s > 0) pairs.push_back({s, p, gap_tasks[i]});
      }
    }
    std::stable_sort(pairs.begin(), pairs.end(),
                     [](const Pair& a, const Pair& b) { return a.score > b.score; });
    for (const auto& pair : pairs) {
      if (result[pair.p] || used[pair.k]) continue;
      result[pair.p] = pair.k;
      used[pair.k] = true;
    }
  }
  std::size_t next = 0;
  for (std::size_t p : gap_prompts) {
    if (result[p]) continue;
    while (next < gap_tasks.size() && used[gap_tasks[next]]) ++next;
    if (next == gap_tasks.size()) break;
    result[p] = gap_tasks[next];
    used[gap_tasks[next]] = true;
  }
}

}  // namespace

std::vector<std::optional<std::size_t>> match_prompts(const std::vector<StoredPrompt>& stored,
                                                      const std::vector<std::string>& prompts) {
  std::vector<std::optional<std::size_t>> result(prompts.size());
  std::vector<bool> used(stored.size(), false);
  // Exact text: live tasks first, then archived ones (a prompt that comes back).
  std::map<std::string_view, std::vector<std::size_t>> live_by_text, archived_by_text;
  for (std::size_t i = stored.size(); i-- > 0;) {  // reversed, so back() is the earliest
    (stored[i].archived ? archived_by_text : live_by_text)[stored[i].text].push_back(i);
  }
  for (std::size_t p = 0; p < prompts.size(); ++p) {
    for (auto* index : {&live_by_text, &archived_by_text}) {
      auto it = index->find(prompts[p]);
      if (it == index->end() || it->second.empty()) continue;
      result[p] = it->second.back();
      used[it->second.back()] = true;
      it->second.pop_back();
      break;
    }
  }
  // The rest like a diff: each run of unmatched prompts between two matched
  // ones (anchors) may take the unmatched live tasks between the anchors' tasks.
  std::size_t p = 0;
  std::optional<std::size_t> previous;  // stored index of the last anchor
  while (p < prompts.size()) {
    if (result[p]) {
      previous = result[p];
      ++p;
      continue;
    }
    std::vector<std::size_t> gap_prompts;
    while (p < prompts.size() && !result[p]) gap_prompts.push_back(p++);
    const std::size_t from = previous ? *previous + 1 : 0;
    const std::size_t to = p < prompts.size() ? *result[p] : stored.size();
    std::vector<std::size_t> gap_tasks;
    for (std::size_t k = from; k < to && k < stored.size(); ++k) {
      if (!used[k] && !stored[k].archived) gap_tasks.push_back(k);
    }
    match_gap(stored, prompts, gap_prompts, gap_tasks, result, used);
  }
  return result;
}

std::string topic_key(const std::string& document, const std::string& title) {
  return document + '\x1f' + title;
}

std::string task_key(const std::string& document, const std::string& topic_title,
                     const std::string& prompt, int occurrence) {
  std::string key = document + '\x1f' + topic_title + '\x1f' + prompt;
  if (occurrence > 0) key += "\x1f" + std::to_string(occurrence);
  return key;
}

}  // namespace rplan::store
