#include "planner/parse/files.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>

#include "planner/parse/topic_parser.hpp"
#include "planner/util/error.hpp"

namespace rplan::parse {

namespace fs = std::filesystem;

std::string read_text_file(const fs::path& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    throw MissingInputError("cannot read " + path.string() + ": it is a folder");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw MissingInputError("cannot read " + path.string() + ": " + std::strerror(errno));
  }
  std::ostringstream s;
  s << in.rdbuf();
  if (in.bad()) throw MissingInputError("cannot read " + path.string() + ": read failed");
  return s.str();
}

std::vector<model::ParsedDocument> parse_documents(const std::vector<fs::path>& files) {
  std::vector<model::ParsedDocument> docs;
  std::vector<Diagnostic> problems;
  std::map<std::string, std::string> names;  // document name -> first path
  for (const auto& path : files) {
    const std::string file = path.string();
    const std::string text = read_text_file(path);
    try {
      docs.push_back(parse_topics(text, file));
    } catch (const DiagnosticsError& e) {
      problems.insert(problems.end(), e.diagnostics().begin(), e.diagnostics().end());
      continue;
    }
    const auto [it, fresh] = names.emplace(docs.back().name, file);
    if (!fresh) {
      problems.push_back({file, 0,
                          "has the same file name as " + it->second +
                              "; a document is known by its file name, so rename one"});
    }
  }
  if (!problems.empty()) throw DiagnosticsError(std::move(problems));
  return docs;
}

}  // namespace rplan::parse
