#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "planner/model/model.hpp"

namespace rplan::parse {

// The whole file as bytes; rplan::MissingInputError (exit 66) naming it when
// it is missing, a folder, or unreadable.
std::string read_text_file(const std::filesystem::path& path);

// Reads and parses topic documents (parse_topics; prompts not yet
// estimated). Every problem of every file is collected, then one
// DiagnosticsError (exit 65) carries them all; an unreadable file stops at
// once (exit 66). Two files with the same name (the documents' identity) are
// refused.
std::vector<model::ParsedDocument> parse_documents(const std::vector<std::filesystem::path>& files);

}  // namespace rplan::parse
