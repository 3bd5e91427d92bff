#include "planner/estimate/estimator.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "planner/util/text.hpp"

namespace rplan::estimate {

namespace {

bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// The code point at text[i] and its length; a byte that does not start a
// well-formed character counts as itself (documents are valid UTF-8 by then).
std::uint32_t code_point_at(std::string_view text, std::size_t i, std::size_t& length) {
  const util::Utf8Char c = util::decode_utf8(text, i);
  length = c.length == 0 ? 1 : c.length;
  return c.code_point;
}

// Characters that may precede the leading verb: ASCII white space and
// punctuation (Markdown markup), and non-letters outside ASCII: no-break
// space, general punctuation, arrows and symbols, variation selectors, emoji.
bool is_leading_noise(std::uint32_t cp) {
  if (cp < 0x80) {
    const char c = static_cast<char>(cp);
    return !is_ascii_letter(c) && !is_ascii_digit(c);
  }
  return cp == 0xA0 || cp == 0xFEFF || (cp >= 0x2000 && cp <= 0x2BFF) ||
         (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFE00 && cp <= 0xFE0F) ||
         (cp >= 0x1F000 && cp <= 0x1FAFF);
}

// The leading word of the prompt, lower-cased ASCII, or "" when the prompt
// does not start with an ASCII word.
std::string leading_word(std::string_view prompt) {
  std::size_t i = 0;
  while (i < prompt.size()) {
    std::size_t length = 1;
    const std::uint32_t cp = code_point_at(prompt, i, length);
    if (!is_leading_noise(cp)) break;
    i += length;
  }
  std::string word;
  while (i < prompt.size() && is_ascii_letter(prompt[i])) word += lower(prompt[i++]);
  // "Researché" is not "Research": a word continues into non-ASCII letters.
  if (i < prompt.size() &&
      (static_cast<unsigned char>(prompt[i]) >= 0xC0 || is_ascii_digit(prompt[i]))) {
    return {};
  }
  return word;
}

struct Verb {
  std::string_view word;
  model::TaskKind kind;
};

constexpr std::array<Verb, 18> k_verbs = {{
    {"research", model::TaskKind::research},
    {"investigate", model::TaskKind::research},
    {"explore", model::TaskKind::research},
    {"study", model::TaskKind::research},
    {"survey", model::TaskKind::research},
    {"analyze", model::TaskKind::analysis},
    {"analyse", model::TaskKind::analysis},
    {"compare", model::TaskKind::analysis},
    {"evaluate", model::TaskKind::analysis},
    {"assess", model::TaskKind::analysis},
    {"review", model::TaskKind::analysis},
    {"benchmark", model::TaskKind::analysis},
    {"document", model::TaskKind::documentation},
    {"write", model::TaskKind::documentation},
    {"summarize", model::TaskKind::documentation},
    {"summarise", model::TaskKind::documentation},
    {"describe", model::TaskKind::documentation},
    {"draft", model::TaskKind::documentation},
}};

// ---- count_items ----

// Splits into sentences (rule 1 of count_items): at brackets and at . ! ?
// followed by white space or the end.
std::vector<std::string_view> sentences(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t begin = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    bool cut = c == '(' || c == ')' || c == '[' || c == ']';
    if (c == '.' || c == '!' || c == '?') {
      cut = i + 1 == text.size() || is_ascii_space(text[i + 1]);
    }
    if (cut) {
      out.push_back(text.substr(begin, i - begin));
      begin = i + 1;
    }
  }
  out.push_back(text.substr(begin));
  return out;
}

std::vector<std::string_view> split_at(std::string_view text, char sep) {
  std::vector<std::string_view> out;
  std::size_t begin = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == sep) {
      out.push_back(text.substr(begin, i - begin));
      begin = i + 1;
    }
  }
  return out;
}

// The words of a part, lower-cased: runs of ASCII letters and digits; '&' is a
// word of its own.
std::vector<std::string> words(std::string_view part) {
  std::vector<std::string> out;
  std::string word;
  for (char c : part) {
    if (is_ascii_letter(c) || is_ascii_digit(c)) {
      word += lower(c);
      continue;
    }
    if (!word.empty()) out.push_back(std::move(word));
    word.clear();
    if (c == '&') out.emplace_back("&");
  }
  if (!word.empty()) out.push_back(std::move(word));
  return out;
}

