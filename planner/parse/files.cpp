#include "planner/parse/files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <map>

#include "planner/parse/topic_parser.hpp"
#include "planner/util/error.hpp"

namespace rplan::parse {

namespace fs = std::filesystem;

std::string read_text_file(const fs::path& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    throw MissingInputError("cannot read " + path.string() + ": it is a folder");
  }
  // POSIX calls, so that the reason printed is the one the failing call gave
  // (a failed std::ifstream need not set errno).
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw MissingInputError("cannot read " + path.string() + ": " + std::strerror(errno));
  std::string text;
  struct stat st {};
  if (::fstat(fd, &st) == 0 && st.st_size > 0) text.reserve(static_cast<std::size_t>(st.st_size));
  char buffer[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int err = errno;
      ::close(fd);
      throw MissingInputError("cannot read " + path.string() + ": " + std::strerror(err));
    }
    if (n == 0) break;
    text.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return text;
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
      docs.back().folder = fs::absolute(path).lexically_normal().parent_path().string();
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
