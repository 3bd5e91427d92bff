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
// gap, keeping their order (pairs never cross): as many pairs as possible, and
// among those the alignment whose pairs share the most words. With as many
// prompts as tasks that is simply by position; with more or fewer, similarity
// decides which prompt is new or which task is gone.
void match_gap(const std::vector<StoredPrompt>& stored, const std::vector<std::string>& prompts,
               const std::vector<std::size_t>& gap_prompts,
               const std::vector<std::size_t>& gap_tasks,
               std::vector<std::optional<std::size_t>>& result, std::vector<bool>& used) {
  const std::size_t n = gap_prompts.size(), m = gap_tasks.size();
  if (n == 0 || m == 0) return;
  auto pair = [&](std::size_t i, std::size_t j) {
    result[gap_prompts[i]] = gap_tasks[j];
    used[gap_tasks[j]] = true;
  };
  if (n == m || n * m > k_max_similarity_pairs) {
    for (std::size_t i = 0; i < std::min(n, m); ++i) pair(i, i);
    return;
  }
  std::vector<std::set<std::string>> prompt_words, task_words;
  for (std::size_t p : gap_prompts) prompt_words.push_back(words(prompts[p]));
  for (std::size_t k : gap_tasks) task_words.push_back(words(stored[k].text));
  // best[i][j]: the best alignment of prompts i.. with tasks j..; a pair
  // scores 1 (more pairs win) plus half its similarity (0..1). Ties go to
  // the earliest pairs, as position would have it.
  auto score = [&](std::size_t i, std::size_t j) {
    return 1 + similarity(prompt_words[i], task_words[j]) / 2;
  };
  std::vector<std::vector<double>> best(n + 1, std::vector<double>(m + 1, 0));
  for (std::size_t i = n; i-- > 0;) {
    for (std::size_t j = m; j-- > 0;) {
      best[i][j] = std::max({best[i + 1][j], best[i][j + 1], best[i + 1][j + 1] + score(i, j)});
    }
  }
  for (std::size_t i = 0, j = 0; i < n && j < m;) {
    if (best[i][j] == best[i + 1][j + 1] + score(i, j)) {
      pair(i++, j++);
    } else if (best[i][j] == best[i + 1][j]) {
      ++i;
    } else {
      ++j;
    }
  }
}

}  // namespace

double prompt_similarity(std::string_view a, std::string_view b) {
  return similarity(words(a), words(b));
}

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