bool is_conjunction(const std::string& word) {
  return word == "and" || word == "or" || word == "&";
}

// Parts that hold no item of their own: empty, or only "etc", "e.g.", "i.e.".
bool is_filler(const std::vector<std::string>& part_words) {
  if (part_words.empty()) return true;
  if (part_words.size() == 1) return part_words[0] == "etc";
  if (part_words.size() == 2) {
    return (part_words[0] == "e" && part_words[1] == "g") ||
           (part_words[0] == "i" && part_words[1] == "e");
  }
  return false;
}

// Splits a clause at commas (rule 2) into the words of each part that holds
// an item.
std::vector<std::vector<std::string>> comma_parts(std::string_view clause) {
  std::vector<std::vector<std::string>> parts;
  std::size_t begin = 0;
  auto flush = [&](std::size_t end) {
    auto part_words = words(clause.substr(begin, end - begin));
    if (!is_filler(part_words)) parts.push_back(std::move(part_words));
  };
  for (std::size_t i = 0; i < clause.size(); ++i) {
    std::size_t width = 0;
    if (clause[i] == ',') {
      const bool in_number = i > 0 && i + 1 < clause.size() && is_ascii_digit(clause[i - 1]) &&
                             is_ascii_digit(clause[i + 1]);
      if (!in_number) width = 1;
    } else if (clause.substr(i, 3) == "\xEF\xBC\x8C" || clause.substr(i, 3) == "\xE3\x80\x81") {
      width = 3;  // U+FF0C FULLWIDTH COMMA, U+3001 IDEOGRAPHIC COMMA
    }
    if (width == 0) continue;
    flush(i);
    begin = i + width;
    i += width - 1;
  }
  flush(clause.size());
  return parts;
}

// Rule 3 of count_items.
std::size_t clause_items(std::string_view clause) {
  const auto parts = comma_parts(clause);
  const std::size_t n = parts.size();
  if (n == 0) return 1;
  const auto& last = parts.back();
  const bool starts_with_conjunction = is_conjunction(last.front());
  const bool has_inner_conjunction = std::any_of(last.begin() + 1, last.end(), is_conjunction);
  if (n >= 2) {
    if (starts_with_conjunction) return n;
    if (has_inner_conjunction) return n + 1;
    return n >= 3 ? n : 1;
  }
  return !starts_with_conjunction && has_inner_conjunction ? 2 : 1;
}

double base_hours(model::TaskKind kind, const Model& model) {
  switch (kind) {
    case model::TaskKind::research:
      return model.research;
    case model::TaskKind::analysis:
      return model.analysis;
    case model::TaskKind::documentation:
      return model.documentation;
    case model::TaskKind::other:
      break;
  }
  return model.other;
}

}  // namespace

model::TaskKind classify(std::string_view prompt) {
  const std::string word = leading_word(prompt);
  for (const Verb& verb : k_verbs) {
    if (word == verb.word) return verb.kind;
  }
  return model::TaskKind::other;
}

std::size_t count_items(std::string_view prompt) {
  std::size_t most = 1;
  for (std::string_view sentence : sentences(prompt)) {
    const auto segments = split_at(sentence, ':');
    for (std::size_t s = 0; s < segments.size(); ++s) {
      const auto clauses = split_at(segments[s], ';');
      if (s > 0) {  // "…: A; B; C", as nested list items are joined
        const auto listed = std::count_if(clauses.begin(), clauses.end(),
                                          [](auto clause) { return !is_filler(words(clause)); });
        most = std::max(most, static_cast<std::size_t>(listed));
      }
      for (std::string_view clause : clauses) most = std::max(most, clause_items(clause));
    }
  }
  return most;
}

model::Estimate estimate(std::string_view prompt, const Model& model) {
  const std::size_t items = count_items(prompt);
  const std::size_t extra = items > model.free_items ? items - model.free_items : 0;
  model::Estimate e;
  const model::TaskKind kind = classify(prompt);
  e.likely = base_hours(kind, model) + model.per_extra_item * static_cast<double>(extra);
  e.hours = e.likely;
  e.optimistic = e.likely * model.optimistic_of(kind);
  e.pessimistic = e.likely * model.pessimistic_of(kind);
  e.manual = false;
  return e;
}

}  // namespace rplan::estimate
