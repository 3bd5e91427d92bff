#pragma once

// Parsed documents for the store tests (temporary folders and file reading
// come from tests/support/files.hpp).

#include <string>
#include <utility>
#include <vector>

#include "planner/model/model.hpp"
#include "planner/util/dates.hpp"
#include "tests/support/files.hpp"

namespace rplan::testing {

// An instant written in RFC 3339 ("2026-12-07T09:00:00Z"); the text must be valid.
inline model::Instant at(const char* text) { return *util::parse_rfc3339(text); }

// A parsed document built by hand: topics of (title, prompts).
inline model::ParsedDocument document(
    const std::string& name,
    const std::vector<std::pair<std::string, std::vector<std::string>>>& topics) {
  model::ParsedDocument doc;
  doc.name = name;
  doc.title = "Test document";
  int line = 1;
  for (const auto& [title, prompts] : topics) {
    model::ParsedTopic t;
    t.title = title;
    t.line = line++;
    for (const auto& text : prompts) {
      model::ParsedPrompt p;
      p.text = text;
      p.line = line++;
      p.kind = text.rfind("Document", 0) == 0 ? model::TaskKind::documentation
                                              : model::TaskKind::research;
      p.estimate = {8, 6, 8, 12, false};
      t.prompts.push_back(p);
    }
    doc.topics.push_back(t);
  }
  return doc;
}

}  // namespace rplan::testing
