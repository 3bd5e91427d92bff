#include "planner/parse/topic_parser.hpp"

#include "planner/parse/md4c_driver.hpp"

#include <md4c.h>

#include <algorithm>
#include <charconv>
#include <exception>
#include <filesystem>
#include <limits>
#include <optional>
#include <unordered_map>
#include <utility>

#include "planner/parse/inline_text.hpp"
#include "planner/parse/label_reader.hpp"
#include "planner/parse/line_index.hpp"
#include "planner/util/error.hpp"
#include "planner/util/text.hpp"

// How it works: md4c walks the document and calls back for every block, span
// and piece of text. TopicCollector is a small state machine over those calls.
// Only top-level blocks matter: a heading of level 2-4 opens a section, a
// paragraph may hold labels ("**Research Focus**: ..."), and the list right
// after a paragraph with a "Research Prompts" label holds the prompts. Nested
// content of a prompt item is written straight into the prompt's text in
// document order, so nothing here recurses and deep nesting costs no stack.
// md4c reports no positions, so lines come from the text pointers it passes,
// which point into our buffer.
namespace rplan::parse {
namespace {

constexpr std::string_view k_bom = "\xEF\xBB\xBF";
constexpr std::string_view k_no_topics =
    "no topics found: a topic is a heading (## to ####) followed by a **Research Prompts**: list";

// Which top-level block the text callbacks currently belong to.
enum class Context { none, heading, paragraph, prompts };

// "1. Title", "1) Title" -> {1, "Title"}; anything else is all title. A
// number with nothing after it stays the title ("### 2024.").
std::pair<std::optional<int>, std::string> split_number(const std::string& heading) {
  std::size_t digits = 0;
  while (digits < heading.size() && heading[digits] >= '0' && heading[digits] <= '9') ++digits;
  if (digits == 0 || digits > 9 || digits + 2 >= heading.size()) return {std::nullopt, heading};
  const char mark = heading[digits];
  if ((mark != '.' && mark != ')') || heading[digits + 1] != ' ') return {std::nullopt, heading};
  int number = 0;
  std::from_chars(heading.data(), heading.data() + digits, number);  // at most 9 digits: fits
  return {number, heading.substr(digits + 2)};
}

// "Database, security,, API" -> {"database", "security", "api"}: lower-cased,
// trimmed, empty parts and repeats dropped.
std::vector<std::string> split_skills(std::string_view text) {
  std::vector<std::string> skills;
  for (const std::string& part : util::split(text, ',')) {
    std::string skill = util::to_lower_ascii(part);
    if (std::find(skills.begin(), skills.end(), skill) == skills.end()) {
      skills.push_back(std::move(skill));
    }
  }
  return skills;
}

// A line's text without its line ending.
std::string_view line_text(const LineIndex& lines, int line) {
  std::string_view text =
      lines.text().substr(lines.start_of(line), lines.end_of(line) - lines.start_of(line));
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

// The number of a "3." or "3)" list marker that opens `text` (after its
// indentation), followed by a space or the end of the line; nullopt if none.
std::optional<int> ordered_marker(std::string_view text) {
  text = util::trim(text);
  std::size_t digits = 0;
  while (digits < text.size() && digits < 9 && text[digits] >= '0' && text[digits] <= '9') {
    ++digits;
  }
  if (digits == 0 || digits >= text.size() || (text[digits] != '.' && text[digits] != ')')) {
    return std::nullopt;
  }
  if (digits + 1 < text.size() && text[digits + 1] != ' ' && text[digits + 1] != '\t') {
    return std::nullopt;
  }
  return std::stoi(std::string(text.substr(0, digits)));
}

// What follows a prompts label that got no prompts, for its error: the
// first line of text after the label's line up to the next heading, and why
// it is not a list of prompts when that can be told (a numbered list that
// starts at another number than 1 cannot interrupt a paragraph in Markdown,
// so right under the label it reads as more of the label's paragraph).
std::string after_label(const LineIndex& lines, int label_line) {
  constexpr std::size_t k_shown = 40;  // code points of the line quoted
  bool blank_before = false;
  for (int line = label_line + 1; line <= lines.count(); ++line) {
    const std::string_view raw = line_text(lines, line);
    const std::string_view text = util::trim(raw);
    if (text.empty()) {
      blank_before = true;
      continue;
    }
    if (text.front() == '#') break;  // the next heading
    std::string quoted = util::collapse_whitespace(text);
    if (util::utf8_length(quoted) > k_shown) {
      std::size_t cut = 0;
      for (std::size_t n = 0; n < k_shown - 1; ++n) cut += util::decode_utf8(quoted, cut).length;
      quoted = quoted.substr(0, cut) + "\u2026";
    }
    const std::string found = "line " + std::to_string(line) + " reads \"" + quoted + "\"";
    if (const auto number = ordered_marker(text); number && *number != 1 && !blank_before) {
      return found + ", which Markdown reads as more text of the label's paragraph, not as a " +
             "list: a numbered list that starts at " + std::to_string(*number) +
             " needs a blank line above it (or start it at 1)";
    }
    if (raw.find_first_not_of(' ') >= 4 && raw.front() == ' ') {
      return found + ", indented by four spaces or more, which Markdown reads as code, not as " +
             "a list: indent the items less";
    }
    if (text.front() == '-' || text.front() == '*' || text.front() == '+' || ordered_marker(text)) {
      return found + ", a list whose items have no text (a comment is not text)";
    }
    return found + ", not a list of prompts (items starting with -, * or 1.)";
  }
  return "nothing follows it before the next heading; list the prompts under it as items "
         "starting with -, * or 1.";
}

class TopicCollector {
 public:
  // `lines` indexes the whole file (BOM included); md4c is given the part
  // after the BOM, so its pointers point into lines.text().
  TopicCollector(const std::string& path, const LineIndex& lines,
                 std::vector<Diagnostic>& diagnostics)
      : m_path(path), m_lines(lines), m_diagnostics(diagnostics), m_labels(lines) {}

  void enter_block(MD_BLOCKTYPE type, const void* detail);
  void leave_block(MD_BLOCKTYPE type);
  void enter_span(MD_SPANTYPE type);
  void leave_span();
  void text(MD_TEXTTYPE type, const char* data, MD_SIZE size);
  // Closes the last section and returns the topics, in document order.
  std::vector<model::ParsedTopic> finish();
  std::string title() const { return m_title; }

 private:
  // A heading of level 2-4 and what followed it up to the next such heading.
  struct Section {
    bool open = false;
    std::string heading;
    int line = 0;
    TextBuilder focus;
    TextBuilder skills;
    int prompts_label_line = 0;  // 0 while the section has no prompts label
    std::vector<model::ParsedPrompt> prompts;
  };

  void report(int line, std::string message) {
    m_diagnostics.push_back(Diagnostic{m_path, line, std::move(message)});
  }
  int item_line_at(const char* data) const;

  void start_top_level(MD_BLOCKTYPE type, const void* detail);
  void end_top_level();
  void open_section();
  void close_section();
  void report_duplicate_titles();
  void enter_in_prompts(MD_BLOCKTYPE type);
  void leave_in_prompts(MD_BLOCKTYPE type);
  void end_paragraph();

  const std::string& m_path;
  const LineIndex& m_lines;
  std::vector<Diagnostic>& m_diagnostics;

  std::vector<model::ParsedTopic> m_topics;
  std::string m_title;
  bool m_have_title = false;

  int m_depth = 0;  // open blocks, the document included
  Context m_context = Context::none;
  Section m_section;
  bool m_expect_prompts = false;  // the previous top-level block held a prompts label

  // Heading being read.
  unsigned m_heading_level = 0;
  int m_heading_line = 0;
  TextBuilder m_heading;

  LabelReader m_labels;  // the paragraph being read

  // Prompts list being read.
  int m_list_depth = 0;
  bool m_in_html_block = false;
  std::vector<int> m_child_counts;  // nested items seen so far, per open item
  TextBuilder m_prompt;
  int m_prompt_line = 0;
};

void TopicCollector::enter_block(MD_BLOCKTYPE type, const void* detail) {
  if (m_depth == 1) {
    start_top_level(type, detail);
  } else if (m_context == Context::prompts) {
    enter_in_prompts(type);
  }
  ++m_depth;
}

void TopicCollector::leave_block(MD_BLOCKTYPE type) {
  --m_depth;
  if (m_depth == 1) {
    end_top_level();
  } else if (m_context == Context::prompts && m_depth > 1) {
    leave_in_prompts(type);
  }
}

void TopicCollector::start_top_level(MD_BLOCKTYPE type, const void* detail) {
  const bool is_list = type == MD_BLOCK_UL || type == MD_BLOCK_OL;
  if (is_list && m_expect_prompts) {
    m_context = Context::prompts;
    m_list_depth = 1;
    return;
  }
  m_expect_prompts = false;
  m_context = Context::none;
  if (type == MD_BLOCK_H) {
    m_heading_level = static_cast<const MD_BLOCK_H_DETAIL*>(detail)->level;
    if (m_heading_level <= 4) close_section();
    m_context = Context::heading;
    m_heading.clear();
    m_heading_line = 0;
  } else if (type == MD_BLOCK_P) {
    m_context = Context::paragraph;
    if (m_section.open) {
      m_labels.begin(&m_section.focus, &m_section.skills);
    } else {
      m_labels.begin(nullptr, nullptr);
    }
  }
}

void TopicCollector::end_top_level() {
  if (m_context == Context::heading) {
    // "#### Research Prompts", or a label line underlined by "-" (which makes
    // it a heading), would otherwise lose a topic without a word.
    if (is_label_name(m_heading.text())) {
      report(m_heading_line, "heading \"" + m_heading.text() +
                                 "\" is not a label: write labels as bold text such as "
                                 "**Research Prompts**: (a \"-\" or \"=\" line under text makes a "
                                 "heading)");
    }
    if (m_heading_level == 1) {
      if (!m_have_title) m_title = m_heading.take();
      m_have_title = true;
    } else if (m_heading_level <= 4) {
      open_section();
    }
  } else if (m_context == Context::paragraph) {
    end_paragraph();
  }
  // A prompts list keeps m_expect_prompts: a list right after it (another
  // marker starts a new list in Markdown) continues the prompts.
  m_context = Context::none;
}

void TopicCollector::end_paragraph() {
  m_labels.end();
  if (!m_labels.has_prompts_label()) return;
  m_expect_prompts = true;
  if (!m_section.open) {
    report(m_labels.prompts_label_line(),
           "a **Research Prompts**: label must follow a topic heading (## to ####)");
  } else if (m_section.prompts_label_line == 0) {
    m_section.prompts_label_line = m_labels.prompts_label_line();
  }
}

void TopicCollector::open_section() {
  m_section.open = true;
  m_section.heading = m_heading.take();
  m_section.line = m_heading_line;
}

void TopicCollector::close_section() {
  Section& s = m_section;
  m_expect_prompts = false;
  if (!s.open) return;
  s.open = false;
  if (s.prompts_label_line == 0) {  // not a topic: Overview, Navigation, ...
    s.focus.clear();
    s.skills.clear();
    return;
  }
  model::ParsedTopic topic;
  auto [number, title] = split_number(s.heading);
  topic.number = number;
  topic.title = std::move(title);
  topic.line = s.line;
  topic.focus = s.focus.take();
  topic.skills = split_skills(s.skills.take());
  topic.prompts = std::move(s.prompts);
  s.prompts.clear();
  const int label_line = s.prompts_label_line;
  s.prompts_label_line = 0;

  if (topic.title.empty()) {
    report(label_line, "the topic heading above this **Research Prompts**: label has no title");
  } else if (topic.prompts.empty()) {
    report(label_line, "topic \"" + topic.title +
                           "\" has a **Research Prompts**: label but no prompts: " +
                           after_label(m_lines, label_line));
  }
  m_topics.push_back(std::move(topic));
}

// Titles are compared exactly (after trimming and whitespace collapsing):
// "Caching" and "caching" are two topics.
void TopicCollector::report_duplicate_titles() {
  std::unordered_map<std::string_view, int> first_lines;  // title -> line of its first topic
  first_lines.reserve(m_topics.size());
  for (const model::ParsedTopic& topic : m_topics) {
    if (topic.title.empty()) continue;
    const auto [it, inserted] = first_lines.emplace(topic.title, topic.line);
    if (!inserted) {
      report(topic.line, "two topics are titled \"" + topic.title + "\" (lines " +
                             std::to_string(it->second) + " and " + std::to_string(topic.line) +
                             ")");
    }
  }
}

// An item's marker and its first text share a line, except when the item
// starts with a blank line ("-" alone, content below): then only indentation
// (and blockquote '>') precedes the text, and the marker is on the line above.
int TopicCollector::item_line_at(const char* data) const {
  const int line = m_lines.line_at(data);
  if (line <= 1) return line;
  const char* const line_start = m_lines.text().data() + m_lines.start_of(line);
  for (const char* p = line_start; p < data; ++p) {
    if (*p != ' ' && *p != '\t' && *p != '>') return line;
  }
  return line - 1;
}

void TopicCollector::enter_in_prompts(MD_BLOCKTYPE type) {
  switch (type) {
    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
      ++m_list_depth;
      break;
    case MD_BLOCK_LI:
      if (m_list_depth == 1) {  // a prompt
        m_prompt.clear();
        m_prompt_line = 0;
        m_child_counts.assign(1, 0);
      } else {  // a nested item: appended to its prompt
        int& siblings = m_child_counts.back();
        if (siblings == 0) {
          m_prompt.separator(m_prompt.ends_with_colon() ? "" : ":");
        } else {
          m_prompt.separator(";");
        }
        ++siblings;
        m_child_counts.push_back(0);
      }
      break;
    case MD_BLOCK_HTML:
      m_in_html_block = true;
      break;
    default:
      m_prompt.space();
      break;
  }
}

void TopicCollector::leave_in_prompts(MD_BLOCKTYPE type) {
  switch (type) {
    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
      --m_list_depth;
      break;
    case MD_BLOCK_LI:
      if (m_child_counts.size() > 1) {
        m_child_counts.pop_back();
      } else if (!m_prompt.empty() && m_section.open) {
        model::ParsedPrompt& prompt = m_section.prompts.emplace_back();
        prompt.text = m_prompt.take();
        prompt.line = m_prompt_line;
      }
      break;
    case MD_BLOCK_HTML:
      m_in_html_block = false;
      break;
    default:
      m_prompt.space();
      break;
  }
}

void TopicCollector::enter_span(MD_SPANTYPE type) {
  if (m_context == Context::paragraph) m_labels.enter_span(type);
}

void TopicCollector::leave_span() {
  if (m_context == Context::paragraph) m_labels.leave_span();
}

void TopicCollector::text(MD_TEXTTYPE type, const char* data, MD_SIZE size) {
  const std::string_view piece(data, size);
  switch (m_context) {
    case Context::heading:
      if (m_heading_line == 0) m_heading_line = m_lines.line_at(data);
      append_inline(m_heading, type, piece);
      break;
    case Context::paragraph:
      m_labels.text(type, data, size);
      break;
    case Context::prompts:
      if (m_prompt_line == 0) m_prompt_line = item_line_at(data);
      if (!m_in_html_block) append_inline(m_prompt, type, piece);
      break;
    case Context::none:
      break;
  }
}

std::vector<model::ParsedTopic> TopicCollector::finish() {
  close_section();
  report_duplicate_titles();
  return std::move(m_topics);
}

}  // namespace

model::ParsedDocument parse_topics(std::string_view text, const std::string& path) {
  if (text.size() >= std::numeric_limits<MD_SIZE>::max()) {
    throw InputError(path + ": the document is too large (4 GiB or more)");
  }
  std::vector<Diagnostic> diagnostics;
  for (const InvalidUtf8& bad : find_invalid_utf8_lines(LineIndex(text))) {
    diagnostics.push_back(Diagnostic{
        path, bad.line, "invalid UTF-8 (byte " + std::to_string(bad.byte) + " of the line)"});
  }
  // The rest of the document is still read, for its other problems, from a
  // copy md4c can read safely (see valid_utf8_copy).
  const std::string valid = diagnostics.empty() ? std::string() : detail::valid_utf8_copy(text);
  if (!valid.empty()) text = valid;
  const LineIndex lines(text);

  const std::string_view markdown = text.starts_with(k_bom) ? text.substr(k_bom.size()) : text;
  TopicCollector collector(path, lines, diagnostics);
  detail::run_md4c(markdown, collector, path);

  model::ParsedDocument document;
  document.name = std::filesystem::path(path).filename().string();
  document.title = collector.title();
  document.topics = collector.finish();
  if (document.topics.empty()) diagnostics.push_back(Diagnostic{path, 0, std::string(k_no_topics)});
  if (!diagnostics.empty()) {
    // By line; whole-file problems (line 0) last, as a summary.
    std::stable_sort(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& a, const Diagnostic& b) {
                       return (a.line == 0 ? std::numeric_limits<int>::max() : a.line) <
                              (b.line == 0 ? std::numeric_limits<int>::max() : b.line);
                     });
    throw DiagnosticsError(std::move(diagnostics));
  }
  return document;
}

}  // namespace rplan::parse
