#include "planner/parse/label_reader.hpp"

#include <string>

#include "planner/util/text.hpp"

namespace rplan::parse {
namespace {

enum class Label { none, focus, prompts, skills };

// `text` is the bold text as written: "Research Focus", "research focus:".
Label label_named(std::string_view text) {
  std::string name = util::to_lower_ascii(text);
  if (name.ends_with(':')) {
    std::string_view before_colon = name;
    before_colon.remove_suffix(1);
    name = std::string(util::trim(before_colon));
  }
  if (name == "research focus") return Label::focus;
  if (name == "research prompts") return Label::prompts;
  if (name == "skills") return Label::skills;
  return Label::none;
}

}  // namespace

bool is_label_name(std::string_view text) { return label_named(text) != Label::none; }

void LabelReader::begin(TextBuilder* focus, TextBuilder* skills) {
  m_focus = focus;
  m_skills = skills;
  m_target = nullptr;
  m_line_blank = true;
  m_span_depth = 0;
  m_in_candidate = false;
  m_colon_pending = false;
  m_has_prompts_label = false;
  m_prompts_label_line = 0;
}

void LabelReader::enter_span(MD_SPANTYPE type) {
  if (type == MD_SPAN_STRONG && m_span_depth == 0 && m_line_blank) {
    m_in_candidate = true;
    m_candidate.clear();
    m_candidate_line = 0;
  }
  ++m_span_depth;
}

void LabelReader::leave_span() {
  --m_span_depth;
  if (m_in_candidate && m_span_depth == 0) end_candidate();
}

void LabelReader::end() {
  if (m_in_candidate) end_candidate();
}

// A bold span opened the line: a label, or else ordinary text of whatever
// value the line continues.
void LabelReader::end_candidate() {
  m_in_candidate = false;
  m_line_blank = false;
  const std::string& bold = m_candidate.text();
  const Label label = label_named(bold);
  if (label == Label::none) {
    if (m_target != nullptr) m_target->append(bold);
    return;
  }
  m_colon_pending = !bold.ends_with(':');
  m_target = nullptr;
  switch (label) {
    case Label::prompts:
      if (!m_has_prompts_label) m_prompts_label_line = m_candidate_line;
      m_has_prompts_label = true;
      break;
    case Label::focus:
      m_target = m_focus;
      if (m_target != nullptr) m_target->space();
      break;
    case Label::skills:
      m_target = m_skills;
      if (m_target != nullptr) m_target->separator(",");
      break;
    case Label::none:
      break;
  }
}

void LabelReader::text(MD_TEXTTYPE type, const char* data, MD_SIZE size) {
  std::string_view piece(data, size);
  if (type == MD_TEXT_SOFTBR || type == MD_TEXT_BR) {
    if (m_in_candidate) {
      m_candidate.space();
      return;
    }
    m_line_blank = true;
    m_colon_pending = false;
    if (m_target != nullptr) m_target->space();
    return;
  }
  if (m_in_candidate) {
    if (m_candidate_line == 0) m_candidate_line = m_lines.line_at(data);
    append_inline(m_candidate, type, piece);
    return;
  }
  if (type == MD_TEXT_NORMAL && (m_colon_pending || m_line_blank)) {
    const std::size_t first = piece.find_first_not_of(" \t");
    if (first == std::string_view::npos) return;  // white space only: the line state is unchanged
    if (m_colon_pending && piece[first] == ':') piece.remove_prefix(first + 1);
  }
  m_colon_pending = false;
  m_line_blank = false;
  if (m_target != nullptr) append_inline(*m_target, type, piece);
}

}  // namespace rplan::parse
