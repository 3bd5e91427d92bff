#pragma once

#include <string>
#include <string_view>

#include "planner/model/model.hpp"

namespace rplan::parse {

// Parses one topic document (the format of docs/topic-format.md) with md4c.
// `path` is how the file is named in diagnostics; the document's name (its
// identity) is path's file name without folders.
//
// A topic is a heading of level 2-4 followed by a "Research Prompts" label and
// a list; its optional "Research Focus" and "Skills" lines are kept. Headings
// without prompts (Overview, Navigation) are skipped. Throws
// rplan::DiagnosticsError carrying every problem found, each with its line:
// invalid UTF-8, no topics, two topics with one title, a prompts label with
// no items.
model::ParsedDocument parse_topics(std::string_view text, const std::string& path);

}  // namespace rplan::parse
