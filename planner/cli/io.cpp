#include "planner/cli/io.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <map>

#include "planner/estimate/estimator.hpp"
#include "planner/parse/topic_parser.hpp"
#include "planner/util/error.hpp"

namespace rplan::cli {

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

std::vector<model::ParsedDocument> read_documents(const std::vector<std::string>& files,
                                                  const estimate::Model& estimates) {
  auto docs = parse_documents(files);
  estimate_documents(docs, estimates);
  return docs;
}

std::vector<model::ParsedDocument> parse_documents(const std::vector<std::string>& files) {
  std::vector<model::ParsedDocument> docs;
  std::vector<Diagnostic> problems;
  std::map<std::string, std::string> names;  // document name -> first path
  for (const auto& file : files) {
    const std::string text = read_text_file(file);
    try {
      docs.push_back(parse::parse_topics(text, file));
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

EstimateWork::EstimateWork(std::vector<model::ParsedDocument>& docs,
                           const estimate::Model& estimates)
    : m_estimates(estimates) {
  for (auto& doc : docs) {
    for (std::size_t first = 0; first < doc.topics.size(); first += k_chunk) {
      m_chunks.push_back({&doc, first, std::min(first + k_chunk, doc.topics.size())});
    }
  }
}

void EstimateWork::work() {
  for (std::size_t i = m_next++; i < m_chunks.size(); i = m_next++) {
    const Chunk& c = m_chunks[i];
    for (std::size_t t = c.first; t < c.last; ++t) {
      for (auto& prompt : c.doc->topics[t].prompts) {
        prompt.kind = estimate::classify(prompt.text);
        prompt.estimate = estimate::estimate(prompt.text, m_estimates);
      }
    }
  }
}

void estimate_documents(std::vector<model::ParsedDocument>& docs,
                        const estimate::Model& estimates) {
  EstimateWork(docs, estimates).work();
}

std::vector<model::Assignee> current_team(const fs::path& db) {
  std::error_code ec;
  if (!fs::exists(db, ec)) return {};
  return store::Store(db, store::Access::read_only).team();
}

void print_import_reports(const std::vector<store::ImportReport>& reports, std::ostream& out) {
  for (const auto& r : reports) {
    out << r.document << ": " << r.added << " added, " << r.updated << " updated, " << r.unchanged
        << " unchanged, " << r.removed << " removed";
    std::vector<std::string> topics;
    if (r.topics_added > 0) topics.push_back(std::to_string(r.topics_added) + " new");
    if (r.topics_archived > 0) topics.push_back(std::to_string(r.topics_archived) + " archived");
    if (r.topics_restored > 0) topics.push_back(std::to_string(r.topics_restored) + " restored");
    if (!topics.empty()) {
      out << " (topics: ";
      for (std::size_t i = 0; i < topics.size(); ++i) out << (i ? ", " : "") << topics[i];
      out << ")";
    }
    out << "\n";
  }
}

std::string local_time(const model::WorkBlock& b, bool end) {
  const int minute = b.start_minute + (end ? b.minutes : 0);
  const model::Date day = b.date + std::chrono::days{minute / 1440};
  return util::format_date(day) + " " + util::format_clock(minute % 1440);
}

}  // namespace rplan::cli
