#include "planner/store/identity.hpp"

#include <map>
#include <string_view>

namespace rplan::store {

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
  // The rest by position, like a diff: an unmatched prompt takes the first
  // unmatched live task between the stored tasks of its matched neighbours.
  std::vector<std::optional<std::size_t>> next_anchor(prompts.size());
  for (std::size_t p = prompts.size(); p-- > 0;) {
    if (p + 1 < prompts.size()) next_anchor[p] = result[p + 1] ? result[p + 1] : next_anchor[p + 1];
  }
  std::optional<std::size_t> previous;  // stored index of the last matched prompt so far
  for (std::size_t p = 0; p < prompts.size(); ++p) {
    if (!result[p]) {
      const std::size_t from = previous ? *previous + 1 : 0;
      const std::size_t to = next_anchor[p] ? *next_anchor[p] : stored.size();
      for (std::size_t k = from; k < to && k < stored.size(); ++k) {
        if (!used[k] && !stored[k].archived) {
          result[p] = k;
          used[k] = true;
          break;
        }
      }
    }
    if (result[p]) previous = result[p];
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
