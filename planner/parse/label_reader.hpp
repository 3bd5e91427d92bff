#pragma once

#include <md4c.h>

#include <string_view>

#include "planner/parse/inline_text.hpp"
#include "planner/parse/line_index.hpp"

// Internal to parse/: the labels of a topic ("**Research Focus**: ...").
namespace rplan::parse {

// Whether `text` is a label name: "Research Focus", "research prompts:",
// "Skills" (any case, an optional colon at the end).
bool is_label_name(std::string_view text);

// Reads one paragraph's md4c spans and text, line by line. A line that opens
// with a bold span whose text is a label name ("Research Focus", "Research
// Prompts", "Skills"; any case; a colon inside the bold, right after it, or
// none) starts that label's value: the rest of the line and every following
// line of the paragraph up to the next label line, as plain text. Lines before
// the first label are prose and ignored; so is the value of a prompts label
// (the prompts are the list that follows).
class LabelReader {
 public:
  explicit LabelReader(const LineIndex& lines) : m_lines(lines) {}

  // Starts a paragraph. Focus and skills values are appended to `focus` and
  // `skills` (a space, resp. ", " apart from what they hold); pass nullptr
  // to ignore them (a paragraph outside any topic).
  void begin(TextBuilder* focus, TextBuilder* skills);
  void enter_span(MD_SPANTYPE type);
  void leave_span();
  void text(MD_TEXTTYPE type, const char* data, MD_SIZE size);
  void end();

  bool has_prompts_label() const { return m_has_prompts_label; }
  // The line of the paragraph's first prompts label.
  int prompts_label_line() const { return m_prompts_label_line; }

 private:
  void end_candidate();

  const LineIndex& m_lines;
  TextBuilder* m_focus = nullptr;
  TextBuilder* m_skills = nullptr;
  TextBuilder* m_target = nullptr;  // where the current label's value goes
  bool m_line_blank = true;         // nothing but white space so far on this line
  int m_span_depth = 0;
  bool m_in_candidate = false;  // inside a bold span that opened a line
  TextBuilder m_candidate;
  int m_candidate_line = 0;
  bool m_colon_pending = false;  // a label just ended without its colon
  bool m_has_prompts_label = false;
  int m_prompts_label_line = 0;
};

}  // namespace rplan::parse
